/**
 * Prometheus metrics of one gateway, in a registry of its own (never prom-client's global one), so two
 * gateways in one process keep separate counts. Label values come from bounded sets only: registered
 * partner ids (else `unknown`), message types, outcomes and error codes.
 *
 * Names (docs/OPERATIONS.md, "Health, metrics and logs"):
 * - `fiugw_deliveries_total{direction,partner,type,outcome}` and
 *   `fiugw_delivery_duration_seconds{direction,partner,type,outcome}`;
 * - `fiugw_refusals_total{direction,code}`;
 * - `fiugw_ledger_entries`, `fiugw_ledger_checkpoint_age_seconds`;
 * - `fiugw_tls_certificate_expiry_days`;
 * - `fiugw_key_refreshes_total{partner,outcome}`;
 * - whatever other modules add with {@link GatewayMetrics.registerGauge} (outbox, cases).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { claimedType } from '../crypto/index.js';
import { toGatewayError } from '../errors.js';

/** `out`: this gateway delivered to a partner; `in`: a partner delivered to this gateway. */
export type Direction = 'in' | 'out';

/** `delivered` (receipt given or verified), `refused` (an error with a code), `failed` (no answer). */
export type Outcome = 'delivered' | 'refused' | 'failed';

/** A refresh of a partner's keys: new keys registered, nothing new, or refused or unreachable. */
export type KeyRefreshOutcome = 'learned' | 'unchanged' | 'failed';

/** One labelled value of a gauge registered with {@link GatewayMetrics.registerGauge}. */
export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

/** What a registered gauge reads at scrape time: one number, or labelled samples. */
export type GaugeReader = () => number | GaugeSample[] | Promise<number | GaugeSample[]>;

const LABELS = ['direction', 'partner', 'type', 'outcome'] as const;

/** The metrics of one gateway. */
export class GatewayMetrics {
  /** The gateway's own registry; `/metrics` serves it. */
  readonly registry = new Registry();
  private readonly deliveries: Counter<(typeof LABELS)[number]>;
  private readonly duration: Histogram<(typeof LABELS)[number]>;
  private readonly refusals: Counter<'direction' | 'code'>;
  private readonly keyRefreshes: Counter<'partner' | 'outcome'>;

  constructor(private readonly isPartner: (fiu: string) => boolean) {
    const registers = [this.registry];
    this.deliveries = new Counter({
      name: 'fiugw_deliveries_total',
      help: 'Deliveries of sealed messages, by direction, partner, message type and outcome',
      labelNames: LABELS,
      registers,
    });
    this.duration = new Histogram({
      name: 'fiugw_delivery_duration_seconds',
      help: 'Time to deliver a sealed message (out: until the receipt arrives; in: until it is sent)',
      labelNames: LABELS,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.refusals = new Counter({
      name: 'fiugw_refusals_total',
      help: 'Deliveries refused, by direction and error code (docs/PROTOCOL.md error codes)',
      labelNames: ['direction', 'code'],
      registers,
    });
    this.keyRefreshes = new Counter({
      name: 'fiugw_key_refreshes_total',
      help: "Refreshes of a partner's keys (periodic or asked by an admin), by partner and outcome",
      labelNames: ['partner', 'outcome'],
      registers,
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Adds a gauge read at every scrape (e.g. `fiugw_outbox_depth`). The reader must return real
   * values; a module that has none registers nothing.
   */
  registerGauge(name: string, help: string, read: GaugeReader, labelNames: readonly string[] = []): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        const value = await read();
        this.reset();
        if (typeof value === 'number') this.set(value);
        else for (const s of value) this.set(s.labels ?? {}, s.value);
      },
    });
  }

  /** Times `deliver` (a delivery of `sealed` to or from `partner`) and counts its outcome. */
  async observe<T>(
    direction: Direction,
    partner: string,
    sealed: string,
    deliver: () => Promise<T>,
  ): Promise<T> {
    const labels = { direction, partner: this.partnerLabel(partner), type: typeLabel(sealed) };
    const end = this.duration.startTimer();
    try {
      const result = await deliver();
      this.count({ ...labels, outcome: 'delivered' }, end);
      return result;
    } catch (err) {
      const error = toGatewayError(err, 'internal.unexpected', 'delivery failed');
      const outcome: Outcome = error.kind === 'unavailable' ? 'failed' : 'refused';
      this.count({ ...labels, outcome }, end);
      if (outcome === 'refused') this.refusals.inc({ direction, code: error.code });
      throw err;
    }
  }

  /** Counts one refresh of `partner`'s keys. */
  countKeyRefresh(partner: string, outcome: KeyRefreshOutcome): void {
    this.keyRefreshes.inc({ partner: this.partnerLabel(partner), outcome });
  }

  private count(labels: Record<(typeof LABELS)[number], string>, end: (l: typeof labels) => number): void {
    this.deliveries.inc(labels);
    end(labels);
  }

  private partnerLabel(fiu: string): string {
    return this.isPartner(fiu) ? fiu : 'unknown';
  }
}

/** The message type the envelope claims (a closed set), or `unknown` when unreadable. */
function typeLabel(sealed: string): string {
  return claimedType(sealed) ?? 'unknown';
}
