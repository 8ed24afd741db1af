/**
 * The hashes of the RFC 9162 (Certificate Transparency v2) Merkle tree: SHA-256 with domain
 * separation, 0x00 before a leaf and 0x01 before an inner node, so a leaf can never pass for a node.
 *
 * Hashing is node:crypto's. The one-shot `hash()` over a reused scratch buffer is about 30% faster
 * than `createHash().update().digest()` for these small inputs, which matters when a verifier
 * rehashes a million entries; `createHash` handles inputs too large for the scratch buffer.
 */
import { createHash, hash } from 'node:crypto';
import { GatewayError } from '../errors.js';

/** Bytes in a SHA-256 digest: the size of every hash in the tree. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
const LEAF_SCRATCH_SIZE = 4096;

// Reused across calls; safe because hashing is synchronous and nothing here re-enters.
const leafScratch = Buffer.alloc(LEAF_SCRATCH_SIZE);
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeScratch[0] = NODE_PREFIX;

/** RFC 9162 §2.1.1: MTH({d(0)}) = SHA-256(0x00 || d(0)), the hash of one entry's bytes. */
export function leafHash(entry: Uint8Array): Buffer {
  if (entry.length < LEAF_SCRATCH_SIZE) {
    leafScratch[0] = LEAF_PREFIX;
    leafScratch.set(entry, 1);
    return hash('sha256', leafScratch.subarray(0, entry.length + 1), 'buffer');
  }
  return createHash('sha256').update(Uint8Array.of(LEAF_PREFIX)).update(entry).digest();
}

/** RFC 9162 §2.1.1: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), an inner node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    nodeScratch.set(left, 1);
    nodeScratch.set(right, 1 + HASH_SIZE);
    return hash('sha256', nodeScratch, 'buffer');
  }
  return createHash('sha256').update(Uint8Array.of(NODE_PREFIX)).update(left).update(right).digest();
}

/** RFC 9162 §2.1.1: MTH({}) = SHA-256(), the root of the empty tree (a fresh copy each call). */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/** Throws `ledger.bad_input` unless `value` is a {@link HASH_SIZE}-byte hash; `what` names it. */
export function requireHash(value: unknown, what: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== HASH_SIZE) {
    const got = value instanceof Uint8Array ? `${value.length} bytes` : typeof value;
    throw new GatewayError('ledger.bad_input', `${what}: expected a ${HASH_SIZE}-byte hash, got ${got}`);
  }
}

/**
 * Throws `ledger.bad_input` unless `value` is an integer from `min` up to 2^53 - 1, the largest
 * tree size this ledger can hold; `what` names the argument.
 */
export function requireCount(value: unknown, what: string, min = 0): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new GatewayError(
      'ledger.bad_input',
      `${what}: expected an integer from ${min} to 2^53 - 1, got ${String(value)}`,
    );
  }
}
