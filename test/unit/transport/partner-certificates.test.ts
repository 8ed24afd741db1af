/**
 * The registry of partners' last seen TLS certificates: what it keeps of a node:tls peer
 * certificate, that the last one wins, and what it ignores.
 */
import { expect } from 'chai';
import type { PeerCertificate } from 'node:tls';
import { PartnerCertificates } from '../../../src/transport/partner-certificates.js';

const SEEN_AT = new Date('2026-03-02T09:30:00.000Z');

/** A peer certificate as node:tls gives it (only the fields the registry reads matter). */
function peerCert(overrides: Partial<PeerCertificate> = {}): PeerCertificate {
  return {
    subject: { CN: 'FIU-A', O: 'FIU A' },
    issuer: { CN: 'Network CA', O: 'Network' },
    serialNumber: '0A1B2C',
    valid_from: 'Mar  1 00:00:00 2026 GMT',
    valid_to: 'Mar  1 00:00:00 2027 GMT',
    fingerprint256: 'AA:BB:CC',
    raw: Buffer.from('certificate bytes'),
    ...overrides,
  } as PeerCertificate;
}

describe('PartnerCertificates', () => {
  it('keeps the names, serial, dates, fingerprint, time and side, and no certificate bytes', () => {
    const reg = new PartnerCertificates(() => SEEN_AT);
    reg.record('FIU-A', peerCert(), 'server');
    const seen = reg.get('FIU-A');
    expect(seen).to.deep.equal({
      partner: 'FIU-A',
      commonName: 'FIU-A',
      issuer: 'CN=Network CA, O=Network',
      serial: '0A1B2C',
      validFrom: new Date('2026-03-01T00:00:00.000Z'),
      validTo: new Date('2027-03-01T00:00:00.000Z'),
      fingerprint256: 'AA:BB:CC',
      seenAt: SEEN_AT,
      seenAs: 'server',
    });
    expect(JSON.stringify(seen)).not.to.include('raw');
  });

  it('replaces a partner’s certificate with the one seen last', () => {
    const reg = new PartnerCertificates(() => SEEN_AT);
    reg.record('FIU-A', peerCert(), 'server');
    reg.record('FIU-A', peerCert({ serialNumber: '0D0E', valid_to: 'Mar  1 00:00:00 2028 GMT' }), 'client');
    expect(reg.get('FIU-A')).to.include({ serial: '0D0E', seenAs: 'client' });
    expect(reg.get('FIU-A')?.validTo.toISOString()).to.equal('2028-03-01T00:00:00.000Z');
    expect([...reg.snapshot().keys()]).to.deep.equal(['FIU-A']);
  });

  it('ignores a missing certificate, one without validity dates, and FIUs that are not partners', () => {
    const reg = new PartnerCertificates(
      () => SEEN_AT,
      (fiu) => fiu === 'FIU-A',
    );
    reg.record('FIU-A', undefined, 'server');
    reg.record('FIU-A', {} as PeerCertificate, 'server');
    reg.record('FIU-Z', peerCert({ subject: { CN: 'FIU-Z' } as PeerCertificate['subject'] }), 'server');
    expect(reg.snapshot().size).to.equal(0);
  });

  it('hands out copies in its snapshot', () => {
    const reg = new PartnerCertificates(() => SEEN_AT);
    reg.record('FIU-A', peerCert(), 'server');
    reg.snapshot().get('FIU-A')!.serial = 'changed';
    expect(reg.get('FIU-A')?.serial).to.equal('0A1B2C');
  });
});
