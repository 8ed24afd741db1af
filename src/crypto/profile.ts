/**
 * The JOSE profile of the protocol (docs/PROTOCOL.md, sections 4 and 6): the only algorithms and media
 * types accepted, and strict parsing of compact serializations. Everything read here comes from a peer
 * and is attacker-controlled until a signature has been verified.
 */
import { decodeProtectedHeader } from 'jose';
import { GatewayError, type ErrorCode } from '../errors.js';

/** The inner JWS (the signed message). */
export const MESSAGE_JWS = { alg: 'EdDSA', typ: 'fiu-message+jws' } as const;
/** The outer JWE (the sealed message). */
export const SEALED_JWE = {
  alg: 'ECDH-ES+A256KW',
  enc: 'A256GCM',
  typ: 'fiu-sealed+jwe',
  cty: 'fiu-message+jws',
} as const;
/** The delivery receipt (JWS). */
export const RECEIPT_JWS = { alg: 'EdDSA', typ: 'fiu-receipt+jws' } as const;

/** A key id: the RFC 7638 SHA-256 thumbprint, base64url (43 characters). */
export const KID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The longest protected header accepted, in base64url characters (ours are about 400). */
const MAX_HEADER_CHARS = 4096;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Splits a compact serialization into `count` parts (3 for JWS, 5 for JWE) and checks that each is
 * canonical base64url: no padding, no other characters, and unused trailing bits zero. The last rule
 * matters: otherwise two different strings decode to the same bytes, so one message would have several
 * digests and a flipped last character could go unnoticed. The protected header must be non-empty;
 * other parts too unless `allowEmpty` (a JWE with alg `dir` has an empty encrypted key: it must get as
 * far as the algorithm check to be refused as unsupported).
 *
 * @throws GatewayError with `code` and a generic public detail.
 */
export function splitCompact(
  token: string,
  count: 3 | 5,
  code: ErrorCode,
  what: string,
  allowEmpty = false,
): string[] {
  const parts = token.split('.');
  const kind = count === 5 ? 'JWE' : 'JWS';
  const bad = () =>
    new GatewayError(code, `${what} is not a ${kind} compact serialization`, {
      publicDetail: `${what} is not a well-formed ${kind} compact serialization`,
    });
  if (parts.length !== count || parts[0]!.length === 0 || parts[0]!.length > MAX_HEADER_CHARS) throw bad();
  for (const part of parts) {
    if (part.length === 0 && allowEmpty) continue;
    if (!BASE64URL.test(part) || Buffer.from(part, 'base64url').toString('base64url') !== part) throw bad();
  }
  return parts;
}

/**
 * Decodes the protected header of a compact serialization (already split and checked).
 *
 * @throws GatewayError with `code` when it is not a JSON object.
 */
export function decodeHeader(token: string, code: ErrorCode, what: string): Record<string, unknown> {
  try {
    return decodeProtectedHeader(token) as Record<string, unknown>;
  } catch (err) {
    throw new GatewayError(code, `${what}: the protected header is not a JSON object`, {
      cause: err,
      publicDetail: `${what}: the protected header is not a JSON object`,
    });
  }
}

/** The members of `header` that are not in `allowed`. */
export function extraMembers(header: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(header).filter((k) => !allowed.includes(k));
}
