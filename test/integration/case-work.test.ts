/**
 * Case work through the real operator API (gRPC, operator certificates, roles from the configuration):
 * assignment, drafts, the four-eyes approval of a response and of a spontaneous disclosure, rejection,
 * outgoing requests held for a supervisor, the inbox's filters and the per-partner summary. Each refusal
 * is checked to leave nothing sent: the partner's store has no new message.
 */
import { expect } from 'chai';
import type { ErrorCode } from '../../src/errors.js';
import { expectCode } from '../helpers/expect-code.js';
import { exampleInput } from '../helpers/case-inputs.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { ledgerEntries, sampleInput } from '../helpers/live-data.js';

describe('case work through the operator API', function () {
  this.timeout(60_000);
  let net: Network;
  const op = (fiu: string, slot: string) => net.operator(fiu, slot);

  before(async function () {
    this.timeout(120_000);
    // FIU-A's agreement asks for a supervisor's approval of outgoing requests; both ask for two
    // approvals of a disclosure (the development agreement: the four-eyes rule).
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      agreements: (fiu, _partner, a) =>
        fiu === 'FIU-A' ? { ...a, approvals: { ...a.approvals, outgoingRequestsNeedSupervisor: true } } : a,
    });
  });
  after(() => net?.stop());

  /** Messages stored at `fiu` (any direction). */
  const messagesAt = async (fiu: string) => (await net.snapshot(fiu)).messages;

  /** Expects `call` to fail with `code` and `partner` to have received nothing meanwhile. */
  async function refusedNothingSent(call: () => Promise<unknown>, code: ErrorCode, partner: string) {
    const before = await messagesAt(partner);
    const err = await expectCode(call, code);
    expect(await messagesAt(partner), 'messages at the partner').to.equal(before);
    return err;
  }

  /** FIU-A's analyst submits a request, a supervisor approves it; returns FIU-B's case id. */
  async function requestFromA(): Promise<string> {
    const held = await op('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
    expect(held.status).to.equal('awaiting_approval');
    const sent = await op('FIU-A', 'supervisor').approveCase(held.caseId);
    expect(sent.sent?.status).to.equal('delivered');
    const atB = await net.gw['FIU-B']!.store.findInbound('FIU-A', sent.sent!.messageId);
    return atB!.caseId;
  }

  describe('an outgoing request whose agreement asks for a supervisor', () => {
    let caseId: string;

    it('waits as a draft: request submit answers awaiting_approval and nothing reaches FIU-B', async () => {
      const before = await messagesAt('FIU-B');
      const r = await op('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(r.status).to.equal('awaiting_approval');
      expect(r.messageId).to.equal('');
      expect(r.draftId).to.match(/^[0-9a-f-]{36}$/);
      caseId = r.caseId;
      expect(await messagesAt('FIU-B')).to.equal(before);
      const inbox = await op('FIU-A', 'supervisor').listInbox({ state: 'awaiting_approval' });
      expect(inbox.cases.map((c) => c.caseId)).to.include(caseId);
    });

    it('refuses the approval of a liaison officer (a supervisor must approve) and of the analyst', async () => {
      await refusedNothingSent(
        () => op('FIU-A', 'liaison').approveCase(caseId),
        'case.supervisor_required',
        'FIU-B',
      );
      await refusedNothingSent(
        () => op('FIU-A', 'analyst').approveCase(caseId),
        'transport.operator_forbidden',
        'FIU-B',
      );
    });

    it('is sent by a supervisor’s approval: awaiting_response, the request stored at FIU-B', async () => {
      const r = await op('FIU-A', 'supervisor').approveCase(caseId, 'justified');
      expect(r).to.include({ state: 'awaiting_response', approvals: 1, required: 1 });
      expect(r.sent?.status).to.equal('delivered');
      const atB = await net.gw['FIU-B']!.store.findInbound('FIU-A', r.sent!.messageId);
      expect(atB?.type).to.equal('request');
      const shown = await op('FIU-A', 'analyst').showCase(caseId);
      expect(shown.case?.messageId).to.equal(r.sent!.messageId);
      expect(shown.drafts[0]).to.deep.include({
        state: 'sent',
        messageId: r.sent!.messageId,
        draftedBy: 'analyst@FIU-A',
      });
      expect(shown.drafts[0]!.decisions[0]).to.deep.include({
        approver: 'supervisor@FIU-A',
        comment: 'justified',
      });
    });
  });

  describe('an outgoing draft rejected or withdrawn', () => {
    it('closes a held request a supervisor rejects: nothing reaches FIU-B, and it cannot be approved after', async () => {
      const before = await messagesAt('FIU-B');
      const held = await op('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      const r = await op('FIU-A', 'supervisor').rejectCase(held.caseId, 'not justified yet');
      expect(r).to.include({ state: 'closed', approvals: 0 });
      await expectCode(op('FIU-A', 'supervisor').approveCase(held.caseId), 'case.invalid_state');
      expect(await messagesAt('FIU-B')).to.equal(before);
    });

    it('lets the drafter withdraw its own disclosure (closed), and refuses an analyst’s rejection', async () => {
      const d = await op('FIU-B', 'liaison').discloseSpontaneous(
        'FIU-A',
        exampleInput('spontaneous-disclosure'),
      );
      await expectCode(op('FIU-B', 'analyst').rejectCase(d.caseId), 'transport.operator_forbidden');
      const r = await op('FIU-B', 'liaison').rejectCase(d.caseId);
      expect(r.state).to.equal('closed');
      const entries = await ledgerEntries(net.gw['FIU-B']!.store);
      const rejected = entries.find((e) => e.event === 'case.rejected' && e.caseId === d.caseId);
      expect(rejected?.actor).to.deep.include({ id: 'liaison@FIU-B' });
    });
  });

  describe('a received request, answered under the four-eyes rule', () => {
    let caseId: string;

    before(async () => {
      caseId = await requestFromA();
    });

    it('is open in the inbox, not overdue, and refused to an auditor', async () => {
      const inbox = await op('FIU-B', 'liaison').listInbox({ partner: 'FIU-A', state: 'open' });
      const c = inbox.cases.find((x) => x.caseId === caseId);
      expect(c).to.include({ state: 'open', assignee: '', overdue: false, direction: 'in' });
      await expectCode(op('FIU-B', 'auditor').listInbox(), 'transport.operator_forbidden');
    });

    it('refuses a response from someone it is not assigned to', async () => {
      await refusedNothingSent(
        () => op('FIU-B', 'liaison').draftResponse(caseId, exampleInput('response')),
        'case.not_assignee',
        'FIU-A',
      );
    });

    it('refuses assignment by an analyst, and to someone who is not a liaison officer', async () => {
      await expectCode(op('FIU-B', 'analyst').assignCase(caseId), 'transport.operator_forbidden');
      await expectCode(op('FIU-B', 'supervisor').assignCase(caseId, 'analyst@FIU-B'), 'message.invalid');
    });

    it('is assigned by a supervisor to the liaison officer: assigned, logged with the supervisor as actor', async () => {
      const r = await op('FIU-B', 'supervisor').assignCase(caseId, 'liaison@FIU-B');
      expect(r).to.deep.equal({ caseId, assignee: 'liaison@FIU-B', state: 'assigned' });
      const entry = (await ledgerEntries(net.gw['FIU-B']!.store)).find(
        (e) => e.event === 'case.assigned' && e.caseId === caseId,
      );
      expect(entry?.actor).to.deep.equal({ kind: 'operator', id: 'supervisor@FIU-B', roles: ['supervisor'] });
      expect(entry?.assignee).to.equal('liaison@FIU-B');
    });

    it('refuses a draft by a supervisor (drafting is the liaison officer’s)', async () => {
      await expectCode(
        op('FIU-B', 'supervisor').draftResponse(caseId, exampleInput('response')),
        'transport.operator_forbidden',
      );
    });

    it('refuses an approval while there is no draft (wrong state)', async () => {
      await expectCode(op('FIU-B', 'supervisor').approveCase(caseId), 'case.invalid_state');
    });

    it('takes the liaison officer’s draft: awaiting_approval, 0 of 2, nothing sent, no content in the ledger', async () => {
      const before = await messagesAt('FIU-A');
      const r = await op('FIU-B', 'liaison').draftResponse(caseId, exampleInput('response'));
      expect(r).to.include({ caseId, state: 'awaiting_approval', approvals: 0, required: 2 });
      expect(r.sent).to.equal(null);
      expect(await messagesAt('FIU-A')).to.equal(before);
      const entries = await ledgerEntries(net.gw['FIU-B']!.store);
      const drafted = entries.find((e) => e.event === 'case.drafted' && e.caseId === caseId)!;
      expect(drafted).to.deep.include({ outcome: 'partial', approvals: { count: 2, supervisor: true } });
      expect(JSON.stringify(entries)).to.not.include('Jane').and.not.include('NL91ABNA0417164300');
      const rows = await net.gw['FIU-B']!.store.draftsOfCase(caseId);
      expect(rows[0]!.sealed).to.not.include('Jane');
      expect(rows[0]!.sealed.split('.')).to.have.length(5); // a JWE, not JSON
    });

    it('refuses the drafter’s own approval (self-approval): nothing sent', async () => {
      await refusedNothingSent(
        () => op('FIU-B', 'liaison').approveCase(caseId),
        'case.self_approval',
        'FIU-A',
      );
    });

    it('takes a first approval by a supervisor without sending anything', async () => {
      const before = await messagesAt('FIU-A');
      const r = await op('FIU-B', 'supervisor').approveCase(caseId, 'checked the sources');
      expect(r).to.include({ state: 'awaiting_approval', approvals: 1, required: 2 });
      expect(r.sent).to.equal(null);
      expect(await messagesAt('FIU-A')).to.equal(before);
    });

    it('refuses the same approver twice: nothing sent', async () => {
      await refusedNothingSent(
        () => op('FIU-B', 'supervisor').approveCase(caseId),
        'case.already_approved',
        'FIU-A',
      );
    });

    it('sends on the second supervisor’s approval: responded here, answered and linked at FIU-A', async () => {
      const r = await op('FIU-B', 'supervisor-2').approveCase(caseId);
      expect(r).to.include({ state: 'responded', approvals: 2, required: 2 });
      expect(r.sent?.status).to.equal('delivered');
      const entries = await ledgerEntries(net.gw['FIU-B']!.store);
      const sentAt = entries.findIndex(
        (e) => e.event === 'message.sent' && e.message?.id === r.sent!.messageId,
      );
      expect(entries[sentAt - 1]).to.deep.include({ event: 'case.approved', caseId, position: 2, count: 2 });
      expect(entries[sentAt - 1]!.actor).to.deep.include({ id: 'supervisor-2@FIU-B' });
      const atA = await net.gw['FIU-A']!.store.findInbound('FIU-B', r.sent!.messageId);
      expect(atA?.type).to.equal('response');
      const caseAtA = await op('FIU-A', 'analyst').showCase(atA!.caseId);
      expect(caseAtA.case?.state).to.equal('answered');
      expect(caseAtA.messages.map((m) => m.type)).to.deep.equal(['request', 'response']);
    });

    it('refuses a further approval once responded (wrong state)', async () => {
      await refusedNothingSent(
        () => op('FIU-B', 'supervisor').approveCase(caseId),
        'case.invalid_state',
        'FIU-A',
      );
    });
  });

  describe('a rejected draft', () => {
    let caseId: string;

    before(async () => {
      caseId = await requestFromA();
      await op('FIU-B', 'liaison').assignCase(caseId);
      await op('FIU-B', 'liaison').draftResponse(caseId, exampleInput('response'));
    });

    it('goes back to assigned with nothing sent; the comment is shown, sealed at rest and not in the ledger', async () => {
      const before = await messagesAt('FIU-A');
      const r = await op('FIU-B', 'supervisor').rejectCase(caseId, 'answer the ownership question first');
      expect(r).to.include({ state: 'assigned', approvals: 0 });
      expect(await messagesAt('FIU-A')).to.equal(before);
      const shown = await op('FIU-B', 'liaison').showCase(caseId);
      expect(shown.drafts[0]!.state).to.equal('rejected');
      expect(shown.drafts[0]!.decisions[0]).to.deep.include({
        approver: 'supervisor@FIU-B',
        decision: 'rejected',
        comment: 'answer the ownership question first',
      });
      const [stored] = await net.gw['FIU-B']!.store.approvalsOf(shown.drafts[0]!.draftId);
      expect(stored!.comment).to.not.include('ownership');
      const entries = await ledgerEntries(net.gw['FIU-B']!.store);
      expect(entries.some((e) => e.event === 'case.rejected' && e.caseId === caseId)).to.equal(true);
      expect(JSON.stringify(entries)).to.not.include('ownership');
    });

    it('can be drafted again, and a refusal is a response too', async () => {
      const refused = {
        ...exampleInput('response'),
        dataCategories: ['report_existence'],
        body: { outcome: 'refused', refusalReason: 'ongoing_investigation' },
      };
      const r = await op('FIU-B', 'liaison').draftResponse(caseId, refused);
      expect(r.state).to.equal('awaiting_approval');
      const entries = await ledgerEntries(net.gw['FIU-B']!.store);
      const drafted = entries.filter((e) => e.event === 'case.drafted' && e.caseId === caseId);
      expect(drafted.at(-1)).to.deep.include({ outcome: 'refused', reason: 'ongoing_investigation' });
    });
  });

  describe('a spontaneous disclosure', () => {
    it('waits for two approvals, then opens a case at FIU-B’s partner', async () => {
      const d = await op('FIU-B', 'liaison').discloseSpontaneous(
        'FIU-A',
        exampleInput('spontaneous-disclosure'),
      );
      expect(d).to.include({ state: 'awaiting_approval', approvals: 0, required: 2 });
      await refusedNothingSent(
        () => op('FIU-B', 'liaison').approveCase(d.caseId),
        'case.self_approval',
        'FIU-A',
      );
      expect((await op('FIU-B', 'supervisor').approveCase(d.caseId)).sent).to.equal(null);
      const r = await op('FIU-B', 'supervisor-2').approveCase(d.caseId);
      expect(r.state).to.equal('disclosed');
      expect(r.sent?.status).to.equal('delivered');
      const atA = await net.gw['FIU-A']!.store.findInbound('FIU-B', r.sent!.messageId);
      const c = await net.gw['FIU-A']!.store.getCase(atA!.caseId);
      expect(c).to.include({ direction: 'in', messageType: 'spontaneous_disclosure', state: 'open' });
    });

    it('is refused to an analyst', async () => {
      await refusedNothingSent(
        () => op('FIU-B', 'analyst').discloseSpontaneous('FIU-A', exampleInput('spontaneous-disclosure')),
        'transport.operator_forbidden',
        'FIU-A',
      );
    });
  });

  describe('deadlines', () => {
    it('flags an overdue request in the inbox, filters it, and counts it in the summary', async () => {
      const b = net.gw['FIU-B']!;
      const caseId = await requestFromA();
      const overdueBefore = (await op('FIU-B', 'liaison').listInbox({ overdue: true })).cases;
      expect(overdueBefore.map((c) => c.caseId)).to.not.include(caseId);
      // A copy of it whose deadline has passed (as time would make it), stored directly.
      await b.store.transaction(async (tx) => {
        const c = (await tx.getCase(caseId))!;
        await tx.insertCase({ ...c, caseId: `${caseId}-late`, deadline: '2026-01-01T00:00:00.000Z' });
      });
      const overdue = (await op('FIU-B', 'liaison').listInbox({ overdue: true })).cases;
      expect(overdue.map((c) => c.caseId)).to.deep.equal([`${caseId}-late`]);
      expect(overdue[0]!.overdue).to.equal(true);
      const summary = await op('FIU-B', 'auditor').summariseCases();
      const line = summary.partners.find((p) => p.partner === 'FIU-A')!;
      expect(line.overdue).to.equal(1);
      expect(line.requestsIn).to.equal(5);
      expect(Number(line.medianResponseMs)).to.be.at.least(0);
      const atA = (await op('FIU-A', 'analyst').summariseCases()).partners[0]!;
      expect(atA).to.include({ partner: 'FIU-B', requestsIn: 0, requestsOut: 4, overdue: 0 });
      expect(Number(atA.partnerMedianResponseMs)).to.be.at.least(0);
      expect(atA.medianResponseMs).to.equal('-1');
    });

    it('refuses the summary to an admin', async () => {
      await expectCode(op('FIU-B', 'admin').summariseCases(), 'transport.operator_forbidden');
    });
  });
});
