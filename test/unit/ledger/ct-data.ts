/**
 * Facts from the Certificate Transparency test data (RFC 6962 reference tests, reused by the
 * transparency-dev/merkle vectors in test/fixtures/merkle): the eight test leaves, and the root of
 * the tree of the first n of them. The roots of sizes 1-3 and 5-8 also appear in the vectors' root
 * fields (vectors.test.ts checks that); size 4 is from the CT tests only.
 */
import { leafHash } from '../../../src/ledger/index.js';

/** The eight CT test leaves. */
export const CT_LEAVES: readonly Buffer[] = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));

/** `CT_ROOTS[n]`: the root of the tree of the first n leaves (n = 0: SHA-256 of nothing). */
export const CT_ROOTS: readonly string[] = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Leaf hashes of a synthetic tree of `size` leaves, cheap to make by the thousand. */
export function syntheticLeaves(size: number, seed: number): Buffer[] {
  return Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`entry ${seed}/${i}`)));
}
