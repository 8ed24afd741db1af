/**
 * The growing edge of the ledger's Merkle tree (a "compact range" of RFC 9162 trees): the roots of
 * the perfect subtrees that cover the leaves [0, size), at most log2(size) of them. Appending a leaf
 * yields every perfect subtree it completes, so that storage can keep all perfect-subtree hashes and
 * serve any proof with O(log n) reads, without a rebuild.
 */
import { GatewayError } from '../errors.js';
import { emptyRoot, nodeHash, requireHash } from './hash.js';
import type { SubtreeRef } from './proof.js';

/** A perfect subtree and its hash. */
export interface SubtreeNode extends SubtreeRef {
  hash: Buffer;
}

/** The perfect subtrees that cover [0, size), largest (leftmost) first. */
export function compactRange(size: number): SubtreeRef[] {
  const refs: SubtreeRef[] = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))) + 1; level >= 0; level -= 1) {
    const width = 2 ** level;
    if (size - start >= width) {
      refs.push({ level, index: start / width });
      start += width;
    }
  }
  return refs;
}

export class Frontier {
  /** Left to right; levels strictly decreasing. */
  private nodes: SubtreeNode[];
  private count: number;

  private constructor(size: number, nodes: SubtreeNode[]) {
    this.count = size;
    this.nodes = nodes;
  }

  /** An empty tree. */
  static empty(): Frontier {
    return new Frontier(0, []);
  }

  /** The frontier of a tree of `size` leaves, from the hashes of `compactRange(size)` in that order. */
  static fromCompactRange(size: number, hashes: readonly Uint8Array[]): Frontier {
    const refs = compactRange(size);
    if (refs.length !== hashes.length) {
      throw new GatewayError(
        'ledger.bad_input',
        `a tree of ${size} leaves needs ${refs.length} subtree hashes`,
      );
    }
    return new Frontier(
      size,
      refs.map((r, i) => {
        requireHash(hashes[i], `subtree hash ${i}`);
        return { ...r, hash: Buffer.from(hashes[i]!) };
      }),
    );
  }

  get size(): number {
    return this.count;
  }

  /** A copy that can be appended to without changing this one (for work that may roll back). */
  clone(): Frontier {
    return new Frontier(this.count, [...this.nodes]);
  }

  /**
   * Appends one leaf hash; returns the perfect subtrees it completes, starting with the leaf itself
   * (level 0) and going up.
   */
  append(leafHash: Uint8Array): SubtreeNode[] {
    requireHash(leafHash, 'leaf hash');
    let node: SubtreeNode = { level: 0, index: this.count, hash: Buffer.from(leafHash) };
    const made = [node];
    let last = this.nodes.at(-1);
    while (last && last.level === node.level) {
      this.nodes.pop();
      node = { level: node.level + 1, index: last.index / 2, hash: nodeHash(last.hash, node.hash) };
      made.push(node);
      last = this.nodes.at(-1);
    }
    this.nodes.push(node);
    this.count += 1;
    return made;
  }

  /** RFC 9162 §2.1.1 MTH of [0, size): the subtree roots folded from the right. */
  root(): Buffer {
    if (this.nodes.length === 0) return emptyRoot();
    let root = this.nodes.at(-1)!.hash;
    for (let i = this.nodes.length - 2; i >= 0; i -= 1) root = nodeHash(this.nodes[i]!.hash, root);
    return root;
  }
}
