/**
 * Verification of RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs, following the
 * RFC's algorithms step by step. A proof that does not verify throws `ledger.invalid_proof` with the
 * reason; arguments of the wrong type throw `ledger.bad_input`.
 *
 * Beyond the RFC, as the transparency-dev/merkle verifier and its test vectors do: a leaf hash must
 * be exactly 32 bytes, a consistency proof from size 0 is rejected (it proves nothing), and when both
 * sizes are equal the proof must be empty and the two roots identical.
 */
import { timingSafeEqual } from 'node:crypto';
import { GatewayError } from '../errors.js';
import { HASH_SIZE, nodeHash } from './hash.js';

function fail(reason: string): never {
  throw new GatewayError('ledger.invalid_proof', reason);
}

/** A tree size or leaf index: a non-negative integer, and (for this ledger) at most 2^53 - 1. */
function checkCount(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new GatewayError('ledger.bad_input', `${what}: expected a non-negative integer`);
  }
  // Larger values lose precision in a JavaScript number; no tree of this ledger can be that big.
  if (value > Number.MAX_SAFE_INTEGER) fail(`${what} is beyond 2^53 - 1, the largest size supported`);
}

function checkBytes(value: unknown, what: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new GatewayError('ledger.bad_input', `${what}: expected bytes, got ${typeof value}`);
  }
}

function checkHash(value: unknown, what: string): asserts value is Uint8Array {
  checkBytes(value, what);
  if (value.length !== HASH_SIZE) fail(`${what} is ${value.length} bytes, not ${HASH_SIZE}`);
}

function checkProof(proof: unknown): asserts proof is readonly Uint8Array[] {
  if (!Array.isArray(proof)) throw new GatewayError('ledger.bad_input', 'proof: expected an array of hashes');
  proof.forEach((p: unknown, i) => checkHash(p, `proof[${i}]`));
}

/** Constant-time equality of two hashes (their lengths are not secret). */
function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

/**
 * Checks that `leafHash` is leaf `index` of the tree of `size` leaves whose root is `root`, given the
 * inclusion proof (RFC 9162 §2.1.3.2). Throws `ledger.invalid_proof` with the reason when it is not.
 *
 * @param leafHash - the leaf's hash (see `leafHash`), exactly 32 bytes
 * @param proof - the inclusion path, leaf end first
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkCount(index, 'leaf index');
  checkCount(size, 'tree size');
  checkBytes(root, 'root');
  checkHash(leafHash, 'leaf hash');
  checkProof(proof);
  // Step 1.
  if (index >= size) fail(`leaf index ${index} is not below tree size ${size}`);
  // Steps 2-4.
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leafHash;
  for (const [i, p] of proof.entries()) {
    if (sn === 0) fail(`the proof has more than the ${i} hashes expected`);
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  // Step 5.
  if (sn !== 0) fail(`the proof has ${proof.length} hashes, fewer than expected`);
  if (!sameHash(r, root)) fail('the proof does not lead to the given root');
}

/**
 * Checks that the tree of `size1` leaves with root `root1` is a prefix of the tree of `size2` leaves
 * with root `root2`, given the consistency proof (RFC 9162 §2.1.4.2). Throws `ledger.invalid_proof`
 * with the reason when it is not.
 *
 * @param proof - the consistency path, as PROOF(size1, D[size2]) orders it
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  checkCount(size1, 'size1');
  checkCount(size2, 'size2');
  checkBytes(root1, 'root1');
  checkBytes(root2, 'root2');
  checkProof(proof);
  if (size1 > size2) fail(`size1 ${size1} is greater than size2 ${size2}`);
  if (size1 === 0) fail('a consistency proof from the empty tree proves nothing');
  if (size1 === size2) {
    if (proof.length > 0) fail('the sizes are equal, so the proof must be empty');
    if (!sameHash(root1, root2)) fail('the sizes are equal but the roots differ');
    return;
  }
  checkHash(root1, 'root1');
  checkHash(root2, 'root2');
  // Step 1.
  if (proof.length === 0) fail('the proof is empty');
  // Step 2: a first tree that is a perfect subtree is the seed itself.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // Steps 3-4.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  // Steps 5-6.
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) fail('the proof has more hashes than expected');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  // Step 7.
  if (sn !== 0) fail(`the proof has ${proof.length} hashes, fewer than expected`);
  if (!sameHash(fr, root1)) fail('the proof does not lead to root1');
  if (!sameHash(sr, root2)) fail('the proof does not lead to root2');
}
