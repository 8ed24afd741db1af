/**
 * The ledger sequencer: the one writer of the ledger of one database. Appends are batched (group
 * commit): jobs that arrive while a batch is being committed, or in the same tick, go into the next
 * batch, which is one transaction holding every job's entries and side effects (messages, cases),
 * the new Merkle nodes and a signed checkpoint of the new tree. A job resolves only after its commit.
 *
 * A job whose side effects fail would roll back the whole batch; the batch is then retried job by
 * job, so that one bad job fails alone.
 *
 * Replicas sharing one PostgreSQL database each run a sequencer. A batch transaction holds the store's
 * write lock (an advisory lock on PostgreSQL), so batches of different processes never interleave; a
 * batch that finds the ledger longer than its sequencer knew (another replica appended) first loads
 * the tree's edge at the new end, checked against the checkpoint stored there, and goes on from it.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../crypto/index.js';
import { GatewayError } from '../errors.js';
import { compactRange, Frontier } from '../ledger/frontier.js';
import { leafHash, parseCheckpoint, signCheckpoint, type LedgerEntry } from '../ledger/index.js';
import type { Logger } from '../log.js';
import { faultPoint } from './fault-points.js';
import type { CheckpointRow, Store, StoreTx } from '../store/index.js';

/** The latest signed state of the ledger. */
export interface LedgerHead {
  size: number;
  /** base64url root hash (the note itself has it in standard base64). */
  root: string;
  /** The signed checkpoint note. */
  note: string;
}

/**
 * One append: entries, and the work that must commit with them. A job without entries is work alone
 * that joins the next batch's transaction (group commit) without adding to the ledger.
 */
export interface AppendJob<T> {
  entries: LedgerEntry[];
  /** Runs inside the batch transaction, after the entries got their indexes. */
  work?: (tx: StoreTx, indexes: number[]) => Promise<T>;
  /** Runs inside the transaction after the checkpoint covering the entries was made. */
  seal?: (tx: StoreTx, value: T, head: LedgerHead) => Promise<void>;
}

interface Pending {
  job: AppendJob<unknown>;
  resolve: (r: { indexes: number[]; value: unknown; head: LedgerHead }) => void;
  reject: (e: unknown) => void;
}

export interface SequencerOptions {
  store: Store;
  /** The checkpoint origin and key name, e.g. `fiu-gateway/FIU-A`. */
  origin: string;
  ledgerKey: KeyObject;
  clock: () => Date;
  log: Logger;
  /** At most this many jobs in one batch. */
  maxBatch?: number;
}

const b64 = (h: Uint8Array) => Buffer.from(h).toString('base64url');

export class LedgerSequencer {
  private frontier = Frontier.empty();
  private head: LedgerHead | null = null;
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private readonly maxBatch: number;

  constructor(private readonly o: SequencerOptions) {
    this.maxBatch = o.maxBatch ?? 256;
  }

  /**
   * Loads the tree's edge from the store and checks the ledger tail against the last checkpoint: the
   * stored entries must hash to the stored nodes, and those to the checkpoint's root. Refuses to run on
   * a ledger that disagrees with its own checkpoint (`ledger.tail_mismatch`).
   */
  async init(): Promise<void> {
    const { store } = this.o;
    // In a transaction holding the write lock: no other replica appends between the reads.
    await store.transaction(async () => {
      const size = await store.ledgerSize();
      this.frontier = await this.loadFrontier(size);
      const latest = await store.latestCheckpoint();
      if (size === 0 && !latest) return;
      if (!latest)
        throw new GatewayError('ledger.tail_mismatch', `the ledger has ${size} entries but no checkpoint`);
      await this.checkTail(latest, size);
      this.head = { size: latest.size, root: latest.root, note: latest.note };
    });
  }

  /** The tree's edge at `size`, from the stored nodes (store reads: inside a transaction, in it). */
  private async loadFrontier(size: number): Promise<Frontier> {
    const hashes = await this.o.store.ledgerNodes(compactRange(size));
    if (hashes.some((h) => h === null)) {
      throw new GatewayError(
        'ledger.tail_mismatch',
        `the ledger has ${size} entries but its tree nodes are missing`,
      );
    }
    return Frontier.fromCompactRange(
      size,
      hashes.map((h) => Buffer.from(h!, 'base64url')),
    );
  }

  /**
   * Another process (a replica on the same database) appended up to `size`: the edge there, checked
   * against the checkpoint it stored at that size (signed with the same ledger key). Runs inside the
   * batch transaction, under the write lock.
   */
  private async catchUp(size: number): Promise<Frontier> {
    const frontier = await this.loadFrontier(size);
    const checkpoint = await this.o.store.checkpointAt(size);
    if (!checkpoint) {
      throw new GatewayError('ledger.tail_mismatch', `the ledger has ${size} entries but no checkpoint`);
    }
    await this.checkTail(checkpoint, size, frontier);
    return frontier;
  }

