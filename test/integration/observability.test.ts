/**
 * Logs and metrics of live gateways: one correlation id in both gateways' log lines for an exchange,
 * partner-sent correlation ids checked for shape, and `/metrics` counters that move with deliveries.
 */
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { sealMessage } from '../../src/crypto/index.js';
import { peerProto } from '../../src/transport/proto.js';
import { clientCredentials, identityChannelOptions } from '../../src/transport/credentials.js';
import type { PeerExchangeClient } from '../../src/generated/fiu/exchange/v1/PeerExchange.js';
import { CALL_TIMEOUT_MS, startNetwork, type Network } from '../helpers/gateways.js';
import { freshRequest, sampleInput } from '../helpers/live-data.js';

/** `GET /metrics` of a gateway as text. */
async function scrape(net: Network, fiu: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${net.ports[fiu]!.metricsPort}/metrics`);
  expect(res.status).to.equal(200);
  return res.text();
}

/** The value of one sample line (`name{labels} value`), or 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('observability of live gateways', function () {
  this.timeout(30_000);
  let net: Network;

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      configure: (_fiu, config) => {
        config.metrics = { enabled: true, host: '127.0.0.1', port: 0 };
      },
    });
  });
  after(() => net?.stop());

  describe('when analyst@FIU-A submits a request to FIU-B', () => {
    let messageId: string;
    let earlier: { a: string; b: string };

    before(async () => {
      earlier = { a: await scrape(net, 'FIU-A'), b: await scrape(net, 'FIU-B') };
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent.status).to.equal('delivered');
      messageId = sent.messageId;
    });

    it("logs one correlation id on both gateways' lines of the exchange", () => {
      const sentLine = net.logs['FIU-A']!.find(
        (l) => l.msg === 'message sealed, logged and queued' && l.fields.id === messageId,
      );
      const receivedLine = net.logs['FIU-B']!.find(
        (l) => l.msg === 'message received' && l.fields.id === messageId,
      );
      expect(sentLine?.fields.correlationId).to.be.a('string').and.not.equal('');
      expect(receivedLine?.fields.correlationId).to.equal(sentLine!.fields.correlationId);
      const receipt = net.logs['FIU-A']!.find(
        (l) => l.msg === 'receipt verified' && l.fields.id === messageId,
      );
      expect(receipt?.fields.correlationId).to.equal(sentLine!.fields.correlationId);
    });

    it('counts the delivery on both sides and times it', async () => {
      const a = await scrape(net, 'FIU-A');
      const b = await scrape(net, 'FIU-B');
      const out = { direction: 'out', partner: 'FIU-B', type: 'request', outcome: 'delivered' };
      const into = { direction: 'in', partner: 'FIU-A', type: 'request', outcome: 'delivered' };
      expect(sample(a, 'fiugw_deliveries_total', out)).to.equal(
        sample(earlier.a, 'fiugw_deliveries_total', out) + 1,
      );
      expect(sample(b, 'fiugw_deliveries_total', into)).to.equal(
        sample(earlier.b, 'fiugw_deliveries_total', into) + 1,
      );
      expect(sample(a, 'fiugw_delivery_duration_seconds_count', out)).to.equal(
        sample(earlier.a, 'fiugw_delivery_duration_seconds_count', out) + 1,
      );
    });

    it('reports the ledger size, the checkpoint age and the certificate expiry', async () => {
      const b = await scrape(net, 'FIU-B');
      expect(sample(b, 'fiugw_ledger_entries', {})).to.equal(await net.gw['FIU-B']!.store.ledgerSize());
      expect(sample(b, 'fiugw_ledger_checkpoint_age_seconds', {})).to.be.at.least(0);
      expect(sample(b, 'fiugw_tls_certificate_expiry_days', {})).to.be.greaterThan(300);
    });
  });

  describe('when a partner delivery is refused', () => {
    it('counts the refusal by its code', async () => {
      const before = sample(await scrape(net, 'FIU-B'), 'fiugw_refusals_total', {
        direction: 'in',
        code: 'crypto.malformed_seal',
      });
      await net
        .rawPeerClient(
          'FIU-A',
          'FIU-B',
        )('not a sealed message')
        .then(
          () => expect.fail('accepted'),
          () => undefined,
        );
      const after = await scrape(net, 'FIU-B');
      expect(
        sample(after, 'fiugw_refusals_total', { direction: 'in', code: 'crypto.malformed_seal' }),
      ).to.equal(before + 1);
      expect(
        sample(after, 'fiugw_deliveries_total', {
          direction: 'in',
          partner: 'FIU-A',
          type: 'unknown',
          outcome: 'refused',
        }),
      ).to.be.at.least(1);
    });
  });

  describe("a partner's correlation id", () => {
    const deliverWith = async (correlationId: string) => {
      const tls = net.gatewayTls('FIU-A');
      const Ctor = peerProto().fiu.exchange.v1.PeerExchange;
      const client: PeerExchangeClient = new Ctor(
        net.peerAddress('FIU-B'),
        clientCredentials(tls, 'FIU-B'),
        identityChannelOptions('FIU-B'),
      );
      const { sealed } = await sealMessage(freshRequest('FIU-A', 'FIU-B'), net.gw['FIU-A']!.ring, new Date());
      const metadata = new grpc.Metadata();
      metadata.set('fiu-correlation-id', correlationId);
      try {
        await new Promise<void>((resolve, reject) =>
          client.deliver({ sealed }, metadata, { deadline: Date.now() + CALL_TIMEOUT_MS }, (err) =>
            err ? reject(err) : resolve(),
          ),
        );
      } finally {
        client.close();
      }
      return sealed;
    };

    it('is logged when well formed', async () => {
      await deliverWith('ops-test-0001');
      expect(
        net.logs['FIU-B']!.some(
          (l) => l.msg === 'message received' && l.fields.correlationId === 'ops-test-0001',
        ),
      ).to.equal(true);
    });

    it('is replaced by a fresh one when malformed, and the delivery still succeeds', async () => {
      const hostile = `x" level=error ${'A'.repeat(100)}`;
      await deliverWith(hostile);
      const text = JSON.stringify(net.logs['FIU-B']);
      expect(text).not.to.include('AAAAAAAAAAAAAAAAAAAA');
      const last = net.logs['FIU-B']!.filter((l) => l.msg === 'message received').at(-1)!;
      expect(last.fields.correlationId).to.match(/^[0-9a-f-]{36}$/);
    });
  });
});
