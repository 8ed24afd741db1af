/**
 * Roots of RFC 9162 Merkle trees: all at once from a list of leaf hashes, or incrementally with
 * {@link TreeBuilder}, which keeps only the roots of the perfect subtrees that make up the tree so far.
 */
import { GatewayError } from '../errors.js';
import { HASH_SIZE, emptyRoot, nodeHash, requireHash } from './hash.js';

/**
 * RFC 9162 §2.1.1: the Merkle Tree Hash MTH(D[n]) of the given leaf hashes, computed level by level
 * (pairing neighbours and carrying an odd last node up unchanged, which yields the same tree as the
 * RFC's split at the largest power of two below n). Uses O(n) memory.
 */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return emptyRoot();
  const work: Uint8Array[] = leafHashes.slice();
  work.forEach((h, i) => requireHash(h, `leaf hash ${i}`));
  let width = work.length;
  while (width > 1) {
    let out = 0;
    for (let i = 0; i + 1 < width; i += 2) work[out++] = nodeHash(work[i]!, work[i + 1]!);
    if (width % 2 === 1) work[out++] = work[width - 1]!;
    width = out;
  }
  return Buffer.from(work[0]!);
}

/**
 * Computes the root of a growing tree in O(log n) memory: the "frontier" (compact range) of at most
 * log2(n) + 1 perfect subtree roots, one per set bit of the size. Appending costs one hash on average
 * and no allocation beyond the digests themselves.
 *
 * @example
 * const builder = new TreeBuilder();
 * for (const entry of entries) builder.append(leafHash(entry));
 * builder.root(); // the same as rootFromLeafHashes(entries.map(leafHash))
 */
export class TreeBuilder {
  #size = 0;
  /**
   * `frontier[level]` is the root of the perfect subtree of 2^level leaves while bit `level` of the
   * size is set. Level 0 is an owned buffer that is overwritten, so callers may reuse theirs.
   */
  readonly #frontier: Buffer[] = [Buffer.alloc(HASH_SIZE)];

  /** The number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /** Appends one leaf hash (32 bytes, see `leafHash`); throws `ledger.bad_input` otherwise. */
  append(hash: Uint8Array): void {
    requireHash(hash, 'leaf hash');
    if (this.#size >= Number.MAX_SAFE_INTEGER) {
      throw new GatewayError('ledger.bad_input', 'the tree cannot grow beyond 2^53 - 1 leaves');
    }
    const frontier = this.#frontier;
    let rest = this.#size;
    this.#size += 1;
    if (rest % 2 === 0) {
      frontier[0]!.set(hash);
      return;
    }
    // Merge the new leaf with every complete subtree of equal size to its left (a binary carry).
    let node = nodeHash(frontier[0]!, hash);
    let level = 1;
    rest = (rest - 1) / 2;
    while (rest % 2 === 1) {
      node = nodeHash(frontier[level]!, node);
      level += 1;
      rest = (rest - 1) / 2;
    }
    frontier[level] = node;
  }

  /** RFC 9162 §2.1.1: MTH of the leaves appended so far, folded from the smallest subtree up. */
  root(): Buffer {
    let rest = this.#size;
    if (rest === 0) return emptyRoot();
    let root: Buffer | undefined;
    for (let level = 0; rest > 0; level += 1) {
      if (rest % 2 === 1) {
        const subtree = this.#frontier[level]!;
        root = root === undefined ? subtree : nodeHash(subtree, root);
      }
      rest = Math.floor(rest / 2);
    }
    // When the size is a power of two the root is a frontier buffer itself: hand out a copy.
    return Buffer.from(root!);
  }
}