  /** The stored tail must match what the last checkpoint signed. */
  private async checkTail(latest: CheckpointRow, size: number, frontier = this.frontier): Promise<void> {
    if (latest.size !== size) {
      throw new GatewayError(
        'ledger.tail_mismatch',
        `the ledger has ${size} entries but its last checkpoint covers ${latest.size}`,
      );
    }
    const tail = await this.o.store.ledgerRange(Math.max(0, size - 1), size);
    const nodes = await this.o.store.ledgerNodes([{ level: 0, index: size - 1 }]);
    const stored = tail[0] && leafHash(Buffer.from(tail[0].entry, 'utf8')).toString('base64url');
    if (stored !== nodes[0]) {
      throw new GatewayError('ledger.tail_mismatch', `ledger entry ${size - 1} does not match its leaf hash`);
    }
    let signed;
    try {
      signed = parseCheckpoint(latest.note, {
        name: this.o.origin,
        publicKey: createPublicKey(this.o.ledgerKey),
      });
    } catch (err) {
      throw new GatewayError('ledger.tail_mismatch', `the last checkpoint's signature does not verify`, {
        cause: err,
      });
    }
    if (signed.size !== size || b64(signed.root) !== latest.root) {
      throw new GatewayError(
        'ledger.tail_mismatch',
        `the last checkpoint's signed note does not match its row`,
      );
    }
    if (b64(frontier.root()) !== latest.root) {
      throw new GatewayError(
        'ledger.tail_mismatch',
        `the tree of ${size} entries does not have the checkpoint's root`,
      );
    }
  }

  /** The latest checkpointed state, or null for an empty ledger. */
  latest(): LedgerHead | null {
    return this.head;
  }

  /** Resolves once every job appended so far has been committed or failed (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing || this.scheduled) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Appends a job's entries (with its work) in the next batch; resolves after the commit. */
  append<T>(job: AppendJob<T>): Promise<{ indexes: number[]; value: T; head: LedgerHead }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: job as AppendJob<unknown>, resolve: resolve as Pending['resolve'], reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      await this.commit(batch);
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
      } else {
        // One job spoiled the batch: commit each alone, so only the bad one fails.
        for (const p of batch) await this.commit([p]).catch((e: unknown) => p.reject(e));
      }
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  /** Commits one batch in one transaction; resolves its jobs only after the commit. */
  private async commit(batch: Pending[]): Promise<void> {
    let frontier = this.frontier.clone();
    const results = await this.o.store.transaction(async (tx) => {
      const done: Array<{ indexes: number[]; value: unknown }> = [];
      const nodes = [];
      // Every entry of the batch in one append (one statement per 500 entries), in job order.
      const texts = batch.map((p) => p.job.entries.map((e) => canonicalJson(e)));
      const all = await tx.appendLedger(texts.flat());
      // Another replica appended since this process last did: read its entries into the frontier.
      if (all.length > 0 && all[0]! > frontier.size) frontier = await this.catchUp(all[0]!);
      if (all.length > 0 && all[0] !== frontier.size) {
        throw new GatewayError(
          'ledger.tail_mismatch',
          `the ledger was written by someone else (index ${all[0]})`,
        );
      }
      let at = 0;
      for (const [i, p] of batch.entries()) {
        // A job without entries is side effects alone (e.g. a partner's checkpoint) on this commit.
        const indexes = all.slice(at, at + texts[i]!.length);
        at += indexes.length;
        for (const t of texts[i]!) {
          for (const n of frontier.append(leafHash(Buffer.from(t, 'utf8')))) {
            nodes.push({ level: n.level, index: n.index, hash: n.hash.toString('base64url') });
          }
        }
        done.push({ indexes, value: p.job.work ? await p.job.work(tx, indexes) : undefined });
      }
      faultPoint('sequencer.in_batch');
      await tx.putLedgerNodes(nodes);
      // A batch of side effects alone leaves the tree as it was: its checkpoint stands.
      const unchanged = this.head !== null && frontier.size === this.head.size;
      const head = unchanged ? this.head! : this.checkpoint(frontier);
      if (!unchanged) await tx.putCheckpoint({ ...head, createdAt: this.o.clock().toISOString() });
      for (const [i, p] of batch.entries()) await p.job.seal?.(tx, done[i]!.value, head);
      return { done, head };
    });
    this.frontier = frontier;
    this.head = results.head;
    batch.forEach((p, i) => p.resolve({ ...results.done[i]!, head: results.head }));
  }

  private checkpoint(frontier: Frontier): LedgerHead {
    const root = frontier.root();
    const note = signCheckpoint(
      { origin: this.o.origin, size: frontier.size, root },
      { name: this.o.origin, privateKey: this.o.ledgerKey },
    );
    return { size: frontier.size, root: b64(root), note };
  }
}
