/**
 * The outbox and overdue-case metrics and the `outbox` health check of live gateways: an item that
 * cannot be delivered shows in `fiugw_outbox_items` and `fiugw_outbox_oldest_age_seconds`; with the
 * dispatcher stopped, the check warns once the item is old and fails once it is past its give-up time
 * or holds a lease nobody takes over; a received request past its deadline shows in
 * `fiugw_cases_overdue`. Time moves through the gateways' clocks (an offset on the real time).
 */
import { expect } from 'chai';
import type { CheckReport } from '../../src/observability/check.js';
import { closedPort } from '../helpers/fake-partner.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { sampleInput } from '../helpers/live-data.js';
import { waitForState } from '../helpers/outbox.js';

const HOUR = 3_600_000;
const GIVE_UP_MS = 2 * HOUR;

/** `GET /metrics` of a gateway as text. */
async function scrape(net: Network, fiu: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${net.ports[fiu]!.metricsPort}/metrics`);
  expect(res.status).to.equal(200);
  return res.text();
}

/** The value of the sample `name{labels}`, or undefined when the metric has no such sample. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('outbox and case backlog of live gateways', function () {
  this.timeout(30_000);
  let net: Network;
  const offset: Record<string, number> = { 'FIU-A': 0, 'FIU-B': 0 };
  const clockOf = (fiu: string) => () => new Date(Date.now() + offset[fiu]!);
  const a = () => net.gw['FIU-A']!;
  const outboxReport = async (): Promise<CheckReport> =>
    (await a().health.refresh()).find((r) => r.name === 'outbox')!;

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      clocks: { 'FIU-A': clockOf('FIU-A'), 'FIU-B': clockOf('FIU-B') },
      configure: (_fiu, config) => {
        config.metrics = { enabled: true, host: '127.0.0.1', port: 0 };
        config.delivery.retry.giveUpAfterMs = GIVE_UP_MS;
      },
    });
  });
  after(() => net?.stop());

  it('registers the outbox check and reports ok with every state at 0 and no oldest age', async () => {
    expect(a().health.names()).to.include('outbox');
    const report = await outboxReport();
    expect(report.status, report.detail).to.equal('ok');
    const text = await scrape(net, 'FIU-A');
    for (const state of ['queued', 'delivering', 'delivered', 'failed', 'cancelled']) {
      expect(sample(text, 'fiugw_outbox_items', { state }), state).to.equal(0);
    }
    expect(sample(text, 'fiugw_outbox_oldest_age_seconds')).to.equal(undefined);
  });

  describe('when FIU-B received a request whose deadline then passes', () => {
    before(async () => {
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent.status).to.equal('delivered');
    });

    it('counts the delivered item on FIU-A and no overdue case on FIU-B yet', async () => {
      expect(sample(await scrape(net, 'FIU-A'), 'fiugw_outbox_items', { state: 'delivered' })).to.equal(1);
      const [open] = await net.gw['FIU-B']!.store.listCases({ direction: 'in' });
      expect(open?.deadline).to.be.a('string');
      expect(sample(await scrape(net, 'FIU-B'), 'fiugw_cases_overdue', { partner: 'FIU-A' })).to.equal(0);
    });

    it('shows the case in fiugw_cases_overdue once FIU-B is past the deadline', async () => {
      const [open] = await net.gw['FIU-B']!.store.listCases({ direction: 'in' });
      offset['FIU-B'] = Date.parse(open!.deadline!) - Date.now() + HOUR;
      try {
        expect(sample(await scrape(net, 'FIU-B'), 'fiugw_cases_overdue', { partner: 'FIU-A' })).to.equal(1);
      } finally {
        offset['FIU-B'] = 0;
      }
    });
  });

  describe('when an item cannot be delivered and the dispatcher is stopped', () => {
    let messageId: string;

    before(async () => {
      a().partners.setAddress('FIU-B', `127.0.0.1:${await closedPort()}`);
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent.status).to.equal('queued');
      messageId = sent.messageId;
      await a().dispatcher.stop(0);
      // An attempt that was claimed before the stop ends (as queued) before we look.
      await waitForState(a(), messageId, 'queued');
    });
    afterEach(() => {
      offset['FIU-A'] = 0;
    });

    it('shows the item as queued, with the age of the oldest undelivered item', async () => {
      const text = await scrape(net, 'FIU-A');
      expect(sample(text, 'fiugw_outbox_items', { state: 'queued' })).to.equal(1);
      expect(sample(text, 'fiugw_outbox_items', { state: 'delivering' })).to.equal(0);
      expect(sample(text, 'fiugw_outbox_oldest_age_seconds')).to.be.a('number').at.least(0);
    });

    it('reports the outbox ok while the item is young, with the depth', async () => {
      const report = await outboxReport();
      expect(report.status, report.detail).to.equal('ok');
      expect(report.detail).to.include('1 queued, 0 delivering');
    });

    it('warns once the item is older than health.outboxWarnAfterMs, and stays SERVING', async () => {
      offset['FIU-A'] = HOUR + 60_000;
      const report = await outboxReport();
      expect(report.status, report.detail).to.equal('warn');
      expect(report.detail).to.include('the oldest undelivered item was submitted 61 min ago');
      expect(report.fix).to.include('fiugw outbox list');
      const text = await scrape(net, 'FIU-A');
      expect(sample(text, 'fiugw_outbox_oldest_age_seconds')).to.be.at.least(3660);
      expect(sample(text, 'fiugw_health_check_status', { check: 'outbox' })).to.equal(1);
      const res = await fetch(`http://127.0.0.1:${net.ports['FIU-A']!.metricsPort}/healthz`);
      expect(res.status).to.equal(200);
    });

    it('fails past the give-up time: NOT_SERVING on /healthz and 2 in the metric', async () => {
      const { retry, leaseMs } = a().config.delivery;
      offset['FIU-A'] = GIVE_UP_MS + retry.maxMs + leaseMs + 60_000;
      const report = await outboxReport();
      expect(report.status, report.detail).to.equal('fail');
      expect(report.detail)
        .to.include('after its give-up time')
        .and.include('the dispatcher is not ending items');
      expect(report.fix).to.include('restart the gateway');
      const res = await fetch(`http://127.0.0.1:${net.ports['FIU-A']!.metricsPort}/healthz`);
      expect(res.status).to.equal(503);
      const text = await scrape(net, 'FIU-A');
      expect(sample(text, 'fiugw_health_check_status', { check: 'outbox' })).to.equal(2);
    });

    it('fails when a delivering item holds a lease that ended more than one lease ago', async () => {
      const item = (await a().store.findOutboxItem(messageId))!;
      const { leaseMs } = a().config.delivery;
      const leaseUntil = new Date(Date.now() - 2 * leaseMs).toISOString();
      // A replica claimed the item and died: nothing else takes it over while the dispatcher is stopped.
      await a().store.transaction((tx) =>
        tx.updateOutboxItem(item.messageRowId, {
          patch: { state: 'delivering', claimedBy: 'dead-replica', leaseUntil },
          expect: { states: ['queued'] },
          now: new Date().toISOString(),
        }),
      );
      const report = await outboxReport();
      expect(report.status, report.detail).to.equal('fail');
      expect(report.detail).to.include(`1 delivering item(s) with a lease that ended at ${leaseUntil}`);
      expect(report.fix).to.include('--state delivering');
      const text = await scrape(net, 'FIU-A');
      expect(sample(text, 'fiugw_outbox_items', { state: 'delivering' })).to.equal(1);
      expect(sample(text, 'fiugw_outbox_items', { state: 'queued' })).to.equal(0);
    });
  });
});
