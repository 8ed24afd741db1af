/**
 * Production mode: a gateway refuses to open with the development PKI or with private key files that
 * others can read, unless `allowInsecure` names the override; development mode opens anyway.
 */
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import { Gateway } from '../../src/gateway.js';
import type { LogFields } from '../../src/log.js';
import { DEV_CA_FINGERPRINTS, devPkiCertificates } from '../../src/observability/production.js';
import { createCa } from '../../src/pki/ca.js';
import { initPki, type PkiLayout } from '../../src/pki/index.js';
import { expectCode } from '../helpers/expect-code.js';

describe('production mode', function () {
  this.timeout(60_000);
  let dir: string;
  let pki: PkiLayout;
  const opened: Gateway[] = [];

  const config = (changes: Partial<GatewayConfig>): GatewayConfig => ({
    ...loadConfig(pki.fius['FIU-A']!.configFile, {}),
    ...changes,
  });

  before(async function () {
    this.timeout(120_000);
    dir = await mkdtemp(path.join(tmpdir(), 'fiugw-prod-'));
    pki = await initPki({ out: path.join(dir, 'pki'), fius: ['FIU-A', 'FIU-B'], basePort: 0 });
  });
  after(async () => {
    for (const g of opened) await g.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('development mode opens with the development PKI', async () => {
    opened.push(await Gateway.open(config({})));
  });

  it('refuses the development PKI, naming the files and the override', async () => {
    const err = await expectCode(Gateway.open(config({ mode: 'production' })), 'config.insecure');
    expect(err.message).to.include('the development PKI is configured');
    expect(err.message).to.include(`${pki.networkCa.cert} (tls.ca: CN=fiu-gateway DEVELOPMENT network CA`);
    expect(err.message).to.include('allowInsecure: [dev-pki]');
  });

  it('opens with allowInsecure [dev-pki], and logs the override as a warning', async () => {
    const lines: Array<{ msg: string; fields?: LogFields }> = [];
    const warnings = (msg: string, fields?: LogFields) => void lines.push({ msg, fields });
    const g = await Gateway.open(config({ mode: 'production', allowInsecure: ['dev-pki'] }), {
      log: { info() {}, warn: warnings, error: warnings },
    });
    opened.push(g);
    expect(lines[0]!.msg).to.equal('insecure setting allowed');
    expect(String(lines[0]!.fields?.detail)).to.include('allowInsecure [dev-pki]');
  });

  describe('when a private key file is readable by others', () => {
    const key = () => pki.fius['FIU-A']!.keys.signing;
    beforeEach(() => chmodSync(key(), 0o644));
    afterEach(() => chmodSync(key(), 0o600));

    it('refuses to open, naming the file, its field and its mode', async () => {
      const err = await expectCode(
        Gateway.open(config({ mode: 'production', allowInsecure: ['dev-pki'] })),
        'config.insecure',
      );
      expect(err.message).to.include(`${key()} (keys.signing[0]) has mode 0644`);
      expect(err.message).to.include('allowInsecure: [key-permissions]');
      expect(err.message).not.to.include('development PKI');
    });

    it('opens when both overrides are named', async () => {
      opened.push(
        await Gateway.open(config({ mode: 'production', allowInsecure: ['dev-pki', 'key-permissions'] })),
      );
    });
  });

  describe('recognising the development PKI', () => {
    it('knows every CA of the committed certs-dev/ by fingerprint (update DEV_CA_FINGERPRINTS after `npm run certs:dev`)', () => {
      const files = [
        'certs-dev/ca/network-ca.crt',
        ...readdirSync('certs-dev')
          .filter((d) => d.startsWith('FIU-'))
          .map((d) => `certs-dev/${d}/operators/operator-ca.crt`),
      ];
      for (const f of files) {
        expect(DEV_CA_FINGERPRINTS.has(new X509Certificate(readFileSync(f)).fingerprint256), f).to.equal(
          true,
        );
      }
    });

    it('recognises the network CA of the committed certs-dev/', () => {
      const c = config({});
      const found = devPkiCertificates({
        ...c,
        tls: { ...c.tls, ca: [path.resolve('certs-dev/ca/network-ca.crt')] },
      });
      expect(found.some((f) => f.includes('certs-dev/ca/network-ca.crt'))).to.equal(true);
    });

    it('does not flag a CA of another organisation', async () => {
      const ca = await createCa('Example FIU network CA', { organization: 'Example FIU' });
      const file = path.join(dir, 'other-ca.crt');
      writeFileSync(file, ca.certPem);
      const c = config({});
      const found = devPkiCertificates({
        ...c,
        tls: { ...c.tls, ca: [file], cert: file },
        operatorTls: { ca: [file] },
      });
      expect(found).to.deep.equal([]);
    });
  });
});
