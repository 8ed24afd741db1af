/**
 * The per-partner limits of a live FIU-B's peer API (docs/PROTOCOL.md section 9): one call in
 * progress per partner, and a token bucket of 3 calls that refills far too slowly to matter during
 * the test. Refusals are RESOURCE_EXHAUSTED with the code in the `fiu-error-code` trailer, logged
 * locally and not in the ledger. Also the deadlines of the peer client's calls to a partner that
 * never answers.
 */
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { sealMessage } from '../../src/crypto/index.js';
import { PeerClients } from '../../src/transport/peer-client.js';
import { startFakePartner, type FakePartner } from '../helpers/fake-partner.js';
import { startNetwork, type Deliver, type Network } from '../helpers/gateways.js';
import { freshRequest } from '../helpers/live-data.js';
import { expectCode } from '../helpers/expect-code.js';
import { expectServiceError, expectStatus } from '../helpers/refusals.js';

describe('the per-partner limits of a live gateway', function () {
  this.timeout(30_000);
  let net: Network;
  let asA: Deliver;
  let asC: Deliver;

  before(async function () {
    this.timeout(120_000); // a fresh PKI: RSA keys on a loaded machine
    net = await startNetwork(['FIU-A', 'FIU-B', 'FIU-C'], {
      configure: (fiu, config) => {
        if (fiu === 'FIU-B')
          config.peer.limits = { maxConcurrentPerPartner: 1, ratePerSecond: 0.001, burst: 3 };
      },
    });
    asA = net.rawPeerClient('FIU-A', 'FIU-B');
    asC = net.rawPeerClient('FIU-C', 'FIU-B');
  });
  after(() => net?.stop());

  const sealFrom = async (from: string) =>
    (await sealMessage(freshRequest(from, 'FIU-B'), net.gw[from]!.ring, new Date())).sealed;

  /** The warnings FIU-B logged about limits since `from`. */
  const limitLines = (from: number) =>
    net.logs['FIU-B']!.slice(from).filter((l) => l.msg === 'peer calls refused by a limit');

  describe('when FIU-A has a call in progress', () => {
    it('refuses a second call of FIU-A with RESOURCE_EXHAUSTED transport.too_many_calls, logs it, not in the ledger', async () => {
      const inbound = net.gw['FIU-B']!.inbound;
      const receive = inbound.receive.bind(inbound);
      let entered!: () => void;
      let release!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const gate = new Promise<void>((r) => (release = r));
      inbound.receive = async (sealed, tlsPeer) => {
        entered();
        await gate;
        return receive(sealed, tlsPeer);
      };
      try {
        const first = asA(await sealFrom('FIU-A'));
        await inside;
        const before = await net.snapshot('FIU-B');
        const logged = net.logs['FIU-B']!.length;
        const err = await expectServiceError(asA(await sealFrom('FIU-A')));
        expectStatus(err, {
          status: grpc.status.RESOURCE_EXHAUSTED,
          reason: 'transport.too_many_calls',
          detail: 'more than 1 calls in progress from FIU-A',
        });
        expect(await net.snapshot('FIU-B'), 'nothing recorded').to.deep.equal(before);
        expect(limitLines(logged).map((l) => [l.level, l.fields.partner, l.fields.code])).to.deep.equal([
          ['warn', 'FIU-A', 'transport.too_many_calls'],
        ]);
        release();
        expect((await first).receipt).to.be.a('string');
      } finally {
        release();
        inbound.receive = receive;
      }
    });

    it('admits FIU-A again once that call has ended', async () => {
      expect((await asA(await sealFrom('FIU-A'))).receipt).to.be.a('string');
    });
  });

  describe('when FIU-C has spent its burst of 3 calls', () => {
    it('refuses its fourth call with RESOURCE_EXHAUSTED transport.rate_limited, not in the ledger', async () => {
      for (let i = 0; i < 3; i++) expect((await asC(await sealFrom('FIU-C'))).receipt).to.be.a('string');
      const before = await net.snapshot('FIU-B');
      const err = await expectServiceError(asC(await sealFrom('FIU-C')));
      expectStatus(err, {
        status: grpc.status.RESOURCE_EXHAUSTED,
        reason: 'transport.rate_limited',
        detail: 'calls per second from FIU-C',
      });
      expect(await net.snapshot('FIU-B'), 'nothing recorded').to.deep.equal(before);
    });

    it('refuses the ledger proof RPCs of FIU-C as well', async () => {
      const err = await expectServiceError(net.rawPeerProofs('FIU-C', 'FIU-B').consistency(1, 1));
      expectStatus(err, { status: grpc.status.RESOURCE_EXHAUSTED, reason: 'transport.rate_limited' });
    });

    it('still admits FIU-A, whose bucket is its own', async () => {
      expect((await asA(await sealFrom('FIU-A'))).receipt).to.be.a('string');
    });
  });

  describe('when a partner never answers', () => {
    let silent: FakePartner;
    let client: PeerClients;

    before(async () => {
      silent = await startFakePartner(net, 'FIU-B', () => new Promise<string>(() => undefined), {
        consistency: () => new Promise<Buffer[]>(() => undefined),
        inclusion: () => new Promise<Record<string, unknown>>(() => undefined),
      });
      client = new PeerClients(net.gatewayTls('FIU-A'), 1 << 20, { callTimeoutMs: 300 });
    });
    after(async () => {
      client?.close();
      await silent?.stop();
    });

    it('gives up a delivery at its deadline: transport.partner_unreachable', async () => {
      await expectCode(
        client.deliver('FIU-B', silent.address, await sealFrom('FIU-A'), 300),
        'transport.partner_unreachable',
      );
    });

    it('gives up a consistency proof call at the configured deadline: transport.partner_unreachable', async () => {
      await expectCode(
        client.consistencyProof('FIU-B', silent.address, 1, 2),
        'transport.partner_unreachable',
      );
    });

    it('gives up an inclusion proof call at the configured deadline: transport.partner_unreachable', async () => {
      await expectCode(
        client.inclusionProof('FIU-B', silent.address, 'x'.repeat(43)),
        'transport.partner_unreachable',
      );
    });
  });
});
