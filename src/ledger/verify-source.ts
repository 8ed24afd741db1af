/**
 * What {@link verifyLedger} reads, and the two places it reads it from: an export's text (a file,
 * read twice: once for its checkpoints, which come last, then for its entries) and a
 * {@link LedgerExportSource} (the store, in the gateway).
 */
import { GatewayError } from '../errors.js';
import { claimedCheckpointSize } from './checkpoint.js';
import {
  looksLikeEntryBytes,
  parseExportLineBytes,
  type ExportHeader,
  type LedgerExportSource,
} from './export-format.js';

/**
 * Entries as a verifier reads them, many at a time: `indexes[i]` is the index that the i-th entry is
 * stored under (or claims, in a file), `leaves[i]` its leaf bytes.
 */
export interface EntryBatch {
  readonly indexes: readonly number[];
  readonly leaves: readonly Uint8Array[];
}

/**
 * A ledger to verify. `entries(start, end)` gives the entries at positions start <= p < end in
 * stored order (a position is the count of entries before it, whatever index they claim); `end`
 * defaults to the end. It is called more than once: the whole ledger, then parts of it to pin a
 * problem down. Format errors are thrown as `ledger.bad_export`.
 */
export interface VerifySource {
  header(): Promise<ExportHeader>;
  /** Every checkpoint note, in any order; read before the entries. */
  checkpoints(): AsyncIterable<string>;
  entries(start: number, end?: number): AsyncIterable<EntryBatch>;
}

const BATCH = 1024;
/** The longest line read (an entry or a note is a few kilobytes): a guard against a file with no newlines. */
const MAX_LINE = 64 * 1024 * 1024;

/** Where a line sits in an export, by its kind. */
type Section = 'header' | 'entries' | 'checkpoints';

function lineError(line: number, what: string): GatewayError {
  return new GatewayError('ledger.bad_export', `line ${line}: ${what}`);
}

/** Checks that a line of `kind` may follow `section`, and returns the section it opens. */
function nextSection(section: Section, kind: 'header' | 'entry' | 'checkpoint', line: number): Section {
  if (kind === 'header') throw lineError(line, 'a second header line');
  if (kind === 'entry' && section === 'checkpoints')
    throw lineError(line, 'an entry line after the checkpoints');
  return kind === 'entry' ? 'entries' : 'checkpoints';
}

/** Lines found in one chunk of text: line i is bytes [starts[i], ends[i]) of `bytes`, its newline left out. */
interface LineBatch {
  bytes: Buffer;
  starts: number[];
  ends: number[];
}

/**
 * The lines of a text given in chunks (bytes of UTF-8, or strings), found on the bytes (a newline
 * byte never occurs inside a multi-byte character) and handed out one batch per chunk: yielding line
 * by line costs more than parsing them. A last line without a newline counts too.
 */
