import { createHash } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { HASH_SIZE, emptyRoot, leafHash, nodeHash } from '../../../src/ledger/index.js';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

describe('ledger hashes (RFC 9162 §2.1.1)', () => {
  describe('emptyRoot', () => {
    it('is SHA-256 of nothing', () => {
      expect(emptyRoot().toString('hex')).to.equal(
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      );
    });

    it('hands out a fresh buffer each time', () => {
      emptyRoot().fill(0);
      expect(emptyRoot().toString('hex')).to.match(/^e3b0c442/);
    });
  });

  describe('leafHash', () => {
    it('hashes the empty leaf to the CT known answer', () => {
      expect(leafHash(Buffer.alloc(0)).toString('hex')).to.equal(
        '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      );
    });

    it('is SHA-256(0x00 || bytes) for small and large entries', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ minLength: 4090, maxLength: 9000 })),
          (bytes) => {
            expect(leafHash(bytes)).to.deep.equal(sha256(Uint8Array.of(0), bytes));
          },
        ),
        { numRuns: 60 },
      );
    });

    it('returns independent buffers', () => {
      const a = leafHash(Buffer.from('a'));
      const b = leafHash(Buffer.from('b'));
      expect(a).to.deep.equal(sha256(Uint8Array.of(0), Buffer.from('a')));
      expect(a).to.not.deep.equal(b);
      expect(a.length).to.equal(HASH_SIZE);
    });
  });

  describe('nodeHash', () => {
    it('is SHA-256(0x01 || left || right)', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
          (l, r) => {
            expect(nodeHash(l, r)).to.deep.equal(sha256(Uint8Array.of(1), l, r));
          },
        ),
        { numRuns: 50 },
      );
    });

    it('also hashes inputs that are not 32 bytes, without the fast path', () => {
      const l = Buffer.from('left');
      const r = Buffer.from('right side');
      expect(nodeHash(l, r)).to.deep.equal(sha256(Uint8Array.of(1), l, r));
    });

    it('never equals a leaf hash of the same bytes (domain separation)', () => {
      const l = leafHash(Buffer.from('x'));
      const r = leafHash(Buffer.from('y'));
      expect(nodeHash(l, r)).to.not.deep.equal(leafHash(Buffer.concat([l, r])));
    });
  });
});
