/**
 * A whole exchange between live gateways: an analyst submits a request through the operator API, the
 * partner stores it and answers a signed receipt, both ledgers record it; repeated deliveries,
 * reused ids and unreachable partners.
 */
import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { CompactSign } from 'jose';
import {
  canonicalJson,
  privateKeyObject,
  readEnvelope,
  sealMessage,
  sha256b64u,
  signReceipt,
  verifyReceipt,
} from '../../src/crypto/index.js';
import { signCheckpoint } from '../../src/ledger/index.js';
import type { PartnerCheckpointRow } from '../../src/store/index.js';
import type { SubmitRequestResponse__Output } from '../../src/generated/fiu/exchange/v1/SubmitRequestResponse.js';
import { closedPort, startFakePartner, type FakePartner } from '../helpers/fake-partner.js';
import { startNetwork, type Network, type StoreSnapshot } from '../helpers/gateways.js';
import { freshRequest, ledgerEntries, sampleInput } from '../helpers/live-data.js';
import { expectPeerRefusal } from '../helpers/refusals.js';
import { cancelWhenQueued, waitForState } from '../helpers/outbox.js';
import * as grpc from '@grpc/grpc-js';

describe('exchange between live gateways', function () {
  this.timeout(30_000);
  let net: Network;

  before(async function () {
    this.timeout(120_000); // a fresh PKI: RSA keys on a loaded machine
    net = await startNetwork(['FIU-A', 'FIU-B', 'FIU-C']);
  });
  after(() => net?.stop());

  /** Seals a fresh request from FIU-A to FIU-B with FIU-A's own key ring, as its gateway would. */
  const sealFromA = async (options: Parameters<typeof freshRequest>[2] = {}) =>
    sealMessage(freshRequest('FIU-A', 'FIU-B', options), net.gw['FIU-A']!.ring, new Date());

  describe('when analyst@FIU-A submits the sample request to FIU-B', () => {
    let input: ReturnType<typeof sampleInput>;
    let sent: SubmitRequestResponse__Output;
    let beforeA: StoreSnapshot;
    let beforeB: StoreSnapshot;

    before(async () => {
      beforeA = await net.snapshot('FIU-A');
      beforeB = await net.snapshot('FIU-B');
      input = sampleInput();
      sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', input);
    });

    it('answers delivered, with a receipt for the message', () => {
      expect(sent.status, `${sent.errorCode} ${sent.errorDetail}`).to.equal('delivered');
      expect(sent.errorCode).to.equal('');
      expect(sent.alarm).to.equal('');
      expect(sent.messageId).to.match(/^[0-9a-f-]{36}$/);
      expect(sent.receipt).to.include({ messageId: sent.messageId });
    });

    it('the receipt verifies with FIU-B’s key and names the digest of what FIU-A stored', async () => {
      const a = net.gw['FIU-A']!;
      const stored = (await a.store.findMessage('out', sent.messageId))!;
      expect(stored.status).to.equal('delivered');
      expect(stored.receipt).to.equal(sent.receipt!.receipt);
      expect(sent.receipt!.digest).to.equal(sha256b64u(stored.sealed));
      const claims = await verifyReceipt(sent.receipt!.receipt, {
        expected: { messageId: sent.messageId, from: 'FIU-A', to: 'FIU-B', digest: stored.digest },
        ring: a.ring,
        now: new Date(),
      });
      expect(claims.ledgerIndex).to.equal(Number(sent.receipt!.ledgerIndex));
      expect(claims.receivedAt).to.equal(sent.receipt!.receivedAt);
    });

    it('FIU-B stored the same sealed bytes once, with the receipt it issued', async () => {
      const inbound = (await net.gw['FIU-B']!.store.findInbound('FIU-A', sent.messageId))!;
      const outbound = (await net.gw['FIU-A']!.store.findMessage('out', sent.messageId))!;
      expect(inbound.sealed).to.equal(outbound.sealed);
      expect(inbound.receipt).to.equal(sent.receipt!.receipt);
      const after = await net.snapshot('FIU-B');
      expect(after.messages).to.equal(beforeB.messages + 1);
      expect(after.cases).to.have.length(beforeB.cases.length + 1);
    });

    it('puts an open case in liaison@FIU-B’s inbox, due by the deadline of FIU-B’s agreement', async () => {
      const { cases } = await net.operator('FIU-B', 'liaison').listInbox();
      const c = cases.find((x) => x.messageId === sent.messageId);
      // The agreement in force sets the case's deadline from the time of receipt (docs/AGREEMENTS.md);
      // the deadline the requester asked for stays in the message (next test).
      const { deadlines } = (await net.gw['FIU-B']!.gate.inForce('FIU-A'))!.agreement;
      const days = input.urgency === 'urgent' ? deadlines.urgentDays : deadlines.normalDays;
      const due = new Date(Date.parse(sent.receipt!.receivedAt) + days * 86_400_000).toISOString();
      expect(c).to.include({
        direction: 'in',
        partner: 'FIU-A',
        state: 'open',
        messageType: 'request',
        purpose: input.purpose,
        urgency: input.urgency,
        deadline: due,
      });
    });

    it('liaison@FIU-B opens the case and reads exactly what was sent', async () => {
      const liaison = net.operator('FIU-B', 'liaison');
      const { cases } = await liaison.listInbox({ partner: 'FIU-A' });
      const caseId = cases.find((x) => x.messageId === sent.messageId)!.caseId;
      const shown = await liaison.showCase(caseId);
      expect(shown.messages).to.have.length(1);
      const m = shown.messages[0]!;
      expect(m).to.include({ messageId: sent.messageId, direction: 'in', from: 'FIU-A', to: 'FIU-B' });
      expect(m.digest).to.equal(sent.receipt!.digest);
      expect(m.receipt).to.equal(sent.receipt!.receipt);
      const message = JSON.parse(m.messageJson) as { header: Record<string, unknown>; body: unknown };
      expect(message.header).to.include({
        id: sent.messageId,
        type: 'request',
        from: 'FIU-A',
        to: 'FIU-B',
        purpose: input.purpose,
        urgency: input.urgency,
        deadline: input.deadline,
      });
      expect(message.body).to.deep.equal(input.body);
    });

    it('analyst@FIU-A reads its outbound case from its own sealed copy', async () => {
      const shown = await net.operator('FIU-A', 'analyst').showCase(sent.caseId);
      expect(shown.case).to.include({
        caseId: sent.caseId,
        direction: 'out',
        partner: 'FIU-B',
        state: 'awaiting_response',
      });
      expect(shown.messages).to.have.length(1);
      const m = shown.messages[0]!;
      expect(m).to.include({ messageId: sent.messageId, direction: 'out', digest: sent.receipt!.digest });
      expect(m.receipt).to.equal(sent.receipt!.receipt);
      const message = JSON.parse(m.messageJson) as { header: { id: string }; body: unknown };
      expect(message.header.id).to.equal(sent.messageId);
      expect(message.body).to.deep.equal(input.body);
    });

    it('FIU-A’s ledger records the agreement’s decision and message.sent, then delivery.receipt', async () => {
      const added = await ledgerEntries(net.gw['FIU-A']!.store, beforeA.ledgerSize);
      expect(added.map((e) => e.event)).to.deep.equal([
        'policy.decision',
        'message.sent',
        'delivery.receipt',
      ]);
      const [decision, sentEntry, receiptEntry] = added;
      expect(decision).to.deep.include({ actor: sentEntry!.actor, message: sentEntry!.message });
      expect(decision).to.deep.include({
        direction: 'outgoing',
        partner: 'FIU-B',
        agreement: { id: 'MOU-FIU-A-FIU-B', version: 1 },
        allow: true,
        reasons: [],
      });
      expect(sentEntry!.index).to.equal(Number(sent.ledgerIndex));
      expect(sentEntry!.actor).to.deep.include({ kind: 'operator', id: 'analyst@FIU-A' });
      expect(sentEntry!.message).to.deep.equal({
        id: sent.messageId,
        type: 'request',
        from: 'FIU-A',
        to: 'FIU-B',
        digest: sent.receipt!.digest,
      });
      expect(receiptEntry!.message).to.deep.equal(sentEntry!.message);
      expect(receiptEntry!.receipt).to.deep.equal({
        ledgerIndex: Number(sent.receipt!.ledgerIndex),
        receivedAt: sent.receipt!.receivedAt,
      });
    });

    it('FIU-B’s ledger records the agreement’s decision, then message.received at the index the receipt names', async () => {
      const added = await ledgerEntries(net.gw['FIU-B']!.store, beforeB.ledgerSize);
      const index = Number(sent.receipt!.ledgerIndex);
      expect(added.map((e) => [e.index, e.event])).to.deep.equal([
        [index - 1, 'policy.decision'],
        [index, 'message.received'],
      ]);
      expect(added[0]).to.deep.include({
        direction: 'incoming',
        partner: 'FIU-A',
        agreement: { id: 'MOU-FIU-A-FIU-B', version: 1 },
        allow: true,
        reasons: [],
      });
      expect(added[0]!.message).to.deep.equal(added[1]!.message);
      expect(added[1]!.actor).to.deep.equal({ kind: 'peer', fiu: 'FIU-A' });
      expect(added[1]!.message).to.deep.equal({
        id: sent.messageId,
        type: 'request',
        from: 'FIU-A',
        to: 'FIU-B',
        digest: sent.receipt!.digest,
      });
    });
  });

  describe('when analyst@FIU-A submits again (FIU-B’s ledger has grown since its last receipt)', () => {
    it('delivers, cross-checks the new checkpoint against the last one without an alarm, and keeps it', async () => {
      const a = net.gw['FIU-A']!;
      const seen = (await a.store.latestPartnerCheckpoint('FIU-B'))!;
      // FIU-B's ledger grows with other traffic in between (a refusal of FIU-C's).
      await net
        .rawPeerClient(
          'FIU-C',
          'FIU-B',
        )('not.a.sealed.message.at-all')
        .catch(() => undefined);
      const initial = await net.snapshot('FIU-A');
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent).to.include({ status: 'delivered', alarm: '' });
      const added = await ledgerEntries(a.store, initial.ledgerSize);
      expect(added.map((e) => e.event)).to.deep.equal([
        'policy.decision',
        'message.sent',
        'delivery.receipt',
      ]);
      const now = (await a.store.latestPartnerCheckpoint('FIU-B'))!;
      expect(now.size).to.be.above(seen.size);
      expect(now.size).to.be.above(Number(sent.receipt!.ledgerIndex));
    });
  });

  describe('when FIU-A delivers the same sealed message twice', () => {
    let first: string;
    let second: string;
    let id: string;
    let initial: StoreSnapshot;

    before(async () => {
      initial = await net.snapshot('FIU-B');
      id = randomUUID();
      const { sealed } = await sealFromA({ id });
      const deliver = net.rawPeerClient('FIU-A', 'FIU-B');
      ({ receipt: first } = await deliver(sealed));
      ({ receipt: second } = await deliver(sealed));
    });

    it('answers the byte-identical receipt again', () => {
      expect(first).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(second).to.equal(first);
    });

    it('stores the message once, in one case, with one decision and one message.received', async () => {
      const after = await net.snapshot('FIU-B');
      expect(after.messages).to.equal(initial.messages + 1);
      expect(after.cases).to.have.length(initial.cases.length + 1);
      expect(after.cases.filter((c) => c.messageId === id)).to.have.length(1);
      const added = await ledgerEntries(net.gw['FIU-B']!.store, initial.ledgerSize);
      expect(added.map((e) => e.event)).to.deep.equal(['policy.decision', 'message.received']);
      expect(after.ledgerSize).to.equal(initial.ledgerSize + 2);
    });

    it('answers concurrent repeats with one receipt and stores one message', async () => {
      const b = await net.snapshot('FIU-B');
      const { sealed } = await sealFromA();
      const deliver = net.rawPeerClient('FIU-A', 'FIU-B');
      const receipts = await Promise.all([deliver(sealed), deliver(sealed), deliver(sealed)]);
      expect(new Set(receipts.map((r) => r.receipt)).size).to.equal(1);
      const after = await net.snapshot('FIU-B');
      expect(after.messages).to.equal(b.messages + 1);
      const added = await ledgerEntries(net.gw['FIU-B']!.store, b.ledgerSize);
      expect(added.map((e) => e.event)).to.deep.equal(['policy.decision', 'message.received']);
      expect(after.ledgerSize).to.equal(b.ledgerSize + 2);
    });
  });

  describe('when a different message reuses a delivered id', () => {
    it('refuses it with ALREADY_EXISTS exchange.duplicate_id and keeps the original', async () => {
      const id = randomUUID();
      const deliver = net.rawPeerClient('FIU-A', 'FIU-B');
      const original = await sealFromA({ id });
      const { receipt } = await deliver(original.sealed);
      const other = await sealFromA({ id, input: { urgency: 'urgent' } });
      await expectPeerRefusal(net, {
        receiver: 'FIU-B',
        deliver,
        sealed: other.sealed,
        tlsPeer: 'FIU-A',
        claimed: { id, type: 'request', from: 'FIU-A', to: 'FIU-B' },
        status: grpc.status.ALREADY_EXISTS,
        reason: 'exchange.duplicate_id',
        detail: 'a different message with this id was already received',
      });
      const kept = (await net.gw['FIU-B']!.store.findInbound('FIU-A', id))!;
      expect(kept.digest).to.equal(original.digest);
      expect((await deliver(original.sealed)).receipt).to.equal(receipt);
    });

    it('refuses the same message sealed again (other bytes, other digest) the same way', async () => {
      const message = freshRequest('FIU-A', 'FIU-B');
      const ring = net.gw['FIU-A']!.ring;
      const deliver = net.rawPeerClient('FIU-A', 'FIU-B');
      await deliver((await sealMessage(message, ring, new Date())).sealed);
      const again = await sealMessage(message, ring, new Date());
      await expectPeerRefusal(net, {
        receiver: 'FIU-B',
        deliver,
        sealed: again.sealed,
        tlsPeer: 'FIU-A',
        claimed: { id: message.header.id, type: 'request', from: 'FIU-A', to: 'FIU-B' },
        status: grpc.status.ALREADY_EXISTS,
        reason: 'exchange.duplicate_id',
      });
    });
  });

  describe('when two different messages with one id arrive at once', () => {
    it('accepts one and refuses the other with exchange.duplicate_id', async () => {
      const id = randomUUID();
      const [one, two] = await Promise.all([
        sealFromA({ id }),
        sealFromA({ id, input: { urgency: 'urgent' } }),
      ]);
      const b = net.gw['FIU-B']!;
      const initial = await net.snapshot('FIU-B');
      const deliver = net.rawPeerClient('FIU-A', 'FIU-B');
      const outcomes = await Promise.allSettled([deliver(one.sealed), deliver(two.sealed)]);
      const accepted = outcomes.findIndex((o) => o.status === 'fulfilled');
      const refused = outcomes.find((o) => o.status === 'rejected');
      expect(outcomes.map((o) => o.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
      const err = (refused as PromiseRejectedResult).reason as grpc.ServiceError;
      expect(err.code).to.equal(grpc.status.ALREADY_EXISTS);
      expect(err.metadata.get('fiu-error-code')).to.deep.equal(['exchange.duplicate_id']);
      const stored = (await b.store.findInbound('FIU-A', id))!;
      expect(stored.digest).to.equal([one, two][accepted]!.digest);
      const after = await net.snapshot('FIU-B');
      expect([after.messages, after.cases.length]).to.deep.equal([
        initial.messages + 1,
        initial.cases.length + 1,
      ]);
      const added = await ledgerEntries(b.store, initial.ledgerSize);
      // One decision (the accepted message's): a decision taken for the other was rolled back with
      // its commit, and the refusal for the reused id is logged alone.
      expect(added.map((e) => `${e.event} ${e.reason ?? ''}`.trim()).sort()).to.deep.equal([
        'message.received',
        'message.refused exchange.duplicate_id',
        'policy.decision',
      ]);
    });
  });

  describe('when the partner answers a receipt that does not match what was sent', () => {
    let fake: FakePartner;
    let answer: (sealed: string) => Promise<string>;

    let consistency: (size1: number, size2: number) => Promise<Buffer[]>;

    before(async () => {
      fake = await startFakePartner(net, 'FIU-B', (sealed) => answer(sealed), {
        consistency: (size1, size2) => consistency(size1, size2),
      });
      net.gw['FIU-A']!.partners.setAddress('FIU-B', fake.address);
    });
    after(async () => {
      net.gw['FIU-A']!.partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
      await fake?.stop();
    });

    /** The claims of an honest receipt by FIU-B for `sealed`, with FIU-B's latest real checkpoint. */
    const honest = async (sealed: string) => ({
      messageId: readEnvelope(sealed).id,
      from: 'FIU-A',
      to: 'FIU-B',
      digest: sha256b64u(sealed),
      receivedAt: new Date().toISOString(),
      ledgerIndex: 0,
      checkpoint: (await net.gw['FIU-B']!.store.latestCheckpoint())!.note,
    });
    const signedByB = (claims: Awaited<ReturnType<typeof honest>>) =>
      signReceipt(claims, net.gw['FIU-B']!.ring, new Date());

    const forgeries: Array<[string, (sealed: string) => Promise<string>, string]> = [
      [
        'a receipt for other bytes',
        async (s) => signedByB({ ...(await honest(s)), digest: sha256b64u('other bytes') }),
        'claim digest differs',
      ],
      [
        'a receipt for another message',
        async (s) => signedByB({ ...(await honest(s)), messageId: randomUUID() }),
        'messageId',
      ],
      [
        'a receipt signed by FIU-C’s key',
        async (s) => {
          const key = net.messageKeys('FIU-C').sig;
          return new CompactSign(new TextEncoder().encode(canonicalJson({ v: 1, ...(await honest(s)) })))
            .setProtectedHeader({ alg: 'EdDSA', kid: key.jwk.kid, typ: 'fiu-receipt+jws' })
            .sign(privateKeyObject(key));
        },
        'not signed by a key of FIU-B',
      ],
      ['an empty receipt', async () => '', 'receipt'],
    ];

    for (const [what, forge, detail] of forgeries) {
      it(`refuses ${what}: status failed with crypto.bad_receipt, logged as delivery.failed`, async () => {
        answer = forge;
        const a = net.gw['FIU-A']!;
        const initial = await net.snapshot('FIU-A');
        const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
        expect(sent).to.include({ status: 'failed', errorCode: 'crypto.bad_receipt' });
        expect(sent.errorDetail).to.include(detail);
        expect(sent.receipt).to.equal(null);
        const added = await ledgerEntries(a.store, initial.ledgerSize);
        expect(added.map((e) => [e.event, e.reason])).to.deep.equal([
          ['policy.decision', undefined],
          ['message.sent', undefined],
          ['delivery.failed', 'crypto.bad_receipt'],
        ]);
        expect(await a.store.findMessage('out', sent.messageId)).to.include({
          status: 'failed',
          receipt: null,
        });
      });
    }

    /** A receipt that FIU-B signed honestly, except for its checkpoint. */
    const withCheckpoint =
      (
        checkpoint: (seen: PartnerCheckpointRow) => string,
        ledgerIndex = (_seen: PartnerCheckpointRow) => 0,
      ) =>
      async (sealed: string) => {
        const seen = (await net.gw['FIU-A']!.store.latestPartnerCheckpoint('FIU-B'))!;
        return signedByB({
          ...(await honest(sealed)),
          ledgerIndex: ledgerIndex(seen),
          checkpoint: checkpoint(seen),
        });
      };
    const alarms: Array<[string, (sealed: string) => Promise<string>, string]> = [
      ['a checkpoint that is not a signed note', withCheckpoint(() => 'not a checkpoint'), 'bad_checkpoint'],
      [
        'a genuine checkpoint too small to cover the entry the receipt names',
        withCheckpoint(
          (seen) => seen.note,
          (seen) => seen.size,
        ),
        'checkpoint_too_small',
      ],
      [
        'a checkpoint signed by FIU-B’s ledger key with another root for a size it showed before (a fork)',
        withCheckpoint(({ size }) =>
          signCheckpoint(
            { origin: 'fiu-gateway/FIU-B', size, root: randomBytes(32) },
            { name: 'fiu-gateway/FIU-B', privateKey: privateKeyObject(net.messageKeys('FIU-B').ledger) },
          ),
        ),
        'fork',
      ],
    ];

    for (const [what, forge, reason] of alarms) {
      it(`raises a partner alarm for ${what}: delivered, alarm ${reason}, partner.alarm logged`, async () => {
        answer = forge;
        const a = net.gw['FIU-A']!;
        const initial = await net.snapshot('FIU-A');
        const seen = await a.store.latestPartnerCheckpoint('FIU-B');
        const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
        expect(sent.status).to.equal('delivered');
        expect(sent.alarm).to.match(new RegExp(`^${reason}: `));
        const added = await ledgerEntries(a.store, initial.ledgerSize);
        expect(added.map((e) => [e.event, e.reason])).to.deep.equal([
          ['policy.decision', undefined],
          ['message.sent', undefined],
          ['delivery.receipt', undefined],
          ['partner.alarm', reason],
        ]);
        expect(await a.store.latestPartnerCheckpoint('FIU-B'), 'the last accepted checkpoint').to.deep.equal(
          seen,
        );
        expect(net.logs['FIU-A']!.some((l) => l.level === 'error' && l.fields.reason === reason)).to.equal(
          true,
        );
      });
    }

    it('raises a partner alarm when the partner shows a rolled-back tree and its proof does not verify', async () => {
      const ledgerKey = privateKeyObject(net.messageKeys('FIU-B').ledger);
      answer = withCheckpoint(({ size }) =>
        signCheckpoint(
          { origin: 'fiu-gateway/FIU-B', size: size - 1, root: randomBytes(32) },
          { name: 'fiu-gateway/FIU-B', privateKey: ledgerKey },
        ),
      );
      consistency = async () => [randomBytes(32)];
      const initial = await net.snapshot('FIU-A');
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent.status).to.equal('delivered');
      expect(sent.alarm).to.match(/^fork: /);
      const added = await ledgerEntries(net.gw['FIU-A']!.store, initial.ledgerSize);
      expect(added.map((e) => [e.event, e.reason])).to.deep.equal([
        ['policy.decision', undefined],
        ['message.sent', undefined],
        ['delivery.receipt', undefined],
        ['partner.alarm', 'fork'],
      ]);
    });

    /** A grpc status with a `fiu-error-code` trailer (none when `reason` is empty). */
    const statusOf = (code: grpc.status, reason: string) => {
      const metadata = new grpc.Metadata();
      if (reason) metadata.set('fiu-error-code', reason);
      return { code, details: reason ? `${reason}: no` : 'no', metadata };
    };
    // The partner answers the proof request with a refusal. It signed both sizes, so an honest
    // partner can always prove them; a refusal that is not "unreachable right now" hides a rollback.
    const refusals: Array<[string, ReturnType<typeof statusOf>]> = [
      ['INVALID_ARGUMENT ledger.bad_input', statusOf(grpc.status.INVALID_ARGUMENT, 'ledger.bad_input')],
      ['UNIMPLEMENTED (it does not serve the proof RPC)', statusOf(grpc.status.UNIMPLEMENTED, '')],
      [
        'PERMISSION_DENIED transport.unknown_partner',
        statusOf(grpc.status.PERMISSION_DENIED, 'transport.unknown_partner'),
      ],
    ];

    for (const [refusal, status] of refusals) {
      it(`raises a partner alarm for a rolled-back tree whose proof is refused with ${refusal}`, async () => {
        const ledgerKey = privateKeyObject(net.messageKeys('FIU-B').ledger);
        answer = withCheckpoint(({ size }) =>
          signCheckpoint(
            { origin: 'fiu-gateway/FIU-B', size: size - 1, root: randomBytes(32) },
            { name: 'fiu-gateway/FIU-B', privateKey: ledgerKey },
          ),
        );
        const asked: Array<[number, number]> = [];
        consistency = (size1, size2) => {
          asked.push([size1, size2]);
          return Promise.reject(status);
        };
        const a = net.gw['FIU-A']!;
        const initial = await net.snapshot('FIU-A');
        const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
        expect(sent.status).to.equal('delivered');
        expect(asked, 'consistency proofs asked for').to.have.length(1);
        const added = await ledgerEntries(a.store, initial.ledgerSize);
        expect(added.map((e) => e.event)).to.deep.equal([
          'policy.decision',
          'message.sent',
          'delivery.receipt',
          'partner.alarm',
        ]);
        expect(sent.alarm).to.not.equal('');
      });
    }
  });

  // Changed with the outbox (issue 6): an unreachable partner no longer fails the submission; the
  // message stays committed and queued, and the outbox delivers it once the partner is back.
  describe('when FIU-B cannot be reached', () => {
    let sent: SubmitRequestResponse__Output;
    let beforeA: StoreSnapshot;
    let beforeB: StoreSnapshot;

    before(async () => {
      const a = net.gw['FIU-A']!;
      beforeA = await net.snapshot('FIU-A');
      beforeB = await net.snapshot('FIU-B');
      a.partners.setAddress('FIU-B', `127.0.0.1:${await closedPort()}`);
      sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
    });
    after(() => net.gw['FIU-A']!.partners.setAddress('FIU-B', net.peerAddress('FIU-B')));

    it('answers status queued with transport.partner_unreachable and the next attempt time', () => {
      expect(sent).to.include({ status: 'queued', errorCode: 'transport.partner_unreachable', attempts: 1 });
      expect(sent.nextAttemptAt).to.match(/^\d{4}-\d\d-\d\dT/);
      expect(sent.receipt).to.equal(null);
    });

    it('FIU-A’s ledger records the decision and message.sent only; the message is stored sealed and its outbox item not ended (queued, or claimed by a retry under way)', async () => {
      const a = net.gw['FIU-A']!;
      const added = await ledgerEntries(a.store, beforeA.ledgerSize);
      expect(added.map((e) => [e.event, e.reason])).to.deep.equal([
        ['policy.decision', undefined],
        ['message.sent', undefined],
      ]);
      expect(added[1]!.index).to.equal(Number(sent.ledgerIndex));
      const stored = (await a.store.findMessage('out', sent.messageId))!;
      expect(stored).to.include({ status: 'sealed', receipt: null });
      const item = (await a.store.findOutboxItem(sent.messageId))!;
      expect(item).to.include({ partner: 'FIU-B', lastError: 'transport.partner_unreachable' });
      expect(item.state).to.be.oneOf(['queued', 'delivering']);
    });

    it('leaves FIU-B untouched', async () => {
      expect(await net.snapshot('FIU-B')).to.deep.equal(beforeB);
    });

    // Which comes first, the analyst's retry or the dispatcher's own, is up to the scheduler; the
    // operator retry itself is tested in outbox.test.ts.
    it('delivers it once FIU-B is back (by the analyst’s retry or the outbox’s own): one copy at FIU-B, delivery.receipt logged once', async () => {
      const a = net.gw['FIU-A']!;
      a.partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
      try {
        const r = await net.operator('FIU-A', 'analyst').retryDelivery(sent.messageId);
        expect(r.outcome).to.be.oneOf(['delivered', '']);
      } catch (err) {
        // The dispatcher's own retry came first: the item is delivering or delivered already.
        expect((err as { code?: string }).code).to.equal('exchange.invalid_state');
      }
      const item = await waitForState(a, sent.messageId, 'delivered');
      expect(item.lastError).to.equal(null);
      const b = net.gw['FIU-B']!;
      expect((await b.store.findInbound('FIU-A', sent.messageId))?.digest).to.equal(
        (await a.store.findMessage('out', sent.messageId))!.digest,
      );
      expect((await net.snapshot('FIU-B')).messages).to.equal(beforeB.messages + 1);
      const events = (await ledgerEntries(a.store, beforeA.ledgerSize)).filter(
        (e) => e.message?.id === sent.messageId,
      );
      // A `delivery.requeued` entry is there only when the analyst's retry came first.
      expect(events.map((e) => e.event).filter((e) => e !== 'delivery.requeued')).to.deep.equal([
        'policy.decision',
        'message.sent',
        'delivery.receipt',
      ]);
    });
  });

  describe('when another partner’s gateway answers at FIU-B’s address', () => {
    it('refuses to deliver to it (its certificate names FIU-C): queued, and FIU-C stores nothing; the analyst cancels it', async () => {
      const a = net.gw['FIU-A']!;
      const beforeC = await net.snapshot('FIU-C');
      a.partners.setAddress('FIU-B', net.peerAddress('FIU-C'));
      let sent: SubmitRequestResponse__Output;
      try {
        sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
        expect(sent).to.include({ status: 'queued', errorCode: 'transport.partner_unreachable' });
        const cancelled = await cancelWhenQueued(net, sent.messageId);
        expect(cancelled.item).to.include({ state: 'cancelled', messageId: sent.messageId });
      } finally {
        a.partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
      }
      expect(await net.snapshot('FIU-C')).to.deep.equal(beforeC);
      expect(await a.store.findMessage('out', sent.messageId)).to.include({ status: 'cancelled' });
    });
  });
});
