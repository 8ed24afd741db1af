/**
 * The ledger export (docs/AUDIT.md): JSON Lines, in this order and nothing else:
 *
 * ```text
 * {"type":"header","version":1,"origin":"fiu-gateway/FIU-A","vkey":"<vkey>","size":N}
 * {"type":"entry","index":0,"leaf":"<base64 of the leaf bytes>"}        one per entry, index 0 to N-1
 * {"type":"checkpoint","note":"<signed checkpoint note>"}               one per stored checkpoint
 * ```
 *
 * The header may also carry `"olderVkeys": [...]`, the retired ledger keys that signed older
 * checkpoints. Readers ignore members they do not know. Here: the writer ({@link exportLines}) over an
 * abstract {@link LedgerExportSource}, and a strict line parser whose errors name the line.
 */
import { GatewayError } from '../errors.js';
import { claimedCheckpointSize } from './checkpoint.js';
import { decodeBase64Strict } from './note.js';

/** The version of the export format that this code writes and reads. */
export const EXPORT_VERSION = 1;

/** What the first line of an export says. */
export interface ExportHeader {
  /** The ledger's origin: its checkpoints' first line and its key's name. */
  origin: string;
  /** The ledger key, as a vkey string. */
  vkey: string;
  /** Retired ledger keys that signed some of the checkpoints (usually none). */
  olderVkeys: readonly string[];
  /** The number of entries in the export. */
  size: number;
}

/** One line of an export. */
export type ExportRecord =
  | ({ type: 'header' } & ExportHeader)
  | { type: 'entry'; index: number; leaf: Buffer }
  | { type: 'checkpoint'; note: string };

/** One stored ledger entry: its index and its canonical JSON (whose UTF-8 bytes are the leaf). */
export interface LedgerEntryRow {
  index: number;
  entry: string;
}

/**
 * What an export is written from (the store, in the gateway). Read `size` first: checkpoints made
 * since (larger than `size`) are left out, so that the export is one consistent view.
 */
export interface LedgerExportSource {
  readonly origin: string;
  readonly vkey: string;
  readonly olderVkeys?: readonly string[];
  /** The number of entries to export: entries 0 to size - 1. */
  readonly size: number;
  /** Entries with start <= index < end, in index order. */
  entries(start: number, end: number): AsyncIterable<LedgerEntryRow>;
  /** The signed checkpoint notes, ascending by size. */
  checkpoints(): AsyncIterable<string> | Iterable<string>;
}

/** The header line (without its newline). */
export function headerLine(header: ExportHeader): string {
  const { origin, vkey, olderVkeys, size } = header;
  const older = olderVkeys.length > 0 ? { olderVkeys } : {};
  return JSON.stringify({ type: 'header', version: EXPORT_VERSION, origin, vkey, ...older, size });
}

/** An entry line (without its newline). */
export function entryLine(index: number, leaf: Uint8Array): string {
  return `{"type":"entry","index":${index},"leaf":"${Buffer.from(leaf.buffer, leaf.byteOffset, leaf.length).toString('base64')}"}`;
}

/** A checkpoint line (without its newline). */
export function checkpointLine(note: string): string {
  return JSON.stringify({ type: 'checkpoint', note });
}

/**
 * The export of `source`, line by line (each without its newline): the header, every entry as the
 * source gives it (a gap or repeat in the stored indexes is written as it is, for the verifier to
 * find), then the checkpoints of size up to `source.size`.
 */
export async function* exportLines(source: LedgerExportSource): AsyncGenerator<string> {
  const { origin, vkey, size } = source;
  yield headerLine({ origin, vkey, olderVkeys: source.olderVkeys ?? [], size });
  for await (const row of source.entries(0, size)) yield entryLine(row.index, Buffer.from(row.entry, 'utf8'));
  for await (const note of source.checkpoints()) {
    const claimed = claimedCheckpointSize(note);
    if (claimed === undefined || claimed <= size) yield checkpointLine(note);
  }
}

function lineError(line: number, what: string): GatewayError {
  return new GatewayError('ledger.bad_export', `line ${line}: ${what}`);
}

const ENTRY_PREFIX = '{"type":"entry","index":';
const LEAF_MARK = ',"leaf":"';
const ENTRY_PREFIX_BYTES = Buffer.from(ENTRY_PREFIX, 'latin1');
const LEAF_MARK_BYTES = Buffer.from(LEAF_MARK, 'latin1');
/** More digits than this might not be a safe integer: such lines take the strict path. */
const MAX_FAST_DIGITS = 15;
const DIGITS = /^(0|[1-9][0-9]{0,14})$/;

type EntryRecord = { type: 'entry'; index: number; leaf: Buffer };

/** The leaf of base64 `text` when it is exactly the base64 of its bytes; else undefined. */
function exactBase64(text: string, index: number): EntryRecord | undefined {
  const leaf = Buffer.from(text, 'base64');
  // Node's decoder skips what is not base64; the round trip takes only the exact encoding.
  return leaf.toString('base64') === text ? { type: 'entry', index, leaf } : undefined;
}

