/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures (signature type 0x01), as
 * golang.org/x/mod/sumdb/note writes and opens them: a text ending in a newline, a blank line, then one
 * line per signature, `— <key name> <base64(4-byte key ID || 64-byte signature)>` (U+2014, a space).
 *
 * A verifier key is shared as a "vkey" string, `<key name>+<8 hex digits of the key ID>+<base64(0x01 ||
 * 32-byte public key)>`. The key ID is the first four bytes, big-endian, of SHA-256(key name || 0x0A ||
 * 0x01 || public key). Ed25519 itself is node:crypto's.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { GatewayError } from '../errors.js';

/** The C2SP signed-note signature type of Ed25519. */
const ED25519_TYPE = 0x01;
const ED25519_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
const KEY_ID_SIZE = 4;
const SIGNATURE_PREFIX = '\u2014 ';
/** Go's limit: a note with more signature lines is malformed (the spec asks for at least 16). */
const MAX_SIGNATURES = 100;

/** A key that signs notes: its name (for the ledger, the checkpoint origin) and Ed25519 private key. */
export interface NoteSigner {
  readonly name: string;
  readonly privateKey: KeyObject;
}

/** A named Ed25519 public key that notes may be signed with. */
export interface NotePublicKey {
  readonly name: string;
  readonly publicKey: KeyObject;
}

/** A {@link NotePublicKey} ready to check signatures: with its key ID and vkey string. */
export interface NoteVerifier extends NotePublicKey {
  /** The 32-bit key ID that signature lines carry. */
  readonly keyId: number;
  /** The key as a vkey string, `<name>+<hex key ID>+<base64(0x01 || public key)>`. */
  readonly vkey: string;
}

