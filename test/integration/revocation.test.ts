/**
 * Certificate revocation against live gateways (docs/PROTOCOL.md section 1): every gateway lists the
 * dev network CA's CRL in `tls.crl`, and FIU-C's gateway certificate is on it (`fiugw pki revoke`).
 * FIU-B refuses FIU-C's calls with UNAUTHENTICATED transport.certificate_revoked and records nothing;
 * FIU-B does not deliver to FIU-C either; a changed CRL is reloaded; a CRL that does not verify stops
 * the gateway at start-up with an error that names the file.
 */
import { webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import { sealMessage } from '../../src/crypto/index.js';
import { Gateway } from '../../src/gateway.js';
import { networkCrlFile, revokeCertificate, type PkiLayout } from '../../src/pki/index.js';
import { crlPem, RSA_SHA256, x509 } from '../../src/pki/x509.js';
import { expectCode } from '../helpers/expect-code.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { freshRequest, sampleInput } from '../helpers/live-data.js';
import { expectServiceError, expectStatus } from '../helpers/refusals.js';

describe('certificate revocation between live gateways', function () {
  this.timeout(30_000);
  let net: Network;
  let pki: PkiLayout;

  before(async function () {
    this.timeout(120_000); // a fresh PKI: RSA keys on a loaded machine
    net = await startNetwork(['FIU-A', 'FIU-B', 'FIU-C'], {
      prepare: async (layout) => {
        pki = layout;
        await revokeCertificate({
          out: layout.root,
          cert: layout.fius['FIU-C']!.tls.cert,
          reason: 'keyCompromise',
        });
      },
      configure: (_fiu, config) => {
        config.tls.crl = [networkCrlFile(pki.root)];
      },
    });
  });
  after(() => net?.stop());

  const sealFrom = async (from: string, to = 'FIU-B') =>
    (await sealMessage(freshRequest(from, to), net.gw[from]!.ring, new Date())).sealed;

  describe('when FIU-C, whose certificate is revoked, calls FIU-B', () => {
    it('refuses a delivery with UNAUTHENTICATED transport.certificate_revoked, records nothing, logs it', async () => {
      const before = await net.snapshot('FIU-B');
      const logged = net.logs['FIU-B']!.length;
      const err = await expectServiceError(net.rawPeerClient('FIU-C', 'FIU-B')(await sealFrom('FIU-C')));
      expectStatus(err, {
        status: grpc.status.UNAUTHENTICATED,
        reason: 'transport.certificate_revoked',
        detail: 'the client certificate is revoked',
      });
      expect(await net.snapshot('FIU-B')).to.deep.equal(before);
      const lines = net.logs['FIU-B']!.slice(logged).filter((l) => l.msg === 'revoked certificate refused');
      expect(lines.map((l) => [l.level, l.fields.peer])).to.deep.equal([['warn', 'FIU-C']]);
    });

    it('refuses its ledger proof calls with the same status and code', async () => {
      const err = await expectServiceError(net.rawPeerProofs('FIU-C', 'FIU-B').consistency(1, 1));
      expectStatus(err, { status: grpc.status.UNAUTHENTICATED, reason: 'transport.certificate_revoked' });
    });
  });

  it('accepts FIU-A, whose certificate is not revoked', async () => {
    const { receipt } = await net.rawPeerClient('FIU-A', 'FIU-B')(await sealFrom('FIU-A'));
    expect(receipt).to.be.a('string');
  });

  describe('when analyst@FIU-B submits a request to FIU-C', () => {
    it('refuses FIU-C’s revoked server certificate: queued for a retry, and FIU-C stores nothing', async () => {
      const beforeC = await net.snapshot('FIU-C');
      const sent = await net.operator('FIU-B', 'analyst').submitRequest('FIU-C', sampleInput());
      expect(sent).to.include({ status: 'queued', errorCode: 'transport.partner_unreachable' });
      expect(sent.errorDetail).to.include('revoked');
      expect(await net.snapshot('FIU-C')).to.deep.equal(beforeC);
    });
  });

  describe('when the CRL file changes while FIU-B runs', () => {
    it('reloads it and refuses FIU-A, now revoked, on a connection opened before', async () => {
      const asA = net.rawPeerClient('FIU-A', 'FIU-B');
      await asA(await sealFrom('FIU-A'));
      expect(await net.gw['FIU-B']!.reloadRevocation(), 'nothing changed yet').to.equal(false);
      await revokeCertificate({ out: pki.root, cert: pki.fius['FIU-A']!.tls.cert });
      expect(await net.gw['FIU-B']!.reloadRevocation()).to.equal(true);
      expect(net.gw['FIU-B']!.revocation.size).to.deep.equal({ crls: 1, revoked: 2 });
      const err = await expectServiceError(asA(await sealFrom('FIU-A')));
      expectStatus(err, { status: grpc.status.UNAUTHENTICATED, reason: 'transport.certificate_revoked' });
    });

    it('keeps the lists in force when the new file does not load, and logs an error', async () => {
      writeFileSync(networkCrlFile(pki.root), 'not a CRL');
      const logged = net.logs['FIU-B']!.length;
      expect(await net.gw['FIU-B']!.reloadRevocation()).to.equal(false);
      expect(net.gw['FIU-B']!.revocation.size).to.deep.equal({ crls: 1, revoked: 2 });
      const lines = net.logs['FIU-B']!.slice(logged);
      expect(lines.map((l) => [l.level, l.msg])).to.deep.equal([
        ['error', 'revocation lists not reloaded; the previous ones stay in force'],
      ]);
    });
  });

  describe('at start-up', () => {
    /** Opens a gateway for FIU-A whose tls.crl is a file with `content`; must fail. */
    const openWithCrl = async (name: string, content: string | Buffer) => {
      const file = path.join(net.dir, name);
      writeFileSync(file, content);
      const config = loadConfig(pki.fius['FIU-A']!.configFile, {});
      config.tls.crl = [file];
      config.dataDir = path.join(net.dir, 'unused');
      config.databaseUrl = `sqlite:${path.join(net.dir, 'unused.sqlite')}`;
      const err = await expectCode(Gateway.open(config), 'config.invalid');
      expect(err.message).to.include(file);
      return err;
    };

    /** A CRL that names the network CA as issuer, signed by another key. */
    const forgedCrl = async () => {
      const alg = { ...RSA_SHA256, publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
      const keys = (await webcrypto.subtle.generateKey(alg, false, [
        'sign',
        'verify',
      ])) as webcrypto.CryptoKeyPair;
      const ca = new x509.X509Certificate(net.gatewayTls('FIU-A').ca);
      const crl = await x509.X509CrlGenerator.create({
        issuer: ca.subject,
        thisUpdate: new Date(),
        entries: [],
        signingAlgorithm: RSA_SHA256,
        signingKey: keys.privateKey as unknown as Parameters<
          typeof x509.X509CrlGenerator.create
        >[0]['signingKey'],
      });
      return crlPem(crl.rawData);
    };

    it('refuses a CRL whose signature does not verify with the network CA, naming the file', async () => {
      const err = await openWithCrl('forged.crl', await forgedCrl());
      expect(err.message).to.match(/tls\.crl: .*signature does not verify/);
    });

    it('refuses a file that is not a CRL', async () => {
      const err = await openWithCrl('junk.crl', 'hello');
      expect(err.message).to.include('not an X.509 CRL');
    });
  });
});