/** An entry line exactly as {@link entryLine} writes it, parsed without JSON.parse; else undefined. */
function parseEntryFast(line: string): EntryRecord | undefined {
  if (!line.startsWith(ENTRY_PREFIX) || !line.endsWith('"}')) return undefined;
  const mark = line.indexOf(LEAF_MARK, ENTRY_PREFIX.length);
  const from = mark + LEAF_MARK.length;
  if (mark < 0 || from > line.length - 2) return undefined;
  const digits = line.slice(ENTRY_PREFIX.length, mark);
  if (!DIGITS.test(digits)) return undefined;
  return exactBase64(line.slice(from, line.length - 2), Number(digits));
}

/** True when bytes [start, end) of `buf` start like an entry line as {@link entryLine} writes it. */
export function looksLikeEntryBytes(buf: Uint8Array, start: number, end: number): boolean {
  return startsWithAt(buf, start, end, ENTRY_PREFIX_BYTES);
}

/** True when bytes [at, end) of `buf` start with `prefix` (a loop: cheaper than a native call here). */
function startsWithAt(buf: Uint8Array, at: number, end: number, prefix: Uint8Array): boolean {
  if (end - at < prefix.length) return false;
  for (let i = 0; i < prefix.length; i += 1) if (buf[at + i] !== prefix[i]) return false;
  return true;
}

/** {@link parseEntryFast} on the UTF-8 bytes [start, end) of `buf`, without decoding them. */
function parseEntryBytes(buf: Buffer, start: number, end: number): EntryRecord | undefined {
  if (!looksLikeEntryBytes(buf, start, end) || buf[end - 2] !== 0x22 || buf[end - 1] !== 0x7d)
    return undefined;
  const first = start + ENTRY_PREFIX_BYTES.length;
  let at = first;
  let index = 0;
  for (let digit = buf[at]! - 0x30; digit >= 0 && digit <= 9 && at < end; digit = buf[at]! - 0x30) {
    index = index * 10 + digit;
    at += 1;
  }
  const digits = at - first;
  if (digits === 0 || digits > MAX_FAST_DIGITS || (digits > 1 && buf[first] === 0x30)) return undefined;
  const n = LEAF_MARK_BYTES.length;
  if (at + n > end - 2 || !startsWithAt(buf, at, end, LEAF_MARK_BYTES)) return undefined;
  // Every byte of an accepted line is ASCII, so it is valid UTF-8 without decoding it.
  return exactBase64(buf.toString('latin1', at + n, end - 2), index);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * {@link parseExportLine} on the UTF-8 bytes [start, end) of `buf`: an entry line as
 * {@link entryLine} writes it is read straight from the bytes; any other line is decoded (strictly:
 * bytes that are not UTF-8 throw `ledger.bad_export`) and parsed as text.
 */
export function parseExportLineBytes(buf: Buffer, start: number, end: number, line: number): ExportRecord {
  const fast = parseEntryBytes(buf, start, end);
  if (fast) return fast;
  let text: string;
  try {
    text = utf8.decode(buf.subarray(start, end));
  } catch (err) {
    throw new GatewayError('ledger.bad_export', `line ${line}: not UTF-8 text`, { cause: err });
  }
  return parseExportLine(text, line);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function parseHeader(o: Record<string, unknown>, line: number): ExportRecord {
  if (o.version !== EXPORT_VERSION) {
    throw lineError(
      line,
      `unsupported export version ${JSON.stringify(o.version)} (this reader knows ${EXPORT_VERSION})`,
    );
  }
  if (typeof o.origin !== 'string' || o.origin === '')
    throw lineError(line, 'the header has no "origin" string');
  if (typeof o.vkey !== 'string') throw lineError(line, 'the header has no "vkey" string');
  const older = o.olderVkeys ?? [];
  if (!Array.isArray(older) || !older.every((k) => typeof k === 'string')) {
    throw lineError(line, '"olderVkeys" is not a list of strings');
  }
  if (!isCount(o.size)) throw lineError(line, 'the header "size" is not a non-negative integer');
  return { type: 'header', origin: o.origin, vkey: o.vkey, olderVkeys: older as string[], size: o.size };
}

/**
 * Parses one line of an export (`line` is its 1-based number, for errors). Throws `ledger.bad_export`
 * naming the line when it is not a JSON object of a known type with the right members; unknown
 * members are ignored. The leaf must be standard, padded base64.
 */
export function parseExportLine(text: string, line: number): ExportRecord {
  const fast = parseEntryFast(text);
  if (fast) return fast;
  if (text.trim() === '') throw lineError(line, 'the line is empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw lineError(line, `not JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw lineError(line, 'not a JSON object');
  const o = value as Record<string, unknown>;
  switch (o.type) {
    case 'header':
      return parseHeader(o, line);
    case 'entry': {
      if (!isCount(o.index)) throw lineError(line, 'the entry "index" is not a non-negative integer');
      const leaf = typeof o.leaf === 'string' ? decodeBase64Strict(o.leaf) : undefined;
      if (!leaf) throw lineError(line, 'the entry "leaf" is not standard base64');
      return { type: 'entry', index: o.index, leaf };
    }
    case 'checkpoint':
      if (typeof o.note !== 'string') throw lineError(line, 'the checkpoint has no "note" string');
      return { type: 'checkpoint', note: o.note };
    default:
      throw lineError(
        line,
        `unknown line type ${JSON.stringify(o.type)} (expected header, entry or checkpoint)`,
      );
  }
}
