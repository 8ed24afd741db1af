/**
 * Consent, feedback and onward dissemination through the real operator API of two live gateways:
 * FIU-A asks FIU-B, FIU-B responds, FIU-A asks consent to pass the response to a prosecutor, FIU-B
 * decides, FIU-A exports (refused before, allowed after) and sends feedback. Every refusal (wrong role,
 * unknown case or message, export without consent, decision by a wrong role or twice) is checked with
 * its code and what it leaves behind.
 */
import { expect } from 'chai';
import type { GatewayError } from '../../src/errors.js';
import { parseAgreement } from '../../src/policy/index.js';
import type { ExportDocument } from '../../src/services/onward-export.js';
import { expectCode } from '../helpers/expect-code.js';
import { answeredRequest } from '../helpers/case-inputs.js';
import { adminOf, startNetwork, type Network } from '../helpers/gateways.js';
import { ledgerEntries } from '../helpers/live-data.js';

const RECIPIENT = 'Example Public Prosecution Service (fictional)';
const PURPOSE = 'criminal investigation into laundering the proceeds of fraud';

describe('consent, feedback and onward dissemination through the operator API', function () {
  this.timeout(60_000);
  let net: Network;
  let caseAtA: string;
  let caseAtB: string;
  let responseId: string;
  let consentId: string;

  const op = (fiu: string, role: string) => net.operator(fiu, role);
  /** The `case.exported` and `consent.recorded` entries of a gateway, parsed. */
  const entries = async (fiu: string, event: string) =>
    (await ledgerEntries(net.gw[fiu]!.store)).filter((e) => e.event === event) as unknown as Array<
      Record<string, unknown>
    >;
  /** Expects a refusal with `code`, and that neither gateway stored or logged anything. */
  const refusedQuietly = async (call: () => Promise<unknown>, code: GatewayError['code']) => {
    const before = [await net.snapshot('FIU-A'), await net.snapshot('FIU-B')];
    const err = await expectCode(call, code);
    expect([await net.snapshot('FIU-A'), await net.snapshot('FIU-B')]).to.deep.equal(before);
    return err;
  };
  const ask = (over: Record<string, string> = {}) => ({
    caseId: caseAtA,
    messageId: responseId,
    description: 'the account details and the two reports named in the response',
    recipientName: RECIPIENT,
    recipientKind: 'prosecutor',
    purpose: PURPOSE,
    ...over,
  });
  const exportAsk = (over: Record<string, unknown> = {}) => ({
    caseId: caseAtA,
    recipient: RECIPIENT,
    purpose: PURPOSE,
    ...over,
  });

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B']);
    ({
      caseAtRequester: caseAtA,
      caseAtResponder: caseAtB,
      responseId,
    } = await answeredRequest(net, 'FIU-A', 'FIU-B'));
  });
  after(() => net?.stop());

  describe('the response received', () => {
    it('answers FIU-A’s case and joins it', async () => {
      const view = await op('FIU-A', 'analyst').showCase(caseAtA);
      expect(view.case!.state).to.equal('answered');
      expect(view.messages.map((m) => [m.direction, m.type])).to.deep.equal([
        ['out', 'request'],
        ['in', 'response'],
      ]);
    });
  });

  describe('onward export before any consent', () => {
    it('is refused with onward.consent_required (PERMISSION_DENIED) and logged as refused', async () => {
      const before = (await entries('FIU-A', 'case.exported')).length;
      const err = await expectCode(op('FIU-A', 'analyst').exportCase(exportAsk()), 'onward.consent_required');
      expect(err.kind).to.equal('permission');
      expect(err.message).to.include('onward dissemination: prior_consent');
      const logged = (await entries('FIU-A', 'case.exported')).slice(before);
      expect(logged).to.have.length(1);
      expect(logged[0]).to.deep.include({
        case: caseAtA,
        partner: 'FIU-B',
        allow: false,
        reason: 'onward.consent_required',
        messages: [responseId],
      });
      expect(logged[0]!.actor).to.deep.include({ kind: 'operator', id: 'analyst@FIU-A' });
      expect(JSON.stringify(logged[0])).not.to.include('Prosecution');
    });
  });

  describe('asking for consent (RequestConsent)', () => {
    it('refuses the auditor role: transport.operator_forbidden, nothing sent', async () => {
      await refusedQuietly(
        () => op('FIU-A', 'auditor').requestConsent(ask()),
        'transport.operator_forbidden',
      );
    });

    it('refuses an unknown case: exchange.not_found', async () => {
      await refusedQuietly(
        () => op('FIU-A', 'analyst').requestConsent(ask({ caseId: '00000000-0000-4000-8000-0000000000aa' })),
        'exchange.not_found',
      );
    });

    it('refuses a message that is not information received in the case: exchange.unknown_reference', async () => {
      const requestId = (await op('FIU-A', 'analyst').showCase(caseAtA)).messages[0]!.messageId;
      await refusedQuietly(
        () => op('FIU-A', 'analyst').requestConsent(ask({ messageId: requestId })),
        'exchange.unknown_reference',
      );
    });

    it('refuses an unknown recipient kind before sealing: message.invalid', async () => {
      await refusedQuietly(
        () => op('FIU-A', 'analyst').requestConsent(ask({ recipientKind: 'journalist' })),
        'message.invalid',
      );
    });

    it('sends a consent request replying to the response; both sides record it pending', async () => {
      const r = await op('FIU-A', 'analyst').requestConsent(ask());
      expect(r.status).to.equal('delivered');
      consentId = r.messageId;
      expect(await net.gw['FIU-A']!.store.getConsent(consentId)).to.deep.include({
        direction: 'out',
        caseId: caseAtA,
        partner: 'FIU-B',
        state: 'pending',
      });
      expect(await net.gw['FIU-B']!.store.getConsent(consentId)).to.deep.include({
        direction: 'in',
        caseId: caseAtB,
        partner: 'FIU-A',
        state: 'pending',
      });
      const atB = await op('FIU-B', 'liaison').showCase(caseAtB);
      const received = atB.messages.find((m) => m.messageId === consentId)!;
      const message = JSON.parse(received.messageJson) as {
        header: Record<string, unknown>;
        body: { recipient: unknown };
      };
      expect(message.header).to.include({ type: 'consent_request', inReplyTo: responseId });
      expect(message.body.recipient).to.deep.equal({ name: RECIPIENT, kind: 'prosecutor' });
      expect(message.header.purpose).to.equal('money_laundering');
      const recorded = await entries('FIU-B', 'consent.recorded');
      expect(recorded.at(-1)).to.deep.include({ consent: consentId, direction: 'in', state: 'pending' });
    });

    it('refuses the export while the consent is pending: onward.consent_pending', async () => {
      await expectCode(op('FIU-A', 'analyst').exportCase(exportAsk()), 'onward.consent_pending');
    });
  });

  describe('deciding on a consent request (DecideConsent)', () => {
    for (const role of ['analyst', 'auditor', 'admin']) {
      it(`refuses ${role}@FIU-B: transport.operator_forbidden, nothing sent`, async () => {
        await refusedQuietly(
          () => op('FIU-B', role).decideConsent({ consentId, decision: 'granted' }),
          'transport.operator_forbidden',
        );
      });
    }

    it('refuses an unknown consent id: exchange.not_found', async () => {
      await refusedQuietly(
        () =>
          op('FIU-B', 'supervisor').decideConsent({
            consentId: '00000000-0000-4000-8000-0000000000bb',
            decision: 'granted',
          }),
        'exchange.not_found',
      );
    });

    it('refuses FIU-A deciding on its own consent request: exchange.not_found', async () => {
      await refusedQuietly(
        () => op('FIU-A', 'liaison').decideConsent({ consentId, decision: 'granted' }),
        'exchange.not_found',
      );
    });

    it('refuses a refusal without its ground: message.invalid', async () => {
      await refusedQuietly(
        () => op('FIU-B', 'supervisor').decideConsent({ consentId, decision: 'refused' }),
        'message.invalid',
      );
    });

    it('grants with conditions; both sides record the decision', async () => {
      const conditions = ['intelligence only, not evidence in court', 'do not name FIU-B in the file'];
      const r = await op('FIU-B', 'supervisor').decideConsent({
        consentId,
        decision: 'granted_with_conditions',
        conditions,
      });
      expect(r.status).to.equal('delivered');
      expect(r.caseId).to.equal(caseAtB);
      for (const fiu of ['FIU-A', 'FIU-B']) {
        expect(await net.gw[fiu]!.store.getConsent(consentId)).to.deep.include({
          state: 'granted_with_conditions',
          decisionMessageId: r.messageId,
        });
      }
      const atA = await entries('FIU-A', 'consent.recorded');
      expect(atA.at(-1)).to.deep.include({
        consent: consentId,
        direction: 'out',
        state: 'granted_with_conditions',
        message: r.messageId,
      });
      expect(atA.at(-1)!.actor).to.deep.equal({ kind: 'peer', fiu: 'FIU-B' });
    });

    it('refuses a second decision: exchange.invalid_state (FAILED_PRECONDITION), nothing sent', async () => {
      const err = await refusedQuietly(
        () => op('FIU-B', 'liaison').decideConsent({ consentId, decision: 'granted' }),
        'exchange.invalid_state',
      );
      expect(err.kind).to.equal('precondition');
    });
  });

  describe('onward export after the consent was granted', () => {
    it('refuses the auditor role: transport.operator_forbidden, not logged', async () => {
      const before = await net.snapshot('FIU-A');
      await expectCode(op('FIU-A', 'auditor').exportCase(exportAsk()), 'transport.operator_forbidden');
      expect(await net.snapshot('FIU-A')).to.deep.equal(before);
    });

    it('refuses an unknown case: exchange.not_found', async () => {
      await expectCode(
        op('FIU-A', 'analyst').exportCase(exportAsk({ caseId: '00000000-0000-4000-8000-0000000000cc' })),
        'exchange.not_found',
      );
    });

    it('refuses another recipient (the consent names one): onward.consent_required', async () => {
      await expectCode(
        op('FIU-A', 'liaison').exportCase(exportAsk({ recipient: 'Example Tax Authority (fictional)' })),
        'onward.consent_required',
      );
    });

    it('refuses another purpose: onward.consent_required', async () => {
      await expectCode(
        op('FIU-A', 'liaison').exportCase(exportAsk({ purpose: 'a tax audit' })),
        'onward.consent_required',
      );
    });

    it('refuses a case that holds no information received (FIU-B’s): onward.no_information', async () => {
      await expectCode(
        op('FIU-B', 'liaison').exportCase(exportAsk({ caseId: caseAtB })),
        'onward.no_information',
      );
    });

    it('allows the consented recipient and purpose, with the caveats and the conditions; logged with the digest', async () => {
      const r = await op('FIU-A', 'supervisor').exportCase(
        exportAsk({ recipient: `  ${RECIPIENT.toUpperCase()} `, purpose: PURPOSE }),
      );
      expect(r.basis).to.equal('consent');
      expect(r.consentId).to.equal(consentId);
      const doc = JSON.parse(r.documentJson) as ExportDocument;
      expect(doc.basis).to.deep.equal({
        kind: 'consent',
        consent: consentId,
        conditions: ['intelligence only, not evidence in court', 'do not name FIU-B in the file'],
      });
      expect(doc.information).to.have.length(1);
      expect(doc.information[0]).to.include({ messageId: responseId, type: 'response', from: 'FIU-B' });
      expect(doc.information[0].caveats).to.deep.equal([
        'no onward dissemination without the prior consent of the disclosing FIU',
        'intelligence only, not evidence',
        'do not contact the subject',
      ]);
      expect(doc.information[0].information).to.include('two suspicious transaction reports');
      const [logged] = (await entries('FIU-A', 'case.exported')).slice(-1);
      expect(logged).to.deep.include({
        allow: true,
        reason: 'consent',
        consent: consentId,
        digest: r.digest,
        messages: [responseId],
      });
      expect(logged!.index).to.equal(Number(r.ledgerIndex));
    });
  });

  describe('a consent refused with its ground', () => {
    const TAX = 'Example Tax Authority (fictional)';

    it('is recorded at both ends, and the export to that recipient is refused with onward.consent_refused', async () => {
      const asked = await op('FIU-A', 'liaison').requestConsent(
        ask({ recipientName: TAX, recipientKind: 'tax_authority' }),
      );
      expect(asked.status).to.equal('delivered');
      const decided = await op('FIU-B', 'liaison').decideConsent({
        consentId: asked.messageId,
        decision: 'refused',
        ground: 'outside_scope',
        groundDetail: 'tax matters are outside the scope of the agreement',
      });
      expect(decided.status).to.equal('delivered');
      for (const fiu of ['FIU-A', 'FIU-B']) {
        expect(await net.gw[fiu]!.store.getConsent(asked.messageId)).to.deep.include({ state: 'refused' });
      }
      const err = await expectCode(
        op('FIU-A', 'analyst').exportCase(exportAsk({ recipient: TAX })),
        'onward.consent_refused',
      );
      expect(err.message).to.include(asked.messageId);
      const [logged] = (await entries('FIU-A', 'case.exported')).slice(-1);
      expect(logged).to.deep.include({
        allow: false,
        reason: 'onward.consent_refused',
        consent: asked.messageId,
      });
    });
  });

  describe('feedback (SendFeedback)', () => {
    it('refuses the admin role: transport.operator_forbidden', async () => {
      await refusedQuietly(
        () =>
          op('FIU-A', 'admin').sendFeedback({
            caseId: caseAtA,
            messageId: responseId,
            use: ['analysis'],
            usefulness: 'useful',
          }),
        'transport.operator_forbidden',
      );
    });

    it('refuses feedback on an unknown message: exchange.unknown_reference', async () => {
      await refusedQuietly(
        () =>
          op('FIU-A', 'analyst').sendFeedback({
            caseId: caseAtA,
            messageId: '00000000-0000-4000-8000-0000000000dd',
            use: ['analysis'],
            usefulness: 'useful',
          }),
        'exchange.unknown_reference',
      );
    });

    it('sends feedback on the response; FIU-B links it to its case, which keeps its state', async () => {
      const stateBefore = (await op('FIU-B', 'liaison').showCase(caseAtB)).case!.state;
      const r = await op('FIU-A', 'liaison').sendFeedback({
        caseId: caseAtA,
        messageId: responseId,
        use: ['analysis', 'dissemination_to_authority'],
        usefulness: 'very_useful',
        comments: 'the account details confirmed our analysis',
      });
      expect(r.status, r.errorDetail).to.equal('delivered');
      const atB = await op('FIU-B', 'liaison').showCase(caseAtB);
      expect(atB.case!.state).to.equal(stateBefore);
      const fb = atB.messages.find((m) => m.messageId === r.messageId)!;
      expect(fb.type).to.equal('feedback');
      const message = JSON.parse(fb.messageJson) as { header: Record<string, unknown>; body: unknown };
      expect(message.header.inReplyTo).to.equal(responseId);
      expect(message.body).to.deep.equal({
        use: ['analysis', 'dissemination_to_authority'],
        usefulness: 'very_useful',
        comments: 'the account details confirmed our analysis',
      });
    });
  });
  describe('onward export that the agreement allows (last: FIU-A alone moves to version 2)', () => {
    it('allows a recipient the agreement names, without consent (basis agreement)', async () => {
      const a = net.gw['FIU-A']!;
      const [current] = (await a.store.agreementRevisions({ partner: 'FIU-B' })).slice(-1);
      const doc = JSON.parse(current!.document) as Record<string, unknown>;
      await a.agreements.apply(
        adminOf('FIU-A'),
        parseAgreement({
          ...doc,
          version: 2,
          onwardDissemination: { mode: 'allowed', recipients: ['Example Police (fictional)'] },
        }),
      );
      const r = await op('FIU-A', 'analyst').exportCase(
        exportAsk({ recipient: 'Example Police (fictional)', purpose: 'any purpose' }),
      );
      expect(r.basis).to.equal('agreement');
      expect(JSON.parse(r.documentJson).basis).to.deep.equal({
        kind: 'agreement',
        agreement: { id: doc.id, version: 2 },
      });
    });
  });
});
