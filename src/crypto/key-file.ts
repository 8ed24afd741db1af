/**
 * The JSON shapes in which message keys are kept on disk and exchanged between partners.
 *
 * A key is a JWK plus the FIU it belongs to, its use and a validity window; the JWK's `kid` is its
 * RFC 7638 thumbprint (checked when keys are loaded, see `keys.ts`). Keys rotate with overlapping
 * windows, so a sender picks its newest currently valid key and a receiver accepts any registered key
 * whose window contains the time of use.
 */
import { z } from 'zod';

/**
 * `sig`: Ed25519 message signing key (JWS alg EdDSA); `enc`: X25519 key agreement key (JWE
 * ECDH-ES+A256KW); `ledger`: Ed25519 key that signs the gateway's audit-ledger checkpoints (C2SP
 * signed notes under the key name `ledgerOrigin(fiu)`, `fiu-gateway/<FIU id>`, see keys.ts). A ledger
 * key is never a message signing key and the other way round: lookups always select by use.
 */
export const KEY_USES = ['sig', 'enc', 'ledger'] as const;
export type KeyUse = (typeof KEY_USES)[number];

/**
 * The values of the JWK `use` member (RFC 7517 section 4.2). A `sig` or `enc` record may repeat its
 * use there; a `ledger` record leaves it out (a checkpoint signature is not a JWS).
 */
export const JWK_USES = ['sig', 'enc'] as const;

/** The curve of each key use. */
export const KEY_USE_CURVE = { sig: 'Ed25519', enc: 'X25519', ledger: 'Ed25519' } as const satisfies Record<
  KeyUse,
  'Ed25519' | 'X25519'
>;

const isoDate = z.iso.datetime({
  offset: true,
  message: 'an RFC 3339 date-time such as 2026-01-01T00:00:00Z',
});

const okpJwk = z
  .object({
    kty: z.literal('OKP'),
    crv: z.enum(['Ed25519', 'X25519']),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'base64url of 32 bytes'),
    d: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'base64url of 32 bytes')
      .optional(),
    kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the RFC 7638 SHA-256 thumbprint, base64url'),
    alg: z.string().optional(),
    use: z.enum(JWK_USES).optional(),
  })
  .strict();

/** A key with the FIU that owns it, its use and its validity window. */
export const keyRecordSchema = z
  .object({
    fiu: z.string().min(1),
    use: z.enum(KEY_USES),
    notBefore: isoDate,
    notAfter: isoDate,
    jwk: okpJwk,
  })
  .strict()
  .refine((k) => Date.parse(k.notBefore) < Date.parse(k.notAfter), {
    message: 'notBefore must be earlier than notAfter',
    path: ['notAfter'],
  })
  .refine((k) => k.jwk.crv === KEY_USE_CURVE[k.use], {
    message: 'a sig or ledger key must be an Ed25519 JWK and an enc key an X25519 JWK',
    path: ['jwk', 'crv'],
  })
  .refine((k) => k.jwk.use === undefined || k.jwk.use === k.use, {
    message: 'jwk.use, when present, must equal use (sig or enc); a ledger key has no jwk.use',
    path: ['jwk', 'use'],
  });

/** A key record as stored in a file: private (with `d`) in the owner's key files, public elsewhere. */
export type KeyRecord = z.infer<typeof keyRecordSchema>;
