/**
 * Generation of RFC 9162 inclusion and consistency proofs over {@link SubtreeHashes}, a reader of
 * perfect-subtree hashes, so that storage can back it with O(log n) reads.
 *
 * Every hash in a proof is MTH of a range of leaves that is a node of the tree: either a perfect
 * subtree, or the partial subtree on the right edge. A proof is first planned as a list of such
 * ranges ({@link inclusionProofRanges}, {@link consistencyProofRanges}); each range is then split into
 * perfect subtrees ({@link subtreesOfRange}), all of which are read at once and folded.
 */
import { GatewayError } from '../errors.js';
import { emptyRoot, nodeHash, requireCount, requireHash } from './hash.js';

/**
 * A reader of perfect-subtree hashes: `hash(level, index)` is MTH of the 2^level leaves starting at
 * leaf `index * 2^level`, for a subtree that is complete in the tree being read. Level 0 gives the
 * leaf hashes themselves.
 */
export interface SubtreeHashes {
  hash(level: number, index: number): Promise<Uint8Array> | Uint8Array;
}

/** A perfect subtree: the 2^level leaves starting at leaf `index * 2^level`. */
export interface SubtreeRef {
  level: number;
  index: number;
}

/** The leaves `[start, end)`. */
export interface LeafRange {
  start: number;
  end: number;
}

/** The largest power of two strictly below `n` (n >= 2): the split point k of RFC 9162 §2.1.1. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Splits `[start, end)` into perfect subtrees, largest (leftmost) first. The range must be a node of
 * some tree: `start` a multiple of the smallest power of two >= `end - start`. Throws
 * `ledger.bad_input` otherwise.
 */
export function subtreesOfRange(start: number, end: number): SubtreeRef[] {
  requireCount(start, 'range start');
  requireCount(end, 'range end', start + 1);
  let top = 0;
  while (2 ** top < end - start) top += 1;
  if (start % 2 ** top !== 0) {
    throw new GatewayError('ledger.bad_input', `leaves [${start}, ${end}) are not a node of a Merkle tree`);
  }
  const refs: SubtreeRef[] = [];
  let position = start;
  for (let level = top; position < end; level -= 1) {
    const size = 2 ** level;
    if (end - position >= size) {
      refs.push({ level, index: position / size });
      position += size;
    }
  }
  return refs;
}

/** RFC 9162 §2.1.1: MTH of a right-edge chain of subtrees, folded from the right. */
function foldRange(hashes: readonly Uint8Array[]): Buffer {
  let node: Buffer = Buffer.from(hashes[hashes.length - 1]!);
  for (let i = hashes.length - 2; i >= 0; i -= 1) node = nodeHash(hashes[i]!, node);
  return node;
}

/** Reads the hashes of all `ranges` with parallel reads, and folds each into its MTH. */
async function readRanges(source: SubtreeHashes, ranges: readonly LeafRange[]): Promise<Buffer[]> {
  const plans = ranges.map((r) => subtreesOfRange(r.start, r.end));
  const hashes = await Promise.all(
    plans.flat().map(async ({ level, index }) => {
      const hash = await source.hash(level, index);
      requireHash(hash, `subtree hash at level ${level}, index ${index}`);
      return hash;
    }),
  );
  let offset = 0;
  return plans.map((plan) => {
    offset += plan.length;
    return foldRange(hashes.slice(offset - plan.length, offset));
  });
}

/** MTH of the leaves `[start, end)`, which must be a node of a tree (see {@link subtreesOfRange}). */
export async function rangeHash(source: SubtreeHashes, start: number, end: number): Promise<Buffer> {
  const [hash] = await readRanges(source, [{ start, end }]);
  return hash!;
}

/** The root of the tree made of the first `size` leaves of `source` (SHA-256("") when empty). */
export async function treeRoot(source: SubtreeHashes, size: number): Promise<Buffer> {
  requireCount(size, 'tree size');
  return size === 0 ? emptyRoot() : rangeHash(source, 0, size);
}

/**
 * RFC 9162 §2.1.3.1: the ranges whose hashes make up PATH(index, D[size]), leaf end first. Throws
 * `ledger.bad_input` unless `index < size`.
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  requireCount(size, 'tree size', 1);
  requireCount(index, 'leaf index');
  if (index >= size) {
    throw new GatewayError('ledger.bad_input', `leaf index ${index} is not below tree size ${size}`);
  }
  const path: LeafRange[] = [];
  let [start, end] = [0, size];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      path.push({ start: start + k, end });
      end = start + k;
    } else {
      path.push({ start, end: start + k });
      start += k;
    }
  }
  return path.reverse();
}

/**
 * RFC 9162 §2.1.4.1: the ranges whose hashes make up PROOF(size1, D[size2]), smallest subtree first.
 * Empty when `size1 == size2`; throws `ledger.bad_input` unless `0 < size1 <= size2` (a proof from the
 * empty tree proves nothing, and verifiers reject it).
 */
export function consistencyProofRanges(size1: number, size2: number): LeafRange[] {
  requireCount(size1, 'size1', 1);
  requireCount(size2, 'size2', size1);
  const path: LeafRange[] = [];
  let [start, end] = [0, size2];
  // SUBPROOF(m, D[start:end], b): `known` is b, true while D[start:end] is still the old tree itself.
  let known = true;
  while (size1 < end) {
    const k = splitPoint(end - start);
    if (size1 <= start + k) {
      path.push({ start: start + k, end });
      end = start + k;
    } else {
      path.push({ start, end: start + k });
      start += k;
      known = false;
    }
  }
  if (!known) path.push({ start, end });
  return path.reverse();
}

/** RFC 9162 §2.1.3.1: the inclusion proof of leaf `index` in the tree of the first `size` leaves. */
export async function inclusionProof(source: SubtreeHashes, index: number, size: number): Promise<Buffer[]> {
  return readRanges(source, inclusionProofRanges(index, size));
}

/** RFC 9162 §2.1.4.1: the consistency proof from the tree of size `size1` to that of size `size2`. */
export async function consistencyProof(
  source: SubtreeHashes,
  size1: number,
  size2: number,
): Promise<Buffer[]> {
  return readRanges(source, consistencyProofRanges(size1, size2));
}

/**
 * {@link SubtreeHashes} over leaf hashes held in memory, with every level of perfect subtrees built up
 * front (O(n) memory). For tests, and for small trees.
 */
export class MemorySubtreeHashes implements SubtreeHashes {
  readonly #levels: Buffer[][];

  /** Builds all levels from the leaf hashes (each 32 bytes; copied). */
  constructor(leafHashes: readonly Uint8Array[]) {
    const leaves = leafHashes.map((h, i): Buffer => {
      requireHash(h, `leaf hash ${i}`);
      return Buffer.from(h);
    });
    this.#levels = [leaves];
    for (let below = leaves; below.length > 1;) {
      const level: Buffer[] = [];
      for (let i = 0; i + 1 < below.length; i += 2) level.push(nodeHash(below[i]!, below[i + 1]!));
      this.#levels.push(level);
      below = level;
    }
  }

  /** The number of leaves. */
  get size(): number {
    return this.#levels[0]!.length;
  }

  /** See {@link SubtreeHashes.hash}; throws `ledger.bad_input` for a subtree that is not complete. */
  hash(level: number, index: number): Buffer {
    const hash = this.#levels[level]?.[index];
    if (hash === undefined) {
      throw new GatewayError('ledger.bad_input', `no complete subtree at level ${level}, index ${index}`);
    }
    return hash;
  }
}
