/**
 * Sending the case messages from a live gateway (src/services/case-messages.ts): built with the link
 * to the earlier message, checked by the agreement, sealed, committed with the outbox item and the
 * ledger entries, queued; a link to a message that is not there is refused before anything is sealed.
 */
import { expect } from 'chai';
import type { Operator } from '../../src/services/authorize.js';
import { expectCode } from '../helpers/expect-code.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { exampleInput } from '../helpers/case-inputs.js';
import { ledgerEntries, sampleInput } from '../helpers/live-data.js';

const analystA: Operator = { id: 'analyst@FIU-A', roles: ['analyst'] };
const liaisonB: Operator = { id: 'liaison@FIU-B', roles: ['liaison'] };

describe('case messages sent by a live gateway', function () {
  this.timeout(60_000);
  let net: Network;
  let requestId: string;
  let caseAtB: string;

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B']);
    const sent = await net.gw['FIU-A']!.outbound.submitRequest(analystA, 'FIU-B', sampleInput());
    expect(sent.status).to.equal('delivered');
    requestId = sent.messageId;
    const [opened] = await net.gw['FIU-B']!.store.listCases({ direction: 'in' });
    expect(opened!.messageId).to.equal(requestId);
    caseAtB = opened!.caseId;
  });
  after(() => net?.stop());

  it('commits and queues a response that names the request in inReplyTo, the agreement’s caveats first', async () => {
    const b = net.gw['FIU-B']!;
    const r = await b.caseMessages.submitCaseMessage(liaisonB, {
      type: 'response',
      to: 'FIU-A',
      caseId: caseAtB,
      inReplyTo: requestId,
      input: exampleInput('response'),
    });
    expect(r.caseId).to.equal(caseAtB);
    expect(r.status, JSON.stringify(r.error)).to.equal('delivered');
    const item = await b.store.findOutboxItem(r.messageId);
    expect(item).to.include({ partner: 'FIU-A', submittedBy: 'liaison@FIU-B' });
    const entries = await ledgerEntries(b.store);
    const sentAt = entries.findIndex((e) => e.index === r.ledgerIndex);
    expect(entries[sentAt]).to.deep.include({ event: 'message.sent' });
    expect(entries[sentAt]!.message).to.include({ id: r.messageId, type: 'response', to: 'FIU-A' });
    expect(entries[sentAt - 1]).to.deep.include({ event: 'policy.decision', allow: true });
    const view = await b.cases.show(liaisonB, caseAtB);
    const response = view.messages.find((m) => m.record.messageId === r.messageId);
    expect(response?.record).to.include({ direction: 'out', type: 'response' });
    const message = response!.message as { header: { inReplyTo: string }; body: { caveats: string[] } };
    expect(message.header.inReplyTo).to.equal(requestId);
    expect(message.body.caveats).to.deep.equal([
      'no onward dissemination without the prior consent of the disclosing FIU',
      'intelligence only, not evidence',
      'do not contact the subject',
    ]);
  });

  const refusedBefore = async (call: () => Promise<unknown>) => {
    const before = await net.snapshot('FIU-B');
    const err = await expectCode(call, 'exchange.unknown_reference');
    expect(await net.snapshot('FIU-B')).to.deep.equal(before);
    return err;
  };

  it('refuses a response to a message never received: exchange.unknown_reference, nothing sealed or logged', async () => {
    const unknown = '00000000-0000-4000-8000-000000000001';
    const err = await refusedBefore(() =>
      net.gw['FIU-B']!.caseMessages.submitCaseMessage(liaisonB, {
        type: 'response',
        to: 'FIU-A',
        caseId: caseAtB,
        inReplyTo: unknown,
        input: exampleInput('response'),
      }),
    );
    expect(err.message).to.include(`inReplyTo ${unknown} names no request received from FIU-A`);
  });

  it('refuses feedback on a request (feedback rates a response or disclosure): exchange.unknown_reference', async () => {
    await refusedBefore(() =>
      net.gw['FIU-B']!.caseMessages.submitCaseMessage(liaisonB, {
        type: 'feedback',
        to: 'FIU-A',
        caseId: caseAtB,
        inReplyTo: requestId,
        input: exampleInput('feedback'),
      }),
    );
  });

  it('refuses a response placed in another case than the request’s: exchange.unknown_reference', async () => {
    const err = await refusedBefore(() =>
      net.gw['FIU-B']!.caseMessages.submitCaseMessage(liaisonB, {
        type: 'response',
        to: 'FIU-A',
        caseId: '00000000-0000-4000-8000-000000000002',
        inReplyTo: requestId,
        input: exampleInput('response'),
      }),
    );
    expect(err.message).to.include('is not in case');
  });
});
