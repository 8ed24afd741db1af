import { expect } from 'chai';
import {
  EXPORT_VERSION,
  exportLines,
  exportTextSource,
  parseExportLine,
  parseExportLineBytes,
  type ExportRecord,
} from '../../../src/ledger/index.js';
import {
  ORIGIN,
  checkpointsOf,
  exportOf,
  linesSource,
  memoryLedger,
  sampleEntries,
  testSigner,
  vkeyOf,
} from './audit-fixture.js';
import { expectGatewayError, expectGatewayRejection } from './expect-error.js';

const entries = sampleEntries(6);
const notes = checkpointsOf(entries, [2, 6]);

/** Everything a verify source gives: header, checkpoints, and the entries from `start`. */
async function readAll(lines: readonly string[], chunk?: number, start = 0) {
  const source = linesSource(lines, chunk);
  const checkpoints: string[] = [];
  for await (const note of source.checkpoints()) checkpoints.push(note);
  const indexes: number[] = [];
  const leaves: string[] = [];
  for await (const batch of source.entries(start)) {
    indexes.push(...batch.indexes);
    leaves.push(...batch.leaves.map((l) => Buffer.from(l).toString('utf8')));
  }
  return { header: await source.header(), checkpoints, indexes, leaves };
}

describe('the ledger export format', () => {
  describe('exportLines', () => {
    it('writes the header, the entries in order and the checkpoints', async () => {
      const lines = await exportOf(memoryLedger(entries, notes));
      expect(lines).to.have.length(1 + 6 + 2);
      expect(JSON.parse(lines[0]!)).to.deep.equal({
        type: 'header',
        version: EXPORT_VERSION,
        origin: ORIGIN,
        vkey: vkeyOf(testSigner()),
        size: 6,
      });
      expect(lines[1]).to.equal(
        `{"type":"entry","index":0,"leaf":"${Buffer.from(entries[0]!).toString('base64')}"}`,
      );
      expect(lines.slice(7).map((l) => JSON.parse(l) as unknown)).to.deep.equal(
        notes.map((note) => ({ type: 'checkpoint', note })),
      );
    });

    it('names retired keys in olderVkeys, and only when there are some', async () => {
      const older = vkeyOf(testSigner(ORIGIN, '22'.repeat(32)));
      const [header] = await exportOf({ ...memoryLedger(entries, notes), olderVkeys: [older] });
      expect(JSON.parse(header!)).to.have.property('olderVkeys').that.deep.equals([older]);
    });

    it('leaves out checkpoints beyond the exported size', async () => {
      const later = checkpointsOf(sampleEntries(8), [8]);
      const lines = await exportOf(memoryLedger(entries, [...notes, ...later]));
      expect(lines).to.have.length(1 + 6 + 2);
    });

    it('writes entries as the source gives them, gaps included, for the verifier to find', async () => {
      const source = memoryLedger(entries, notes);
      const lines: string[] = [];
      for await (const line of exportLines({
        ...source,
        async *entries() {
          yield { index: 0, entry: entries[0]! };
          yield { index: 2, entry: entries[2]! };
        },
      })) {
        lines.push(line);
      }
      expect(lines.slice(1, 3).map((l) => (JSON.parse(l) as { index: number }).index)).to.deep.equal([0, 2]);
    });
  });

  describe('parseExportLine', () => {
    const leaf = Buffer.from(entries[0]!);
    const b64 = leaf.toString('base64');

    it('reads what the writer writes, and the same line written another way', () => {
      const want: ExportRecord = { type: 'entry', index: 12, leaf };
      expect(parseExportLine(`{"type":"entry","index":12,"leaf":"${b64}"}`, 2)).to.deep.equal(want);
      const other = `{ "leaf": "${b64.replace(/\//g, '\\/')}", "index": 12, "extra": true, "type": "entry" }`;
      expect(parseExportLine(other, 2)).to.deep.equal(want);
      expect(parseExportLine('{"type":"entry","index":0,"leaf":""}', 2)).to.deep.equal({
        type: 'entry',
        index: 0,
        leaf: Buffer.alloc(0),
      });
    });

    it('reads a line from its bytes the same way', () => {
      const line = Buffer.from(`xx{"type":"entry","index":12,"leaf":"${b64}"}yy`);
      expect(parseExportLineBytes(line, 2, line.length - 2, 2)).to.deep.equal({
        type: 'entry',
        index: 12,
        leaf,
      });
      const note = Buffer.from(JSON.stringify({ type: 'checkpoint', note: notes[0] }));
      expect(parseExportLineBytes(note, 0, note.length, 9)).to.deep.equal({
        type: 'checkpoint',
        note: notes[0],
      });
    });

    const bad: Array<[string, string, RegExp]> = [
      ['an empty line', '', /line 7: the line is empty/],
      ['text that is not JSON', 'hello', /line 7: not JSON/],
      ['a JSON array', '[1]', /line 7: not a JSON object/],
      ['an unknown type', '{"type":"entries"}', /line 7: unknown line type "entries"/],
      ['a negative index', `{"type":"entry","index":-1,"leaf":"${b64}"}`, /"index" is not/],
      ['a fractional index', `{"type":"entry","index":1.5,"leaf":"${b64}"}`, /"index" is not/],
      ['an index as a string', `{"type":"entry","index":"1","leaf":"${b64}"}`, /"index" is not/],
      ['an index with a leading zero', `{"type":"entry","index":01,"leaf":"${b64}"}`, /not JSON/],
      ['a leaf in base64url', `{"type":"entry","index":1,"leaf":"${leaf.toString('base64url')}"}`, /"leaf"/],
      ['a leaf without padding', `{"type":"entry","index":1,"leaf":"${b64.replace(/=+$/, '')}"}`, /"leaf"/],
      ['a leaf with stray bits', '{"type":"entry","index":1,"leaf":"QR=="}', /"leaf"/],
      ['a leaf with a space', '{"type":"entry","index":1,"leaf":"QQ== "}', /"leaf"/],
      ['an unterminated leaf', '{"type":"entry","index":0,"leaf":"}', /not JSON/],
      ['a checkpoint without its note', '{"type":"checkpoint"}', /no "note"/],
      [
        'a header of version 2',
        `{"type":"header","version":2,"origin":"o","vkey":"k","size":0}`,
        /version 2/,
      ],
      ['a header without size', `{"type":"header","version":1,"origin":"o","vkey":"k"}`, /"size"/],
      [
        'a header with bad olderVkeys',
        `{"type":"header","version":1,"origin":"o","vkey":"k","olderVkeys":[1],"size":0}`,
        /olderVkeys/,
      ],
    ];
    for (const [what, line, message] of bad) {
      it(`refuses ${what}, naming the line`, () => {
        expectGatewayError(() => parseExportLine(line, 7), 'ledger.bad_export', message);
      });
    }

    it('refuses bytes that are not UTF-8, naming the line', () => {
      const line = Buffer.from([0x7b, 0xff, 0x7d]);
      expectGatewayError(() => parseExportLineBytes(line, 0, 3, 4), 'ledger.bad_export', /line 4: not UTF-8/);
    });
  });

  describe('reading an export text (exportTextSource)', () => {
    let lines: string[];
    before(async () => {
      lines = await exportOf(memoryLedger(entries, notes));
    });

    it('reads the same, whatever the chunks (split inside lines and inside the em dash)', async () => {
      const whole = await readAll(lines, 1 << 20);
      expect(whole.indexes).to.deep.equal([0, 1, 2, 3, 4, 5]);
      expect(whole.leaves).to.deep.equal(entries);
      expect(whole.checkpoints).to.deep.equal(notes);
      expect(whole.header).to.include({ origin: ORIGIN, size: 6 });
      for (const chunk of [1, 2, 7, 97]) expect(await readAll(lines, chunk)).to.deep.equal(whole);
    });

    it('reads entries from a given position, and a last line without a newline', async () => {
      expect((await readAll(lines, 5, 4)).indexes).to.deep.equal([4, 5]);
      const text = lines.join('\n');
      const source = exportTextSource(async function* () {
        yield text;
      });
      const got: string[] = [];
      for await (const note of source.checkpoints()) got.push(note);
      expect(got).to.deep.equal(notes);
    });

    const misplaced: Array<[string, (l: string[]) => string[], RegExp]> = [
      ['an empty export', () => [], /line 1: the export is empty/],
      ['an entry first', (l) => l.slice(1), /line 1: the first line is not the header/],
      ['a second header', (l) => [l[0]!, l[0]!, ...l.slice(1)], /line 2: a second header/],
      [
        'an entry after a checkpoint',
        (l) => [...l.slice(0, 6), l[7]!, l[6]!, l[8]!],
        /line 8: an entry line after/,
      ],
      ['a blank line', (l) => [...l.slice(0, 3), '', ...l.slice(3)], /line 4: the line is empty/],
    ];
    for (const [what, change, message] of misplaced) {
      it(`refuses ${what}, naming the line`, async () => {
        await expectGatewayRejection(readAll(change(lines)), 'ledger.bad_export', message);
      });
    }

    it('finds a bad entry line in the entries pass, naming the line', async () => {
      const broken = [...lines];
      broken[3] = broken[3]!.replace('"leaf":"', '"leaf":"%');
      await expectGatewayRejection(readAll(broken), 'ledger.bad_export', /line 4: the entry "leaf"/);
    });
  });
});
