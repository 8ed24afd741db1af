/**
 * Receiving the case message types through real gRPC between live gateways (docs/PROTOCOL.md 3.1.1
 * and section 5): a linked message joins the case of the message it replies to, which must be one this
 * gateway sent to that same partner, of the type the link allows; a spontaneous disclosure opens a
 * case; the agreement's message types hold on both sides; replays and tampering are refused.
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { sealMessage } from '../../src/crypto/index.js';
import {
  buildConsentDecision,
  buildResponse,
  MESSAGE_TYPES,
  type Message,
} from '../../src/messages/index.js';
import { devAgreementId } from '../../src/pki/agreements.js';
import type { Operator } from '../../src/services/authorize.js';
import { expectCode } from '../helpers/expect-code.js';
import { exampleInput } from '../helpers/case-inputs.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { ledgerEntries, sampleInput } from '../helpers/live-data.js';
import { expectPeerRefusal, expectServiceError, expectStatus } from '../helpers/refusals.js';

const liaison = (fiu: string): Operator => ({ id: `liaison@${fiu}`, roles: ['liaison'] });

describe('linking the case messages between live gateways', function () {
  this.timeout(60_000);
  let net: Network;
  /** Requests FIU-A sent: to FIU-B and to FIU-C. */
  let toB: { messageId: string; caseId: string; status: string };
  let toC: { messageId: string; caseId: string; status: string };

  before(async function () {
    this.timeout(180_000);
    net = await startNetwork(['FIU-A', 'FIU-B', 'FIU-C'], {
      // FIU-A's copy of its agreement with FIU-C: responses may not come in, feedback may not go out.
      agreements: (fiu, partner, a) =>
        fiu === 'FIU-A' && partner === 'FIU-C'
          ? {
              ...a,
              messageTypes: {
                incoming: MESSAGE_TYPES.filter((t) => t !== 'response'),
                outgoing: MESSAGE_TYPES.filter((t) => t !== 'feedback'),
              },
            }
          : a,
    });
    const analyst = net.operator('FIU-A', 'analyst');
    toB = await analyst.submitRequest('FIU-B', sampleInput());
    toC = await analyst.submitRequest('FIU-C', sampleInput());
    expect([toB.status, toC.status]).to.deep.equal(['delivered', 'delivered']);
  });
  after(() => net?.stop());

  /** The case at `fiu` opened by the message `messageId` it received. */
  const caseOf = async (fiu: string, messageId: string) =>
    (await net.gw[fiu]!.store.listCases({ direction: 'in' })).find((c) => c.messageId === messageId)!;
  /** A message from `from` to FIU-A built now under their agreement, sealed by `from`'s gateway. */
  const sealFrom = async (from: string, build: (fields: Parameters<typeof buildResponse>[1]) => Message) => {
    const fields = {
      id: randomUUID(),
      from,
      to: 'FIU-A',
      createdAt: new Date().toISOString(),
      agreement: { id: devAgreementId(from, 'FIU-A'), version: 1 },
      inReplyTo: '',
    };
    const message = build(fields);
    return { message, ...(await sealMessage(message, net.gw[from]!.ring, new Date())) };
  };
  const responseTo = (inReplyTo: string) => (f: Parameters<typeof buildResponse>[1]) =>
    buildResponse(exampleInput('response'), { ...f, inReplyTo });

  describe('a response from FIU-B to FIU-A’s request', () => {
    let responseId: string;

    it('is delivered, joins FIU-A’s case and answers it', async () => {
      const atB = await caseOf('FIU-B', toB.messageId);
      const r = await net.gw['FIU-B']!.caseMessages.submitCaseMessage(liaison('FIU-B'), {
        type: 'response',
        to: 'FIU-A',
        caseId: atB.caseId,
        inReplyTo: toB.messageId,
        input: exampleInput('response'),
      });
      expect(r.status).to.equal('delivered');
      responseId = r.messageId;
      const a = net.gw['FIU-A']!.store;
      expect((await a.getCase(toB.caseId))!.state).to.equal('answered');
      const messages = await a.messagesOfCase(toB.caseId);
      expect(messages.map((m) => [m.direction, m.type, m.messageId])).to.deep.equal([
        ['out', 'request', toB.messageId],
        ['in', 'response', responseId],
      ]);
      expect(await a.listCases({ direction: 'in' })).to.deep.equal([]);
      const tail = (await ledgerEntries(a)).slice(-2);
      expect(tail.map((e) => e.event)).to.deep.equal(['policy.decision', 'message.received']);
      expect(tail[1]!.actor).to.deep.equal({ kind: 'peer', fiu: 'FIU-B' });
    });

    it('delivered again (a replay of the same bytes) is answered with the original receipt and stored once', async () => {
      const record = (await net.gw['FIU-B']!.store.findMessage('out', responseId))!;
      const before = await net.snapshot('FIU-A');
      const { receipt } = await net.rawPeerClient('FIU-B', 'FIU-A')(record.sealed);
      expect(receipt).to.equal(record.receipt);
      expect(await net.snapshot('FIU-A')).to.deep.equal(before);
    });

    it('refuses another message reusing its id: ALREADY_EXISTS exchange.duplicate_id, logged', async () => {
      const { sealed } = await sealFrom('FIU-B', (f) => responseTo(toB.messageId)({ ...f, id: responseId }));
      await expectPeerRefusal(net, {
        receiver: 'FIU-A',
        deliver: net.rawPeerClient('FIU-B', 'FIU-A'),
        sealed,
        tlsPeer: 'FIU-B',
        status: grpc.status.ALREADY_EXISTS,
        reason: 'exchange.duplicate_id',
      });
    });
  });

  describe('refusals of a linked message (each logged as message.refused, nothing stored)', () => {
    it('refuses a reply to an unknown message: NOT_FOUND exchange.unknown_reference', async () => {
      const unknown = randomUUID();
      const { sealed, message } = await sealFrom('FIU-B', responseTo(unknown));
      const { error } = await expectPeerRefusal(net, {
        receiver: 'FIU-A',
        deliver: net.rawPeerClient('FIU-B', 'FIU-A'),
        sealed,
        tlsPeer: 'FIU-B',
        status: grpc.status.NOT_FOUND,
        reason: 'exchange.unknown_reference',
        detail: `inReplyTo ${unknown} names no request sent to FIU-B`,
        claimed: { id: message.header.id, type: 'response', from: 'FIU-B', to: 'FIU-A' },
      });
      expect(error.details).to.not.include('FIU-C');
    });

    it('refuses a reply to a message exchanged with another partner (FIU-A’s request to FIU-C) the same way', async () => {
      const { sealed } = await sealFrom('FIU-B', responseTo(toC.messageId));
      await expectPeerRefusal(net, {
        receiver: 'FIU-A',
        deliver: net.rawPeerClient('FIU-B', 'FIU-A'),
        sealed,
        tlsPeer: 'FIU-B',
        status: grpc.status.NOT_FOUND,
        reason: 'exchange.unknown_reference',
        detail: `inReplyTo ${toC.messageId} names no request sent to FIU-B`,
      });
    });

    it('refuses a reply to a message of the wrong type (a consent decision on a request)', async () => {
      const { sealed } = await sealFrom('FIU-B', (f) =>
        buildConsentDecision(exampleInput('consent-decision'), { ...f, inReplyTo: toB.messageId }),
      );
      await expectPeerRefusal(net, {
        receiver: 'FIU-A',
        deliver: net.rawPeerClient('FIU-B', 'FIU-A'),
        sealed,
        tlsPeer: 'FIU-B',
        status: grpc.status.NOT_FOUND,
        reason: 'exchange.unknown_reference',
        detail: 'names no consent request sent to FIU-B',
      });
    });

    it('refuses a tampered response: INVALID_ARGUMENT crypto.decryption_failed', async () => {
      const { sealed } = await sealFrom('FIU-B', responseTo(toB.messageId));
      const parts = sealed.split('.');
      const ct = parts[3]!;
      parts[3] = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
      await expectPeerRefusal(net, {
        receiver: 'FIU-A',
        deliver: net.rawPeerClient('FIU-B', 'FIU-A'),
        sealed: parts.join('.'),
        tlsPeer: 'FIU-B',
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'crypto.decryption_failed',
      });
    });
  });

  describe('a spontaneous disclosure from FIU-C', () => {
    let disclosureId: string;

    it('opens a new inbound case at FIU-A in state open', async () => {
      const r = await net.gw['FIU-C']!.caseMessages.submitCaseMessage(liaison('FIU-C'), {
        type: 'spontaneous_disclosure',
        to: 'FIU-A',
        caseId: randomUUID(),
        newCase: { state: 'open' },
        input: exampleInput('spontaneous-disclosure'),
      });
      expect(r.status).to.equal('delivered');
      disclosureId = r.messageId;
      const opened = await caseOf('FIU-A', disclosureId);
      expect(opened).to.include({
        partner: 'FIU-C',
        state: 'open',
        messageType: 'spontaneous_disclosure',
        deadline: null,
      });
    });

    it('cannot be rated by FIU-A: its copy of the agreement does not cover outgoing feedback (policy.type_not_allowed, nothing sealed)', async () => {
      const opened = await caseOf('FIU-A', disclosureId);
      const before = await net.snapshot('FIU-A');
      await expectCode(
        net.operator('FIU-A', 'analyst').sendFeedback({
          caseId: opened.caseId,
          messageId: disclosureId,
          use: ['analysis'],
          usefulness: 'useful',
        }),
        'policy.type_not_allowed',
      );
      const after = await net.snapshot('FIU-A');
      expect(after.messages).to.equal(before.messages);
      const [entry] = await ledgerEntries(net.gw['FIU-A']!.store, before.ledgerSize);
      expect(entry).to.deep.include({ event: 'policy.decision' });
      expect((entry as unknown as { allow: boolean }).allow).to.equal(false);
    });
  });

  describe('a message type the receiver’s agreement does not allow', () => {
    it('refuses FIU-C’s response at FIU-A (incoming responses not covered): PERMISSION_DENIED policy.type_not_allowed, logged', async () => {
      const c = net.gw['FIU-C']!;
      const atC = await caseOf('FIU-C', toC.messageId);
      const before = await net.snapshot('FIU-A');
      const r = await c.caseMessages.submitCaseMessage(liaison('FIU-C'), {
        type: 'response',
        to: 'FIU-A',
        caseId: atC.caseId,
        inReplyTo: toC.messageId,
        input: exampleInput('response'),
      });
      expect(r.status).to.equal('failed');
      expect(r.error?.code).to.equal('policy.type_not_allowed');
      const added = await ledgerEntries(net.gw['FIU-A']!.store, before.ledgerSize);
      expect(added.map((e) => `${e.event} ${e.reason ?? ''}`.trim())).to.deep.equal([
        'policy.decision',
        'message.refused policy.type_not_allowed',
      ]);
      expect((await net.gw['FIU-A']!.store.getCase(toC.caseId))!.state).to.equal('awaiting_response');
    });

    it('answers the same refusal to a raw delivery', async () => {
      const { sealed } = await sealFrom('FIU-C', responseTo(toC.messageId));
      const err = await expectServiceError(net.rawPeerClient('FIU-C', 'FIU-A')(sealed));
      expectStatus(err, { status: grpc.status.PERMISSION_DENIED, reason: 'policy.type_not_allowed' });
    });
  });
});
