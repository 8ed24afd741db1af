/**
 * Rate limits and versions of sharing agreements between live gateways: limits counted per partner and
 * direction, kept across a restart; a new version accepted from a partner still on the previous one
 * only during the grace period.
 */
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { sealMessage } from '../../src/crypto/index.js';
import { loadConfig } from '../../src/config.js';
import { Gateway } from '../../src/gateway.js';
import { devAgreementId } from '../../src/pki/index.js';
import { adminOf, startNetwork, type Network } from '../helpers/gateways.js';
import { freshRequest, sampleInput } from '../helpers/live-data.js';
import { requestsPerDay, requestsSince } from '../helpers/rate-usage.js';
import { expectServiceError, expectStatus } from '../helpers/refusals.js';

describe('rate limits and versions of sharing agreements', function () {
  this.timeout(30_000);
  let net: Network;
  const extra: Gateway[] = [];

  before(async function () {
    this.timeout(120_000); // a fresh PKI: RSA keys on a loaded machine
    net = await startNetwork(['FIU-A', 'FIU-B', 'FIU-C'], {
      // FIU-C accepts 2 requests a day from FIU-A; FIU-C has no grace period for old versions.
      agreements: (fiu, partner, a) =>
        fiu === 'FIU-C' && partner === 'FIU-A' ? { ...a, rateLimits: { requestsPerDay: 2, burst: 10 } } : a,
      configure: (fiu, config) => {
        if (fiu === 'FIU-C') config.agreements.graceHours = 0;
      },
    });
  });
  after(async () => {
    for (const g of extra) await g.stop().catch(() => undefined);
    await net?.stop();
  });

  const submit = (from: string, to: string) => net.operator(from, 'analyst').submitRequest(to, sampleInput());

  describe('FIU-C’s daily limit of 2 requests from FIU-A', () => {
    it('accepts the first two and refuses the third with policy.daily_limit (FIU-A’s outbox retries later)', async () => {
      for (let i = 0; i < 2; i++) expect((await submit('FIU-A', 'FIU-C')).status).to.equal('delivered');
      const third = await submit('FIU-A', 'FIU-C');
      expect([third.status, third.errorCode]).to.deep.equal(['queued', 'policy.daily_limit']);
    });

    it('answers a partner over the limit RESOURCE_EXHAUSTED', async () => {
      const { sealed } = await sealMessage(freshRequest('FIU-A', 'FIU-C'), net.gw['FIU-A']!.ring, new Date());
      const err = await expectServiceError(net.rawPeerClient('FIU-A', 'FIU-C')(sealed));
      expectStatus(err, {
        status: grpc.status.RESOURCE_EXHAUSTED,
        reason: 'policy.daily_limit',
        detail: '2 incoming requests per day reached',
      });
    });

    it('counts per partner: FIU-B’s requests to FIU-C still go through', async () => {
      expect((await submit('FIU-B', 'FIU-C')).status).to.equal('delivered');
    });

    it('still refuses FIU-A after FIU-C’s gateway restarts', async () => {
      const old = net.gw['FIU-C']!;
      await old.stop();
      const config = loadConfig(net.pki.fius['FIU-C']!.configFile, {});
      config.peer.port = 0;
      config.operator.port = 0;
      config.agreements.graceHours = 0;
      const restarted = await Gateway.open(config);
      extra.push(restarted);
      const ports = await restarted.start();
      for (const p of ['FIU-A', 'FIU-B']) restarted.partners.setAddress(p, net.peerAddress(p));
      net.gw['FIU-C'] = restarted;
      net.ports['FIU-C'] = ports;
      for (const p of ['FIU-A', 'FIU-B'])
        net.gw[p]!.partners.setAddress('FIU-C', `127.0.0.1:${ports.peerPort}`);

      const after = await submit('FIU-A', 'FIU-C');
      expect([after.status, after.errorCode]).to.deep.equal(['queued', 'policy.daily_limit']);
      expect((await submit('FIU-B', 'FIU-C')).status, 'FIU-B is not limited').to.equal('delivered');
    });
  });

  describe('a new version of the agreement between FIU-B and FIU-C', () => {
    const BC = devAgreementId('FIU-B', 'FIU-C');
    const bump = async (fiu: string, partner: string) => {
      const g = net.gw[fiu]!;
      const current = (await g.agreements.inForce(partner))!.agreement;
      return g.agreements.apply(adminOf(fiu), { ...current, version: current.version + 1 });
    };

    it('is refused by a receiver still on the older version (the sender is ahead)', async () => {
      await bump('FIU-C', 'FIU-B'); // FIU-C now sends under version 2
      const sent = await submit('FIU-C', 'FIU-B');
      expect(sent.errorCode).to.equal('policy.agreement_mismatch');
      expect(sent.errorDetail).to.include(`names agreement ${BC} version 2; in force is ${BC} version 1`);
    });

    it('without a grace period, refuses the previous version at once', async () => {
      const sent = await submit('FIU-B', 'FIU-C'); // FIU-B still sends under version 1
      expect(sent.errorCode).to.equal('policy.agreement_mismatch');
    });

    it('within the grace period (24 hours by default), accepts the previous version', async () => {
      await bump('FIU-B', 'FIU-C'); // FIU-B now at version 2: both agree
      expect((await submit('FIU-C', 'FIU-B')).status).to.equal('delivered');
      await bump('FIU-B', 'FIU-C'); // FIU-B at version 3; FIU-C still sends version 2
      const sent = await submit('FIU-C', 'FIU-B');
      expect(sent.status, sent.errorCode).to.equal('delivered');
    });

    it('never accepts an older version than the previous one', async () => {
      const message = freshRequest('FIU-C', 'FIU-B');
      message.header.agreement = { id: BC, version: 1 };
      const { sealed } = await sealMessage(message, net.gw['FIU-C']!.ring, new Date());
      const err = await expectServiceError(net.rawPeerClient('FIU-C', 'FIU-B')(sealed));
      expectStatus(err, { status: grpc.status.PERMISSION_DENIED, reason: 'policy.agreement_mismatch' });
    });
  });

  describe('the requests counted per day for the limits (rate_usage)', () => {
    it('agree on every gateway with the requests it stored both ways, and give the usage the COUNT of messages gave', async () => {
      const now = new Date();
      const day = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
      const minute = new Date(now.getTime() - 60_000).toISOString();
      const lines: string[] = [];
      for (const fiu of ['FIU-A', 'FIU-B', 'FIU-C']) {
        const { store } = net.gw[fiu]!;
        const { counted, stored } = await requestsPerDay(store);
        expect(counted, fiu).to.deep.equal(stored);
        lines.push(...counted.map((l) => `${fiu}: ${l.split(' ').slice(0, 2).join(' ')}`));
        for (const partner of ['FIU-A', 'FIU-B', 'FIU-C'].filter((p) => p !== fiu)) {
          for (const direction of ['in', 'out'] as const) {
            const u = { direction, partner, day, minute };
            expect(await store.messageUsage(u), `${fiu} ${JSON.stringify(u)}`).to.deep.equal({
              today: await requestsSince(store, direction, partner, day),
              lastMinute: await requestsSince(store, direction, partner, minute),
            });
          }
        }
      }
      // Requests went in and out of every gateway in the tests above.
      expect(lines).to.include.members([
        'FIU-A: out FIU-C',
        'FIU-B: in FIU-C',
        'FIU-B: out FIU-C',
        'FIU-C: in FIU-A',
        'FIU-C: in FIU-B',
        'FIU-C: out FIU-B',
      ]);
    });
  });
});
