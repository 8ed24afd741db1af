/**
 * The metrics registry of one gateway: separate per gateway, gauges registered by other modules read
 * at scrape time, bounded label values, and the HTTP endpoint.
 */
import { expect } from 'chai';
import { GatewayError } from '../../../src/errors.js';
import { GatewayMetrics } from '../../../src/observability/metrics.js';
import { startMetricsServer } from '../../../src/observability/metrics-server.js';

describe('GatewayMetrics', () => {
  const isPartner = (fiu: string) => fiu === 'FIU-B';

  it('keeps two gateways apart (one registry each)', async () => {
    const a = new GatewayMetrics(isPartner);
    const b = new GatewayMetrics(isPartner);
    await a.observe('out', 'FIU-B', 'not sealed', async () => 'ok');
    expect(await a.registry.metrics()).to.include(
      'fiugw_deliveries_total{direction="out",partner="FIU-B",type="unknown",outcome="delivered"} 1',
    );
    expect(await b.registry.metrics()).not.to.include('outcome="delivered"} 1');
  });

  it('labels an unregistered partner `unknown` and counts refusals by code', async () => {
    const m = new GatewayMetrics(isPartner);
    const refusal = new GatewayError('transport.unknown_partner', 'who?');
    await m.observe('in', 'EVIL"}{', 'x', () => Promise.reject(refusal)).catch(() => undefined);
    const text = await m.registry.metrics();
    expect(text).to.include('partner="unknown",type="unknown",outcome="refused"} 1');
    expect(text).to.include('fiugw_refusals_total{direction="in",code="transport.unknown_partner"} 1');
    expect(text).not.to.include('EVIL');
  });

  it('counts key refreshes by partner and outcome', async () => {
    const m = new GatewayMetrics(isPartner);
    m.countKeyRefresh('FIU-B', 'learned');
    m.countKeyRefresh('FIU-B', 'unchanged');
    m.countKeyRefresh('FIU-B', 'unchanged');
    m.countKeyRefresh('FIU-Z', 'failed');
    const text = await m.registry.metrics();
    expect(text).to.include('fiugw_key_refreshes_total{partner="FIU-B",outcome="learned"} 1');
    expect(text).to.include('fiugw_key_refreshes_total{partner="FIU-B",outcome="unchanged"} 2');
    expect(text).to.include('fiugw_key_refreshes_total{partner="unknown",outcome="failed"} 1');
  });

  it('counts an unreachable partner as failed, not refused', async () => {
    const m = new GatewayMetrics(isPartner);
    const down = new GatewayError('transport.partner_unreachable', 'down');
    await m.observe('out', 'FIU-B', 'x', () => Promise.reject(down)).catch(() => undefined);
    const text = await m.registry.metrics();
    expect(text).to.include('outcome="failed"} 1');
    expect(text).not.to.include('fiugw_refusals_total{');
  });

  it('reads a registered gauge at every scrape, plain or labelled', async () => {
    const m = new GatewayMetrics(isPartner);
    let depth = 3;
    m.registerGauge('fiugw_test_depth', 'a test gauge', () => depth);
    m.registerGauge(
      'fiugw_test_by_partner',
      'a labelled test gauge',
      async () => [{ labels: { partner: 'FIU-B' }, value: 7 }],
      ['partner'],
    );
    expect(await m.registry.metrics())
      .to.include('fiugw_test_depth 3')
      .and.include('fiugw_test_by_partner{partner="FIU-B"} 7');
    depth = 5;
    expect(await m.registry.metrics()).to.include('fiugw_test_depth 5');
  });
});

describe('startMetricsServer', () => {
  it('serves GET /metrics and nothing else', async () => {
    const m = new GatewayMetrics(() => false);
    const server = await startMetricsServer(m.registry, '127.0.0.1', 0);
    try {
      const ok = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(ok.status).to.equal(200);
      expect(ok.headers.get('content-type')).to.include('text/plain');
      expect(await ok.text()).to.include('# TYPE fiugw_deliveries_total counter');
      expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).to.equal(404);
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' })).status).to.equal(
        404,
      );
    } finally {
      await server.close();
    }
  });

  it('reports a port it cannot bind as config.invalid', async () => {
    const m = new GatewayMetrics(() => false);
    const first = await startMetricsServer(m.registry, '127.0.0.1', 0);
    try {
      const err = await startMetricsServer(m.registry, '127.0.0.1', first.port).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(GatewayError);
      expect((err as GatewayError).code).to.equal('config.invalid');
    } finally {
      await first.close();
    }
  });
});
