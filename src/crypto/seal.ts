/**
 * Sealing: sign, then encrypt (docs/PROTOCOL.md, section 4). The signature sits inside the encryption,
 * so it survives decryption and can be shown later; the routing fields sit in the JWE protected header,
 * which is authenticated by AES-GCM as additional data.
 */
import { GatewayError } from '../errors.js';
import { validateMessage, type Message } from '../messages/index.js';
import { canonicalJson } from './canonical.js';
import { sha256b64u } from './digest.js';
import { encryptCompact } from './jwe.js';
import { signCompact } from './jws.js';
import type { KeyRing } from './key-ring.js';
import { privateKeyObject, publicKeyObject } from './keys.js';
import { MESSAGE_JWS, SEALED_JWE } from './profile.js';

/** A sealed message and its digest. */
export interface SealedMessage {
  /** The JWE compact serialization: what travels and what is stored. */
  sealed: string;
  /** `sha256b64u` of the sealed string: what both ledgers record. */
  digest: string;
  /** The inner JWS (the signed message), for the sender's own sealed copy (`sealOwnCopy`). */
  signed: string;
}

const utf8 = new TextEncoder();

/**
 * Seals `message` for its recipient (`header.to`): validates it (a message the builders returned was
 * validated there and frozen; `validateMessage` knows it and does not parse it again), signs its RFC 8785
 * canonical form with this gateway's newest signing key valid at `now` (JWS, EdDSA), then encrypts the
 * JWS to the recipient's newest encryption key valid at `now` (JWE, ECDH-ES+A256KW with A256GCM), with
 * the routing fields in the protected header.
 *
 * @throws GatewayError `message.invalid` (the message, or `header.from` is not this gateway),
 * `crypto.no_valid_key` (no own signing key or partner encryption key valid at `now`).
 */
export async function sealMessage(message: Message, ring: KeyRing, now: Date): Promise<SealedMessage> {
  const valid = validateMessage(message);
  const h = valid.header;
  if (h.from !== ring.self) {
    throw new GatewayError('message.invalid', `header.from ${h.from} is not this gateway (${ring.self})`, {
      publicDetail: "header.from: expected this gateway's FIU id",
    });
  }
  const signer = ring.signingKey(now);
  const recipient = ring.partnerEncryptionKey(h.to, now);
  const jws = signCompact(
    utf8.encode(canonicalJson(valid)),
    { alg: MESSAGE_JWS.alg, kid: signer.jwk.kid, typ: MESSAGE_JWS.typ },
    privateKeyObject(signer),
  );
  const sealed = encryptCompact(
    utf8.encode(jws),
    {
      alg: SEALED_JWE.alg,
      enc: SEALED_JWE.enc,
      kid: recipient.jwk.kid,
      typ: SEALED_JWE.typ,
      cty: SEALED_JWE.cty,
      'fiu.id': h.id,
      'fiu.type': h.type,
      'fiu.from': h.from,
      'fiu.to': h.to,
      'fiu.skid': signer.jwk.kid,
    },
    publicKeyObject(recipient),
  );
  return { sealed, digest: sha256b64u(sealed), signed: jws };
}
