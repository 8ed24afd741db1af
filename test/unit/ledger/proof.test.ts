import { expect } from 'chai';
import fc from 'fast-check';
import {
  MemorySubtreeHashes,
  consistencyProof,
  consistencyProofRanges,
  inclusionProof,
  inclusionProofRanges,
  leafHash,
  rangeHash,
  rootFromLeafHashes,
  subtreesOfRange,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  type SubtreeHashes,
} from '../../../src/ledger/index.js';
import { CT_LEAVES, CT_ROOTS, syntheticLeaves } from './ct-data.js';
import { expectGatewayError, expectGatewayRejection, rejectsProof } from './expect-error.js';

/** A source that answers asynchronously and counts its reads, as a database would. */
class CountingSource implements SubtreeHashes {
  reads = 0;
  constructor(private readonly inner: MemorySubtreeHashes) {}
  async hash(level: number, index: number): Promise<Buffer> {
    this.reads += 1;
    return this.inner.hash(level, index);
  }
}

const ceilLog2 = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)));

/** A copy of `bytes` with bit `bit` (mod its length in bits) flipped. */
function flipBit(bytes: Uint8Array, bit: number): Buffer {
  const out = Buffer.from(bytes);
  const i = bit % (out.length * 8);
  out[i >> 3]! ^= 1 << (i & 7);
  return out;
}

/** Up to 4 single-bit changes: [which hash (proof hashes, then the roots or leaf), which bit]. */
const flipsArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 });

/** A random tree of up to `max` leaves, with its source. */
const treeArb = (max: number) =>
  fc.record({ size: fc.integer({ min: 1, max }), seed: fc.nat() }).map(({ size, seed }) => {
    const leaves = syntheticLeaves(size, seed);
    return { leaves, source: new MemorySubtreeHashes(leaves) };
  });

describe('proof generation (RFC 9162 §2.1.3.1, §2.1.4.1)', () => {
  const ct = new MemorySubtreeHashes(CT_LEAVES.map(leafHash));

  describe('treeRoot and rangeHash', () => {
    it('give the CT known-answer roots', async () => {
      for (let n = 0; n <= 8; n += 1) expect((await treeRoot(ct, n)).toString('hex')).to.equal(CT_ROOTS[n]);
    });

    it('hash a right-edge range as a tree of its own', async () => {
      const leaves = CT_LEAVES.map(leafHash);
      expect(await rangeHash(ct, 4, 7)).to.deep.equal(rootFromLeafHashes(leaves.slice(4, 7)));
    });
  });

  describe('subtreesOfRange', () => {
    it('splits a node range into perfect subtrees, largest first', () => {
      expect(subtreesOfRange(8, 15)).to.deep.equal([
        { level: 2, index: 2 },
        { level: 1, index: 6 },
        { level: 0, index: 14 },
      ]);
      expect(subtreesOfRange(0, 8)).to.deep.equal([{ level: 3, index: 0 }]);
    });

    describe('when the range is not a node of a tree', () => {
      it('rejects it', () => {
        expectGatewayError(() => subtreesOfRange(2, 7), 'ledger.bad_input', /not a node/);
        expectGatewayError(() => subtreesOfRange(3, 3), 'ledger.bad_input');
      });
    });
  });

  describe('inclusionProof', () => {
    it('verifies for every leaf of every tree up to 33 leaves', async () => {
      for (let size = 1; size <= 33; size += 1) {
        const leaves = syntheticLeaves(size, size);
        const source = new MemorySubtreeHashes(leaves);
        const root = rootFromLeafHashes(leaves);
        for (let index = 0; index < size; index += 1) {
          verifyInclusion(leaves[index]!, index, size, await inclusionProof(source, index, size), root);
        }
      }
    });

    it('verifies for sampled leaves of trees of thousands of leaves, with O(log n) reads (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          treeArb(4000),
          fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
          async (tree, picks) => {
            const size = tree.leaves.length;
            const root = rootFromLeafHashes(tree.leaves);
            for (const index of [0, size - 1, ...picks.map((p) => p % size)]) {
              const source = new CountingSource(tree.source);
              const proof = await inclusionProof(source, index, size);
              expect(source.reads).to.be.at.most(2 * ceilLog2(size));
              verifyInclusion(tree.leaves[index]!, index, size, proof, root);
            }
          },
        ),
        { numRuns: 30 },
      );
    });

    describe('when the leaf is not in the tree', () => {
      it('rejects the request', async () => {
        await expectGatewayRejection(inclusionProof(ct, 8, 8), 'ledger.bad_input', /not below tree size 8/);
        expectGatewayError(() => inclusionProofRanges(0, 0), 'ledger.bad_input');
      });
    });

    describe('when the source lacks a subtree', () => {
      it('fails with bad input', async () => {
        await expectGatewayRejection(inclusionProof(ct, 0, 9), 'ledger.bad_input', /no complete subtree/);
      });
    });
  });

  describe('consistencyProof', () => {
    it('verifies for every pair of sizes up to 33', async () => {
      const leaves = syntheticLeaves(33, 7);
      const source = new MemorySubtreeHashes(leaves);
      const roots = [0, ...leaves.map((_, i) => i + 1)].map((n) => rootFromLeafHashes(leaves.slice(0, n)));
      for (let size2 = 1; size2 <= 33; size2 += 1) {
        for (let size1 = 1; size1 <= size2; size1 += 1) {
          const proof = await consistencyProof(source, size1, size2);
          verifyConsistency(size1, size2, proof, roots[size1]!, roots[size2]!);
        }
      }
    });

    it('verifies for sampled pairs of sizes of trees of thousands of leaves (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          treeArb(4000),
          fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }),
          async (tree, pairs) => {
            const size = tree.leaves.length;
            for (const [a, b] of pairs) {
              const size2 = 1 + (a % size);
              const size1 = 1 + (b % size2);
              const source = new CountingSource(tree.source);
              const proof = await consistencyProof(source, size1, size2);
              expect(source.reads).to.be.at.most(2 * ceilLog2(size2) + 1);
              const [root1, root2] = [await treeRoot(tree.source, size1), await treeRoot(tree.source, size2)];
              verifyConsistency(size1, size2, proof, root1, root2);
            }
          },
        ),
        { numRuns: 30 },
      );
    });

    it('is empty when the sizes are equal', () => {
      expect(consistencyProofRanges(5, 5)).to.deep.equal([]);
    });

    describe('when size1 is 0 or greater than size2', () => {
      it('rejects the request', () => {
        expectGatewayError(() => consistencyProofRanges(0, 4), 'ledger.bad_input', /size1/);
        expectGatewayError(() => consistencyProofRanges(5, 4), 'ledger.bad_input', /size2/);
      });
    });
  });
});

