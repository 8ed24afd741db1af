import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { silentLogger } from '../../../src/log.js';
import { initPki, networkCrlFile, revokeCertificate, type PkiLayout } from '../../../src/pki/index.js';
import { Revocation } from '../../../src/transport/revocation.js';
import { expectCode } from '../../helpers/expect-code.js';

describe('revokeCertificate (fiugw pki revoke)', function () {
  this.timeout(120_000);
  let dir: string;
  let pki: PkiLayout;
  const cert = (fiu: string) => new X509Certificate(readFileSync(pki.fius[fiu]!.tls.cert));

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fiugw-crl-'));
    pki = await initPki({ out: path.join(dir, 'pki'), fius: ['FIU-A', 'FIU-B'], basePort: 0 });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('creates a CRL signed by the network CA that revokes the certificate, and only it', async () => {
    const result = await revokeCertificate({ out: pki.root, cert: pki.fius['FIU-B']!.tls.cert });
    expect(result).to.include({ crlFile: networkCrlFile(pki.root), added: true, entries: 1 });
    const r = await Revocation.load([result.crlFile], readFileSync(pki.networkCa.cert), silentLogger);
    expect(r.isRevoked(cert('FIU-B'))).to.equal(true);
    expect(r.isRevoked(cert('FIU-A'))).to.equal(false);
  });

  it('keeps earlier entries and does not list a serial twice', async () => {
    await revokeCertificate({ out: pki.root, cert: pki.fius['FIU-A']!.tls.cert, reason: 'superseded' });
    const again = await revokeCertificate({ out: pki.root, cert: pki.fius['FIU-A']!.tls.cert });
    expect(again).to.include({ added: false, entries: 2 });
  });

  it('refuses a certificate of another CA (an operator certificate), naming --cert', async () => {
    const err = await expectCode(
      revokeCertificate({ out: pki.root, cert: pki.fius['FIU-A']!.operators.analyst.cert }),
      'pki.invalid_argument',
    );
    expect(err.message).to.match(/^--cert: .*not issued by the network CA/);
  });

  it('refuses --days outside 1 to 3650', async () => {
    await expectCode(
      revokeCertificate({ out: pki.root, cert: pki.fius['FIU-A']!.tls.cert, days: 0 }),
      'pki.invalid_argument',
    );
  });
});
