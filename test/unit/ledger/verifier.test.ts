import { expect } from 'chai';
import {
  checkpointsOf,
  exportOf,
  linesSource,
  memoryLedger,
  ORIGIN,
  rootOf,
  sampleEntries,
  testSigner,
  vkeyOf,
} from './audit-fixture.js';
import { expectGatewayRejection } from './expect-error.js';
import {
  ledgerVerifySource,
  signCheckpoint,
  signNote,
  verifyLedger,
  type LedgerProblem,
  type VerifyOptions,
  type VerifyResult,
} from '../../../src/ledger/index.js';

const N = 12;
const entries = sampleEntries(N);

type Line = { type: string; index?: number; leaf?: string; note?: string };
const parse = (line: string) => JSON.parse(line) as Line;
const entryLine = (index: number, leaf: string) =>
  JSON.stringify({ type: 'entry', index, leaf: Buffer.from(leaf).toString('base64') });

/** The export of `list` with checkpoints at `sizes`, as lines. */
function exportWith(sizes: number[], list = entries, notes = checkpointsOf(list, sizes)): Promise<string[]> {
  return exportOf(memoryLedger(list, notes));
}

async function verify(lines: readonly string[], options?: VerifyOptions): Promise<VerifyResult> {
  return verifyLedger(linesSource(lines), options);
}

/** Asserts the verification fails with `kind` at entry `index` (or at checkpoint `checkpoint`). */
async function expectProblem(
  lines: readonly string[],
  want: { kind: string; index?: number; checkpoint?: number; detail?: RegExp },
  options?: VerifyOptions,
): Promise<LedgerProblem> {
  const result = await verify(lines, options);
  if (result.ok) expect.fail(`expected ${want.kind}, but the ledger verified`);
  const { problem } = result;
  expect(problem.kind, problem.detail).to.equal(want.kind);
  if (want.index !== undefined) expect(problem).to.have.property('index', want.index);
  if (want.checkpoint !== undefined) expect(problem).to.have.property('checkpoint', want.checkpoint);
  if (want.detail) expect(problem.detail).to.match(want.detail);
  return problem;
}

/** Line number (0-based in the array) of entry position `p`. */
const at = (p: number) => 1 + p;

/** `lines` with the leaf of entry line `p` replaced by `leaf`. */
function withLeaf(lines: readonly string[], p: number, leaf: string): string[] {
  const out = [...lines];
  out[at(p)] = entryLine(p, leaf);
  return out;
}

