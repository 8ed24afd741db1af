/**
 * JWE compact serialization (RFC 7516) for exactly one algorithm pair: key agreement ECDH-ES+A256KW
 * on X25519 (RFC 7518 section 4.6, RFC 8037) with content encryption A256GCM (RFC 7518 section 5.3),
 * built on node:crypto primitives (X25519, SHA-256, AES key wrap, AES-GCM) and synchronous, so no
 * call leaves the event loop for the thread pool. Interoperable with jose byte for byte in both
 * directions (test/unit/crypto/jwe.test.ts). Every decryption failure is one generic error; the
 * caller turns it into `crypto.decryption_failed`.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

const ALG = 'ECDH-ES+A256KW';
const ENC = 'A256GCM';
/** The AES key wrap default initial value (RFC 3394 section 2.2.3.1). */
const KW_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');
const CEK_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown for every decryption failure; it says nothing about which check failed. */
export class JweDecryptionError extends Error {
  constructor() {
    super('decryption operation failed');
    this.name = 'JweDecryptionError';
  }
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/**
 * The Concat KDF of NIST SP 800-56A as RFC 7518 section 4.6.2 profiles it, for a 256-bit key: one
 * SHA-256 round over counter 1, Z and OtherInfo (AlgorithmID = the `alg` value, empty PartyUInfo and
 * PartyVInfo since `apu` and `apv` are never sent, SuppPubInfo = the key length in bits).
 */
function concatKdf(z: Buffer): Buffer {
  const alg = Buffer.from(ALG, 'ascii');
  return createHash('sha256')
    .update(u32(1))
    .update(z)
    .update(u32(alg.length))
    .update(alg)
    .update(u32(0))
    .update(u32(0))
    .update(u32(256))
    .digest();
}

/**
 * Encrypts `plaintext` to the X25519 public key `recipient`: a fresh ephemeral key per call (`epk`),
 * a fresh content key and IV. `header` is the protected header without `epk`; `alg` and `enc` must be
 * ECDH-ES+A256KW and A256GCM. Returns the compact serialization.
 */
export function encryptCompact(
  plaintext: Uint8Array,
  header: Record<string, unknown>,
  recipient: KeyObject,
): string {
  if (header.alg !== ALG || header.enc !== ENC) throw new Error(`only ${ALG} with ${ENC} is supported`);
  const eph = generateKeyPairSync('x25519');
  const { x } = eph.publicKey.export({ format: 'jwk' });
  const kek = concatKdf(diffieHellman({ privateKey: eph.privateKey, publicKey: recipient }));
  const cek = randomBytes(CEK_BYTES);
  const wrap = createCipheriv('id-aes256-wrap', kek, KW_IV);
  const encryptedKey = Buffer.concat([wrap.update(cek), wrap.final()]);
  const protectedB64 = Buffer.from(
    JSON.stringify({ ...header, epk: { x, crv: 'X25519', kty: 'OKP' } }),
    'utf8',
  ).toString('base64url');
  const iv = randomBytes(IV_BYTES);
  const gcm = createCipheriv('aes-256-gcm', cek, iv, { authTagLength: TAG_BYTES });
  gcm.setAAD(Buffer.from(protectedB64, 'ascii'));
  const ciphertext = Buffer.concat([gcm.update(plaintext), gcm.final()]);
  return [protectedB64, encryptedKey, iv, ciphertext, gcm.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The protected header of a compact JWE (any JSON object), or null. */
function parseHeader(b64: string): Record<string, unknown> | null {
  try {
    const h: unknown = JSON.parse(Buffer.from(b64, 'base64url').toString('utf8'));
    return typeof h === 'object' && h !== null && !Array.isArray(h) ? (h as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The sender's ephemeral X25519 public key from `epk`, or null when it is not one. */
function ephemeralKey(epk: unknown): KeyObject | null {
  if (typeof epk !== 'object' || epk === null) return null;
  const { kty, crv, x } = epk as Record<string, unknown>;
  if (kty !== 'OKP' || crv !== 'X25519' || typeof x !== 'string') return null;
  try {
    return createPublicKey({ key: { kty, crv, x }, format: 'jwk' });
  } catch {
    return null;
  }
}

/**
 * Decrypts a compact JWE with the X25519 private key `key`. Accepts only ECDH-ES+A256KW with A256GCM
 * (no `zip`, no `crit`), a 12-byte IV and a full 16-byte tag; the protected header is the additional
 * authenticated data. Resolves to the plaintext.
 *
 * @throws JweDecryptionError on any failure.
 */
export function decryptCompact(jwe: string, key: KeyObject): Buffer {
  const parts = jwe.split('.');
  if (parts.length !== 5) throw new JweDecryptionError();
  const [protectedB64, ekB64, ivB64, ctB64, tagB64] = parts as [string, string, string, string, string];
  const header = parseHeader(protectedB64);
  if (!header || header.alg !== ALG || header.enc !== ENC || 'zip' in header || 'crit' in header) {
    throw new JweDecryptionError();
  }
  const epk = ephemeralKey(header.epk);
  const iv = Buffer.from(ivB64, 'base64url');
  const tag = Buffer.from(tagB64, 'base64url');
  if (!epk || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new JweDecryptionError();
  try {
    const kek = concatKdf(diffieHellman({ privateKey: key, publicKey: epk }));
    const unwrap = createDecipheriv('id-aes256-wrap', kek, KW_IV);
    const cek = Buffer.concat([unwrap.update(Buffer.from(ekB64, 'base64url')), unwrap.final()]);
    if (cek.length !== CEK_BYTES) throw new JweDecryptionError();
    const gcm = createDecipheriv('aes-256-gcm', cek, iv, { authTagLength: TAG_BYTES });
    gcm.setAAD(Buffer.from(protectedB64, 'ascii'));
    gcm.setAuthTag(tag);
    return Buffer.concat([gcm.update(Buffer.from(ctB64, 'base64url')), gcm.final()]);
  } catch {
    throw new JweDecryptionError();
  }
}
