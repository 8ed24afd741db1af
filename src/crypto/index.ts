/**
 * Crypto: keys, sealing (sign then encrypt), opening, receipts, canonical JSON and digests. Pure: no
 * I/O. The wire format is docs/PROTOCOL.md sections 2, 4, 5 and 6.
 */
export * from './key-file.js';
export * from './keys.js';
export { canonicalJson } from './canonical.js';
export { digestsEqual, sha256b64u } from './digest.js';
export { KeyRing } from './key-ring.js';
export { KEY_SET_TYP, signKeySet, verifyKeySet, type KeySet } from './key-set.js';
export { claimedType, readEnvelope, type Envelope } from './envelope.js';
export { sealMessage, type SealedMessage } from './seal.js';
export { openMessage, type OpenContext, type OpenedMessage } from './open.js';
export {
  openOwnCopy,
  openOwnNote,
  OWN_COPY_TYP,
  OWN_NOTE_TYP,
  sealOwnCopy,
  sealOwnNote,
} from './own-copy.js';
export {
  signReceipt,
  verifyReceipt,
  type ReceiptClaims,
  type ReceiptExpectation,
  type ReceiptInput,
} from './receipt.js';
export { KID_PATTERN, MESSAGE_JWS, RECEIPT_JWS, SEALED_JWE } from './profile.js';
