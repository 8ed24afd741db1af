import { expect } from 'chai';
import {
  MemorySubtreeHashes,
  consistencyProof,
  inclusionProof,
  leafHash,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/ledger/index.js';
import { CT_LEAVES, CT_ROOTS } from './ct-data.js';
import { expectGatewayError } from './expect-error.js';

const leaves = CT_LEAVES.map(leafHash);
const source = new MemorySubtreeHashes(leaves);
const root = (n: number) => Buffer.from(CT_ROOTS[n]!, 'hex');

describe('verifyInclusion (RFC 9162 §2.1.3.2)', () => {
  // The good case every negative test changes one thing of: leaf 3 of the 8 CT leaves.
  let proof: Buffer[];
  before(async () => {
    proof = await inclusionProof(source, 3, 8);
  });
  const check =
    (over: Partial<{ leaf: unknown; index: unknown; size: unknown; proof: unknown; root: unknown }>) => () =>
      verifyInclusion(
        (over.leaf ?? leaves[3]) as Buffer,
        (over.index ?? 3) as number,
        (over.size ?? 8) as number,
        (over.proof ?? proof) as Buffer[],
        (over.root ?? root(8)) as Buffer,
      );

  it('accepts the good case', () => {
    expect(check({})).to.not.throw();
  });

  it('accepts the one-leaf tree, whose root is the leaf hash, with an empty proof', () => {
    verifyInclusion(leaves[0]!, 0, 1, [], root(1));
  });

  describe('when the leaf index is not below the tree size', () => {
    it('rejects it', () => {
      expectGatewayError(check({ index: 8 }), 'ledger.invalid_proof', /not below tree size 8/);
    });
  });

  describe('when the leaf index is beyond 2^53 - 1 (such as 2^64 - 1 from JSON)', () => {
    it('rejects it as invalid', () => {
      expectGatewayError(
        check({ index: JSON.parse('18446744073709551615') }),
        'ledger.invalid_proof',
        /2\^53 - 1/,
      );
    });
  });

  describe('when the leaf hash is not 32 bytes', () => {
    it('rejects it', () => {
      expectGatewayError(
        check({ leaf: leaves[3]!.subarray(1) }),
        'ledger.invalid_proof',
        /leaf hash is 31 bytes/,
      );
      expectGatewayError(check({ leaf: Buffer.alloc(0) }), 'ledger.invalid_proof', /leaf hash is 0 bytes/);
    });
  });

  describe('when a proof hash is not 32 bytes', () => {
    it('rejects it', () => {
      const bad = [proof[0]!, Buffer.alloc(0), proof[2]!];
      expectGatewayError(check({ proof: bad }), 'ledger.invalid_proof', /proof\[1\] is 0 bytes/);
    });
  });

  describe('when the proof is truncated', () => {
    it('rejects it', () => {
      expectGatewayError(check({ proof: proof.slice(0, 2) }), 'ledger.invalid_proof', /fewer than expected/);
    });
  });

  describe('when the proof has a hash too many', () => {
    it('rejects it', () => {
      expectGatewayError(check({ proof: [...proof, leaves[0]] }), 'ledger.invalid_proof', /more than the 3/);
    });
  });

  describe('when the root is another tree’s', () => {
    it('rejects it', () => {
      expectGatewayError(check({ root: root(7) }), 'ledger.invalid_proof', /does not lead to the given root/);
      expectGatewayError(check({ root: Buffer.alloc(0) }), 'ledger.invalid_proof');
    });
  });

  describe('when an argument has the wrong type', () => {
    it('fails with bad input', () => {
      expectGatewayError(check({ index: -1 }), 'ledger.bad_input', /leaf index/);
      expectGatewayError(check({ size: 2.5 }), 'ledger.bad_input', /tree size/);
      expectGatewayError(check({ index: '3' }), 'ledger.bad_input');
      expectGatewayError(check({ proof: 'abc' }), 'ledger.bad_input', /proof/);
      expectGatewayError(check({ root: 'abc' }), 'ledger.bad_input', /root/);
    });
  });
});

describe('verifyConsistency (RFC 9162 §2.1.4.2)', () => {
  // The good case: from the first 3 CT leaves to all 8.
  let proof: Buffer[];
  before(async () => {
    proof = await consistencyProof(source, 3, 8);
  });
  type Over = Partial<{ size1: number; size2: number; proof: Buffer[]; root1: Buffer; root2: Buffer }>;
  const check = (o: Over) => () =>
    verifyConsistency(o.size1 ?? 3, o.size2 ?? 8, o.proof ?? proof, o.root1 ?? root(3), o.root2 ?? root(8));

  it('accepts the good case', () => {
    expect(check({})).to.not.throw();
  });

  it('accepts a first tree that is a perfect subtree (its root seeds the proof)', async () => {
    verifyConsistency(4, 8, await consistencyProof(source, 4, 8), root(4), root(8));
  });

  describe('when the sizes are equal', () => {
    it('accepts an empty proof and identical roots', () => {
      verifyConsistency(8, 8, [], root(8), root(8));
    });

    it('rejects different roots', () => {
      expectGatewayError(
        () => verifyConsistency(8, 8, [], root(8), root(7)),
        'ledger.invalid_proof',
        /roots differ/,
      );
    });

    it('rejects a non-empty proof', () => {
      expectGatewayError(
        () => verifyConsistency(8, 8, [root(8)], root(8), root(8)),
        'ledger.invalid_proof',
        /empty/,
      );
    });
  });

  describe('when size1 is 0', () => {
    it('rejects it, even with equal sizes and roots (it proves nothing)', () => {
      expectGatewayError(
        () => verifyConsistency(0, 0, [], root(0), root(0)),
        'ledger.invalid_proof',
        /empty tree/,
      );
      expectGatewayError(
        () => verifyConsistency(0, 8, [], root(0), root(8)),
        'ledger.invalid_proof',
        /empty tree/,
      );
    });
  });

  describe('when size1 is greater than size2', () => {
    it('rejects it', () => {
      expectGatewayError(check({ size1: 9 }), 'ledger.invalid_proof', /greater than size2/);
    });
  });

  describe('when the proof is empty', () => {
    it('rejects it', () => {
      expectGatewayError(check({ proof: [] }), 'ledger.invalid_proof', /empty/);
    });
  });

  describe('when the proof is truncated or too long', () => {
    it('rejects it', () => {
      expectGatewayError(check({ proof: proof.slice(0, -1) }), 'ledger.invalid_proof', /fewer than expected/);
      expectGatewayError(check({ proof: [...proof, root(1)] }), 'ledger.invalid_proof', /more hashes/);
    });
  });

  describe('when a root is wrong', () => {
    it('names the root that does not match', () => {
      expectGatewayError(check({ root1: root(2) }), 'ledger.invalid_proof', /root1/);
      expectGatewayError(check({ root2: root(7) }), 'ledger.invalid_proof', /root2/);
    });
  });

  describe('when the other sizes are claimed with the same proof', () => {
    it('rejects them', () => {
      expectGatewayError(check({ size1: 2, root1: root(2) }), 'ledger.invalid_proof');
      expectGatewayError(check({ size2: 7, root2: root(7) }), 'ledger.invalid_proof');
    });
  });
});
