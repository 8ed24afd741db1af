/**
 * Delivery receipts (docs/PROTOCOL.md, section 6): the receiver's signed statement that it committed a
 * message with a given digest at a given index of its ledger. The sender verifies it against what it
 * sent, so a receipt for other bytes, another message or from another FIU is refused.
 */
import { z } from 'zod';
import { FIU_ID } from '../config.js';
import { GatewayError } from '../errors.js';
import { MESSAGE_ID_PATTERN } from '../messages/index.js';
import { canonicalJson } from './canonical.js';
import { digestsEqual } from './digest.js';
import { signCompact, verifyCompact } from './jws.js';
import type { KeyRing } from './key-ring.js';
import { isKeyValidAt, privateKeyObject, publicKeyObject } from './keys.js';
import { decodeHeader, extraMembers, RECEIPT_JWS, splitCompact } from './profile.js';

const claimsSchema = z.strictObject({
  v: z.literal(1),
  messageId: z.string().regex(MESSAGE_ID_PATTERN),
  from: z.string().pipe(FIU_ID),
  to: z.string().pipe(FIU_ID),
  digest: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  receivedAt: z.iso.datetime(),
  ledgerIndex: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /**
   * The receiver's signed ledger checkpoint (a C2SP signed note) covering `ledgerIndex`; the sender
   * verifies it with the receiver's registered ledger key and cross-checks it (docs/AUDIT.md).
   */
  checkpoint: z.string().min(1).max(4096),
});

/** The claims of a delivery receipt. */
export type ReceiptClaims = z.infer<typeof claimsSchema>;

/** What the receiver states in a receipt (`v` is added). */
export type ReceiptInput = Omit<ReceiptClaims, 'v'>;

/** What the sender expects a receipt to state: what it sent, and to whom. */
export interface ReceiptExpectation {
  messageId: string;
  /** The sender (this gateway). */
  from: string;
  /** The receiver, which signs the receipt. */
  to: string;
  /** The digest of the sealed message, as the sender computed it. */
  digest: string;
}

/** A receipt is small; anything much larger is refused before it is parsed. */
const MAX_RECEIPT_CHARS = 8192;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function bad(message: string, publicDetail: string, cause?: unknown): GatewayError {
  return new GatewayError('crypto.bad_receipt', `receipt: ${message}`, {
    publicDetail: `receipt: ${publicDetail}`,
    cause,
  });
}

/**
 * Signs a delivery receipt with this gateway's newest signing key valid at `now`: a JWS compact
 * serialization, header `{ alg: EdDSA, kid, typ: fiu-receipt+jws }`, payload the RFC 8785 canonical
 * JSON of `{ v: 1, ...claims }`.
 *
 * @throws GatewayError `internal.unexpected` when the claims are malformed or `to` is not this gateway,
 * `crypto.no_valid_key` when no own signing key is valid at `now`.
 */
export async function signReceipt(claims: ReceiptInput, ring: KeyRing, now: Date): Promise<string> {
  const parsed = claimsSchema.safeParse({ v: 1, ...claims });
  if (!parsed.success) {
    throw new GatewayError(
      'internal.unexpected',
      `receipt claims are malformed: ${parsed.error.issues[0]!.message}`,
    );
  }
  if (parsed.data.to !== ring.self) {
    throw new GatewayError('internal.unexpected', `a receipt is signed by its receiver, not ${ring.self}`);
  }
  const key = ring.signingKey(now);
  return signCompact(
    utf8.encode(canonicalJson(parsed.data)),
    { alg: RECEIPT_JWS.alg, kid: key.jwk.kid, typ: RECEIPT_JWS.typ },
    privateKeyObject(key),
  );
}

/**
 * Verifies a delivery receipt: header exactly `{ alg: EdDSA, kid, typ: fiu-receipt+jws }`; `kid` a
 * registered signing key of the receiver `expected.to`, valid at the receipt's `receivedAt` or at `now`;
 * the signature; canonical claims; and `messageId`, `from`, `to`, `digest` equal to `expected`.
 *
 * @throws GatewayError `crypto.bad_receipt`, whose public detail says what is wrong (which claim
 * differs), never key material.
 */
export async function verifyReceipt(
  receipt: string,
  opts: { expected: ReceiptExpectation; ring: KeyRing; now: Date },
): Promise<ReceiptClaims> {
  const { expected, ring, now } = opts;
  if (receipt.length > MAX_RECEIPT_CHARS) throw bad('too large', 'too large');
  splitCompact(receipt, 3, 'crypto.bad_receipt', 'receipt');
  const header = decodeHeader(receipt, 'crypto.bad_receipt', 'receipt');
  if (header.alg !== RECEIPT_JWS.alg || header.typ !== RECEIPT_JWS.typ) {
    throw bad('alg or typ not supported', `expected alg ${RECEIPT_JWS.alg} and typ ${RECEIPT_JWS.typ}`);
  }
  if (typeof header.kid !== 'string' || extraMembers(header, ['alg', 'kid', 'typ']).length > 0) {
    throw bad(
      'protected header is not exactly alg, kid, typ',
      'expected a protected header of exactly alg, kid, typ',
    );
  }
  // The kid only selects among the receiver's registered signing keys.
  const key = ring.findPartnerKey(expected.to, 'sig', header.kid);
  if (!key)
    throw bad(
      `kid is not a registered signing key of ${expected.to}`,
      `not signed by a key of ${expected.to}`,
    );
  let payload: Uint8Array;
  try {
    payload = verifyCompact(receipt, publicKeyObject(key));
  } catch (err) {
    throw bad('signature verification failed', 'signature verification failed', err);
  }
  const claims = parseClaims(payload);
  if (!isKeyValidAt(key, new Date(claims.receivedAt)) && !isKeyValidAt(key, now)) {
    throw bad('signing key not valid at receivedAt nor now', 'the signing key is not valid');
  }
  const checks: Array<[keyof ReceiptExpectation, boolean]> = [
    ['messageId', claims.messageId === expected.messageId],
    ['from', claims.from === expected.from],
    ['to', claims.to === expected.to],
    ['digest', digestsEqual(claims.digest, expected.digest)],
  ];
  const differs = checks.find(([, same]) => !same);
  if (differs)
    throw bad(
      `claim ${differs[0]} differs from the expected value`,
      `claim ${differs[0]} differs from what was sent`,
    );
  return claims;
}

/** The claims of a verified receipt payload, which must be canonical JSON. */
function parseClaims(payload: Uint8Array): ReceiptClaims {
  let text: string;
  let raw: unknown;
  try {
    text = strictUtf8.decode(payload);
    raw = JSON.parse(text);
  } catch (err) {
    throw bad('payload is not UTF-8 JSON', 'payload is not JSON', err);
  }
  const parsed = claimsSchema.safeParse(raw);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]!.path[0] ?? '(top level)');
    throw bad(`claim ${name} is malformed`, `claim ${name} is malformed`);
  }
  if (canonicalJson(raw) !== text)
    throw bad('payload is not canonical JSON', 'payload is not RFC 8785 canonical JSON');
  return parsed.data;
}
