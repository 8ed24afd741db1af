/**
 * The sender's own copy of a message it sent. The sealed message is encrypted to the partner only, so
 * the sender cannot read it back; it keeps the same signed message (the inner JWS) encrypted to its own
 * encryption key instead. Messages stay sealed at rest on both sides.
 */
import { GatewayError } from '../errors.js';
import type { Message } from '../messages/index.js';
import { encryptCompact } from './jwe.js';
import { verifyCompact } from './jws.js';
import type { KeyRing } from './key-ring.js';
import { privateKeyObject, publicKeyObject } from './keys.js';
import { decrypt, parsePayload } from './open.js';
import { decodeHeader, SEALED_JWE } from './profile.js';

/** The `typ` of an own copy; it never travels, so it can never be mistaken for a sealed message. */
export const OWN_COPY_TYP = 'fiu-own-copy+jwe';

/** Encrypts `text` to this gateway's own current encryption key, with `typ` and `cty`. */
function sealToOwnKey(text: string, typ: string, cty: string, ring: KeyRing, now: Date): string {
  const key = ring.encryptionKey(now);
  return encryptCompact(
    new TextEncoder().encode(text),
    { alg: SEALED_JWE.alg, enc: SEALED_JWE.enc, kid: key.jwk.kid, typ, cty },
    publicKeyObject(key),
  );
}

/** Decrypts what {@link sealToOwnKey} sealed with `typ`, with the own key it names, whatever its validity now. */
async function openFromOwnKey(sealed: string, typ: string, what: string, ring: KeyRing): Promise<string> {
  const outer = decodeHeader(sealed, 'crypto.malformed_seal', what);
  const encKey = typeof outer.kid === 'string' ? ring.findOwnKey('enc', outer.kid) : undefined;
  if (outer.typ !== typ || !encKey) {
    throw new GatewayError('crypto.unknown_encryption_key', `${what}: not sealed to an own key`);
  }
  return decrypt(sealed, privateKeyObject(encKey));
}

/** Encrypts the signed message `signed` (a JWS from `sealMessage`) to this gateway's own current key. */
export async function sealOwnCopy(signed: string, ring: KeyRing, now: Date): Promise<string> {
  return sealToOwnKey(signed, OWN_COPY_TYP, SEALED_JWE.cty, ring, now);
}

/**
 * Opens an own copy: decrypts it with the own key it names and verifies the inner signature with the
 * own signing key it names, whatever their validity now (an archive must stay readable after rotation).
 */
export async function openOwnCopy(copy: string, ring: KeyRing): Promise<Message> {
  const jws = await openFromOwnKey(copy, OWN_COPY_TYP, 'own copy', ring);
  const inner = decodeHeader(jws, 'crypto.malformed_seal', 'own copy');
  const sigKey = typeof inner.kid === 'string' ? ring.findOwnKey('sig', inner.kid) : undefined;
  if (!sigKey) throw new GatewayError('crypto.unknown_signing_key', 'own copy: not signed by an own key');
  try {
    return parsePayload(verifyCompact(jws, publicKeyObject(sigKey)));
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    throw new GatewayError('crypto.bad_signature', 'own copy: signature verification failed', { cause: err });
  }
}

/** The `typ` of an own note: a short text (an approver's comment) kept encrypted at rest. */
export const OWN_NOTE_TYP = 'fiu-own-note+jwe';

/** Encrypts `text` to this gateway's own current encryption key (AES-GCM protects its integrity). */
export function sealOwnNote(text: string, ring: KeyRing, now: Date): string {
  return sealToOwnKey(text, OWN_NOTE_TYP, 'text/plain', ring, now);
}

/** Opens an own note with the own key it names, whatever its validity now. */
export function openOwnNote(note: string, ring: KeyRing): Promise<string> {
  return openFromOwnKey(note, OWN_NOTE_TYP, 'own note', ring);
}
