/**
 * The key set: an FIU's current public key records, signed by one of its signing keys, which partners
 * fetch with the peer RPC `GetKeys` to learn rotated keys (docs/PROTOCOL.md section 11). A key set is
 * verified only with a signing key the receiver has already registered for that FIU and that is valid
 * now, never with a key from the set itself.
 */
import { z } from 'zod';
import { GatewayError } from '../errors.js';
import { canonicalJson } from './canonical.js';
import { JwsVerificationError, signCompact, verifyCompact } from './jws.js';
import type { KeyRecord } from './key-file.js';
import type { KeyRing } from './key-ring.js';
import { checkKeyRecord, isKeyValidAt, privateKeyObject, publicKeyObject } from './keys.js';

/** The `typ` of a key-set JWS. */
export const KEY_SET_TYP = 'fiu-keyset+jws';

/** The most key records a key set may hold. */
export const MAX_KEY_SET_KEYS = 64;

const payloadSchema = z
  .object({
    v: z.literal(1),
    fiu: z.string(),
    issuedAt: z.iso.datetime({ offset: true }),
    keys: z.array(z.unknown()).min(1).max(MAX_KEY_SET_KEYS),
  })
  .strict();

/** A verified key set. */
export interface KeySet {
  fiu: string;
  issuedAt: string;
  /** Every record, checked: the FIU's, public, kid = thumbprint. */
  keys: KeyRecord[];
}

/**
 * Signs this gateway's key set at `now`: every own public key (sig, enc, ledger) that has not expired,
 * signed with the OLDEST own signing key valid at `now` (the one partners most likely know already:
 * a freshly rotated signing key is not yet registered with them).
 *
 * @throws GatewayError `crypto.no_valid_key` when no own signing key is valid.
 */
export function signKeySet(ring: KeyRing, now: Date): string {
  const own = ring.ownKeys();
  const signers = own
    .filter((k) => k.use === 'sig' && isKeyValidAt(k, now))
    .sort((a, b) => Date.parse(a.notBefore) - Date.parse(b.notBefore) || (a.jwk.kid < b.jwk.kid ? -1 : 1));
  const signer = signers[0];
  if (!signer) {
    throw new GatewayError(
      'crypto.no_valid_key',
      `no own signing key of ${ring.self} is valid at ${now.toISOString()}`,
    );
  }
  const keys = ring.ownPublicKeys().filter((k) => now.getTime() < Date.parse(k.notAfter));
  const payload = { v: 1, fiu: ring.self, issuedAt: now.toISOString(), keys };
  return signCompact(
    Buffer.from(canonicalJson(payload), 'utf8'),
    { alg: 'EdDSA', typ: KEY_SET_TYP, kid: signer.jwk.kid },
    privateKeyObject(signer),
  );
}

function refuse(partner: string, why: string): GatewayError {
  return new GatewayError('crypto.bad_key_set', `key set of ${partner}: ${why}`, {
    publicDetail: 'the key set does not verify',
  });
}

/**
 * Verifies the key set `jws` of partner `partner` at `now`: the header (alg EdDSA, typ
 * {@link KEY_SET_TYP}, kid) names a signing key of `partner` registered in `ring` and valid at `now`;
 * the signature verifies with it; the payload names `partner`; every record is a public key record of
 * `partner` whose kid is its RFC 7638 thumbprint. Any failure refuses the whole set.
 *
 * @throws GatewayError `crypto.bad_key_set` (or `crypto.unknown_signing_key` when the signer is unknown).
 */
export async function verifyKeySet(jws: string, ring: KeyRing, partner: string, now: Date): Promise<KeySet> {
  const headerB64 = jws.split('.')[0] ?? '';
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(headerB64, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw refuse(partner, 'the header is not JSON');
  }
  if (typeof header !== 'object' || header === null || header.typ !== KEY_SET_TYP) {
    throw refuse(partner, `the header typ is not ${KEY_SET_TYP}`);
  }
  const kid = typeof header.kid === 'string' ? header.kid : '';
  const signer = ring.findPartnerKey(partner, 'sig', kid);
  if (!signer) {
    throw new GatewayError(
      'crypto.unknown_signing_key',
      `key set of ${partner}: signed by unknown key ${kid}`,
      {
        publicDetail: 'the key set is signed by an unknown key',
      },
    );
  }
  if (!isKeyValidAt(signer, now)) throw refuse(partner, `signing key ${kid} is not valid now`);
  let body: Buffer;
  try {
    body = verifyCompact(jws, publicKeyObject(signer));
  } catch (err) {
    if (err instanceof JwsVerificationError) throw refuse(partner, 'the signature does not verify');
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString('utf8'));
  } catch {
    throw refuse(partner, 'the payload is not JSON');
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) throw refuse(partner, 'the payload is not a key set');
  if (parsed.data.fiu !== partner) throw refuse(partner, `the payload names ${parsed.data.fiu}`);
  const keys: KeyRecord[] = [];
  for (const [i, r] of parsed.data.keys.entries()) {
    let k: KeyRecord;
    try {
      k = await checkKeyRecord(r, `keys.${i}`);
    } catch (err) {
      throw refuse(partner, (err as Error).message);
    }
    if (k.fiu !== partner) throw refuse(partner, `keys.${i} belongs to ${k.fiu}`);
    if (k.jwk.d !== undefined) throw refuse(partner, `keys.${i} holds a private part`);
    keys.push(k);
  }
  return { fiu: partner, issuedAt: parsed.data.issuedAt, keys };
}
