/** Digests and their comparison. */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * SHA-256 of `data` (a string is hashed as its UTF-8 bytes), base64url without padding: 43 characters.
 * The digest of a sealed message is this over the JWE compact string (docs/PROTOCOL.md, section 4).
 */
export function sha256b64u(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('base64url');
}

/**
 * Compares two digests (or any two strings) in time that does not depend on where they differ.
 * Strings of different lengths are unequal (their length is not secret).
 */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
