import { createPrivateKey, sign, verify, type KeyObject, type X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { expectCode } from '../../helpers/expect-code.js';
import { parse as parseYaml } from 'yaml';
import { loadConfig, ROLES } from '../../../src/config.js';
import { checkKeyRecord, ledgerOrigin, privateKeyObject, publicKeyObject } from '../../../src/crypto/keys.js';
import { loadPartnerRegistry } from '../../../src/partner-registry.js';
import { initPki, type PkiLayout } from '../../../src/pki/index.js';
import { DEV_OPERATORS } from '../../../src/pki/layout.js';
import { parseAgreement } from '../../../src/policy/index.js';
import { chainsTo, commonName, readCert } from './helpers.js';

const FIUS = ['FIU-A', 'FIU-B', 'FIU-C'];

describe('initPki', function () {
  this.timeout(60_000); // RSA key generation is slow on a loaded machine
  let tmp: string;
  let layout: PkiLayout;
  let networkCa: X509Certificate;
  const logged: string[] = [];

  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'fiugw-pki-'));
    layout = await initPki({ out: path.join(tmp, 'pki'), fius: FIUS, log: (l) => logged.push(l) });
    networkCa = readCert(layout.networkCa.cert);
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('makes the PKI of three FIUs, reporting progress', () => {
    // No time limit asserted: RSA key generation (22 keys) is nearly all of it, ~2 s on 2 idle cores,
    // but several times that on a loaded machine.
    expect(layout.ids).to.deep.equal(FIUS);
    expect(logged.some((l) => l.startsWith('created the network CA'))).to.equal(true);
    expect(
      logged.filter((l) => /^FIU-[ABC]: TLS certificate, 6 operator certificates/.test(l)),
    ).to.have.length(3);
  });

  it('makes a network CA that says it is for development', () => {
    expect(networkCa.ca).to.equal(true);
    expect(commonName(networkCa)).to.equal('fiu-gateway DEVELOPMENT network CA - not for production');
    expect(networkCa.subject).to.contain('O=fiu-gateway dev');
  });

  describe('for each FIU', () => {
    for (const id of FIUS) {
      describe(id, () => {
        it('has a TLS certificate from the network CA naming the FIU', () => {
          const cert = readCert(layout.fius[id]!.tls.cert);
          expect(chainsTo(cert, networkCa)).to.equal(true);
          expect(commonName(cert)).to.equal(id);
          expect(cert.subjectAltName).to.equal(`DNS:localhost, IP Address:127.0.0.1, URI:urn:fiu:${id}`);
          expect(cert.keyUsage).to.have.members(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
          expect(cert.checkPrivateKey(keyOf(layout.fius[id]!.tls.key))).to.equal(true);
        });

        it('has operator certificates from its own operator CA, not from the network CA', () => {
          const fiu = layout.fius[id]!;
          const operatorCa = readCert(fiu.operatorCa.cert);
          expect(operatorCa.ca).to.equal(true);
          expect(chainsTo(operatorCa, networkCa)).to.equal(false);
          for (const { slot } of DEV_OPERATORS) {
            const cert = readCert(fiu.operators[slot]!.cert);
            expect(commonName(cert)).to.equal(`${slot}@${id}`);
            expect(chainsTo(cert, operatorCa)).to.equal(true);
            expect(chainsTo(cert, networkCa)).to.equal(false);
            expect(cert.keyUsage).to.deep.equal(['1.3.6.1.5.5.7.3.2']);
            expect(cert.checkPrivateKey(keyOf(fiu.operators[slot]!.key))).to.equal(true);
          }
        });

        it('has a config that loadConfig accepts, whose files exist', () => {
          const fiu = layout.fius[id]!;
          const config = loadConfig(fiu.configFile, {});
          expect(config.fiu).to.equal(id);
          expect(config.peer).to.include({ host: '127.0.0.1', port: fiu.peerPort });
          expect(config.operator).to.deep.equal({ host: '127.0.0.1', port: fiu.operatorPort });
          expect(config.tls).to.deep.equal({
            ca: [layout.networkCa.cert],
            cert: fiu.tls.cert,
            key: fiu.tls.key,
            crl: [],
            crlReloadMs: 60_000,
          });
          expect(config.operatorTls.ca).to.deep.equal([fiu.operatorCa.cert]);
          expect(config.keys).to.deep.equal({
            signing: [fiu.keys.signing],
            encryption: [fiu.keys.encryption],
            ledger: [fiu.keys.ledger],
            refreshIntervalMs: 6 * 3_600_000,
          });
          expect(config.partnersFile).to.equal(fiu.partnersFile);
          expect(config.dataDir).to.equal(fiu.dataDir);
          expect(config.operators).to.deep.equal([
            ...ROLES.map((r) => ({ name: `${r}@${id}`, roles: [r] })),
            // A second supervisor, so that the four-eyes rule can be played by two different people.
            { name: `supervisor-2@${id}`, roles: ['supervisor'] },
          ]);
          expect(readFileSync(fiu.configFile, 'utf8')).to.match(/^# .*\n# DEVELOPMENT ONLY/);
          const keyFiles = [...config.keys.signing, ...config.keys.encryption, ...config.keys.ledger];
          for (const f of [
            ...config.tls.ca,
            config.tls.cert,
            config.tls.key,
            ...config.operatorTls.ca,
            ...keyFiles,
          ]) {
            expect(statSync(f).isFile()).to.equal(true);
          }
        });

        it('has private message and ledger keys and their public parts', async () => {
          const fiu = layout.fius[id]!;
          const sig = await checkKeyRecord(readJson(fiu.keys.signing), fiu.keys.signing);
          const enc = await checkKeyRecord(readJson(fiu.keys.encryption), fiu.keys.encryption);
          const ledger = await checkKeyRecord(readJson(fiu.keys.ledger), fiu.keys.ledger);
          expect([sig.fiu, sig.use, sig.jwk.kid]).to.deep.equal([id, 'sig', fiu.keys.signingKid]);
          expect([enc.fiu, enc.use, enc.jwk.kid]).to.deep.equal([id, 'enc', fiu.keys.encryptionKid]);
          expect([ledger.fiu, ledger.use, ledger.jwk.kid]).to.deep.equal([id, 'ledger', fiu.keys.ledgerKid]);
          expect([ledger.jwk.crv, ledger.jwk.alg, ledger.jwk.use]).to.deep.equal([
            'Ed25519',
            'EdDSA',
            undefined,
          ]);
          for (const k of [sig, enc, ledger]) expect(k.jwk.d).to.be.a('string');
          expect(path.basename(fiu.keys.signing)).to.equal(`signing-${sig.jwk.kid}.jwk.json`);
          expect(path.basename(fiu.keys.ledger)).to.equal(`ledger-${ledger.jwk.kid}.jwk.json`);
          const pub = readJson(fiu.keys.public) as { keys: Array<{ jwk: Record<string, unknown> }> };
          expect(pub.keys.map((k) => k.jwk.kid)).to.deep.equal([sig.jwk.kid, enc.jwk.kid, ledger.jwk.kid]);
          expect(pub.keys.every((k) => k.jwk.d === undefined)).to.equal(true);
          for (const k of [sig, enc, ledger]) {
            expect([k.notBefore, k.notAfter]).to.deep.equal([sig.notBefore, sig.notAfter]);
          }
          const days = (Date.parse(sig.notAfter) - Date.parse(sig.notBefore)) / 86400_000;
          expect(days).to.be.closeTo(365 + 1 / 24, 1e-6);
        });

        it("has a ledger key whose public record, as partners register it, verifies the FIU's checkpoints", async () => {
          const fiu = layout.fius[id]!;
          const ledger = await checkKeyRecord(readJson(fiu.keys.ledger), fiu.keys.ledger);
          const note = Buffer.from(`${ledgerOrigin(id)}\n1\nAAAA\n`);
          const signature = sign(null, note, privateKeyObject(ledger));
          for (const other of FIUS.filter((f) => f !== id)) {
            const registered = loadPartnerRegistry(layout.fius[other]!.partnersFile)
              .partners.find((p) => p.id === id)!
              .keys.filter((k) => k.use === 'ledger');
            expect(registered.map((k) => k.jwk.kid)).to.deep.equal([ledger.jwk.kid]);
            expect(verify(null, note, publicKeyObject(registered[0]!), signature)).to.equal(true);
          }
        });

        it('says in config.yaml what the ledger key is for', () => {
          const text = readFileSync(layout.fius[id]!.configFile, 'utf8');
          expect(text).to.match(
            / *# signs this gateway's audit-ledger checkpoints.*\n *ledger:\n *- keys\/ledger-/,
          );
        });

        it('has a partner registry of every other FIU with public keys only', () => {
          const fiu = layout.fius[id]!;
          const registry = loadPartnerRegistry(fiu.partnersFile);
          expect(registry.partners.map((p) => p.id)).to.deep.equal(FIUS.filter((f) => f !== id));
          for (const p of registry.partners) {
            const other = layout.fius[p.id]!;
            expect(p.address).to.equal(other.peerAddress);
            expect(p.keys.map((k) => k.jwk.kid)).to.deep.equal([
              other.keys.signingKid,
              other.keys.encryptionKid,
              other.keys.ledgerKid,
            ]);
            expect(p.keys.map((k) => k.use)).to.deep.equal(['sig', 'enc', 'ledger']);
          }
          expect(readFileSync(fiu.partnersFile, 'utf8')).to.not.contain('"d"');
        });

        it('has an operator profile per role that points at existing files', () => {
          const fiu = layout.fius[id]!;
          for (const role of ROLES) {
            const file = fiu.profiles[role]!;
            const profile = readJson(file) as Record<string, string>;
            expect(profile).to.deep.equal({
              fiu: id,
              operator: `${role}@${id}`,
              address: fiu.operatorAddress,
              ca: '../../ca/network-ca.crt',
              cert: `${role}.crt`,
              key: `${role}.key`,
            });
            const dir = path.dirname(file);
            expect(path.resolve(dir, profile.ca!)).to.equal(layout.networkCa.cert);
            expect(path.resolve(dir, profile.key!)).to.equal(fiu.operators[role].key);
          }
        });
      });
    }
  });

  it('numbers the ports in the order of the FIUs', () => {
    expect(FIUS.map((id) => [layout.fius[id]!.peerPort, layout.fius[id]!.operatorPort])).to.deep.equal([
      [50051, 50151],
      [50052, 50152],
      [50053, 50153],
    ]);
  });

  it('writes private keys with mode 0600 and folders with mode 0700', function () {
    if (process.platform === 'win32') this.skip();
    const walk = (dir: string): void => {
      expect(statSync(dir).mode & 0o777, dir).to.equal(0o700);
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        const st = statSync(file);
        if (st.isDirectory()) walk(file);
        else if (name.endsWith('.key') || name.endsWith('.jwk.json'))
          expect(st.mode & 0o777, file).to.equal(0o600);
        else expect(st.mode & 0o022, `${file} is writable by others`).to.equal(0);
      }
    };
    walk(layout.root);
  });

  it('writes a README that says it is for development only', () => {
    const readme = readFileSync(layout.readme, 'utf8');
    expect(readme).to.contain('DEVELOPMENT ONLY — these keys are public; never use in production');
    expect(readme).to.contain('fiugw serve --config FIU-A/config.yaml');
    expect(readme).to.match(
      /^\| `<FIU>\/keys\/ledger-<kid>\.jwk\.json` \| the private Ed25519 ledger key: it signs this gateway's audit-ledger checkpoints/m,
    );
  });

  it('writes the two mirrored copies of a valid sharing agreement for every pair of FIUs', () => {
    for (const a of FIUS) {
      expect(Object.keys(layout.fius[a]!.agreements).sort()).to.deep.equal(
        FIUS.filter((x) => x !== a).sort(),
      );
      for (const b of FIUS) {
        if (a === b) continue;
        const mine = parseAgreement(parseYaml(readFileSync(layout.fius[a]!.agreements[b]!, 'utf8')));
        const theirs = parseAgreement(parseYaml(readFileSync(layout.fius[b]!.agreements[a]!, 'utf8')));
        expect(mine).to.include({ id: theirs.id, version: 1, partner: b, status: 'active' });
        expect(theirs.partner).to.equal(a);
        expect(mine.messageTypes.outgoing).to.deep.equal(theirs.messageTypes.incoming);
        expect([mine.validFrom, mine.validUntil]).to.deep.equal([theirs.validFrom, theirs.validUntil]);
      }
    }
    expect(readFileSync(layout.readme, 'utf8')).to.contain(
      'fiugw agreements apply FIU-A/agreements/FIU-B.yaml --profile FIU-A/operators/admin.profile.json',
    );
  });

  it('does not make the data folders', () => {
    for (const id of FIUS) expect(readdirSync(layout.fius[id]!.dir)).to.not.include('data');
  });

  describe('when the output folder is not empty', () => {
    let out: string;
    beforeEach(() => {
      out = mkdtempSync(path.join(tmpdir(), 'fiugw-pki-ne-'));
      writeFileSync(path.join(out, 'keep.txt'), 'mine');
    });
    afterEach(() => rmSync(out, { recursive: true, force: true }));

    it('refuses without force', async () => {
      await expectCode(() => initPki({ out, fius: ['FIU-A', 'FIU-B'] }), 'pki.output_exists');
      expect(readdirSync(out)).to.deep.equal(['keep.txt']);
    });

    it('with force, replaces the files it writes and keeps the others', async () => {
      const first = await initPki({ out, fius: ['FIU-A', 'FIU-B'], force: true });
      mkdirSync(path.join(out, 'FIU-A', 'data'));
      writeFileSync(path.join(out, 'FIU-A', 'data', 'gateway.sqlite'), 'db');
      const second = await initPki({ out, fius: ['FIU-A', 'FIU-B'], force: true, basePort: 0 });
      expect(readFileSync(path.join(out, 'keep.txt'), 'utf8')).to.equal('mine');
      expect(readFileSync(path.join(out, 'FIU-A', 'data', 'gateway.sqlite'), 'utf8')).to.equal('db');
      expect(second.fius['FIU-A']!.keys.signingKid).to.not.equal(first.fius['FIU-A']!.keys.signingKid);
      expect(second.fius['FIU-A']!.keys.ledgerKid).to.not.equal(first.fius['FIU-A']!.keys.ledgerKid);
      // the key files of the first run are gone: only the current ones are left
      expect(readdirSync(second.fius['FIU-A']!.keys.dir).sort()).to.deep.equal(
        [
          second.fius['FIU-A']!.keys.encryption,
          second.fius['FIU-A']!.keys.signing,
          second.fius['FIU-A']!.keys.ledger,
          second.fius['FIU-A']!.keys.public,
        ]
          .map((f) => path.basename(f))
          .sort(),
      );
      const config = parseYaml(readFileSync(second.fius['FIU-B']!.configFile, 'utf8')) as {
        peer: { port: number };
      };
      expect(config.peer.port).to.equal(0);
      expect(loadPartnerRegistry(second.fius['FIU-B']!.partnersFile).partners[0]!.address).to.equal(
        '127.0.0.1:0',
      );
    });
  });

  describe('when the output is a file', () => {
    it('refuses even with force', async () => {
      const file = path.join(tmp, 'a-file');
      writeFileSync(file, '');
      await expectCode(
        () => initPki({ out: file, fius: ['FIU-A', 'FIU-B'], force: true }),
        'pki.output_exists',
      );
    });
  });

  describe('when the arguments are bad', () => {
    for (const [what, options] of [
      ['one FIU', { fius: ['FIU-A'] }],
      ['a duplicate FIU', { fius: ['FIU-A', 'FIU-A'] }],
      ['a bad FIU id', { fius: ['FIU-A', 'FIU B'] }],
      ['a base port too high', { fius: ['FIU-A', 'FIU-B'], basePort: 65500 }],
      ['zero days', { fius: ['FIU-A', 'FIU-B'], days: 0 }],
    ] as const) {
      it(`refuses ${what} and writes nothing`, async () => {
        const out = path.join(tmp, 'never');
        await expectCode(() => initPki({ out, ...options }), 'pki.invalid_argument');
        expect(() => statSync(out)).to.throw();
      });
    }
  });
});

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function keyOf(file: string): KeyObject {
  return createPrivateKey(readFileSync(file));
}
