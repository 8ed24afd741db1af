import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { verifyAndReport, writeExportFile } from '../../../src/cli/audit-command.js';
import { exportLines, ledgerVerifySource } from '../../../src/ledger/index.js';
import {
  ORIGIN,
  checkpointsOf,
  memoryLedger,
  sampleEntries,
  sampleExport,
  testSigner,
  vkeyOf,
} from '../ledger/audit-fixture.js';
import { captured, fiugw } from '../../helpers/cli-run.js';

describe('fiugw audit verify --export', () => {
  let dir: string;
  let good: string;
  let lines: string[];
  const vkey = vkeyOf(testSigner());

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'audit-verify-'));
    lines = await sampleExport(10);
    good = path.join(dir, 'good.jsonl');
    writeFileSync(good, lines.map((l) => `${l}\n`).join(''));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    process.exitCode = undefined;
  });

  /** Writes `content` lines to a new file in the temp folder and returns its path. */
  function file(name: string, content: readonly string[]): string {
    const target = path.join(dir, name);
    writeFileSync(target, content.map((l) => `${l}\n`).join(''));
    return target;
  }

  describe('when the export verifies', () => {
    it('prints the size, root and checkpoints, and exits 0', async () => {
      const r = await fiugw('audit', 'verify', '--export', good);
      expect(r.out).to.match(/^ok: 10 entries, root [A-Za-z0-9+/]{43}=, 3 checkpoints verified$/);
      expect(r.code).to.equal(0);
    });

    it('says that it trusts the key in the file, unless a key is pinned', async () => {
      expect((await fiugw('audit', 'verify', '--export', good)).err).to.match(
        /trusting the ledger key named in the export/,
      );
      const pinned = await fiugw('audit', 'verify', '--export', good, '--vkey', vkey);
      expect(pinned.err).to.equal('');
      expect(pinned.code).to.equal(0);
    });
  });

  describe('when the export shows a problem', () => {
    it('names the first bad entry and its kind, and exits 1', async () => {
      const tampered = [...lines];
      tampered.splice(4, 1); // entry 3
      const r = await fiugw('audit', 'verify', '--export', file('missing.jsonl', tampered));
      expect(r.out).to.equal(
        'FAILED at entry 3: missing: no entry has index 3: entry 2 is followed by entry 4',
      );
      expect(r.code).to.equal(1);
    });

    it('names a bad checkpoint by its number, and exits 1', async () => {
      const pinned = vkeyOf(testSigner(ORIGIN, '66'.repeat(32)));
      const r = await fiugw('audit', 'verify', '--export', good, '--vkey', pinned);
      expect(r.out).to.match(
        /^FAILED at checkpoint 1: bad_checkpoint_signature: not signed by a trusted key/,
      );
      expect(r.code).to.equal(1);
    });

    it('reports entries after the last checkpoint, unless --allow-unsigned-tail', async () => {
      const entries = sampleEntries(6);
      const target = path.join(dir, 'tail.jsonl');
      await writeExportFile(exportLines(memoryLedger(entries, checkpointsOf(entries, [4]))), target);
      const strict = await fiugw('audit', 'verify', '--export', target);
      expect(strict.out).to.match(/^FAILED at entry 4: inserted: /);
      expect(strict.code).to.equal(1);
      const lenient = await fiugw('audit', 'verify', '--export', target, '--allow-unsigned-tail');
      expect(lenient.out).to.match(/^ok: 6 entries, .*; the last 2 entries are covered by no checkpoint$/);
      expect(lenient.code).to.equal(0);
    });
  });

  describe('when the input is unusable', () => {
    it('exits 2 for a missing file', async () => {
      const r = await fiugw('audit', 'verify', '--export', path.join(dir, 'nope.jsonl'));
      expect(r.err).to.match(/cannot read .*nope\.jsonl: ENOENT/);
      expect(r.code).to.equal(2);
    });

    it('exits 2 naming the line for a file that is not an export', async () => {
      const r = await fiugw('audit', 'verify', '--export', file('garbage.jsonl', [lines[0]!, 'not json']));
      expect(r.err).to.match(/line 2: not JSON/);
      expect(r.code).to.equal(2);
    });

    it('exits 2 for a malformed --vkey', async () => {
      const r = await fiugw('audit', 'verify', '--export', good, '--vkey', 'nonsense');
      expect(r.err).to.match(/not a verifier key/);
      expect(r.code).to.equal(2);
    });

    it('exits 2 with neither --export nor --config, saying to give one', async () => {
      const r = await fiugw('audit', 'verify');
      expect(r.err).to.match(/give either --export FILE \(offline\) or --config FILE/);
      expect(r.code).to.equal(2);
    });

    it('exits 2 with both --export and --config', async () => {
      const r = await fiugw('audit', 'verify', '--export', good, '--config', good);
      expect(r.err).to.match(/give either --export FILE/);
      expect(r.code).to.equal(2);
    });
  });

  it('explains the output, the kinds and the exit codes in --help', async () => {
    const r = await fiugw('audit', 'verify', '--help');
    expect(r.out)
      .to.match(/--export <file>/)
      .and.match(/FAILED at entry <index>: <kind>: <detail>/)
      .and.match(/Exit status: 0 verified, 1 a problem was found, 2 unusable input/);
    expect(r.code).to.equal(0);
  });
});

describe('verifyAndReport', () => {
  it('prints throttled progress on stderr for large ledgers', async () => {
    const entries = sampleEntries(40);
    const source = ledgerVerifySource(memoryLedger(entries, checkpointsOf(entries, [40])));
    const r = await captured(() => verifyAndReport(source, { progressFrom: 10, progressEveryMs: 0 }));
    expect(r.value).to.equal(0);
    const progress = r.err.split('\n').filter((l) => l.startsWith('verified'));
    expect(progress[0]).to.equal('verified 1/40 entries');
    expect(progress.at(-1)).to.equal('verified 40/40 entries');
  });

  it('prints no progress for small ledgers', async () => {
    const entries = sampleEntries(4);
    const source = ledgerVerifySource(memoryLedger(entries, checkpointsOf(entries, [4])));
    const r = await captured(() => verifyAndReport(source, { vkeys: [vkeyOf(testSigner())] }));
    expect(r.err).to.equal('');
  });
});

describe('writeExportFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'audit-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every line with its newline', async () => {
    const entries = sampleEntries(3);
    const target = path.join(dir, 'ledger.jsonl');
    await writeExportFile(exportLines(memoryLedger(entries, checkpointsOf(entries, [3]))), target);
    const text = readFileSync(target, 'utf8');
    expect(text.endsWith('}\n')).to.equal(true);
    expect(text.split('\n')).to.have.length(1 + 3 + 1 + 1);
  });

  it('leaves no file behind when the export fails', async () => {
    const target = path.join(dir, 'ledger.jsonl');
    async function* failing(): AsyncGenerator<string> {
      yield '{"type":"header"}';
      throw new Error('the database went away');
    }
    let failed = false;
    await writeExportFile(failing(), target).catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(existsSync(target)).to.equal(false);
    expect(readdirSync(dir)).to.deep.equal([]);
  });
});
