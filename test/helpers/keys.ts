/**
 * In-memory message keys and key rings for FIU-A, FIU-B and FIU-C, and a way to craft sealed messages
 * with real keys but arbitrary headers and payloads (to test what a hostile peer could send).
 */
import {
  CompactEncrypt,
  CompactSign,
  type CompactJWEHeaderParameters,
  type CompactJWSHeaderParameters,
} from 'jose';
import {
  KeyRing,
  generateKeyRecord,
  privateKeyObject,
  publicKeyObject,
  type GeneratedKey,
  type KeyRecord,
  type KeyUse,
} from '../../src/crypto/index.js';

/** The time tests run at: inside every default key window. */
export const NOW = new Date('2026-03-02T09:30:00.000Z');
const DAY = 24 * 3600 * 1000;

/** One FIU's signing, encryption and ledger keys. */
export interface FiuKeys {
  fiu: string;
  sig: GeneratedKey;
  enc: GeneratedKey;
  /** Signs the FIU's audit-ledger checkpoints. */
  ledger: GeneratedKey;
}

/** Generates a key for `fiu` valid from `from` to `to` (default: a year around {@link NOW}). */
export function makeKey(
  fiu: string,
  use: KeyUse,
  from = new Date(NOW.getTime() - 180 * DAY),
  to = new Date(NOW.getTime() + 180 * DAY),
) {
  return generateKeyRecord(fiu, use, from, to);
}

/** Signing, encryption and ledger keys for each of `fius`. */
export async function makeFius(
  fius: readonly string[] = ['FIU-A', 'FIU-B', 'FIU-C'],
): Promise<Record<string, FiuKeys>> {
  const out: Record<string, FiuKeys> = {};
  for (const fiu of fius) {
    out[fiu] = {
      fiu,
      sig: await makeKey(fiu, 'sig'),
      enc: await makeKey(fiu, 'enc'),
      ledger: await makeKey(fiu, 'ledger'),
    };
  }
  return out;
}

/**
 * The key ring of `self`: its own private keys, and the public keys of every other FIU in `all`, plus
 * `extra.own` and `extra.partners` records (rotated, expired or unregistered keys in tests). Ledger
 * keys (own and partners') are included unless `extra.ledger` is false (a ring as built before
 * ledger keys were loaded).
 */
export function ringFor(
  self: string,
  all: Record<string, FiuKeys>,
  extra: { own?: KeyRecord[]; partners?: KeyRecord[]; ledger?: boolean } = {},
): Promise<KeyRing> {
  const mine = all[self]!;
  const others = Object.values(all).filter((k) => k.fiu !== self);
  const ledger = extra.ledger ?? true;
  return KeyRing.create(
    self,
    [mine.sig.private, mine.enc.private, ...(ledger ? [mine.ledger.private] : []), ...(extra.own ?? [])],
    [
      ...others.flatMap((k) => [k.sig.public, k.enc.public, ...(ledger ? [k.ledger.public] : [])]),
      ...(extra.partners ?? []),
    ],
  );
}

/** What to put in a crafted seal; everything a hostile (or buggy) peer controls. */
export interface CraftOptions {
  /** The signed payload: bytes, or text (UTF-8). */
  payload: Uint8Array | string;
  /** The signing key (private record). */
  signer: KeyRecord;
  /** The encryption key of the recipient (public record). */
  recipient: KeyRecord;
  /** Routing fields; `skid` defaults to the signer's kid. */
  route: { id: string; type: string; from: string; to: string; skid?: string };
  /** Replaces the inner JWS protected header (default `{ alg: EdDSA, kid, typ: fiu-message+jws }`). */
  jwsHeader?: CompactJWSHeaderParameters;
  /** A ready inner JWS (or any text) to encrypt instead of signing `payload`. */
  innerJws?: string;
  /** Merged into the JWE protected header. */
  jweHeader?: Record<string, unknown>;
}

/** Signs and encrypts with jose directly, as {@link sealMessage} does, but with whatever is asked. */
export async function craftSeal(o: CraftOptions): Promise<string> {
  const bytes = typeof o.payload === 'string' ? new TextEncoder().encode(o.payload) : o.payload;
  const jws =
    o.innerJws ??
    (await new CompactSign(bytes)
      .setProtectedHeader(o.jwsHeader ?? { alg: 'EdDSA', kid: o.signer.jwk.kid, typ: 'fiu-message+jws' })
      .sign(privateKeyObject(o.signer)));
  const header = {
    alg: 'ECDH-ES+A256KW',
    enc: 'A256GCM',
    kid: o.recipient.jwk.kid,
    typ: 'fiu-sealed+jwe',
    cty: 'fiu-message+jws',
    'fiu.id': o.route.id,
    'fiu.type': o.route.type,
    'fiu.from': o.route.from,
    'fiu.to': o.route.to,
    'fiu.skid': o.route.skid ?? o.signer.jwk.kid,
    ...o.jweHeader,
  } as CompactJWEHeaderParameters;
  return new CompactEncrypt(new TextEncoder().encode(jws))
    .setProtectedHeader(header)
    .encrypt(publicKeyObject(o.recipient));
}

/** Replaces the protected header of a compact serialization with `header` (other parts unchanged). */
export function withHeader(token: string, header: Record<string, unknown>): string {
  const parts = token.split('.');
  parts[0] = Buffer.from(JSON.stringify(header)).toString('base64url');
  return parts.join('.');
}

/** Decodes the protected header of a compact serialization. */
export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
