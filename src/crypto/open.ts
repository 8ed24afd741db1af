/**
 * Opening a sealed message: the receiver's checks, in the order of docs/PROTOCOL.md section 5. Until the
 * signature has been verified, everything in the sealed string (kids, headers, routing fields) is
 * attacker-controlled: it is only compared with what this gateway knows, and a kid only ever selects
 * among registered keys. Crypto failures say little to the outside; the detail stays in `message`.
 */
import { GatewayError, type ErrorCode } from '../errors.js';
import { validateMessage, type Message } from '../messages/index.js';
import { canonicalJson } from './canonical.js';
import { sha256b64u } from './digest.js';
import { readEnvelope, type Envelope } from './envelope.js';
import { decryptCompact } from './jwe.js';
import { verifyCompact } from './jws.js';
import type { KeyRing } from './key-ring.js';
import { isKeyValidAt, privateKeyObject, publicKeyObject } from './keys.js';
import { decodeHeader, extraMembers, MESSAGE_JWS, splitCompact } from './profile.js';

/** What the receiver knows when it opens a message. */
export interface OpenContext {
  /** This gateway's FIU id. */
  self: string;
  /** The FIU id of the TLS peer that delivered the message (from its certificate). */
  tlsPeer: string;
  ring: KeyRing;
  /** The time of receipt: keys must be valid then. */
  now: Date;
  /** The largest sealed string accepted, in bytes. */
  maxBytes: number;
}

/** An opened, verified message. */
export interface OpenedMessage {
  message: Message;
  /** `sha256b64u` of the sealed string. */
  digest: string;
  envelope: Envelope;
  /** The kid of the key that signed the message (a registered signing key of `message.header.from`). */
  signerKid: string;
}