describe('proof verification against altered proofs (property)', () => {
  it('rejects an inclusion proof when any bit of a proof hash, the root or the leaf hash flips', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb(3000), fc.nat(), flipsArb, async (tree, pick, flips) => {
        const size = tree.leaves.length;
        const index = pick % size;
        const proof = await inclusionProof(tree.source, index, size);
        const root = rootFromLeafHashes(tree.leaves);
        const leaf = tree.leaves[index]!;
        verifyInclusion(leaf, index, size, proof, root);
        for (const [target, bit] of flips) {
          const t = target % (proof.length + 2);
          const altered = proof.map((p, i) => (i === t ? flipBit(p, bit) : p));
          const [r, l] = [
            t === proof.length ? flipBit(root, bit) : root,
            t > proof.length ? flipBit(leaf, bit) : leaf,
          ];
          expect(rejectsProof(() => verifyInclusion(l, index, size, altered, r))).to.equal(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a consistency proof when any bit of a proof hash or either root flips', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb(3000), fc.nat(), fc.nat(), flipsArb, async (tree, a, b, flips) => {
        const size2 = 1 + (a % tree.leaves.length);
        const size1 = 1 + (b % size2);
        const proof = await consistencyProof(tree.source, size1, size2);
        const root1 = await treeRoot(tree.source, size1);
        const root2 = await treeRoot(tree.source, size2);
        verifyConsistency(size1, size2, proof, root1, root2);
        for (const [target, bit] of flips) {
          const t = target % (proof.length + 2);
          const altered = proof.map((p, i) => (i === t ? flipBit(p, bit) : p));
          const r1 = t === proof.length ? flipBit(root1, bit) : root1;
          const r2 = t > proof.length ? flipBit(root2, bit) : root2;
          expect(rejectsProof(() => verifyConsistency(size1, size2, altered, r1, r2))).to.equal(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a proof with a hash dropped or added', async () => {
    await fc.assert(
      fc.asyncProperty(treeArb(3000), fc.nat(), fc.nat(), async (tree, a, b) => {
        const size = tree.leaves.length;
        const index = a % size;
        const root = rootFromLeafHashes(tree.leaves);
        const proof = await inclusionProof(tree.source, index, size);
        const leaf = tree.leaves[index]!;
        const extra = leafHash(Buffer.from(String(b)));
        expect(rejectsProof(() => verifyInclusion(leaf, index, size, [...proof, extra], root))).to.equal(
          true,
        );
        if (proof.length > 0) {
          expect(rejectsProof(() => verifyInclusion(leaf, index, size, proof.slice(1), root))).to.equal(true);
          expect(rejectsProof(() => verifyInclusion(leaf, index, size, proof.slice(0, -1), root))).to.equal(
            true,
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});
