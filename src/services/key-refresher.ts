/**
 * The periodic refresh of partners' keys: every `intervalMs`, fetches each partner's signed key set
 * and registers its new keys (PartnerKeys, one partner at a time, behind any refresh an admin asked
 * for), so that a partner's rotated signing key is known here before the partner uses it, without
 * anyone running `fiugw partners refresh-keys`. The first pass runs shortly after start-up, after a
 * random delay, so that replicas and restarts do not all call the partners at once; a pass starts
 * again `intervalMs` after the previous one ended, so passes never overlap. A partner whose refresh
 * fails is logged (by PartnerKeys) and tried again at the next pass; the others go on.
 */
import type { Logger } from '../log.js';
import type { PartnerRefresh } from './partner-keys.js';

/** How the refresher waits: real timers in the gateway, a hand-driven fake in tests. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Node's timers, unref'd: a pending refresh never keeps the process alive. */
export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The first pass waits at least this long after start (or the interval, when shorter)... */
const FIRST_DELAY_MS = 10_000;
/** ...plus a random part of up to this long (or the interval, when shorter). */
const FIRST_JITTER_MS = 60_000;

export interface KeyRefresherOptions {
  /** Refreshes one partner (PartnerKeys.refreshBySystem); never throws for a partner's failure. */
  refresh: (partner: string) => Promise<PartnerRefresh>;
  /** The partners to refresh, read at every pass. */
  partners: () => string[];
  /** Between passes; 0 turns the refresher off. */
  intervalMs: number;
  log: Logger;
  timers?: Timers;
  /** In [0, 1): the random part of the first delay. */
  random?: () => number;
}

/** The periodic key refresh of one gateway; see the module comment. */
export class KeyRefresher {
  private running = false;
  private timer: unknown;
  private pass: Promise<PartnerRefresh[]> | null = null;
  private readonly timers: Timers;
  private readonly passes: Array<(results: PartnerRefresh[]) => void> = [];

  constructor(private readonly o: KeyRefresherOptions) {
    this.timers = o.timers ?? realTimers;
  }

  /** The wait before the first pass: a short delay and a random part, each at most the interval. */
  firstDelayMs(): number {
    const { intervalMs } = this.o;
    const random = (this.o.random ?? Math.random)();
    return Math.min(intervalMs, FIRST_DELAY_MS) + Math.floor(random * Math.min(intervalMs, FIRST_JITTER_MS));
  }

  /** Schedules the first pass (nothing when the interval is 0 or it runs already). */
  start(): void {
    if (this.running || this.o.intervalMs === 0) return;
    this.running = true;
    this.schedule(this.firstDelayMs());
  }

  /**
   * Stops: no pass starts any more, and the pass in flight stops after the partner it is refreshing;
   * resolves once it has. Nothing is left scheduled.
   */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    await this.pass?.catch(() => undefined);
  }

  /** Resolves with the results of the next pass that ends (tests, and waiting for a refresh). */
  nextPass(): Promise<PartnerRefresh[]> {
    return new Promise((resolve) => this.passes.push(resolve));
  }

  private schedule(ms: number): void {
    this.timer = this.timers.set(() => this.fire(), ms);
  }

  private fire(): void {
    this.timer = undefined;
    if (!this.running || this.pass) return;
    this.pass = this.runPass();
    const ended = (results: PartnerRefresh[] | null) => {
      this.pass = null;
      if (results) for (const notify of this.passes.splice(0)) notify(results);
      if (this.running && this.timer === undefined) this.schedule(this.o.intervalMs);
    };
    // Whatever the pass does, the next one is scheduled: a rejection (none is expected: runPass turns
    // each partner's failure into a result) is logged, never left unhandled.
    void this.pass.then(ended, () => {
      this.o.log.error('periodic key refresh: the pass failed', {});
      ended(null);
    });
  }

  /** One pass over the partners, one at a time; stops early when the refresher is stopped. */
  private async runPass(): Promise<PartnerRefresh[]> {
    const results: PartnerRefresh[] = [];
    for (const partner of this.o.partners()) {
      if (!this.running) break;
      try {
        results.push(await this.o.refresh(partner));
      } catch {
        // PartnerKeys turns every failure into a result; this is a last guard for the timer's sake.
        this.o.log.error('periodic key refresh: unexpected failure', { partner });
        results.push({ partner, ok: false, errorCode: 'internal.unexpected', learned: [] });
      }
    }
    const failed = results.filter((r) => !r.ok).map((r) => r.partner);
    const learned = results.reduce((n, r) => n + r.learned.length, 0);
    this.o.log.info('periodic key refresh done', {
      partners: results.length,
      learned,
      failed: failed.join(','),
    });
    return results;
  }
}
