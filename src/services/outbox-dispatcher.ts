/**
 * The outbox dispatcher: runs in the gateway process, claims due items from the store
 * (`Store.claimDue`, the one place that decides who delivers what, so that replicas sharing a
 * database never deliver one item twice at once), runs their attempts with bounded concurrency, and
 * looks again every `pollMs` or at once when kicked (a new submission, an operator's retry).
 *
 * Items survive restarts in the store: queued ones are simply due; one that was delivering when its
 * process died is claimed again once its lease runs out.
 */
import { runWithCorrelation } from '../observability/correlation.js';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { toGatewayError } from '../errors.js';
import type { Logger } from '../log.js';
import type { OutboxItem, Store } from '../store/index.js';
import type { AttemptOutcome, OutboxDelivery } from './outbox-delivery.js';

export interface DispatcherOptions {
  store: Store;
  delivery: Pick<OutboxDelivery, 'attempt'>;
  leaseMs: number;
  pollMs: number;
  concurrency: number;
  clock: () => Date;
  log: Logger;
}

type Waiter = (outcome: AttemptOutcome | null) => void;

export class OutboxDispatcher {
  /** This dispatcher's name in `claimed_by`: host, process and a random part (unique per start). */
  readonly owner = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private running = false;
  private passing = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  /** Attempts in flight, with the message id of each. */
  private readonly inFlight = new Map<Promise<void>, string>();
  private readonly waiters = new Map<string, Waiter[]>();

  constructor(private readonly o: DispatcherOptions) {}

  /** Starts looking for due items (at once, then every pollMs). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Looks for due items now (after a submission or an operator's retry). */
  kick(): void {
    if (this.running) this.schedule(0);
  }

  /**
   * Resolves with the outcome of the next attempt of message `messageId`, or null when none ends within
   * `ms` (or the dispatcher stops first, or is not running: then at once).
   */
  nextOutcome(messageId: string, ms: number): Promise<AttemptOutcome | null> {
    if (!this.running) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), ms);
      const done: Waiter = (outcome) => {
        clearTimeout(timer);
        const list = this.waiters.get(messageId)?.filter((w) => w !== done) ?? [];
        if (list.length) this.waiters.set(messageId, list);
        else this.waiters.delete(messageId);
        resolve(outcome);
      };
      this.waiters.set(messageId, [...(this.waiters.get(messageId) ?? []), done]);
    });
  }

  /**
   * Stops claiming and waits up to `drainMs` for the attempts in flight; resolves to true when they
   * all ended. Waiters on an attempt in flight get its outcome; the others (and any left when the wait
   * ends) get null at once. An attempt still running keeps its claim until its lease runs out, and is
   * then taken up again (by this gateway after a restart, or by another replica).
   */
  async stop(drainMs: number): Promise<boolean> {
    this.running = false;
    clearTimeout(this.timer);
    const flying = new Set(this.inFlight.values());
    const answerNull = (keep: (id: string) => boolean) => {
      for (const [id, list] of [...this.waiters.entries()]) if (!keep(id)) for (const w of list) w(null);
    };
    answerNull((id) => flying.has(id));
    if (this.inFlight.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.allSettled([...this.inFlight.keys()]).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), drainMs))),
    ]);
    clearTimeout(timer);
    answerNull(() => false);
    return drained;
  }

  /** Deliveries in flight right now. */
  get busy(): number {
    return this.inFlight.size;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pass(), ms);
    this.timer.unref();
  }

  /** One look: claim what is due (as many as there are free slots) and start their attempts. */
  private async pass(): Promise<void> {
    if (!this.running) return;
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = true;
    let full = false;
    try {
      const free = this.o.concurrency - this.inFlight.size;
      if (free > 0) {
        const items = await this.o.store.claimDue(this.o.clock(), free, this.owner, this.o.leaseMs);
        full = items.length === free;
        for (const item of items) this.track(item);
      }
    } catch (err) {
      const e = toGatewayError(err, 'internal.unexpected', 'claiming outbox items failed');
      this.o.log.error('outbox: claiming failed', { code: e.code, reason: e.message });
    } finally {
      this.passing = false;
      if (this.running) this.schedule(this.again || full ? 0 : this.o.pollMs);
      this.again = false;
    }
  }

  private track(item: OutboxItem): void {
    const run = this.run(item).finally(() => {
      this.inFlight.delete(run);
      // A slot is free: with a backlog waiting, look again now instead of at the next poll.
      if (this.running && this.inFlight.size === this.o.concurrency - 1) this.kick();
    });
    this.inFlight.set(run, item.messageId);
  }

  private async run(item: OutboxItem): Promise<void> {
    let outcome: AttemptOutcome | null = null;
    try {
      // The message id is the exchange's correlation id: the partner's log lines carry it too.
      outcome = await runWithCorrelation(item.messageId, () => this.o.delivery.attempt(item, this.owner));
    } catch (err) {
      // Recording failed (the store, or the claim was lost): the lease brings the item back.
      const e = toGatewayError(err, 'internal.unexpected', 'delivery attempt failed');
      this.o.log.error('outbox: attempt not recorded', {
        id: item.messageId,
        code: e.code,
        reason: e.message,
      });
    }
    for (const w of this.waiters.get(item.messageId) ?? []) w(outcome);
  }
}