/** What checking a note found: its text and the keys that signed it, or why it is refused. */
export type NoteCheck =
  | { ok: true; text: string; signedBy: NoteVerifier[] }
  | { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature'; detail: string };

// Go's unicode.IsSpace (plus U+FEFF, which JavaScript's \s includes) and '+'.
const NAME_FORBIDDEN = /[\s\u0085+]/u;
// UTF-16 surrogates that do not form a pair.
const LONE_SURROGATE = /\p{Cs}/u;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** True when `name` may name a key: non-empty, without Unicode spaces or `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !NAME_FORBIDDEN.test(name) && !LONE_SURROGATE.test(name);
}

/** The bytes of standard, padded base64 `text`, or undefined unless it is exactly that encoding. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Node ignores stray padding and non-zero trailing bits; the round trip refuses both.
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** The first ASCII control character other than newline in `text`, or -1. */
function controlCharacter(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return code;
  }
  return -1;
}

/** Why `text` cannot be (part of) a note, or undefined when it can. */
function textProblem(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'it is not valid Unicode (a lone surrogate)';
  const control = controlCharacter(text);
  if (control >= 0) return `it holds the control character U+${control.toString(16).padStart(4, '0')}`;
  return undefined;
}

/** Raw public keys already derived from a key object (a signer signs every checkpoint with one key). */
const rawPublicKeys = new WeakMap<KeyObject, Buffer>();

/** The 32 raw bytes of an Ed25519 public key (a private key gives its public half), derived once per key. */
function rawEd25519PublicKey(key: KeyObject): Buffer {
  const known = rawPublicKeys.get(key);
  if (known) return known;
  const raw = deriveRawEd25519PublicKey(key);
  rawPublicKeys.set(key, raw);
  return raw;
}

function deriveRawEd25519PublicKey(key: KeyObject): Buffer {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new GatewayError(
      'ledger.bad_input',
      `expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`,
    );
  }
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
}

/** SHA-256(name || 0x0A || 0x01 || public key)[:4] as a big-endian uint32. */
function ed25519KeyId(name: string, rawPublicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, ED25519_TYPE))
    .update(rawPublicKey)
    .digest();
  return digest.readUInt32BE(0);
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

function makeVerifier(name: string, publicKey: KeyObject, raw: Buffer): NoteVerifier {
  const keyId = ed25519KeyId(name, raw);
  const typed = Buffer.concat([Uint8Array.of(ED25519_TYPE), raw]).toString('base64');
  return { name, publicKey, keyId, vkey: `${name}+${hex8(keyId)}+${typed}` };
}

/** Parses a vkey string; throws `ledger.bad_input` saying what is wrong with it. */
function parseVkey(vkey: string): NoteVerifier {
  const bad = (why: string): never => {
    throw new GatewayError('ledger.bad_input', `not a verifier key (name+keyid+base64 key): ${why}`);
  };
  // The name holds no '+', the key ID neither; the base64 may.
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  if (first < 0 || second < 0) bad('expected two "+" separators');
  const [name, id, key] = [vkey.slice(0, first), vkey.slice(first + 1, second), vkey.slice(second + 1)];
  if (!isValidKeyName(name)) bad(`"${name}" is not a valid key name`);
  if (!/^[0-9a-fA-F]{8}$/.test(id)) bad(`the key ID "${id}" is not 8 hex digits`);
  const typed = decodeBase64Strict(key);
  if (!typed) return bad('the key is not standard base64');
  if (typed[0] !== ED25519_TYPE || typed.length !== 1 + ED25519_KEY_SIZE) {
    bad(`expected an Ed25519 key (type 0x01 and ${ED25519_KEY_SIZE} bytes)`);
  }
  let publicKey: KeyObject;
  try {
    const x = typed.subarray(1).toString('base64url');
    publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  } catch (err) {
    throw new GatewayError('ledger.bad_input', 'not a verifier key: the Ed25519 key is invalid', {
      cause: err,
    });
  }
  const verifier = makeVerifier(name, publicKey, typed.subarray(1));
  if (verifier.keyId !== parseInt(id, 16))
    bad(`the key ID ${id} does not match the key (expected ${hex8(verifier.keyId)})`);
  return verifier;
}

/**
 * A verifier from a vkey string or a named Ed25519 public key (a private key is accepted and only its
 * public half used). Throws `ledger.bad_input` for a malformed vkey, an invalid name or a non-Ed25519 key.
 */
export function noteVerifier(key: string | NotePublicKey | NoteVerifier): NoteVerifier {
  if (typeof key === 'string') return parseVkey(key);
  if ('keyId' in key && 'vkey' in key) return key;
  if (!isValidKeyName(key.name))
    throw new GatewayError('ledger.bad_input', `"${key.name}" is not a valid key name`);
  const raw = rawEd25519PublicKey(key.publicKey);
  const publicKey = key.publicKey.type === 'private' ? createPublicKey(key.publicKey) : key.publicKey;
  return makeVerifier(key.name, publicKey, raw);
}

/**
 * Signs `text` (non-empty, ending in a newline, no control characters but newlines) with each signer,
 * and returns the signed note. Throws `ledger.bad_input` for a text or signer that would make a note
 * that cannot be opened.
 */
export function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): string {
  const list = Array.isArray(signers) ? (signers as readonly NoteSigner[]) : [signers as NoteSigner];
  if (!text.endsWith('\n')) throw new GatewayError('ledger.bad_input', 'a note text must end with a newline');
  const problem = textProblem(text);
  if (problem) throw new GatewayError('ledger.bad_input', `cannot sign the note text: ${problem}`);
  if (list.length === 0) throw new GatewayError('ledger.bad_input', 'a note needs at least one signer');
  const bytes = Buffer.from(text, 'utf8');
  const lines = list.map(({ name, privateKey }) => {
    if (!isValidKeyName(name))
      throw new GatewayError('ledger.bad_input', `"${name}" is not a valid key name`);
    if (privateKey.type !== 'private')
      throw new GatewayError('ledger.bad_input', 'a note signer needs a private key');
    const keyId = Buffer.alloc(KEY_ID_SIZE);
    keyId.writeUInt32BE(ed25519KeyId(name, rawEd25519PublicKey(privateKey)));
    const signature = sign(null, bytes, privateKey);
    return `${SIGNATURE_PREFIX}${name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** One parsed signature line. */
interface SignatureLine {
  name: string;
  keyId: number;
  signature: Buffer;
}

/** The note's text and signature lines, or why it is not a well-formed note. */
function splitNote(note: string): { text: string; lines: SignatureLine[] } | string {
  const problem = textProblem(note);
  if (problem) return `the note is not valid: ${problem}`;
  // The text ends at the last blank line: it may hold blank lines itself, the signatures do not.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return 'no blank line before the signatures';
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) return 'the signature lines must end with a newline';
  const raw = block.slice(0, -1).split('\n');
  if (raw.length > MAX_SIGNATURES) return `more than ${MAX_SIGNATURES} signature lines`;
  const lines: SignatureLine[] = [];
  for (const [i, line] of raw.entries()) {
    const where = `signature line ${i + 1}`;
    if (!line.startsWith(SIGNATURE_PREFIX))
      return `${where} does not start with an em dash (U+2014) and a space`;
    const space = line.indexOf(' ', SIGNATURE_PREFIX.length);
    const name = space < 0 ? line.slice(SIGNATURE_PREFIX.length) : line.slice(SIGNATURE_PREFIX.length, space);
    const bytes = space < 0 ? undefined : decodeBase64Strict(line.slice(space + 1));
    if (!isValidKeyName(name)) return `${where}: "${name}" is not a valid key name`;
    if (!bytes || bytes.length <= KEY_ID_SIZE)
      return `${where}: the signature is not base64 of a key ID and a signature`;
    lines.push({ name, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(KEY_ID_SIZE) });
  }
  return { text, lines };
}

/**
 * Opens `note` with the trusted `verifiers`, as C2SP signed-note (and Go's note.Open) say: signature
 * lines of unknown keys (name or key ID unknown) are ignored; a signature of a known key that does not
 * verify refuses the whole note; at least one known key must have signed. Returns a value, not an
 * error, so that a verifier can report the reason.
 */
export function checkNote(note: string, verifiers: readonly NoteVerifier[]): NoteCheck {
  const parsed = splitNote(note);
  if (typeof parsed === 'string') return { ok: false, reason: 'malformed', detail: parsed };
  const bytes = Buffer.from(parsed.text, 'utf8');
  const signedBy: NoteVerifier[] = [];
  for (const line of parsed.lines) {
    const key = verifiers.find((v) => v.name === line.name && v.keyId === line.keyId);
    // A repeated signature of a key that already verified is ignored (as Go does).
    if (!key || signedBy.includes(key)) continue;
    const valid =
      line.signature.length === ED25519_SIGNATURE_SIZE && verify(null, bytes, key.publicKey, line.signature);
    if (!valid)
      return { ok: false, reason: 'bad_signature', detail: `the signature of ${key.vkey} does not verify` };
    signedBy.push(key);
  }
  if (signedBy.length === 0) {
    const seen = parsed.lines.map((l) => `${l.name}+${hex8(l.keyId)}`).join(', ');
    const want = verifiers.map((v) => `${v.name}+${hex8(v.keyId)}`).join(', ') || 'no key';
    return {
      ok: false,
      reason: 'unknown_key',
      detail: `not signed by a trusted key (${want}); signed by ${seen}`,
    };
  }
  return { ok: true, text: parsed.text, signedBy };
}

/**
 * Like {@link checkNote}, but returns the verified text and signers, and throws `ledger.bad_note`
 * with the reason when the note is refused.
 */
export function openNote(
  note: string,
  verifiers: readonly NoteVerifier[],
): { text: string; signedBy: NoteVerifier[] } {
  const result = checkNote(note, verifiers);
  if (!result.ok)
    throw new GatewayError('ledger.bad_note', `signed note refused (${result.reason}): ${result.detail}`);
  return { text: result.text, signedBy: result.signedBy };
}
