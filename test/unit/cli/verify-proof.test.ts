import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { fiugw } from '../../helpers/cli-run.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/merkle/', import.meta.url));

describe('fiugw audit verify-proof', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'verify-proof-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    process.exitCode = undefined;
  });

  describe('when the proof is valid', () => {
    it('says what it proves and exits 0', async () => {
      const r = await fiugw(
        'audit',
        'verify-proof',
        '--json',
        path.join(FIXTURES, 'inclusion/4/happy-path.json'),
      );
      expect(r.out).to.match(/^valid: inclusion of leaf \d+ in tree of size \d+$/);
      expect(r.code).to.equal(0);
    });

    it('handles consistency proofs too', async () => {
      const r = await fiugw(
        'audit',
        'verify-proof',
        '--json',
        path.join(FIXTURES, 'consistency/3/happy-path.json'),
      );
      expect(r.out).to.match(/^valid: consistency of tree size \d+ with tree size \d+$/);
      expect(r.code).to.equal(0);
    });
  });

  describe('when the proof is invalid', () => {
    it('gives the reason and exits 1', async () => {
      const r = await fiugw(
        'audit',
        'verify-proof',
        '--json',
        path.join(FIXTURES, 'inclusion/1/wrong-leaf.json'),
      );
      expect(r.out).to.match(/^invalid: /);
      expect(r.code).to.equal(1);
    });

    it('exits 0 again for a valid proof checked afterwards in the same process', async () => {
      await fiugw('audit', 'verify-proof', '--json', path.join(FIXTURES, 'consistency/1/size1-plus-@1.json'));
      const r = await fiugw(
        'audit',
        'verify-proof',
        '--json',
        path.join(FIXTURES, 'consistency/1/happy-path.json'),
      );
      expect(r.code).to.equal(0);
    });
  });

  describe('when the input is unusable', () => {
    it('exits 2 for a file that is not JSON', async () => {
      const file = path.join(dir, 'garbage.json');
      writeFileSync(file, 'this is not a proof {');
      const r = await fiugw('audit', 'verify-proof', '--json', file);
      expect(r.err).to.match(/is not JSON/);
      expect(r.code).to.equal(2);
    });

    it('exits 2 naming the field for JSON of the wrong shape', async () => {
      const file = path.join(dir, 'shape.json');
      writeFileSync(
        file,
        JSON.stringify({ leafIdx: 0, treeSize: 1, leafHash: 'AAAA', root: '%%%', proof: [] }),
      );
      const r = await fiugw('audit', 'verify-proof', '--json', file);
      expect(r.err).to.match(/root: expected standard base64/);
      expect(r.code).to.equal(2);
    });

    it('exits 2 for a missing file', async () => {
      const r = await fiugw('audit', 'verify-proof', '--json', path.join(dir, 'nope.json'));
      expect(r.err).to.match(/cannot read .*nope\.json: ENOENT/);
      expect(r.code).to.equal(2);
    });

    it('exits 2 without --json', async () => {
      const r = await fiugw('audit', 'verify-proof');
      expect(r.err).to.match(/required option '--json <file>'/);
      expect(r.code).to.equal(2);
    });
  });

  it('explains the format and the exit codes in --help', async () => {
    const r = await fiugw('audit', 'verify-proof', '--help');
    expect(r.out)
      .to.match(/--json <file>/)
      .and.match(/Exit status: 0 valid, 1 invalid, 2 unusable input/);
    expect(r.code).to.equal(0);
  });
});
