import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { expectCode } from '../../helpers/expect-code.js';
import {
  createCa,
  DEV_ORGANIZATION,
  issueCertificate,
  type CertificateMaterial,
} from '../../../src/pki/index.js';
import { chainsTo, commonName } from './helpers.js';

const DAY = 86400_000;

describe('pki/ca', function () {
  this.timeout(60_000); // RSA key generation is slow on a loaded machine
  let ca: CertificateMaterial;
  let otherCa: CertificateMaterial;
  let caCert: X509Certificate;

  before(async () => {
    [ca, otherCa] = await Promise.all([createCa('Test CA'), createCa('Other CA')]);
    caCert = new X509Certificate(ca.certPem);
  });

  describe('createCa', () => {
    it('makes a self-signed CA certificate with an RSA 2048 key', () => {
      expect(caCert.ca).to.equal(true);
      expect(chainsTo(caCert, caCert)).to.equal(true);
      expect(commonName(caCert)).to.equal('Test CA');
      expect(caCert.subject).to.contain(`O=${DEV_ORGANIZATION}`);
      expect(caCert.publicKey.asymmetricKeyDetails?.modulusLength).to.equal(2048);
      expect(ca.keyPem).to.match(/^-----BEGIN PRIVATE KEY-----/);
    });

    it('is valid from an hour ago to a year from now by default', () => {
      const from = Date.parse(caCert.validFrom);
      const to = Date.parse(caCert.validTo);
      expect(Date.now() - from).to.be.within(3500_000, 3700_000);
      expect(to - Date.now()).to.be.within(364 * DAY, 366 * DAY);
    });
  });

  describe('issueCertificate', () => {
    describe('for a gateway (server+client)', () => {
      let cert: X509Certificate;
      before(async () => {
        const issued = await issueCertificate({
          caCertPem: ca.certPem,
          caKeyPem: ca.keyPem,
          commonName: 'FIU-A',
          usage: 'server+client',
        });
        cert = new X509Certificate(issued.certPem);
      });

      it('chains to the issuing CA and not to another', () => {
        expect(chainsTo(cert, caCert)).to.equal(true);
        expect(chainsTo(cert, new X509Certificate(otherCa.certPem))).to.equal(false);
      });

      it('names the FIU and has the loopback SANs by default', () => {
        expect(commonName(cert)).to.equal('FIU-A');
        expect(cert.ca).to.equal(false);
        expect(cert.subjectAltName).to.equal('DNS:localhost, IP Address:127.0.0.1, URI:urn:fiu:FIU-A');
      });

      it('is for server and client authentication', () => {
        // Node's X509Certificate.keyUsage lists the extended key usage OIDs.
        expect(cert.keyUsage).to.have.members(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
      });
    });

    describe('for an operator (client)', () => {
      it('is for client authentication only and has no SANs by default', async () => {
        const issued = await issueCertificate({
          caCertPem: ca.certPem,
          caKeyPem: ca.keyPem,
          commonName: 'analyst@FIU-A',
          usage: 'client',
        });
        const cert = new X509Certificate(issued.certPem);
        expect(commonName(cert)).to.equal('analyst@FIU-A');
        expect(cert.keyUsage).to.deep.equal(['1.3.6.1.5.5.7.3.2']);
        expect(cert.subjectAltName).to.equal(undefined);
      });
    });

    describe('when given a validity window in the past', () => {
      it('makes an expired certificate', async () => {
        const issued = await issueCertificate({
          caCertPem: ca.certPem,
          caKeyPem: ca.keyPem,
          commonName: 'FIU-A',
          usage: 'server+client',
          notBefore: new Date(Date.now() - 10 * DAY),
          notAfter: new Date(Date.now() - DAY),
        });
        const cert = new X509Certificate(issued.certPem);
        expect(Date.parse(cert.validTo)).to.be.below(Date.now());
        expect(chainsTo(cert, caCert)).to.equal(true);
      });
    });

    describe('when given explicit SANs and an existing key', () => {
      it('uses them', async () => {
        const first = await issueCertificate({
          caCertPem: ca.certPem,
          caKeyPem: ca.keyPem,
          commonName: 'FIU-B',
          usage: 'server+client',
        });
        const again = await issueCertificate({
          caCertPem: ca.certPem,
          caKeyPem: ca.keyPem,
          commonName: 'FIU-X',
          usage: 'server+client',
          sans: [{ type: 'dns', value: 'gw.example' }],
          keyPem: first.keyPem,
        });
        const a = new X509Certificate(first.certPem);
        const b = new X509Certificate(again.certPem);
        expect(b.subjectAltName).to.equal('DNS:gw.example');
        expect(b.publicKey.export({ type: 'spki', format: 'pem' })).to.equal(
          a.publicKey.export({ type: 'spki', format: 'pem' }),
        );
        expect(b.serialNumber).to.not.equal(a.serialNumber);
      });
    });

    describe('when notBefore is not earlier than notAfter', () => {
      it('refuses', async () => {
        const at = new Date();
        await expectCode(
          () =>
            issueCertificate({
              caCertPem: ca.certPem,
              caKeyPem: ca.keyPem,
              commonName: 'FIU-A',
              usage: 'client',
              notBefore: at,
              notAfter: at,
            }),
          'pki.invalid_argument',
        );
      });
    });

    describe('when the CA material is not PEM', () => {
      it('refuses', async () => {
        await expectCode(
          () =>
            issueCertificate({ caCertPem: 'nope', caKeyPem: ca.keyPem, commonName: 'x', usage: 'client' }),
          'pki.invalid_argument',
        );
      });
    });

    describe('when an IP SAN is not an IP address', () => {
      it('refuses', async () => {
        await expectCode(
          () =>
            issueCertificate({
              caCertPem: ca.certPem,
              caKeyPem: ca.keyPem,
              commonName: 'x',
              usage: 'client',
              sans: [{ type: 'ip', value: 'localhost' }],
            }),
          'pki.invalid_argument',
        );
      });
    });
  });
});
