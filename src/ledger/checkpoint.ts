/**
 * Checkpoints of the ledger: C2SP tlog-checkpoint bodies (https://c2sp.org/tlog-checkpoint) in C2SP
 * signed notes (note.ts), signed with the gateway's Ed25519 ledger key under the key name that is
 * also the origin line (`fiu-gateway/<FIU id>`). The body is exactly three lines, and this ledger
 * writes no extension lines:
 *
 * ```text
 * <origin>
 * <tree size, decimal, no leading zeros>
 * <base64 of the RFC 9162 root hash>
 * ```
 */
import { GatewayError } from '../errors.js';
import { HASH_SIZE } from './hash.js';
import {
  checkNote,
  decodeBase64Strict,
  isValidKeyName,
  noteVerifier,
  signNote,
  type NotePublicKey,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';

/** A tree head: the ledger's origin, a tree size and the root of the tree of that size. */
export interface Checkpoint {
  origin: string;
  size: number;
  /** The RFC 9162 root hash (32 bytes). */
  root: Buffer;
}

/**
 * Why a checkpoint is refused: `malformed` (not a signed note, or not a checkpoint body),
 * `unknown_key` (no signature by a trusted ledger key), `bad_signature` (a trusted key's signature
 * does not verify), `origin_mismatch` (the origin line is not the signing key's name).
 */
export type CheckpointFailure = 'malformed' | 'unknown_key' | 'bad_signature' | 'origin_mismatch';

/** The outcome of {@link checkCheckpoint}. */
export type CheckpointCheck =
  | { ok: true; checkpoint: Checkpoint; signedBy: NoteVerifier }
  | { ok: false; reason: CheckpointFailure; detail: string };

/**
 * The trusted ledger key(s): vkey strings, named public keys (`{ name, publicKey }`, where the name is
 * the origin) or ready verifiers. Several keys serve a key rotation: any of them may have signed.
 */
export type LedgerKeys =
  string | NotePublicKey | NoteVerifier | readonly (string | NotePublicKey | NoteVerifier)[];

const SIZE = /^(0|[1-9][0-9]*)$/;

/** The verifiers of `keys` (see {@link LedgerKeys}); throws `ledger.bad_input` for a bad key. */
export function ledgerVerifiers(keys: LedgerKeys): NoteVerifier[] {
  const list = Array.isArray(keys) ? keys : [keys];
  return (list as readonly (string | NotePublicKey | NoteVerifier)[]).map(noteVerifier);
}

/** The body of a checkpoint: origin, size and base64 root, each on its own line. */
export function checkpointText(checkpoint: Checkpoint): string {
  const { origin, size, root } = checkpoint;
  if (!isValidKeyName(origin)) {
    throw new GatewayError(
      'ledger.bad_input',
      `"${origin}" is not a valid origin (no spaces, "+" or newlines)`,
    );
  }
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new GatewayError(
      'ledger.bad_input',
      `checkpoint size: expected an integer from 0 to 2^53 - 1, got ${size}`,
    );
  }
  if (!(root instanceof Uint8Array) || root.length !== HASH_SIZE) {
    throw new GatewayError('ledger.bad_input', `checkpoint root: expected a ${HASH_SIZE}-byte hash`);
  }
  return `${origin}\n${size}\n${Buffer.from(root).toString('base64')}\n`;
}

/**
 * Signs a checkpoint with the ledger key and returns the signed note. The key's name must be the
 * origin. Throws `ledger.bad_input` for a bad origin, size, root or key.
 */
export function signCheckpoint(checkpoint: Checkpoint, key: NoteSigner): string {
  if (key.name !== checkpoint.origin) {
    throw new GatewayError(
      'ledger.bad_input',
      `the ledger key is named "${key.name}", but a checkpoint's key name must be its origin "${checkpoint.origin}"`,
    );
  }
  return signNote(checkpointText(checkpoint), key);
}

/** The checkpoint in a note text, or why it is not one. */
function parseBody(text: string): Checkpoint | string {
  const lines = text.split('\n');
  // A text ends in a newline, so the last element is always ''.
  if (lines.length !== 4) {
    return lines.length < 4
      ? `the note text has ${lines.length - 1} lines, a checkpoint 3`
      : 'the note text has extension lines after the root hash; this ledger writes none';
  }
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin === '') return 'the origin line is empty';
  if (!SIZE.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    return `the size line "${sizeText}" is not a decimal number from 0 to 2^53 - 1 without leading zeros`;
  }
  const root = decodeBase64Strict(rootText);
  if (!root || root.length !== HASH_SIZE)
    return `the root line is not the standard base64 of ${HASH_SIZE} bytes`;
  return { origin, size: Number(sizeText), root };
}

/**
 * Checks a signed checkpoint against the trusted ledger key(s): the note must be well formed and
 * signed by one of them, its body a checkpoint, and its origin the name of the key that signed it.
 * Returns a value, so that a verifier can report the reason; {@link parseCheckpoint} throws instead.
 */
export function checkCheckpoint(note: string, keys: LedgerKeys): CheckpointCheck {
  const verifiers = ledgerVerifiers(keys);
  const opened = checkNote(note, verifiers);
  if (!opened.ok) return opened;
  const body = parseBody(opened.text);
  if (typeof body === 'string') return { ok: false, reason: 'malformed', detail: body };
  const signedBy = opened.signedBy[0]!;
  if (body.origin !== signedBy.name) {
    return {
      ok: false,
      reason: 'origin_mismatch',
      detail: `the origin is "${body.origin}", but the key that signed it is named "${signedBy.name}"`,
    };
  }
  return { ok: true, checkpoint: body, signedBy };
}

/**
 * The verified checkpoint in a signed note. Throws `ledger.bad_checkpoint` with the reason (bad
 * format, unknown key, bad signature, origin mismatch) when the note is refused, and `ledger.bad_input`
 * when a trusted key itself is malformed.
 */
export function parseCheckpoint(note: string, keys: LedgerKeys): Checkpoint {
  const result = checkCheckpoint(note, keys);
  if (!result.ok) {
    throw new GatewayError(
      'ledger.bad_checkpoint',
      `checkpoint refused (${result.reason}): ${result.detail}`,
    );
  }
  return result.checkpoint;
}

/**
 * The tree size a checkpoint note claims, read without verifying anything (to order or filter
 * notes), or undefined when its second line is not a size.
 */
export function claimedCheckpointSize(note: string): number | undefined {
  const first = note.indexOf('\n');
  const second = note.indexOf('\n', first + 1);
  if (first < 0 || second < 0) return undefined;
  const text = note.slice(first + 1, second);
  return SIZE.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}
