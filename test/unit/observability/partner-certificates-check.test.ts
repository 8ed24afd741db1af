/**
 * The `partner-certificates` judgement: one thing of a partner's good, last seen certificate
 * changed at a time.
 */
import { expect } from 'chai';
import {
  judgePartnerCertificate,
  judgePartnerCertificates,
  partnerCertificatesCheck,
} from '../../../src/observability/partner-certificates-check.js';
import type { SeenCertificate } from '../../../src/transport/partner-certificates.js';

const NOW = new Date('2026-03-02T09:30:00.000Z');
const DAY_MS = 86_400_000;
const WARN_DAYS = 14;
const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

function seen(overrides: Partial<SeenCertificate> = {}): SeenCertificate {
  return {
    partner: 'FIU-A',
    commonName: 'FIU-A',
    issuer: 'CN=Network CA',
    serial: '0A1B2C',
    validFrom: at(-30),
    validTo: at(100),
    fingerprint256: 'AA:BB',
    seenAt: at(-1),
    seenAs: 'server',
    ...overrides,
  };
}

describe('judgePartnerCertificate', () => {
  it('is ok with the end date when the certificate is valid for longer than the threshold', () => {
    const r = judgePartnerCertificate('FIU-A', seen(), NOW, WARN_DAYS);
    expect(r.status).to.equal('ok');
    expect(r.detail)
      .to.include('FIU-A: certificate CN=FIU-A serial 0A1B2C')
      .and.include(`valid until ${at(100).toISOString().replace('.000Z', 'Z')} (100 days)`);
    expect(r.fix).to.equal('');
  });

  it('is ok and says so when the certificate has not been seen yet', () => {
    const r = judgePartnerCertificate('FIU-A', undefined, NOW, WARN_DAYS);
    expect(r.status).to.equal('ok');
    expect(r.detail).to.include('FIU-A: certificate not seen yet').and.include('fiugw doctor');
  });

  it('warns when the certificate ends within the threshold', () => {
    const r = judgePartnerCertificate('FIU-A', seen({ validTo: at(5) }), NOW, WARN_DAYS);
    expect(r.status).to.equal('warn');
    expect(r.detail).to.include('expires on').and.include('in 5 days');
    expect(r.fix).to.include('ask FIU-A for a renewed certificate');
  });

  it('fails when the certificate has expired, naming the partner, CN, serial and date', () => {
    const r = judgePartnerCertificate('FIU-A', seen({ validTo: at(-2) }), NOW, WARN_DAYS);
    expect(r.status).to.equal('warn');
    expect(r.detail)
      .to.include('FIU-A: certificate CN=FIU-A serial 0A1B2C')
      .and.include(`expired on ${at(-2).toISOString().replace('.000Z', 'Z')}`);
    expect(r.fix).to.equal('ask FIU-A for a renewed certificate; until then deliveries to it fail');
  });

  it('fails when the certificate is not yet valid', () => {
    const r = judgePartnerCertificate('FIU-A', seen({ validFrom: at(3) }), NOW, WARN_DAYS);
    expect(r.status).to.equal('warn');
    expect(r.detail).to.include('is not valid before');
    expect(r.fix).to.include('ask FIU-A for a renewed certificate');
  });
});

describe('judgePartnerCertificates', () => {
  it('is ok when no partner is registered', () => {
    expect(judgePartnerCertificates([], new Map(), NOW, WARN_DAYS).detail).to.equal('no partners registered');
  });

  it('judges only registered partners, and the worst result wins', () => {
    const map = new Map([
      ['FIU-A', seen()],
      ['FIU-B', seen({ partner: 'FIU-B', commonName: 'FIU-B', validTo: at(-1) })],
      ['FIU-Z', seen({ partner: 'FIU-Z', commonName: 'FIU-Z', validTo: at(-1) })],
    ]);
    const r = judgePartnerCertificates(['FIU-A', 'FIU-B', 'FIU-C'], map, NOW, WARN_DAYS);
    expect(r.status).to.equal('warn');
    expect(r.detail).to.include('FIU-B: certificate CN=FIU-B').and.include('FIU-C: certificate not seen yet');
    expect(r.detail).not.to.include('FIU-Z');
    expect(r.fix).to.equal('ask FIU-B for a renewed certificate; until then deliveries to it fail');
  });

  it('is the partner-certificates check, judged at the clock of each run', async () => {
    let now = NOW;
    const check = partnerCertificatesCheck({
      partners: () => ['FIU-A'],
      seen: () => new Map([['FIU-A', seen()]]),
      clock: () => now,
      warnDays: WARN_DAYS,
    });
    expect(check.name).to.equal('partner-certificates');
    expect((await check.run()).status).to.equal('ok');
    now = at(101);
    expect((await check.run()).status).to.equal('warn');
  });
});