function fail(code: ErrorCode, message: string, publicDetail: string, cause?: unknown): GatewayError {
  return new GatewayError(code, message, { publicDetail, cause });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Opens a sealed message delivered by `ctx.tlsPeer`: binds the TLS peer, the routing fields and the
 * signer together, decrypts, verifies, and validates the message.
 *
 * @throws GatewayError with the code of the first failed check (docs/PROTOCOL.md section 5).
 */
export async function openMessage(sealed: string, ctx: OpenContext): Promise<OpenedMessage> {
  // (a) Size first: nothing of an oversized input is parsed.
  if (Buffer.byteLength(sealed, 'utf8') > ctx.maxBytes) {
    throw fail(
      'message.too_large',
      'sealed message exceeds the size limit',
      `sealed message exceeds ${ctx.maxBytes} bytes`,
    );
  }
  // (b) The routing fields, read without decrypting (attacker-controlled claims).
  const envelope = readEnvelope(sealed);
  // (c) The claimed sender must be the authenticated TLS peer.
  if (envelope.from !== ctx.tlsPeer) {
    throw fail(
      'crypto.sender_mismatch',
      `fiu.from ${envelope.from} is not the TLS peer ${ctx.tlsPeer}`,
      'fiu.from is not the authenticated peer',
    );
  }
  // (d) It must be addressed to this gateway.
  if (envelope.to !== ctx.self) {
    throw fail(
      'crypto.wrong_recipient',
      `fiu.to ${envelope.to} is not ${ctx.self}`,
      'fiu.to is not this gateway',
    );
  }
  // (e) The kid only selects among our own encryption keys, and the key must be valid now.
  const encKey = ctx.ring.findOwnEncryptionKey(envelope.kid);
  if (!encKey || !isKeyValidAt(encKey, ctx.now)) {
    throw fail(
      'crypto.unknown_encryption_key',
      `kid ${envelope.kid} is not an own encryption key valid at ${ctx.now.toISOString()}`,
      'kid is not a current encryption key of this gateway',
    );
  }
  // (f) Decrypt with the profile's algorithms only; any failure is reported as one generic error.
  const jws = await decrypt(sealed, privateKeyObject(encKey));
  // (g) The inner JWS: its signer must be fiu.skid, a registered key of fiu.from, valid now.
  const { payload, signerKid } = await verifyInner(jws, envelope, ctx);
  // (h) and (i) The payload: JSON, a valid message, in canonical form.
  const message = parsePayload(payload);
  // (j) The signed header must say what the envelope said, and come from the TLS peer.
  const h = message.header;
  const differs = (['id', 'type', 'from', 'to'] as const).filter((k) => h[k] !== envelope[k]);
  if (differs.length > 0) {
    throw fail(
      'crypto.header_mismatch',
      `message header ${differs.join(', ')} differ from the routing fields`,
      `header.${differs[0]} differs from fiu.${differs[0]}`,
    );
  }
  if (h.from !== ctx.tlsPeer) {
    throw fail(
      'crypto.sender_mismatch',
      `header.from ${h.from} is not the TLS peer`,
      'header.from is not the authenticated peer',
    );
  }
  return { message, digest: sha256b64u(sealed), envelope, signerKid };
}

/**
 * Decrypts the JWE (only the profile's ECDH-ES+A256KW with A256GCM, see jwe.ts); returns the plaintext
 * (the inner JWS) as text.
 */
export async function decrypt(sealed: string, key: ReturnType<typeof privateKeyObject>): Promise<string> {
  try {
    return strictUtf8.decode(decryptCompact(sealed, key));
  } catch (err) {
    throw fail('crypto.decryption_failed', 'decryption failed', 'decryption failed', err);
  }
}

/** Checks the inner JWS header against the envelope and the ring, then verifies the signature. */
async function verifyInner(
  jws: string,
  envelope: Envelope,
  ctx: OpenContext,
): Promise<{ payload: Uint8Array; signerKid: string }> {
  splitCompact(jws, 3, 'crypto.malformed_seal', 'signed message');
  const header = decodeHeader(jws, 'crypto.malformed_seal', 'signed message');
  if (header.alg !== MESSAGE_JWS.alg || header.typ !== MESSAGE_JWS.typ) {
    throw fail(
      'crypto.unsupported_algorithm',
      'signed message: alg or typ not supported',
      `signed message: expected alg ${MESSAGE_JWS.alg} and typ ${MESSAGE_JWS.typ}`,
    );
  }
  if (typeof header.kid !== 'string' || extraMembers(header, ['alg', 'kid', 'typ']).length > 0) {
    throw fail(
      'crypto.malformed_seal',
      'signed message: protected header is not exactly alg, kid, typ',
      'signed message: expected a protected header of exactly alg, kid, typ',
    );
  }
  const kid = header.kid;
  // The signer named inside must be the one announced outside (fiu.skid).
  if (kid !== envelope.skid) {
    throw fail('crypto.signer_mismatch', 'inner JWS kid is not fiu.skid', 'the signing key is not fiu.skid');
  }
  // Only a signing key registered for the claimed sender counts (not another partner's).
  const sigKey = ctx.ring.findPartnerKey(envelope.from, 'sig', kid);
  if (!sigKey) {
    throw fail(
      'crypto.unknown_signing_key',
      `kid ${kid} is not a registered signing key of ${envelope.from}`,
      `the signing key is not registered for ${envelope.from}`,
    );
  }
  if (!isKeyValidAt(sigKey, ctx.now)) {
    throw fail(
      'crypto.signing_key_not_valid',
      `signing key ${kid} of ${envelope.from} is not valid at ${ctx.now.toISOString()}`,
      'the signing key is not valid now',
    );
  }
  try {
    const payload = verifyCompact(jws, publicKeyObject(sigKey));
    return { payload, signerKid: kid };
  } catch (err) {
    throw fail('crypto.bad_signature', 'signature verification failed', 'signature verification failed', err);
  }
}

/** Parses and validates the signed payload, which must be exactly the canonical form of the message. */
export function parsePayload(payload: Uint8Array): Message {
  let text: string;
  let parsed: unknown;
  try {
    text = strictUtf8.decode(payload);
    parsed = JSON.parse(text);
  } catch (err) {
    throw fail(
      'message.invalid',
      'payload is not UTF-8 JSON',
      '(top level): expected a JSON message in UTF-8',
      err,
    );
  }
  // Validation first: it bounds the structure (depth, sizes) before it is canonicalised.
  const message = validateMessage(parsed);
  if (canonicalJson(parsed) !== text) {
    throw fail(
      'message.invalid',
      'payload is not in RFC 8785 canonical form',
      '(top level): expected the RFC 8785 canonical JSON form of the message',
    );
  }
  return message;
}
