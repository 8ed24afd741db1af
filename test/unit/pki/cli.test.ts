import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../src/config.js';
import { run } from '../../../src/cli/main.js';

/** Runs `fiugw ...args` in-process; returns the exit code and what it printed. */
async function fiugw(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { log: console.log, error: console.error };
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  const stderrWrite = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (
    err.push(String(chunk)),
    true
  )) as typeof stderrWrite;
  try {
    const code = await run(['node', 'fiugw', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = saved.log;
    console.error = saved.error;
    process.stderr.write = stderrWrite;
  }
}

describe('fiugw pki init', function () {
  this.timeout(60_000); // RSA key generation is slow on a loaded machine
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(path.join(tmpdir(), 'fiugw-pki-cli-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('makes the PKI, reports progress and says how to start the gateways', async () => {
    const out = path.join(tmp, 'pki');
    const r = await fiugw(
      'pki',
      'init',
      '--out',
      out,
      '--fius',
      'FIU-A,FIU-B',
      '--base-port',
      '40000',
      '--days',
      '30',
    );
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.contain('created the network CA');
    expect(r.out).to.contain(
      'FIU-B: TLS certificate, 6 operator certificates, signing, encryption and ledger keys, config',
    );
    expect(r.out).to.contain(`fiugw serve --config ${path.join(out, 'FIU-A', 'config.yaml')}`);
    expect(r.out).to.contain('DEVELOPMENT ONLY');
    const config = loadConfig(path.join(out, 'FIU-B', 'config.yaml'), {});
    expect([config.peer.port, config.operator.port]).to.deep.equal([40001, 40101]);
  });

  it('exits 2 on bad --fius, naming the problem', async () => {
    const r = await fiugw('pki', 'init', '--out', path.join(tmp, 'x'), '--fius', 'FIU-A,FIU-A');
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('--fius: FIU-A is listed twice [pki.invalid_argument]');
  });

  it('exits 2 on a --base-port that is not a number', async () => {
    const r = await fiugw(
      'pki',
      'init',
      '--out',
      path.join(tmp, 'x'),
      '--fius',
      'FIU-A,FIU-B',
      '--base-port',
      'http',
    );
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('--base-port: expected a whole number');
  });

  it('exits 2 when --out is missing', async () => {
    expect((await fiugw('pki', 'init', '--fius', 'FIU-A,FIU-B')).code).to.equal(2);
  });

  it('exits 1 on a non-empty output folder without --force, and writes nothing', async () => {
    writeFileSync(path.join(tmp, 'keep.txt'), '');
    const r = await fiugw('pki', 'init', '--out', tmp, '--fius', 'FIU-A,FIU-B');
    expect(r.code).to.equal(1);
    expect(r.err).to.contain('[pki.output_exists]');
    expect(readdirSync(tmp)).to.deep.equal(['keep.txt']);
    expect((await fiugw('pki', 'init', '--out', tmp, '--fius', 'FIU-A,FIU-B', '--force')).code).to.equal(0);
  });
});

describe('fiugw pki revoke', function () {
  this.timeout(60_000);
  let tmp: string;
  let out: string;
  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'fiugw-revoke-cli-'));
    out = path.join(tmp, 'pki');
    expect((await fiugw('pki', 'init', '--out', out, '--fius', 'FIU-A,FIU-B')).code).to.equal(0);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('revokes a gateway certificate, says where the CRL is, and prints JSON with --json', async () => {
    const cert = path.join(out, 'FIU-B', 'tls', 'gateway.crt');
    const r = await fiugw('pki', 'revoke', '--out', out, '--cert', cert, '--reason', 'keyCompromise');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(/^revoked: serial [0-9A-F]+; .*network-ca\.crl lists 1 certificate/);
    const again = await fiugw('pki', 'revoke', '--out', out, '--cert', cert, '--json');
    expect(again.code, again.err).to.equal(0);
    expect(JSON.parse(again.out)).to.include({ added: false, entries: 1 });
  });

  it('exits 2 on an unknown --reason, naming the option', async () => {
    const cert = path.join(out, 'FIU-A', 'tls', 'gateway.crt');
    const r = await fiugw('pki', 'revoke', '--out', out, '--cert', cert, '--reason', 'boredom');
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('--reason: expected one of');
  });

  it('exits 2 when --cert is missing', async () => {
    expect((await fiugw('pki', 'revoke', '--out', out)).code).to.equal(2);
  });
});
