import { expect } from 'chai';
import fc from 'fast-check';
import { TreeBuilder, leafHash, rootFromLeafHashes } from '../../../src/ledger/index.js';
import { CT_LEAVES, CT_ROOTS, syntheticLeaves } from './ct-data.js';
import { expectGatewayError } from './expect-error.js';

const ctLeafHashes = CT_LEAVES.map(leafHash);

describe('rootFromLeafHashes', () => {
  it('gives the CT known-answer roots for the first 0 to 8 test leaves', () => {
    for (let n = 0; n <= 8; n += 1) {
      expect(rootFromLeafHashes(ctLeafHashes.slice(0, n)).toString('hex'), `size ${n}`).to.equal(CT_ROOTS[n]);
    }
  });

  it('returns a copy, not the caller’s leaf hash, for a one-leaf tree', () => {
    const leaf = leafHash(Buffer.from('only'));
    const root = rootFromLeafHashes([leaf]);
    root.fill(0);
    expect(leaf).to.deep.equal(leafHash(Buffer.from('only')));
  });

  describe('when a leaf hash is not 32 bytes', () => {
    it('rejects it as bad input', () => {
      expectGatewayError(
        () => rootFromLeafHashes([ctLeafHashes[0]!, Buffer.alloc(31)]),
        'ledger.bad_input',
        /leaf hash 1/,
      );
    });
  });
});

describe('TreeBuilder', () => {
  it('starts empty, with the empty root', () => {
    const builder = new TreeBuilder();
    expect(builder.size).to.equal(0);
    expect(builder.root().toString('hex')).to.equal(CT_ROOTS[0]);
  });

  it('gives the CT known-answer root after each of the 8 test leaves', () => {
    const builder = new TreeBuilder();
    ctLeafHashes.forEach((h, i) => {
      builder.append(h);
      expect(builder.size).to.equal(i + 1);
      expect(builder.root().toString('hex'), `size ${i + 1}`).to.equal(CT_ROOTS[i + 1]);
    });
  });

  it('agrees with rootFromLeafHashes at every size (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 70 }), (entries) => {
        const hashes = entries.map(leafHash);
        const builder = new TreeBuilder();
        hashes.forEach((h, i) => {
          builder.append(h);
          expect(builder.root()).to.deep.equal(rootFromLeafHashes(hashes.slice(0, i + 1)));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('agrees with rootFromLeafHashes for trees of thousands of leaves (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.nat(), (size, seed) => {
        const hashes = syntheticLeaves(size, seed);
        const builder = new TreeBuilder();
        for (const h of hashes) builder.append(h);
        expect(builder.root()).to.deep.equal(rootFromLeafHashes(hashes));
      }),
      { numRuns: 25 },
    );
  });

  it('keeps its own copy when the caller reuses the leaf hash buffer', () => {
    const scratch = Buffer.alloc(32);
    const builder = new TreeBuilder();
    for (const h of ctLeafHashes.slice(0, 5)) {
      scratch.set(h);
      builder.append(scratch);
    }
    scratch.fill(0xff);
    expect(builder.root().toString('hex')).to.equal(CT_ROOTS[5]);
  });

  it('hands out roots the caller may change', () => {
    const builder = new TreeBuilder();
    for (const h of ctLeafHashes.slice(0, 4)) builder.append(h);
    builder.root().fill(0);
    expect(builder.root().toString('hex')).to.equal(CT_ROOTS[4]);
  });

  describe('when the leaf hash is not 32 bytes', () => {
    it('rejects it and stays unchanged', () => {
      const builder = new TreeBuilder();
      builder.append(ctLeafHashes[0]!);
      expectGatewayError(() => builder.append(Buffer.alloc(33)), 'ledger.bad_input');
      expect(builder.size).to.equal(1);
      expect(builder.root().toString('hex')).to.equal(CT_ROOTS[1]);
    });
  });
});
