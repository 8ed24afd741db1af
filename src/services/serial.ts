/**
 * Running async work one task at a time, in the order it was asked for: for changes that must not
 * interleave (applying agreements, registering keys) and, per key, for decisions that must see each
 * other's effects (rate limits per partner, cross-checks per partner). A task that fails does not
 * stop the ones queued after it.
 */

/** One queue. */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every task queued before it; resolves or rejects as `fn` does. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One queue per key; a key's queue is forgotten once it is idle, so keys do not accumulate. */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `fn` after every task queued before it under `key`. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
