/**
 * The outbox between live gateways: retries while the partner is unavailable (same bytes every time),
 * a retry after a lost receipt gets the original receipt (exactly one copy at the receiver), permanent
 * refusals stop at once, give-up, operator list/retry/cancel with roles and ledger entries, and a
 * queue that survives a restart.
 */
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { GatewayError, isGatewayError } from '../../src/errors.js';
import { Gateway } from '../../src/gateway.js';
import type { Handoff } from '../../src/services/outbox-dispatcher.js';
import { closedPort, startFakePartner, type FakePartner } from '../helpers/fake-partner.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { ledgerEntries, sampleInput } from '../helpers/live-data.js';
import { cancelWhenQueued, waitFor, waitForState } from '../helpers/outbox.js';

/** Awaits `call`, which must fail with a GatewayError of `code`; returns it. */
async function expectCode(call: Promise<unknown>, code: string): Promise<GatewayError> {
  try {
    await call;
  } catch (err) {
    expect(isGatewayError(err) && err.code, String(err)).to.equal(code);
    return err as GatewayError;
  }
  return expect.fail(`expected ${code}`);
}

/** A grpc status with a `fiu-error-code` trailer, as a gateway refuses. */
function refusal(code: grpc.status, reason: string) {
  const metadata = new grpc.Metadata();
  metadata.set('fiu-error-code', reason);
  return { code, details: `${reason}: refused`, metadata };
}

