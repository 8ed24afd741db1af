import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { compactRange, Frontier } from '../../../src/ledger/frontier.js';
import { leafHash, MemorySubtreeHashes, rootFromLeafHashes } from '../../../src/ledger/index.js';

const leaves = (n: number) =>
  Array.from({ length: n }, (_, i) => leafHash(createHash('sha256').update(`e${i}`).digest()));

describe('Frontier', () => {
  it('gives the RFC 9162 root at every size up to 300', () => {
    const hashes = leaves(300);
    const f = Frontier.empty();
    expect(f.root()).to.deep.equal(rootFromLeafHashes([]));
    hashes.forEach((h, i) => {
      f.append(h);
      expect(f.root(), `size ${i + 1}`).to.deep.equal(rootFromLeafHashes(hashes.slice(0, i + 1)));
    });
  });

  it('yields every perfect subtree exactly once, with the right hash', () => {
    const hashes = leaves(100);
    const mem = new MemorySubtreeHashes(hashes);
    const f = Frontier.empty();
    const seen = new Set<string>();
    for (const h of hashes) {
      for (const n of f.append(h)) {
        const key = `${n.level}/${n.index}`;
        expect(seen.has(key), key).to.equal(false);
        seen.add(key);
        expect(n.hash).to.deep.equal(mem.hash(n.level, n.index));
      }
    }
    // 100 leaves + 50 + 25 + 12 + 6 + 3 + 1 perfect subtrees above them.
    expect(seen.size).to.equal(100 + 50 + 25 + 12 + 6 + 3 + 1);
  });

  it('resumes from the stored compact range', () => {
    const hashes = leaves(77);
    const mem = new MemorySubtreeHashes(hashes);
    const refs = compactRange(77);
    expect(refs.map((r) => r.level)).to.deep.equal([6, 3, 2, 0]);
    const f = Frontier.fromCompactRange(
      77,
      refs.map((r) => mem.hash(r.level, r.index)),
    );
    expect(f.root()).to.deep.equal(rootFromLeafHashes(hashes));
    const more = leaves(80).slice(77);
    for (const h of more) f.append(h);
    expect(f.root()).to.deep.equal(rootFromLeafHashes([...hashes, ...more]));
  });

  it('leaves the original untouched when a clone grows', () => {
    const f = Frontier.empty();
    f.append(leaves(1)[0]!);
    const before = f.root();
    const c = f.clone();
    c.append(leaves(2)[1]!);
    expect(f.root()).to.deep.equal(before);
    expect(f.size).to.equal(1);
  });

  it('refuses a compact range of the wrong length', () => {
    expect(() => Frontier.fromCompactRange(3, [Buffer.alloc(32)])).to.throw(/needs 2 subtree hashes/);
  });
});
