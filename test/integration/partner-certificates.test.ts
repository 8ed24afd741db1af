/**
 * The `partner-certificates` health check of live gateways: before any connection a partner's
 * certificate is "not seen yet"; after a real exchange each side has recorded the other's
 * certificate (FIU-A as the client that delivered, FIU-B as the server that was called) and reports
 * it ok with its CN; with a gateway's clock past the partner's certificate's end, the check fails.
 * Time moves through the gateways' clocks (an offset on the real time).
 */
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CheckReport } from '../../src/observability/check.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { sampleInput } from '../helpers/live-data.js';

const DAY_MS = 86_400_000;

describe('partner-certificates check of live gateways', function () {
  this.timeout(30_000);
  let net: Network;
  const offset: Record<string, number> = { 'FIU-A': 0, 'FIU-B': 0 };
  const clockOf = (fiu: string) => () => new Date(Date.now() + offset[fiu]!);
  const report = async (fiu: string): Promise<CheckReport> =>
    (await net.gw[fiu]!.health.refresh()).find((r) => r.name === 'partner-certificates')!;
  const certOf = (fiu: string) => new X509Certificate(readFileSync(net.gw[fiu]!.config.tls.cert));

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      clocks: { 'FIU-A': clockOf('FIU-A'), 'FIU-B': clockOf('FIU-B') },
    });
  });
  after(() => net?.stop());
  afterEach(() => {
    offset['FIU-A'] = 0;
    offset['FIU-B'] = 0;
  });

  it('is registered, and ok with "not seen yet" before any connection', async () => {
    expect(net.gw['FIU-A']!.health.names()).to.include('partner-certificates');
    const r = await report('FIU-A');
    expect(r.status, r.detail).to.equal('ok');
    expect(r.detail).to.include('FIU-B: certificate not seen yet');
  });

  describe('after FIU-A delivered a request to FIU-B', () => {
    before(async () => {
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent.status).to.equal('delivered');
    });

    it("records each partner's certificate on the side it was seen", () => {
      const onA = net.gw['FIU-A']!.partnerCertificates.get('FIU-B');
      const onB = net.gw['FIU-B']!.partnerCertificates.get('FIU-A');
      expect(onA).to.include({
        commonName: 'FIU-B',
        seenAs: 'client',
        fingerprint256: certOf('FIU-B').fingerprint256,
      });
      expect(onB).to.include({
        commonName: 'FIU-A',
        seenAs: 'server',
        fingerprint256: certOf('FIU-A').fingerprint256,
      });
      expect(onA!.validTo.getTime()).to.equal(Date.parse(certOf('FIU-B').validTo));
    });

    it("reports ok on both gateways, naming the partner's CN", async () => {
      const a = await report('FIU-A');
      expect(a.status, a.detail).to.equal('ok');
      expect(a.detail).to.include('FIU-B: certificate CN=FIU-B').and.include('valid until');
      const b = await report('FIU-B');
      expect(b.status, b.detail).to.equal('ok');
      expect(b.detail).to.include('FIU-A: certificate CN=FIU-A').and.include('valid until');
    });

    it("fails once a gateway's clock is past the partner certificate's end", async () => {
      offset['FIU-A'] = Date.parse(certOf('FIU-B').validTo) - Date.now() + DAY_MS;
      const a = await report('FIU-A');
      expect(a.status, a.detail).to.equal('warn');
      expect(a.detail).to.include('FIU-B: certificate CN=FIU-B').and.include('expired on');
      expect(a.fix).to.equal('ask FIU-B for a renewed certificate; until then deliveries to it fail');
      offset['FIU-B'] = Date.parse(certOf('FIU-A').validTo) - Date.now() + DAY_MS;
      expect((await report('FIU-B')).status).to.equal('warn');
    });
  });
});