describe('the outbox between live gateways', function () {
  this.timeout(60_000);
  let net: Network;
  /** FIU-A's clock runs this far ahead (to pass a give-up time without waiting a day). */
  let skewMs = 0;

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      configure: (fiu, config) => {
        if (fiu !== 'FIU-A') return;
        config.delivery = {
          ...config.delivery,
          retry: { initialMs: 20, maxMs: 200, giveUpAfterMs: 3_600_000 },
          pollMs: 20,
        };
        // A second analyst, to show that an analyst may act only on its own submissions.
        config.operators = config.operators.map((o) =>
          o.name === 'supervisor@FIU-A' ? { ...o, roles: ['supervisor', 'analyst'] } : o,
        );
      },
      clocks: { 'FIU-A': () => new Date(Date.now() + skewMs) },
    });
  });
  after(() => net?.stop());

  const a = () => net.gw['FIU-A']!;
  const b = () => net.gw['FIU-B']!;

  describe('when the first receipt is lost on the way back', () => {
    it('retries the same bytes and gets the original receipt; FIU-B keeps one copy and logs one receipt', async () => {
      const peers = a().peers;
      const real = peers.deliver.bind(peers);
      const dropped: string[] = [];
      const sealedSent: string[] = [];
      peers.deliver = async (partner, address, sealed, timeoutMs) => {
        sealedSent.push(sealed);
        const receipt = await real(partner, address, sealed, timeoutMs);
        if (dropped.length === 0) {
          dropped.push(receipt);
          throw new GatewayError('transport.partner_unreachable', 'the receipt was lost (test)');
        }
        return receipt;
      };
      const beforeB = await net.snapshot('FIU-B');
      const beforeA = await a().store.ledgerSize();
      try {
        const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
        expect(sent).to.include({ status: 'queued', errorCode: 'transport.partner_unreachable' });
        const item = await waitForState(a(), sent.messageId, 'delivered');
        expect(item.attempts).to.equal(2);
        expect(new Set(sealedSent).size, 'every attempt sends the same sealed bytes').to.equal(1);
        const stored = (await a().store.findMessage('out', sent.messageId))!;
        expect(stored.receipt, 'the retry got the byte-identical receipt').to.equal(dropped[0]);
        expect(stored.status).to.equal('delivered');
        const afterB = await net.snapshot('FIU-B');
        expect([afterB.messages, afterB.cases.length]).to.deep.equal([
          beforeB.messages + 1,
          beforeB.cases.length + 1,
        ]);
        const addedB = await ledgerEntries(b().store, beforeB.ledgerSize);
        expect(addedB.map((e) => e.event)).to.deep.equal(['policy.decision', 'message.received']);
        const addedA = await ledgerEntries(a().store, beforeA);
        expect(addedA.map((e) => e.event)).to.deep.equal([
          'policy.decision',
          'message.sent',
          'delivery.receipt',
        ]);
      } finally {
        peers.deliver = real;
      }
    });
  });

  describe('when the partner answers UNAVAILABLE twice, then takes the message', () => {
    let fake: FakePartner;
    after(async () => {
      a().partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
      await fake?.stop();
    });

    it('queues, backs off, delivers on the third attempt with the same bytes, and FIU-B stores it once', async () => {
      const forward = net.rawPeerClient('FIU-A', 'FIU-B');
      let calls = 0;
      fake = await startFakePartner(net, 'FIU-B', async (sealed) =>
        ++calls <= 2
          ? Promise.reject({ code: grpc.status.UNAVAILABLE, details: 'busy' })
          : (await forward(sealed)).receipt,
      );
      a().partners.setAddress('FIU-B', fake.address);
      const beforeB = await net.snapshot('FIU-B');
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent).to.include({ status: 'queued', attempts: 1 });
      const item = await waitForState(a(), sent.messageId, 'delivered');
      expect(item.attempts).to.equal(3);
      expect(fake.received).to.have.length(3);
      expect(new Set(fake.received).size).to.equal(1);
      expect((await net.snapshot('FIU-B')).messages).to.equal(beforeB.messages + 1);
    });
  });

  describe('when the partner refuses for good', () => {
    let fake: FakePartner;
    let answer: () => Promise<string>;
    before(async () => {
      fake = await startFakePartner(net, 'FIU-B', () => answer());
      a().partners.setAddress('FIU-B', fake.address);
    });
    after(async () => {
      a().partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
      await fake?.stop();
    });

    const refusals: Array<[string, grpc.status, string]> = [
      ['ALREADY_EXISTS exchange.duplicate_id', grpc.status.ALREADY_EXISTS, 'exchange.duplicate_id'],
      [
        'PERMISSION_DENIED transport.unknown_partner',
        grpc.status.PERMISSION_DENIED,
        'transport.unknown_partner',
      ],
      ['INVALID_ARGUMENT crypto.decryption_failed', grpc.status.INVALID_ARGUMENT, 'crypto.decryption_failed'],
    ];
    for (const [what, status, reason] of refusals) {
      it(`stops at once on ${what}: failed after one attempt, delivery.failed logged`, async () => {
        answer = () => Promise.reject(refusal(status, reason));
        const received = fake.received.length;
        const beforeA = await a().store.ledgerSize();
        const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
        expect(sent).to.include({ status: 'failed', errorCode: reason, attempts: 1 });
        expect(fake.received.length - received).to.equal(1);
        const item = (await a().store.findOutboxItem(sent.messageId))!;
        expect(item).to.include({ state: 'failed', lastError: reason, attempts: 1 });
        const added = await ledgerEntries(a().store, beforeA);
        expect(added.map((e) => [e.event, e.reason])).to.deep.equal([
          ['policy.decision', undefined],
          ['message.sent', undefined],
          ['delivery.failed', reason],
        ]);
        const listed = await net.operator('FIU-A', 'auditor').listOutbox({ state: 'failed' });
        expect(listed.items.map((i) => i.messageId)).to.include(sent.messageId);
      });
    }
  });

  describe('when the partner stays unreachable past the give-up time', () => {
    after(() => {
      skewMs = 0;
      a().partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
    });

    it('gives up: failed, delivery.expired logged with the last error and the attempts, an error in the log', async () => {
      a().partners.setAddress('FIU-B', `127.0.0.1:${await closedPort()}`);
      const beforeA = await a().store.ledgerSize();
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent.status).to.equal('queued');
      skewMs = 2 * 3_600_000; // past the give-up time of one hour
      const item = await waitForState(a(), sent.messageId, 'failed');
      expect(item.lastError).to.equal('transport.partner_unreachable');
      const added = await ledgerEntries(a().store, beforeA);
      const expired = added.filter((e) => e.event === 'delivery.expired');
      expect(added.map((e) => e.event)).to.deep.equal([
        'policy.decision',
        'message.sent',
        'delivery.expired',
      ]);
      expect(expired[0]).to.deep.include({
        reason: 'transport.partner_unreachable',
        attempts: item.attempts,
      });
      expect(
        net.logs['FIU-A']!.some(
          (l) => l.level === 'error' && l.msg === 'delivery given up' && l.fields.id === sent.messageId,
        ),
      ).to.equal(true);
      expect(await a().store.findMessage('out', sent.messageId)).to.include({ status: 'failed' });
    });
  });

  describe('operators and the queue', () => {
    let messageId: string;
    before(async () => {
      a().partners.setAddress('FIU-B', `127.0.0.1:${await closedPort()}`);
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent.status).to.equal('queued');
      messageId = sent.messageId;
    });
    after(() => a().partners.setAddress('FIU-B', net.peerAddress('FIU-B')));

    it('lets analyst, admin, supervisor and auditor list the outbox, not liaison', async () => {
      for (const role of ['analyst', 'admin', 'supervisor', 'auditor']) {
        const r = await net.operator('FIU-A', role).listOutbox({ partner: 'FIU-B' });
        const mine = r.items.find((i) => i.messageId === messageId);
        expect(mine, role).to.include({ partner: 'FIU-B', submittedBy: 'analyst@FIU-A' });
      }
      await expectCode(net.operator('FIU-A', 'liaison').listOutbox(), 'transport.operator_forbidden');
      await expectCode(net.operator('FIU-A', 'analyst').listOutbox({ state: 'lost' }), 'message.invalid');
    });

    it('refuses retry and cancel by another analyst, an auditor, and for an unknown message', async () => {
      for (const role of ['supervisor', 'auditor']) {
        await expectCode(
          net.operator('FIU-A', role).cancelDelivery(messageId),
          'transport.operator_forbidden',
        );
        await expectCode(
          net.operator('FIU-A', role).retryDelivery(messageId),
          'transport.operator_forbidden',
        );
      }
      await expectCode(
        net.operator('FIU-A', 'admin').cancelDelivery('00000000-0000-4000-8000-000000000000'),
        'exchange.not_found',
      );
    });

    it('admin cancels it (delivery.cancelled, actor admin); a second cancel is FAILED_PRECONDITION', async () => {
      const beforeA = await a().store.ledgerSize();
      const r = await cancelWhenQueued(net, messageId, 'FIU-A', 'admin');
      expect(r.item).to.include({ state: 'cancelled', messageId });
      const added = await ledgerEntries(a().store, beforeA);
      expect(added.map((e) => [e.event, e.actor.id])).to.deep.equal([['delivery.cancelled', 'admin@FIU-A']]);
      expect(added[0]!.message!.id).to.equal(messageId);
      const again = await expectCode(
        net.operator('FIU-A', 'admin').cancelDelivery(messageId),
        'exchange.invalid_state',
      );
      expect(again.message).to.include('cancelled');
    });

    it('the submitting analyst retries it once FIU-B is back: delivered (delivery.requeued, then delivery.receipt)', async () => {
      a().partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
      const beforeA = await a().store.ledgerSize();
      const r = await net.operator('FIU-A', 'analyst').retryDelivery(messageId);
      expect(r.outcome).to.equal('delivered');
      expect(r.item).to.include({ state: 'delivered', messageId });
      const added = await ledgerEntries(a().store, beforeA);
      expect(added.map((e) => [e.event, e.actor.kind])).to.deep.equal([
        ['delivery.requeued', 'operator'],
        ['delivery.receipt', 'system'],
      ]);
      await expectCode(net.operator('FIU-A', 'analyst').retryDelivery(messageId), 'exchange.invalid_state');
      await expectCode(net.operator('FIU-A', 'analyst').cancelDelivery(messageId), 'exchange.invalid_state');
    });
  });

  describe('when a submission finds a free delivery slot', () => {
    /** Spies on FIU-A's claims and message reads while `fn` runs. */
    async function watchingStore(fn: () => Promise<void>) {
      const store = a().store;
      const [claimDue, findMessage] = [store.claimDue.bind(store), store.findMessage.bind(store)];
      const claimed: string[] = [];
      const read: string[] = [];
      store.claimDue = async (...args) => {
        const items = await claimDue(...args);
        claimed.push(...items.map((i) => i.messageId));
        return items;
      };
      store.findMessage = async (direction, messageId) => {
        read.push(messageId);
        return findMessage(direction, messageId);
      };
      try {
        await fn();
      } finally {
        store.claimDue = claimDue;
        store.findMessage = findMessage;
      }
      return { claimed, read };
    }

    it('is handed straight to the dispatcher: delivered once, never claimed from the queue nor read back', async () => {
      const beforeB = await net.snapshot('FIU-B');
      let messageId = '';
      const { claimed, read } = await watchingStore(async () => {
        const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
        expect(sent).to.include({ status: 'delivered', attempts: 1 });
        messageId = sent.messageId;
      });
      expect(claimed).to.not.include(messageId);
      expect(read.filter((id) => id === messageId)).to.deep.equal([]);
      const item = (await a().store.findOutboxItem(messageId))!;
      expect(item).to.include({ state: 'delivered', attempts: 1, claimedBy: null });
      expect((await net.snapshot('FIU-B')).messages).to.equal(beforeB.messages + 1);
      expect(await b().store.findInbound('FIU-A', messageId)).to.not.equal(null);
    });

    it('with every slot taken, is queued as before and claimed once a slot frees', async () => {
      const held: Handoff[] = [];
      for (let slot = a().dispatcher.reserve(); slot; slot = a().dispatcher.reserve()) held.push(slot);
      expect(held.length, 'slots held by the test').to.equal(a().config.delivery.concurrency);
      let messageId = '';
      const { claimed } = await watchingStore(async () => {
        const earlier = new Set((await a().store.listOutbox({})).map((i) => i.messageId));
        const sending = net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
        const queued = await waitFor('the new item', async () =>
          (await a().store.listOutbox({})).find((i) => !earlier.has(i.messageId)),
        );
        expect(queued).to.include({ attempts: 0, claimedBy: null });
        for (const slot of held) slot.release();
        const sent = await sending;
        expect(sent).to.include({ status: 'delivered', attempts: 1 });
        messageId = sent.messageId;
      });
      expect(claimed).to.deep.equal([messageId]);
      expect(await b().store.findInbound('FIU-A', messageId)).to.not.equal(null);
    });
  });

  describe('when the gateway restarts with items in the queue', () => {
    it('delivers them after the restart', async () => {
      a().partners.setAddress('FIU-B', `127.0.0.1:${await closedPort()}`);
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent.status).to.equal('queued');
      const config = a().config;
      await a().stop();
      expect(['queued', 'delivering']).to.include((await reopenItem(config, sent.messageId)).state);
      const again = await Gateway.open(config);
      try {
        again.partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
        await again.start();
        const item = await waitForState(again, sent.messageId, 'delivered');
        expect(item.attempts).to.be.at.least(2);
        expect(await b().store.findInbound('FIU-A', sent.messageId)).to.not.equal(null);
      } finally {
        await again.stop();
      }
    });
  });
});

/** Reads an outbox item from a stopped gateway's database. */
async function reopenItem(config: Gateway['config'], messageId: string) {
  const { openStore } = await import('../../src/store/index.js');
  const store = await openStore(config.databaseUrl);
  try {
    return (await store.findOutboxItem(messageId))!;
  } finally {
    await store.close();
  }
}
