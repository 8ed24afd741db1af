/**
 * One operation at a time on the database connection.
 *
 * Why: on SQLite, TypeORM shares ONE query runner (one connection) between all callers, and its
 * transactions nest ("nested" support): a second `dataSource.transaction()` started while the first is
 * awaiting becomes a SAVEPOINT inside it, and a plain read runs inside whatever transaction is open and
 * sees its uncommitted rows. Two ledger appends would then read the same max index, and a reader could
 * answer with a receipt whose transaction later rolls back. So every store operation queues here, and a
 * transaction holds the queue until it commits or rolls back.
 *
 * Code running inside a transaction (the `fn` given to `Store.transaction`) may still call the store's
 * read methods: they run at once, inside that transaction, instead of waiting for it (which would never
 * end). That is tracked with AsyncLocalStorage.
 *
 * On PostgreSQL every transaction has a connection of its own and the database isolates them, so the
 * queue is not needed: a non-serial Exclusive runs sections at once, but still tracks them (for `inside`
 * and `drain`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Marks the async context of one running exclusive section. */
interface Holder {
  active: boolean;
}

/** A FIFO queue that runs one section at a time (or, not serial, tracks sections that run at once). */
export class Exclusive {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly context = new AsyncLocalStorage<Holder>();
  private readonly running = new Set<Promise<unknown>>();

  /** @param serial false: run sections at once instead of one after the other. */
  constructor(private readonly serial = true) {}

  /** True when called from inside a running section (its own async context, while it runs). */
  get inside(): boolean {
    return this.context.getStore()?.active === true;
  }

  /** Runs `fn` after every section queued before it; runs it at once when already inside a section. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inside) return fn();
    const holder: Holder = { active: true };
    const section = () =>
      this.context.run(holder, async () => {
        try {
          return await fn();
        } finally {
          // Work that fn left running must not keep bypassing the queue after the section ends.
          holder.active = false;
        }
      });
    if (!this.serial) {
      const result = section();
      const settled = result.catch(() => undefined);
      this.running.add(settled);
      void settled.then(() => this.running.delete(settled));
      return result;
    }
    const result = this.tail.then(section);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every section queued (or started) so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
