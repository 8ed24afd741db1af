import { expect } from 'chai';
import {
  describeProofDocument,
  leafHash,
  parseProofDocument,
  verifyProofDocument,
} from '../../../src/ledger/index.js';
import { CT_LEAVES, CT_ROOTS } from './ct-data.js';
import { expectGatewayError } from './expect-error.js';

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

// Leaf 0 of the first 2 CT leaves: the proof is leaf 1's hash.
const inclusion = {
  leafIdx: 0,
  treeSize: 2,
  leafHash: leafHash(CT_LEAVES[0]!).toString('base64'),
  root: b64(CT_ROOTS[2]!),
  proof: [leafHash(CT_LEAVES[1]!).toString('base64')],
};
const consistency = { size1: 1, size2: 1, root1: b64(CT_ROOTS[1]!), root2: b64(CT_ROOTS[1]!), proof: null };

describe('parseProofDocument', () => {
  it('reads an inclusion proof', () => {
    const doc = parseProofDocument({ ...inclusion, desc: 'anything', wantErr: true });
    expect(doc.kind).to.equal('inclusion');
    expect(describeProofDocument(doc)).to.equal('inclusion of leaf 0 in tree of size 2');
    verifyProofDocument(doc);
  });

  it('reads a consistency proof, with a null proof as no hashes', () => {
    const doc = parseProofDocument(consistency);
    expect(doc).to.deep.include({ kind: 'consistency', size1: 1, size2: 1, proof: [] });
    expect(describeProofDocument(doc)).to.equal('consistency of tree size 1 with tree size 1');
    verifyProofDocument(doc);
  });

  it('does not take wantErr’s word for the verdict', () => {
    const doc = parseProofDocument({ ...inclusion, root: b64(CT_ROOTS[3]!), wantErr: false });
    expectGatewayError(() => verifyProofDocument(doc), 'ledger.invalid_proof');
  });

  describe('when the input has the wrong shape', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['an array', [inclusion], /expected a JSON object/],
      ['null', null, /expected a JSON object/],
      ['neither kind', { proof: [] }, /either the inclusion fields/],
      ['both kinds', { ...inclusion, size1: 1 }, /either the inclusion fields/],
      [
        'no proof field',
        { ...consistency, proof: undefined },
        /^not a valid consistency proof: proof: missing$/,
      ],
      ['a negative index', { ...inclusion, leafIdx: -1 }, /leafIdx: expected a non-negative integer/],
      ['a fractional size', { ...consistency, size2: 1.5 }, /size2: expected a non-negative integer/],
      ['a size as a string', { ...inclusion, treeSize: '2' }, /treeSize: expected a non-negative integer/],
      ['a missing root', { ...inclusion, root: undefined }, /root: missing/],
      ['a root that is not a string', { ...inclusion, root: 7 }, /root: expected standard base64/],
      ['bad base64 in the root', { ...inclusion, root: 'not base64!' }, /root: expected standard base64/],
      [
        'bad base64 in the proof',
        { ...inclusion, proof: ['AAAA', 'AAA'] },
        /proof\.1: expected standard base64/,
      ],
      ['a proof that is not a list', { ...inclusion, proof: 'AAAA' }, /proof: expected a list/],
    ];
    for (const [what, json, message] of cases) {
      it(`names the field for ${what}`, () => {
        expectGatewayError(() => parseProofDocument(json), 'ledger.bad_input', message);
      });
    }
  });

  describe('when the hashes are well-formed base64 of the wrong length', () => {
    it('accepts the document, and verification rejects the proof', () => {
      const doc = parseProofDocument({ ...inclusion, leafHash: 'V3JvbmdMZWFm' });
      expectGatewayError(() => verifyProofDocument(doc), 'ledger.invalid_proof', /leaf hash is 9 bytes/);
    });
  });
});
