/**
 * The outbox dispatcher: runs in the gateway process, claims due items from the store
 * (`Store.claimDue`, the one place that decides who delivers what, so that replicas sharing a
 * database never deliver one item twice at once), runs their attempts with bounded concurrency, and
 * looks again every `pollMs` or at once when kicked (a new submission, an operator's retry).
 *
 * A submission can also be handed over directly (`reserve`): when a slot is free, the submission
 * commits its item already claimed by this dispatcher (what a claim would have written), and its
 * attempt starts with the sealed message in memory: no claim transaction, no read of the message.
 *
 * Items survive restarts in the store: queued ones are simply due; one that was delivering when its
 * process died (claimed or handed over) is claimed again once its lease runs out.
 */
import { runWithCorrelation } from '../observability/correlation.js';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { toGatewayError } from '../errors.js';
import type { Logger } from '../log.js';
import type { MessageRecord, OutboxItem, Store } from '../store/index.js';
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

/** The columns of an item committed already claimed by a dispatcher: what `Store.claimDue` writes. */
export type Claim = Pick<OutboxItem, 'state' | 'attempts' | 'claimedBy' | 'leaseUntil'>;

/** A delivery slot held for a submission while it commits; see {@link OutboxDispatcher.reserve}. */
export interface Handoff {
  /** The claim to commit with the new item, its lease counted from `now`. */
  claim(now: Date): Claim;
  /**
   * Starts the attempt of the item as committed (with the claim), on the message as committed. When
   * the dispatcher stopped meanwhile, starts nothing: the item's lease runs out and it is claimed again.
   */
  start(item: OutboxItem, record: MessageRecord): void;
  /** Gives the slot back unused (the commit failed). */
  release(): void;
}

export class OutboxDispatcher {
  /** This dispatcher's name in `claimed_by`: host, process and a random part (unique per start). */
  readonly owner = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private running = false;
  private passing = false;
  private again = false;
  /** Slots held by submissions that are committing (see reserve). */
  private reserved = 0;
  /**
   * Due items may be waiting in the store (not looked yet, or the last look filled every free slot):
   * no hand-over then, so that they are not overtaken.
   */
  private backlog = true;
  /**
   * A submission was queued for want of a free slot since the last look: no hand-over either until
   * the next look has claimed it.
   */
  private queuedMeanwhile = false;
  private timer: NodeJS.Timeout | undefined;
  /** Attempts in flight, with the message id of each. */
  private readonly inFlight = new Map<Promise<void>, string>();
  private readonly waiters = new Map<string, Waiter[]>();

  constructor(private readonly o: DispatcherOptions) {}

  /** Starts looking for due items (at once, then every pollMs). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.backlog = true;
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

  /**
   * Holds a slot for a submission about to commit its outbox item, or null (not running, no free slot,
   * or items known to wait in the queue: then the item is queued and claimed as usual). Items that
   * become due while every slot is taken (a retry, a lease run out) are found by the next look. The holder commits the item
   * with `claim(now)` and then calls `start`, or `release` when the commit failed.
   */
  reserve(): Handoff | null {
    if (!this.running) return null;
    if (this.backlog || this.queuedMeanwhile || this.inFlight.size + this.reserved >= this.o.concurrency) {
      this.queuedMeanwhile = true;
      return null;
    }
    this.reserved++;
    let held = true;
    const give = (): boolean => {
      if (!held) return false;
      held = false;
      this.reserved--;
      return true;
    };
    return {
      claim: (now) => ({
        state: 'delivering',
        attempts: 1,
        claimedBy: this.owner,
        leaseUntil: new Date(now.getTime() + this.o.leaseMs).toISOString(),
      }),
      start: (item, record) => {
        if (give() && this.running) this.track(item, record);
      },
      release: () => {
        // The slot is free again: a submission queued for want of it need not wait for the next poll.
        if (give() && this.queuedMeanwhile) this.kick();
      },
    };
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
    this.queuedMeanwhile = false;
    let full = false;
    try {
      const free = this.o.concurrency - this.inFlight.size - this.reserved;
      if (free > 0) {
        const now = this.o.clock();
        const items = await this.o.store.claimDue(now, free, this.owner, this.o.leaseMs);
        full = items.length === free;
        for (const item of items) this.track(item);
        // Every free slot taken: whether more wait decides if submissions may be handed over.
        this.backlog = full && (await this.o.store.anyDue(now));
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

  private track(item: OutboxItem, record?: MessageRecord): void {
    const run = this.run(item, record).finally(() => {
      this.inFlight.delete(run);
      // A slot is free: with due items waiting, look again now instead of at the next poll.
      if (this.running && (this.backlog || this.queuedMeanwhile)) this.kick();
    });
    this.inFlight.set(run, item.messageId);
  }

  private async run(item: OutboxItem, record?: MessageRecord): Promise<void> {
    let outcome: AttemptOutcome | null = null;
    try {
      // The message id is the exchange's correlation id: the partner's log lines carry it too.
      outcome = await runWithCorrelation(item.messageId, () =>
        this.o.delivery.attempt(item, this.owner, record),
      );
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
