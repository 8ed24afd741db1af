/**
 * JWS compact serialization (RFC 7515) with EdDSA over Ed25519 (RFC 8037), on node:crypto's one-shot
 * `sign` and `verify`, synchronous. Ed25519 is deterministic, so a signature made here is byte for
 * byte the one jose makes for the same header and payload (test/unit/crypto/jws.test.ts).
 */
import { sign, verify, type KeyObject } from 'node:crypto';

/** Thrown for every verification failure. */
export class JwsVerificationError extends Error {
  constructor() {
    super('signature verification failed');
    this.name = 'JwsVerificationError';
  }
}

/** Signs `payload` with the Ed25519 key `key`; `header` is the protected header (`alg` must be EdDSA). */
export function signCompact(payload: Uint8Array, header: Record<string, unknown>, key: KeyObject): string {
  if (header.alg !== 'EdDSA') throw new Error('only EdDSA is supported');
  const input = `${Buffer.from(JSON.stringify(header), 'utf8').toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  return `${input}.${sign(null, Buffer.from(input, 'ascii'), key).toString('base64url')}`;
}

/**
 * Verifies a compact JWS with the Ed25519 public key `key`: the protected header must be a JSON object
 * with `alg` EdDSA and no `crit` (no extension is understood). Returns the payload.
 *
 * @throws JwsVerificationError on any failure.
 */
export function verifyCompact(jws: string, key: KeyObject): Buffer {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new JwsVerificationError();
  const [headerB64, payloadB64, sigB64] = parts as [string, string, string];
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(headerB64, 'base64url').toString('utf8'));
  } catch {
    throw new JwsVerificationError();
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new JwsVerificationError();
  const h = header as Record<string, unknown>;
  if (h.alg !== 'EdDSA' || 'crit' in h) throw new JwsVerificationError();
  const input = Buffer.from(`${headerB64}.${payloadB64}`, 'ascii');
  let ok: boolean;
  try {
    ok = verify(null, input, key, Buffer.from(sigB64, 'base64url'));
  } catch {
    throw new JwsVerificationError();
  }
  if (!ok) throw new JwsVerificationError();
  return Buffer.from(payloadB64, 'base64url');
}
