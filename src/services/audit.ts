/**
 * Reading the ledger: checkpoints, entries, inclusion and consistency proofs (O(log n) node reads
 * from the stored perfect-subtree hashes, never a rebuild), and the export of docs/AUDIT.md. Used by
 * the audit API (own auditors) and, for proofs about messages both sides hold, by the peer API.
 */
import { digestsEqual, ledgerOrigin, publicKeyObject, type KeyRing } from '../crypto/index.js';
import { GatewayError } from '../errors.js';
import {
  consistencyProof,
  inclusionProof,
  noteVerifier,
  treeRoot,
  type LedgerExportSource,
  type SubtreeHashes,
} from '../ledger/index.js';
import type { CheckpointRow, LedgerRow, Store } from '../store/index.js';

/** Entries returned by one call at most. */
export const MAX_ENTRIES_PER_CALL = 1000;

/**
 * The store's perfect-subtree hashes as a proof source. The proof code asks for all the hashes of a
 * proof at once (in one tick); they are read in one store call, so a proof costs one query and one
 * turn of the store's queue instead of one per hash.
 */
export function storedSubtrees(store: Store): SubtreeHashes {
  type Wanted = {
    level: number;
    index: number;
    resolve: (h: Uint8Array) => void;
    reject: (e: unknown) => void;
  };
  let wanted: Wanted[] = [];
  const read = async () => {
    const batch = wanted;
    wanted = [];
    try {
      const hashes = await store.ledgerNodes(batch.map(({ level, index }) => ({ level, index })));
      batch.forEach((w, i) => {
        const h = hashes[i];
        if (h) w.resolve(Buffer.from(h, 'base64url'));
        else
          w.reject(new GatewayError('ledger.tail_mismatch', `ledger node ${w.level}/${w.index} is missing`));
      });
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  };
  return {
    hash(level: number, index: number): Promise<Uint8Array> {
      return new Promise((resolve, reject) => {
        if (wanted.length === 0) queueMicrotask(() => void read());
        wanted.push({ level, index, resolve, reject });
      });
    },
  };
}

/** Rows read per query when streaming the ledger. */
const PAGE = 10_000;

/**
 * The ledger of the store as an export source (docs/AUDIT.md): the entries up to the size read now,
 * the checkpoints, and the ledger keys (the newest as `vkey`, older ones after rotation as `olderVkeys`).
 */
export async function storeExportSource(
  store: Store,
  fiu: string,
  ring: KeyRing,
): Promise<LedgerExportSource> {
  const name = ledgerOrigin(fiu);
  const vkeys = ring
    .ownPublicKeys()
    .filter((k) => k.use === 'ledger')
    .sort((a, b) => Date.parse(b.notBefore) - Date.parse(a.notBefore))
    .map((k) => noteVerifier({ name, publicKey: publicKeyObject(k) }).vkey);
  // The larger of the signed size and the stored rows: entries cut from the end must not shrink the
  // export to what is left (the last checkpoint then shows the cut).
  const latest = await store.latestCheckpoint();
  const size = Math.max(latest?.size ?? 0, await store.ledgerSize());
  return {
    origin: name,
    vkey: vkeys[0]!,
    olderVkeys: vkeys.slice(1),
    size,
    async *entries(start: number, end: number) {
      for (let from = start; from < end; from += PAGE)
        yield* await store.ledgerRange(from, Math.min(end, from + PAGE));
    },
    async *checkpoints() {
      for (let from = 0; ;) {
        const page = await store.listCheckpoints(from, 1000);
        for (const c of page) yield c.note;
        if (page.length < 1000) return;
        from = page.at(-1)!.size + 1;
      }
    },
  };
}

function notFound(what: string): GatewayError {
  return new GatewayError('exchange.not_found', what, { publicDetail: what });
}

/** Refuses a range or size outside the ledger (INVALID_ARGUMENT, saying what is allowed). */
function badRange(what: string): never {
  throw new GatewayError('ledger.bad_input', what, { publicDetail: what });
}

export class AuditService {
  private readonly nodes: SubtreeHashes;

  constructor(private readonly store: Store) {
    this.nodes = storedSubtrees(store);
  }

  async latestCheckpoint(): Promise<CheckpointRow> {
    const cp = await this.store.latestCheckpoint();
    if (!cp) throw notFound('the ledger is empty: no checkpoint yet');
    return cp;
  }

  /** Entries [start, end); the audit API checks the auditor role for every call. */
  async entries(start: number, end: number): Promise<LedgerRow[]> {
    const size = await this.store.ledgerSize();
    if (start < 0 || end < start || end > size)
      badRange(`entries [${start}, ${end}) outside the ledger of ${size}`);
    if (end - start > MAX_ENTRIES_PER_CALL) badRange(`at most ${MAX_ENTRIES_PER_CALL} entries per call`);
    return this.store.ledgerRange(start, end);
  }

  /** The inclusion proof of entry `index` (or of the leaf with hash `leafHash`) in the latest checkpoint. */
  async inclusion(by: { index: number } | { leafHash: Buffer }) {
    const cp = await this.latestCheckpoint();
    let index: number;
    if ('index' in by) {
      index = by.index;
    } else {
      const found = await this.store.findLeaf(by.leafHash.toString('base64url'));
      if (found === null) throw notFound('no ledger entry with this leaf hash');
      index = found;
    }
    if (!Number.isInteger(index) || index < 0 || index >= cp.size) {
      badRange(`entry ${index} is not in the tree of size ${cp.size}`);
    }
    const [leaf, proof] = await Promise.all([
      this.nodes.hash(0, index),
      inclusionProof(this.nodes, index, cp.size),
    ]);
    return { index, treeSize: cp.size, leafHash: Buffer.from(leaf), proof, checkpoint: cp };
  }

  /** The consistency proof between two sizes, with both roots. */
  async consistency(size1: number, size2: number) {
    const size = await this.store.ledgerSize();
    if (!(
      Number.isInteger(size1) &&
      Number.isInteger(size2) &&
      0 < size1 &&
      size1 <= size2 &&
      size2 <= size
    )) {
      badRange(`sizes must satisfy 0 < size1 <= size2 <= ${size}`);
    }
    const [proof, root1, root2] = await Promise.all([
      consistencyProof(this.nodes, size1, size2),
      treeRoot(this.nodes, size1),
      treeRoot(this.nodes, size2),
    ]);
    return { proof, root1, root2 };
  }

  /**
   * For a partner: the entry that recorded a message exchanged with it, found by digest, and its
   * inclusion proof. Only messages from or to that partner are answered, so a partner learns nothing
   * about other partners' traffic.
   */
  async inclusionForPartner(partner: string, digest: string) {
    const message = await this.store.findMessageByDigest(digest);
    if (
      !message ||
      (message.fromFiu !== partner && message.toFiu !== partner) ||
      !digestsEqual(message.digest, digest)
    ) {
      throw notFound('no message with this digest was exchanged with you');
    }
    const proof = await this.inclusion({ index: message.ledgerIndex });
    const [row] = await this.store.ledgerRange(message.ledgerIndex, message.ledgerIndex + 1);
    return { ...proof, leaf: Buffer.from(row!.entry, 'utf8') };
  }
}