describe('verifyLedger', () => {
  const every4 = [4, 8, 12];
  const everyEntry = Array.from({ length: N }, (_, i) => i + 1);

  describe('when the ledger is intact', () => {
    it('verifies every entry and checkpoint, and gives the root', async () => {
      const result = await verify(await exportWith(every4));
      expect(result).to.deep.include({ ok: true, size: N, checkpoints: 3, unsigned: 0 });
      expect(result.ok && result.root.equals(rootOf(entries))).to.equal(true);
    });

    it('verifies the live ledger the same way (ledgerVerifySource)', async () => {
      const source = memoryLedger(entries, checkpointsOf(entries, every4));
      expect(await verifyLedger(ledgerVerifySource(source))).to.deep.include({ ok: true, size: N });
    });

    it('verifies an empty ledger, with or without a checkpoint of size 0', async () => {
      expect(await verify(await exportWith([], []))).to.deep.include({ ok: true, size: 0, checkpoints: 0 });
      expect(await verify(await exportWith([0], []))).to.deep.include({ ok: true, size: 0, checkpoints: 1 });
    });

    it('accepts checkpoints in any order, and the same checkpoint twice', async () => {
      const notes = checkpointsOf(entries, [12, 4, 8, 4]);
      expect(await verify(await exportWith([], entries, notes))).to.deep.include({
        ok: true,
        checkpoints: 4,
      });
    });

    it('verifies checkpoints signed by a retired key named in olderVkeys', async () => {
      const old = testSigner(ORIGIN, '33'.repeat(32));
      const notes = [...checkpointsOf(entries, [4], old), ...checkpointsOf(entries, [12])];
      const lines = await exportOf({ ...memoryLedger(entries, notes), olderVkeys: [vkeyOf(old)] });
      expect(await verify(lines)).to.deep.include({ ok: true });
      await expectProblem(
        lines,
        { kind: 'bad_checkpoint_signature', checkpoint: 1 },
        { keys: [vkeyOf(testSigner())] },
      );
    });

    it('reports progress about every 1%, and at the end', async () => {
      const calls: Array<[number, number]> = [];
      await verify(await exportWith(every4), { onProgress: (done, total) => calls.push([done, total]) });
      expect(calls[0]).to.deep.equal([1, N]);
      expect(calls.at(-1)).to.deep.equal([N, N]);
      expect(calls.map(([d]) => d)).to.deep.equal([...calls.map(([d]) => d)].sort((a, b) => a - b));
    });
  });

  describe('when an entry was modified', () => {
    it('names it exactly when a checkpoint follows every entry', async () => {
      const lines = withLeaf(await exportWith(everyEntry), 5, entries[5]!.replace('msg-5', 'msg-6'));
      await expectProblem(lines, {
        kind: 'modified',
        index: 5,
        detail: /^entry 5 was changed: checkpoint 6 signs/,
      });
    });

    it('names the range since the last good checkpoint when the change keeps canonical JSON', async () => {
      const lines = withLeaf(await exportWith(every4), 5, entries[5]!.replace('msg-5', 'msg-6'));
      await expectProblem(lines, { kind: 'modified', index: 4, detail: /one or more of entries 4 to 7/ });
    });

    it('names it exactly when the changed byte breaks its JSON, however far the checkpoints', async () => {
      const lines = withLeaf(await exportWith([12]), 5, entries[5]!.replace('"at":', '"at";'));
      await expectProblem(lines, { kind: 'modified', index: 5, detail: /not JSON/ });
    });

    it('names it exactly when the change is no longer canonical', async () => {
      const lines = withLeaf(await exportWith([12]), 7, entries[7]!.replace('{"actor"', '{ "actor"'));
      await expectProblem(lines, { kind: 'modified', index: 7, detail: /not canonical/ });
    });
  });

  describe('when entries were deleted, swapped or inserted', () => {
    it('names a deleted entry as missing', async () => {
      const lines = await exportWith(every4);
      lines.splice(at(6), 1);
      await expectProblem(lines, { kind: 'missing', index: 6, detail: /no entry has index 6/ });
    });

    it('names two swapped entries as reordered', async () => {
      const lines = await exportWith(every4);
      [lines[at(3)], lines[at(9)]] = [lines[at(9)]!, lines[at(3)]!];
      await expectProblem(lines, { kind: 'reordered', index: 3, detail: /entry 3 is stored at position 9/ });
    });

    it('names an extra entry that repeats an index as inserted, before or after the original', async () => {
      const forged = entryLine(5, entries[5]!.replace('msg-5', 'forged'));
      const lines = await exportWith(everyEntry);
      await expectProblem([...lines.slice(0, at(5)), forged, ...lines.slice(at(5))], {
        kind: 'inserted',
        index: 5,
        detail: /entry 5 appears twice/,
      });
      await expectProblem([...lines.slice(0, at(6)), forged, ...lines.slice(at(6))], {
        kind: 'inserted',
        index: 5,
      });
    });

    it('names an extra entry with an index of its own as inserted at its position', async () => {
      const lines = await exportWith(every4);
      const forged = entryLine(99, entries[5]!.replace('msg-5', 'forged'));
      await expectProblem([...lines.slice(0, at(5)), forged, ...lines.slice(at(5))], {
        kind: 'inserted',
        index: 5,
        detail: /extra entry claiming index 99/,
      });
    });

    it('sees an insertion with the later indexes renumbered as a modification', async () => {
      const forged = entries[5]!.replace('msg-5', 'forged');
      const lines = await exportWith(everyEntry, entries, checkpointsOf(entries, everyEntry));
      const renumbered = [
        ...lines.slice(0, at(5)),
        ...[forged, ...entries.slice(5)].map((e, k) => entryLine(5 + k, e)),
      ];
      const header = { ...JSON.parse(renumbered[0]!), size: N + 1 } as object;
      renumbered[0] = JSON.stringify(header);
      renumbered.push(...lines.slice(at(N)));
      await expectProblem(renumbered, { kind: 'modified', index: 5 });
    });
  });

  describe('when the checkpoints are wrong', () => {
    it('names a checkpoint whose signature does not verify', async () => {
      const lines = await exportWith(every4);
      const cp = parse(lines[at(N) + 1]!);
      lines[at(N) + 1] = JSON.stringify({ ...cp, note: cp.note!.replace('\n8\n', '\n7\n') });
      await expectProblem(lines, {
        kind: 'bad_checkpoint_signature',
        checkpoint: 2,
        detail: /does not verify/,
      });
    });

    it('names a checkpoint signed by another key', async () => {
      const notes = [
        ...checkpointsOf(entries, [4]),
        ...checkpointsOf(entries, [8], testSigner(ORIGIN, '44'.repeat(32))),
      ];
      await expectProblem(await exportWith([], entries, notes), {
        kind: 'bad_checkpoint_signature',
        checkpoint: 2,
      });
    });

    it('names a fork: two checkpoints of one size with different roots', async () => {
      const other = sampleEntries(8, 100);
      const notes = [...checkpointsOf(entries, every4), ...checkpointsOf(other, [8])];
      await expectProblem(await exportWith([], entries, notes), {
        kind: 'fork',
        checkpoint: 4,
        detail: /checkpoints 2 and 4 both sign a tree of size 8/,
      });
    });

    it('names a fork: a checkpoint not consistent with a later one that the entries match', async () => {
      const other = [...entries.slice(0, 6), ...sampleEntries(2, 100)];
      const notes = [
        ...checkpointsOf(entries, [4]),
        ...checkpointsOf(other, [8]),
        ...checkpointsOf(entries, [12]),
      ];
      await expectProblem(await exportWith([], entries, notes), {
        kind: 'fork',
        checkpoint: 2,
        detail: /checkpoint 2 \(size 8, .*\) is not consistent with checkpoint 3 \(size 12\)/,
      });
    });

    it('names a checkpoint of the empty tree with another root', async () => {
      const bad = signCheckpoint({ origin: ORIGIN, size: 0, root: rootOf(entries, 1) }, testSigner());
      await expectProblem(await exportWith([], entries, [bad]), { kind: 'bad_checkpoint', checkpoint: 1 });
    });

    it('names a checkpoint of another ledger, signed by its key', async () => {
      const bad = checkpointsOf(entries, [4], testSigner('fiu-gateway/FIU-B'));
      const lines = await exportWith([], entries, bad);
      await expectProblem(lines, {
        kind: 'bad_checkpoint_signature',
        checkpoint: 1,
        detail: /not signed by a trusted key/,
      });
    });

    it('names a checkpoint whose origin is not the name of the key that signed it', async () => {
      const bad = signNote(`fiu-gateway/FIU-B\n4\n${rootOf(entries, 4).toString('base64')}\n`, testSigner());
      const lines = await exportWith([], entries, [bad]);
      await expectProblem(lines, {
        kind: 'bad_checkpoint',
        checkpoint: 1,
        detail: /origin is "fiu-gateway\/FIU-B"/,
      });
    });
  });

  describe('when entries are not covered, or the export is cut short', () => {
    it('names entries after the last checkpoint as inserted, unless allowed', async () => {
      const lines = await exportWith([4, 8]);
      await expectProblem(lines, {
        kind: 'inserted',
        index: 8,
        detail: /entries 8 to 11 are covered by no checkpoint/,
      });
      expect(await verify(lines, { allowUnsignedTail: true })).to.deep.include({ ok: true, unsigned: 4 });
    });

    it('checks the form of allowed unsigned entries', async () => {
      const lines = withLeaf(await exportWith([4, 8]), 10, 'not json');
      await expectProblem(lines, { kind: 'bad_json', index: 10 }, { allowUnsignedTail: true });
    });

    it('names the end of a cut export as missing', async () => {
      const lines = await exportWith(every4);
      await expectProblem(lines.slice(0, at(10)), {
        kind: 'missing',
        index: 10,
        detail: /header announces 12/,
      });
    });

    it('names entries that a checkpoint covers but the export lacks as missing', async () => {
      const lines = await exportWith(every4);
      lines[0] = JSON.stringify({ ...JSON.parse(lines[0]!), size: 10 });
      lines.splice(at(10), 2);
      await expectProblem(lines, { kind: 'missing', index: 10, detail: /a checkpoint signs a tree of 12/ });
    });

    it('names entries beyond the announced size as inserted', async () => {
      const lines = await exportWith(every4);
      lines[0] = JSON.stringify({ ...JSON.parse(lines[0]!), size: 11 });
      await expectProblem(lines, {
        kind: 'inserted',
        index: 11,
        detail: /announces 11 entries, but there are 12/,
      });
    });
  });

  describe('when an entry is not canonical but was signed so', () => {
    const spaced = entries[2]!.replace('{"actor"', '{ "actor"');
    const list = [...entries.slice(0, 2), spaced, ...entries.slice(3)];

    it('passes by default: the checkpoints vouch for every byte', async () => {
      expect(await verify(await exportWith(every4, list))).to.deep.include({ ok: true });
    });

    it('names it with checkEntries', async () => {
      await expectProblem(
        await exportWith(every4, list),
        { kind: 'non_canonical', index: 2, detail: /checkpoint 1 \(size 4\) signs it so/ },
        { checkEntries: true },
      );
    });
  });

  describe('when the keys do not fit the export', () => {
    it('throws ledger.bad_input for a pinned key of another ledger', async () => {
      const lines = await exportWith(every4);
      await expectGatewayRejection(
        verify(lines, { keys: [vkeyOf(testSigner('fiu-gateway/FIU-B'))] }),
        'ledger.bad_input',
        /is of the ledger "fiu-gateway\/FIU-A"/,
      );
    });

    it('throws ledger.bad_export for a header with an unusable key', async () => {
      const lines = await exportWith(every4);
      lines[0] = JSON.stringify({ ...JSON.parse(lines[0]!), vkey: 'nonsense' });
      await expectGatewayRejection(verify(lines), 'ledger.bad_export', /line 1: the header's ledger key/);
    });

    it('fails every checkpoint against a pinned key that did not sign them', async () => {
      const lines = await exportWith(every4);
      const pinned = vkeyOf(testSigner(ORIGIN, '55'.repeat(32)));
      await expectProblem(lines, { kind: 'bad_checkpoint_signature', checkpoint: 1 }, { keys: [pinned] });
    });
  });
});