async function* lineBatches(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<LineBatch> {
  // The start of a line that straddles chunks, kept in pieces and joined once, when it ends.
  let rest: Buffer[] = [];
  let restLength = 0;
  const join = (last: Buffer): Buffer => {
    const joined = Buffer.concat([...rest, last]);
    [rest, restLength] = [[], 0];
    return joined;
  };
  for await (const chunk of chunks) {
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    let nl = bytes.indexOf(0x0a);
    if (nl < 0) {
      rest.push(bytes);
      restLength += bytes.length;
      if (restLength > MAX_LINE)
        throw new GatewayError('ledger.bad_export', `a line is longer than ${MAX_LINE} bytes`);
      continue;
    }
    const batch: LineBatch = { bytes, starts: [], ends: [] };
    if (restLength > 0) {
      const joined = join(bytes.subarray(0, nl));
      yield { bytes: joined, starts: [0], ends: [joined.length] };
    } else {
      batch.starts.push(0);
      batch.ends.push(nl);
    }
    let start = nl + 1;
    for (nl = bytes.indexOf(0x0a, start); nl >= 0; nl = bytes.indexOf(0x0a, start)) {
      batch.starts.push(start);
      batch.ends.push(nl);
      start = nl + 1;
    }
    if (start < bytes.length) {
      rest.push(bytes.subarray(start));
      restLength = bytes.length - start;
    }
    if (batch.starts.length > 0) yield batch;
  }
  if (restLength > 0) {
    const last = join(Buffer.alloc(0));
    yield { bytes: last, starts: [0], ends: [last.length] };
  }
}

/**
 * A {@link VerifySource} over the text of an export. `open` is called once per pass and must give
 * the whole text from its first byte each time (for a file: a new read stream). Every line is
 * checked on the way; a bad one throws `ledger.bad_export` naming its line number.
 */
export function exportTextSource(open: () => AsyncIterable<string | Uint8Array>): VerifySource {
  let header: Promise<ExportHeader> | undefined;
  const readHeader = async (): Promise<ExportHeader> => {
    for await (const { bytes, starts, ends } of lineBatches(open())) {
      const record = parseExportLineBytes(bytes, starts[0]!, ends[0]!, 1);
      if (record.type !== 'header') throw lineError(1, 'the first line is not the header');
      const { origin, vkey, olderVkeys, size } = record;
      return { origin, vkey, olderVkeys, size };
    }
    throw lineError(1, 'the export is empty');
  };
  return {
    header: () => (header ??= readHeader()),
    async *checkpoints() {
      let line = 0;
      let section: Section = 'header';
      for await (const { bytes, starts, ends } of lineBatches(open())) {
        const notes: string[] = [];
        for (let i = 0; i < starts.length; i += 1) {
          line += 1;
          if (line === 1) continue; // the header, read by header()
          // Entry lines are only told apart here; the entries pass reads them.
          const entry = looksLikeEntryBytes(bytes, starts[i]!, ends[i]!);
          const record = entry ? undefined : parseExportLineBytes(bytes, starts[i]!, ends[i]!, line);
          section = nextSection(section, record?.type ?? 'entry', line);
          if (record?.type === 'checkpoint') notes.push(record.note);
        }
        yield* notes;
      }
    },
    async *entries(start: number, end = Infinity) {
      let line = 0;
      let position = 0;
      for await (const { bytes, starts, ends } of lineBatches(open())) {
        const batch = { indexes: [] as number[], leaves: [] as Uint8Array[] };
        let over = false;
        for (let i = 0; i < starts.length && !over; i += 1) {
          line += 1;
          if (line === 1) continue;
          if (position >= end) {
            over = true;
          } else if (position < start && looksLikeEntryBytes(bytes, starts[i]!, ends[i]!)) {
            position += 1; // entries before `start` are counted, not parsed
          } else {
            const record = parseExportLineBytes(bytes, starts[i]!, ends[i]!, line);
            if (record.type !== 'entry') {
              over = true; // the checkpoints: the entries are over
            } else if ((position += 1) > start) {
              batch.indexes.push(record.index);
              batch.leaves.push(record.leaf);
            }
          }
        }
        if (batch.leaves.length > 0) yield batch;
        if (over) return;
      }
    },
  };
}

/**
 * A {@link VerifySource} over the live ledger (see {@link LedgerExportSource}): the entries' canonical
 * JSON becomes leaf bytes, and checkpoints beyond `source.size` (made since the size was read) are
 * left out.
 */
export function ledgerVerifySource(source: LedgerExportSource): VerifySource {
  const { origin, vkey, size } = source;
  return {
    header: async () => ({ origin, vkey, olderVkeys: source.olderVkeys ?? [], size }),
    async *checkpoints() {
      for await (const note of source.checkpoints()) {
        const claimed = claimedCheckpointSize(note);
        if (claimed === undefined || claimed <= size) yield note;
      }
    },
    async *entries(start: number, end = size) {
      let batch = { indexes: [] as number[], leaves: [] as Uint8Array[] };
      for await (const row of source.entries(start, Math.min(end, size))) {
        batch.indexes.push(row.index);
        batch.leaves.push(Buffer.from(row.entry, 'utf8'));
        if (batch.leaves.length === BATCH) {
          yield batch;
          batch = { indexes: [], leaves: [] };
        }
      }
      if (batch.leaves.length > 0) yield batch;
    },
  };
}
