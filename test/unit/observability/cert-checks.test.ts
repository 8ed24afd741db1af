/**
 * The certificate and key checks behind health and `fiugw doctor`: one thing of a good certificate
 * or key changed at a time, and the message names the file, the subject, the issuer and the dates.
 */
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import {
  checkIssuedBy,
  checkKeyMatches,
  checkKeyWindows,
  checkValidity,
  parseCertificates,
} from '../../../src/observability/cert-checks.js';
import { createCa, issueCertificate, type CertificateMaterial } from '../../../src/pki/ca.js';
import { makeKey, NOW } from '../../helpers/keys.js';

const DAY_MS = 86_400_000;

describe('certificate checks', function () {
  this.timeout(60_000); // RSA keys
  let ca: CertificateMaterial;
  let other: CertificateMaterial;
  let good: CertificateMaterial;
  let cert: X509Certificate;
  const anchors = () => [{ file: 'ca.crt', cert: new X509Certificate(ca.certPem) }];

  before(async () => {
    ca = await createCa('Network CA');
    other = await createCa('Other CA');
    good = await issueCertificate({
      caCertPem: ca.certPem,
      caKeyPem: ca.keyPem,
      commonName: 'FIU-A',
      usage: 'server+client',
    });
    cert = new X509Certificate(good.certPem);
  });

  describe('checkValidity', () => {
    it('is ok inside the window, with the end date', () => {
      const r = checkValidity(cert, 'gw.crt', new Date(), 14, 'renew it');
      expect(r.status).to.equal('ok');
      expect(r.detail).to.include('gw.crt (CN=FIU-A').and.include('valid until');
    });

    it('warns within the threshold, saying when', () => {
      const at = new Date(Date.parse(cert.validTo) - 3 * DAY_MS);
      const r = checkValidity(cert, 'gw.crt', at, 14, 'renew it');
      expect(r).to.include({ status: 'warn', fix: 'renew it' });
      expect(r.detail).to.include('expires on').and.include('in 3 days');
    });

    it('fails once expired, with the date it expired', () => {
      const at = new Date(Date.parse(cert.validTo) + DAY_MS);
      const r = checkValidity(cert, 'gw.crt', at, 14, 'renew it');
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include(`expired on ${new Date(cert.validTo).toISOString().slice(0, 10)}`);
    });

    it('fails before its start, pointing at the clock', () => {
      const r = checkValidity(cert, 'gw.crt', new Date(Date.parse(cert.validFrom) - DAY_MS), 14, 'renew it');
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include('is not valid before');
      expect(r.fix).to.include('clock');
    });
  });

  describe('checkIssuedBy', () => {
    it('names the CA that signed the certificate', () => {
      const r = checkIssuedBy(cert, 'gw.crt', anchors());
      expect(r.status).to.equal('ok');
      expect(r.detail).to.include('signed by CN=Network CA').and.include('(ca.crt)');
    });

    it('fails a certificate from another CA, naming its issuer and the configured CAs', async () => {
      const stranger = await issueCertificate({
        caCertPem: other.certPem,
        caKeyPem: other.keyPem,
        commonName: 'FIU-A',
        usage: 'server+client',
      });
      const r = checkIssuedBy(new X509Certificate(stranger.certPem), 'gw.crt', anchors());
      expect(r.status).to.equal('fail');
      expect(r.detail)
        .to.include('is signed by CN=Other CA')
        .and.include('none of the configured CAs: CN=Network CA');
    });

    it('fails a certificate whose issuer name matches but whose signature does not (a look-alike CA)', async () => {
      const lookAlike = await createCa('Network CA');
      const forged = await issueCertificate({
        caCertPem: lookAlike.certPem,
        caKeyPem: lookAlike.keyPem,
        commonName: 'FIU-A',
        usage: 'server+client',
      });
      expect(checkIssuedBy(new X509Certificate(forged.certPem), 'gw.crt', anchors()).status).to.equal('fail');
    });
  });

  describe('checkKeyMatches', () => {
    it('is ok for the certificate key', () => {
      expect(checkKeyMatches(cert, 'gw.crt', Buffer.from(good.keyPem), 'gw.key').status).to.equal('ok');
    });

    it('fails another key, naming both files', () => {
      const r = checkKeyMatches(cert, 'gw.crt', Buffer.from(other.keyPem), 'gw.key');
      expect(r.status).to.equal('fail');
      expect(r.detail).to.equal('gw.key is not the private key of gw.crt (CN=FIU-A, O=fiu-gateway dev)');
    });

    it('fails a file that is no key', () => {
      const r = checkKeyMatches(cert, 'gw.crt', Buffer.from('hello'), 'gw.key');
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include('gw.key is not a readable PEM private key');
    });
  });

  it('parseCertificates reads every certificate of a bundle', () => {
    expect(parseCertificates(ca.certPem + other.certPem)).to.have.length(2);
  });
});

describe('checkKeyWindows', () => {
  it('is ok with a valid key per use', async () => {
    const keys = [(await makeKey('FIU-A', 'sig')).public, (await makeKey('FIU-A', 'enc')).public];
    expect(checkKeyWindows(keys, 'FIU-A', ['sig', 'enc'], NOW, 14, 'rotate').status).to.equal('ok');
  });

  it('fails when a use has no valid key, naming the kid and window of the last one', async () => {
    const expired = (
      await makeKey('FIU-A', 'sig', new Date(NOW.getTime() - 30 * DAY_MS), new Date(NOW.getTime() - DAY_MS))
    ).public;
    const r = checkKeyWindows([expired], 'FIU-A', ['sig'], NOW, 14, 'rotate');
    expect(r.status).to.equal('fail');
    expect(r.detail).to.include(`no sig key of FIU-A is valid now (kid ${expired.jwk.kid}`);
  });

  it('warns when the newest valid key ends within the threshold', async () => {
    const ending = (
      await makeKey('FIU-A', 'enc', new Date(NOW.getTime() - DAY_MS), new Date(NOW.getTime() + 3 * DAY_MS))
    ).public;
    const r = checkKeyWindows([ending], 'FIU-A', ['enc'], NOW, 14, 'rotate');
    expect(r).to.include({ status: 'warn', fix: 'rotate' });
    expect(r.detail).to.include('in 3 days');
  });

  it('does not warn when a successor is already valid', async () => {
    const ending = (
      await makeKey('FIU-A', 'enc', new Date(NOW.getTime() - DAY_MS), new Date(NOW.getTime() + 3 * DAY_MS))
    ).public;
    const next = (await makeKey('FIU-A', 'enc')).public;
    expect(checkKeyWindows([ending, next], 'FIU-A', ['enc'], NOW, 14, 'rotate').status).to.equal('ok');
  });
});
