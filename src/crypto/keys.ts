/**
 * Message keys: generation, thumbprints and import. Keys are plain data ({@link KeyRecord}); import into
 * `KeyObject`s happens once per key and is cached, because importing a JWK on every message costs more
 * than the signature itself.
 */
import { createPublicKey, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { GatewayError } from '../errors.js';
import { KEY_USE_CURVE, keyRecordSchema, type KeyRecord, type KeyUse } from './key-file.js';

/** The prefix of every gateway's audit-ledger origin (see {@link ledgerOrigin}). */
export const LEDGER_ORIGIN_PREFIX = 'fiu-gateway/';

/**
 * The origin of an FIU gateway's audit ledger, `fiu-gateway/<FIU id>`: the first line of its
 * checkpoints and the key name of its ledger key in the C2SP signed notes that sign them. An FIU id
 * (`^[A-Z0-9][A-Z0-9-]{0,62}$`) has no space, `+` or newline, so the result is a valid key name.
 */
export function ledgerOrigin(fiu: string): string {
  return `${LEDGER_ORIGIN_PREFIX}${fiu}`;
}

/** A generated key pair, as the owner keeps it (private) and as partners register it (public). */
export interface GeneratedKey {
  private: KeyRecord;
  public: KeyRecord;
}

/**
 * Generates a key for `fiu`, valid from `notBefore` to `notAfter`: Ed25519 for `sig` and `ledger`,
 * X25519 for `enc`. The JWK carries `alg` (`EdDSA`, or `ECDH-ES+A256KW` for `enc`); it carries `use`
 * for `sig` and `enc` keys only (`ledger` is not a JWK use, see `JWK_USES`).
 */
export async function generateKeyRecord(
  fiu: string,
  use: KeyUse,
  notBefore: Date,
  notAfter: Date,
): Promise<GeneratedKey> {
  const curve = KEY_USE_CURVE[use];
  const { privateKey } = curve === 'Ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  const full = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint({ kty: full.kty, crv: full.crv, x: full.x }, 'sha256');
  const alg = curve === 'Ed25519' ? 'EdDSA' : 'ECDH-ES+A256KW';
  const base = {
    fiu,
    use,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
  };
  const pub = {
    kty: 'OKP' as const,
    crv: curve,
    x: full.x!,
    kid,
    alg,
    ...(use === 'ledger' ? {} : { use }),
  };
  return {
    private: { ...base, jwk: { ...pub, d: full.d! } },
    public: { ...base, jwk: pub },
  };
}

/** Checks a key record's shape and that its kid is the RFC 7638 thumbprint of its public part. */
export async function checkKeyRecord(record: unknown, source: string): Promise<KeyRecord> {
  const parsed = keyRecordSchema.safeParse(record);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new GatewayError(
      'crypto.key_invalid',
      `${source}: ${first.path.map(String).join('.') || '(top level)'}: ${first.message}`,
    );
  }
  const k = parsed.data;
  const thumbprint = await calculateJwkThumbprint({ kty: k.jwk.kty, crv: k.jwk.crv, x: k.jwk.x }, 'sha256');
  if (thumbprint !== k.jwk.kid) {
    throw new GatewayError(
      'crypto.key_invalid',
      `${source}: jwk.kid is not the RFC 7638 thumbprint of the key`,
    );
  }
  return k;
}

/** True when `at` lies inside the key's validity window (inclusive start, exclusive end). */
export function isKeyValidAt(key: KeyRecord, at: Date): boolean {
  const t = at.getTime();
  return Date.parse(key.notBefore) <= t && t < Date.parse(key.notAfter);
}

const publicCache = new WeakMap<KeyRecord, KeyObject>();
const privateCache = new WeakMap<KeyRecord, KeyObject>();

/** The public KeyObject of a key record (cached per record). */
export function publicKeyObject(key: KeyRecord): KeyObject {
  let obj = publicCache.get(key);
  if (!obj) {
    const { kty, crv, x } = key.jwk;
    obj = createPublicKey({ key: { kty, crv, x }, format: 'jwk' });
    publicCache.set(key, obj);
  }
  return obj;
}

/** The private KeyObject of a key record that holds its private part (cached per record). */
export function privateKeyObject(key: KeyRecord): KeyObject {
  let obj = privateCache.get(key);
  if (!obj) {
    if (!key.jwk.d) throw new GatewayError('crypto.key_invalid', `key ${key.jwk.kid} has no private part`);
    const { kty, crv, x, d } = key.jwk;
    obj = createPrivateKey({ key: { kty, crv, x, d }, format: 'jwk' });
    privateCache.set(key, obj);
  }
  return obj;
}
