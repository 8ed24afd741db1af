/**
 * The policy gate: asks the agreement in force whether a message may go out or come in, with the
 * partner's usage so far (read from the store: the day's requests from their counter, the last
 * minute's from the stored messages, so rate limits survive a restart; plus the requests allowed but
 * not yet committed in this process). Also turns a decision into its ledger event
 * and a refusal into the error the operator or partner receives.
 */
import { GatewayError } from '../errors.js';
import type { LedgerEvent, MessageRef } from '../ledger/index.js';
import {
  evaluate,
  type Decision,
  type InForce,
  type PolicyDirection,
  type PolicyMessage,
} from '../policy/index.js';
import type { Store } from '../store/index.js';
import type { AgreementService } from './agreements.js';
import { KeyedSerial } from './serial.js';

/** A decision, and the function that releases its rate-limit reservation once the message is committed or dropped. */
export interface GateResult {
  decision: Decision;
  release: () => void;
}

const MINUTE_MS = 60_000;

/** The UTC day of `now`, as the RFC 3339 time it starts. */
function dayStart(now: Date): string {
  return `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

/** A decision asked for and not yet made. */
interface Asked {
  message: PolicyMessage;
  now: Date;
  resolve: (r: GateResult) => void;
  reject: (e: unknown) => void;
}

export class PolicyGate {
  /** Requests allowed but not yet stored, per `direction:partner`. */
  private readonly reserved = new Map<string, number>();
  /** Decisions asked for per `direction:partner` and not yet started (see {@link decide}). */
  private readonly asked = new Map<string, Asked[]>();
  /** Groups of decisions per `direction:partner` run one at a time, so none reads usage another is changing. */
  private readonly serial = new KeyedSerial();

  constructor(private readonly d: { store: Store; agreements: AgreementService; graceMs: number }) {}

  /** The agreement in force with `partner`, or null. */
  inForce(partner: string): Promise<InForce | null> {
    return this.d.agreements.inForce(partner);
  }

  /**
   * Evaluates `message` under the agreement in force with `partner`. An allowed request holds a
   * rate-limit reservation until `release` is called (after its commit, or when it is dropped).
   *
   * Decisions about one partner and direction are made one group at a time: those asked for while a
   * group is being decided wait, and are then decided together with one read of the agreement and of
   * the usage, one after the other in the order asked, each counting the reservations of those before
   * it. That is the same as deciding them one at a time at the moment the group starts, except that the
   * usage windows start from the earliest `now` of the group (they count as much or more: never less).
   */
  decide(
    direction: PolicyDirection,
    partner: string,
    message: PolicyMessage,
    now: Date,
  ): Promise<GateResult> {
    const key = `${direction}:${partner}`;
    return new Promise((resolve, reject) => {
      const waiting = this.asked.get(key);
      if (waiting) {
        waiting.push({ message, now, resolve, reject });
        return;
      }
      this.asked.set(key, [{ message, now, resolve, reject }]);
      void this.serial.run(key, () => this.decideGroup(direction, partner, key));
    });
  }

  private async decideGroup(direction: PolicyDirection, partner: string, key: string): Promise<void> {
    const group = this.asked.get(key) ?? [];
    this.asked.delete(key);
    try {
      const inForce = await this.d.agreements.inForce(partner);
      const counting = inForce !== null && group.some((a) => a.message.type === 'request');
      const earliest = new Date(Math.min(...group.map((a) => a.now.getTime())));
      const stored = counting ? await this.usage(direction, partner, earliest) : { today: 0, lastMinute: 0 };
      for (const a of group) a.resolve(this.decideOne(inForce, a, direction, partner, key, stored));
    } catch (err) {
      for (const a of group) a.reject(err);
    }
  }

  private decideOne(
    inForce: InForce | null,
    { message, now }: Asked,
    direction: PolicyDirection,
    partner: string,
    key: string,
    stored: { today: number; lastMinute: number },
  ): GateResult {
    const counted = message.type === 'request' && inForce !== null;
    const pending = this.reserved.get(key) ?? 0;
    const usage = counted
      ? { today: stored.today + pending, lastMinute: stored.lastMinute + pending }
      : { today: 0, lastMinute: 0 };
    const decision = evaluate(inForce, message, { direction, partner, now, usage, graceMs: this.d.graceMs });
    if (!decision.allow || !counted) return { decision, release: () => undefined };
    this.reserved.set(key, pending + 1);
    let released = false;
    return {
      decision,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.reserved.get(key) ?? 1) - 1;
        if (left > 0) this.reserved.set(key, left);
        else this.reserved.delete(key);
      },
    };
  }

  /** Requests stored so far today and in the last minute (before `now`), in one query. */
  private usage(direction: PolicyDirection, partner: string, now: Date) {
    return this.d.store.messageUsage({
      direction: direction === 'incoming' ? 'in' : 'out',
      partner,
      day: dayStart(now),
      minute: new Date(now.getTime() - MINUTE_MS).toISOString(),
    });
  }
}

/** The `policy.decision` ledger event of a decision about `message` (ids and digest only). */
export function decisionEvent(
  decision: Decision,
  direction: PolicyDirection,
  partner: string,
  message: Partial<MessageRef>,
): Extract<LedgerEvent, { event: 'policy.decision' }> {
  return {
    event: 'policy.decision',
    direction,
    partner,
    message,
    agreement: decision.agreement,
    allow: decision.allow,
    reasons: decision.reasons.map((r) => r.code),
    obligations: decision.obligations,
  };
}

/**
 * The error for a refused decision: the first reason's code (the status a partner receives follows
 * from it), and a text naming the agreement and every reason.
 */
export function refusalError(decision: Decision): GatewayError {
  const [first, ...more] = decision.reasons;
  if (!first) throw new Error('refusalError: the decision allows the message');
  const under = decision.agreement
    ? `agreement ${decision.agreement.id} version ${decision.agreement.version}: `
    : '';
  const also = more.length > 0 ? ` (also: ${more.map((r) => r.code).join(', ')})` : '';
  const detail = `${under}${first.detail}${also}`;
  const all = decision.reasons.map((r) => `${r.code}: ${r.detail}`).join('; ');
  return new GatewayError(first.code, `refused by ${under || 'policy: '}${all}`, { publicDetail: detail });
}
