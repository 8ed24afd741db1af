import { expect } from 'chai';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../../src/cli/main.js';
import { loadConfig } from '../../../src/config.js';
import { isKeyValidAt, KeyRing, type KeyRecord } from '../../../src/crypto/index.js';
import { isGatewayError } from '../../../src/errors.js';
import { loadOwnKeys } from '../../../src/gateway-material.js';
import { initPki, type PkiLayout } from '../../../src/pki/index.js';
import { rotateKeys } from '../../../src/pki/rotate.js';

const DAY = 86_400_000;

describe('pki/rotate: fiugw keys rotate', function () {
  this.timeout(120_000);
  let dir: string;
  let pki: PkiLayout;
  let configFile: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fiugw-rotate-'));
    pki = await initPki({ out: path.join(dir, 'pki'), fius: ['FIU-A', 'FIU-B'], basePort: 0 });
    configFile = pki.fius['FIU-A']!.configFile;
    // A comment of the operator's own, which the rotation must keep.
    writeFileSync(configFile, `# my own note\n${readFileSync(configFile, 'utf8')}`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('adds a signing key valid after the overlap and an encryption key valid at once', async () => {
    const now = new Date();
    const before = loadConfig(configFile, {});
    const r = await rotateKeys({ config: configFile, now });
    expect(r.keys.map((k) => k.use)).to.deep.equal(['sig', 'enc']);
    const [sig, enc] = r.keys;
    expect(Date.parse(sig!.notBefore)).to.equal(now.getTime() + DAY);
    expect(Date.parse(sig!.notAfter)).to.equal(now.getTime() + 366 * DAY);
    expect(Date.parse(enc!.notBefore)).to.equal(now.getTime());
    for (const k of r.keys) {
      expect(path.basename(k.file)).to.match(new RegExp(`-${k.kid}\\.jwk\\.json$`));
      expect(statSync(k.file).mode & 0o777, 'private key file mode').to.equal(0o600);
    }

    const text = readFileSync(configFile, 'utf8');
    expect(text, 'comments are kept').to.include('# my own note');
    const after = loadConfig(configFile, {});
    expect(after.keys.signing).to.deep.equal([...before.keys.signing, sig!.file]);
    expect(after.keys.encryption).to.deep.equal([...before.keys.encryption, enc!.file]);
    expect(after.keys.ledger).to.deep.equal(before.keys.ledger);

    const own = await loadOwnKeys(after);
    const ring = await KeyRing.create('FIU-A', own, []);
    // Sealing picks the newest valid key: the old signing key until the new one is valid.
    const oldSig = own.find((k) => k.use === 'sig' && k.jwk.kid !== sig!.kid)!;
    expect(ring.signingKey(now).jwk.kid).to.equal(oldSig.jwk.kid);
    expect(ring.signingKey(new Date(now.getTime() + DAY)).jwk.kid).to.equal(sig!.kid);
    expect(ring.encryptionKey(now).jwk.kid).to.equal(enc!.kid);
    expect(isKeyValidAt(oldSig, now)).to.equal(true);

    const published = JSON.parse(readFileSync(r.publicKeysFile, 'utf8')) as { keys: KeyRecord[] };
    expect(r.publicKeysFile).to.equal(pki.fius['FIU-A']!.keys.public);
    expect(published.keys.map((k) => k.jwk.kid).sort()).to.deep.equal(own.map((k) => k.jwk.kid).sort());
    expect(
      published.keys.every((k) => k.jwk.d === undefined),
      'public only',
    ).to.equal(true);
  });

  it('rotates one use only, valid at once with --overlap-days 0', async () => {
    const now = new Date();
    const r = await rotateKeys({ config: configFile, use: 'sig', overlapDays: 0, days: 30, now });
    expect(r.keys).to.have.length(1);
    expect(r.keys[0]).to.include({ use: 'sig', notBefore: now.toISOString() });
    expect(Date.parse(r.keys[0]!.notAfter)).to.equal(now.getTime() + 30 * DAY);
    expect(loadConfig(configFile, {}).keys.signing).to.have.length(3);
    expect(loadConfig(configFile, {}).keys.encryption).to.have.length(2);
  });

  it('refuses bad numbers and writes nothing', async () => {
    const text = readFileSync(configFile, 'utf8');
    for (const o of [{ overlapDays: -1 }, { days: 0 }]) {
      try {
        await rotateKeys({ config: configFile, ...o });
        expect.fail('accepted');
      } catch (err) {
        expect(isGatewayError(err, 'pki.invalid_argument'), String(err)).to.equal(true);
      }
    }
    expect(readFileSync(configFile, 'utf8')).to.equal(text);
  });

  it('fiugw keys rotate: exit 0 and the new keys in --json; exit 2 for a bad --use or --days', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => void lines.push(line);
    let code: number;
    try {
      code = await run(['node', 'fiugw', 'keys', 'rotate', '--config', configFile, '--use', 'enc', '--json']);
    } finally {
      console.log = log;
    }
    expect(code).to.equal(0);
    const out = JSON.parse(lines.join('\n')) as { keys: Array<{ use: string; kid: string }> };
    expect(out.keys.map((k) => k.use)).to.deep.equal(['enc']);
    expect(loadConfig(configFile, {}).keys.encryption).to.have.length(3);
    const text = readFileSync(configFile, 'utf8');
    const error = console.error;
    console.error = () => undefined;
    try {
      expect(
        await run(['node', 'fiugw', 'keys', 'rotate', '--config', configFile, '--use', 'ledger']),
      ).to.equal(2);
      expect(await run(['node', 'fiugw', 'keys', 'rotate', '--config', configFile, '--days', '0'])).to.equal(
        2,
      );
    } finally {
      console.error = error;
    }
    expect(readFileSync(configFile, 'utf8')).to.equal(text);
  });
});
