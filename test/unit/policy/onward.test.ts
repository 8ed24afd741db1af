import { expect } from 'chai';
import fc from 'fast-check';
import {
  decideOnward,
  normaliseTerm,
  type ConsentTerms,
  type OnwardRequest,
  type OnwardRule,
} from '../../../src/policy/index.js';

const AGREEMENT = { id: 'MOU-FIU-A-FIU-B', version: 3 };
const REQ: OnwardRequest = {
  caseId: 'case-1',
  partner: 'FIU-B',
  messageIds: ['m-1'],
  recipient: 'Example Public Prosecution Service',
  purpose: 'criminal investigation into fraud',
};
const rule = (r: OnwardRule['rule']): OnwardRule => ({ agreement: AGREEMENT, rule: r });
const consent = (over: Partial<ConsentTerms> = {}): ConsentTerms => ({
  consentId: 'c-1',
  caseId: REQ.caseId,
  partner: REQ.partner,
  messageIds: ['m-1', 'm-2'],
  recipient: REQ.recipient,
  purpose: REQ.purpose,
  state: 'granted',
  conditions: [],
  ...over,
});

describe('decideOnward', () => {
  describe('when the agreement allows the recipient', () => {
    it('allows on the agreement, whatever the consents say', () => {
      const allowed = rule({
        mode: 'allowed',
        recipients: ['Police', 'example public  prosecution service '],
      });
      expect(decideOnward(allowed, REQ, [consent({ state: 'refused' })])).to.deep.equal({
        allow: true,
        basis: 'agreement',
        agreement: AGREEMENT,
      });
    });
  });

  describe('when the agreement does not allow the recipient', () => {
    for (const r of [
      rule({ mode: 'prior_consent' }),
      rule({ mode: 'forbidden' }),
      rule({ mode: 'allowed', recipients: ['Police'] }),
      null,
    ]) {
      const mode = r?.rule.mode ?? 'no agreement';
      it(`(${mode}) refuses without a consent: onward.consent_required`, () => {
        const d = decideOnward(r, REQ, []);
        expect(d).to.include({ allow: false, reason: 'onward.consent_required' });
      });
      it(`(${mode}) allows with a granted matching consent, carrying its conditions`, () => {
        const c = consent({ state: 'granted_with_conditions', conditions: ['intelligence only'] });
        expect(decideOnward(r, REQ, [c])).to.deep.equal({
          allow: true,
          basis: 'consent',
          consentId: 'c-1',
          conditions: ['intelligence only'],
        });
      });
    }

    it('names a pending consent: onward.consent_pending', () => {
      const d = decideOnward(rule({ mode: 'prior_consent' }), REQ, [consent({ state: 'pending' })]);
      expect(d).to.include({ allow: false, reason: 'onward.consent_pending', consentId: 'c-1' });
    });

    it('names a refused consent: onward.consent_refused', () => {
      const d = decideOnward(rule({ mode: 'prior_consent' }), REQ, [consent({ state: 'refused' })]);
      expect(d).to.include({ allow: false, reason: 'onward.consent_refused', consentId: 'c-1' });
    });

    it('prefers a granted consent to a refused or pending one', () => {
      const cs = [consent({ consentId: 'x', state: 'refused' }), consent({ consentId: 'y' })];
      expect(decideOnward(null, REQ, cs)).to.include({ allow: true, consentId: 'y' });
    });
  });

  describe('a consent that differs in one thing does not match', () => {
    const changes: Array<[string, Partial<ConsentTerms>]> = [
      ['another case', { caseId: 'case-2' }],
      ['another partner', { partner: 'FIU-C' }],
      ['other information', { messageIds: ['m-2'] }],
      ['another recipient', { recipient: 'Example Tax Authority' }],
      ['another purpose', { purpose: 'tax audit' }],
    ];
    for (const [what, change] of changes) {
      it(`refuses with ${what}: onward.consent_required`, () => {
        const d = decideOnward(rule({ mode: 'prior_consent' }), REQ, [consent(change)]);
        expect(d).to.include({ allow: false, reason: 'onward.consent_required' });
      });
    }
    it('refuses when some of the information handed over is not covered', () => {
      const req = { ...REQ, messageIds: ['m-1', 'm-3'] };
      expect(decideOnward(null, req, [consent()])).to.include({ reason: 'onward.consent_required' });
    });
  });

  describe('properties', () => {
    const text = fc.string({ minLength: 1, maxLength: 30 });
    const state = fc.constantFrom('pending', 'granted', 'granted_with_conditions', 'refused' as const);
    const terms = fc.record({
      consentId: fc.uuid(),
      caseId: fc.constantFrom('case-1', 'case-2'),
      partner: fc.constantFrom('FIU-B', 'FIU-C'),
      messageIds: fc.subarray(['m-1', 'm-2', 'm-3'], { minLength: 1 }),
      recipient: fc.constantFrom(REQ.recipient, 'Police', 'Example Tax Authority'),
      purpose: fc.constantFrom(REQ.purpose, 'tax audit'),
      state,
      conditions: fc.array(text, { maxLength: 3 }),
    });
    const noRecipientRule = fc.constantFrom<OnwardRule | null>(
      null,
      rule({ mode: 'forbidden' }),
      rule({ mode: 'prior_consent' }),
      rule({ mode: 'allowed', recipients: ['Police'] }),
    );

    it('allows on a consent only when a granted consent matches, and then one of them', () => {
      fc.assert(
        fc.property(noRecipientRule, fc.array(terms, { maxLength: 6 }), (r, cs) => {
          const d = decideOnward(r, REQ, cs);
          const grantedMatching = cs.filter(
            (c) =>
              c.caseId === REQ.caseId &&
              c.partner === REQ.partner &&
              c.messageIds.includes('m-1') &&
              c.recipient === REQ.recipient &&
              c.purpose === REQ.purpose &&
              (c.state === 'granted' || c.state === 'granted_with_conditions'),
          );
          expect(d.allow).to.equal(grantedMatching.length > 0);
          if (d.allow) {
            expect(d.basis).to.equal('consent');
            if (d.basis === 'consent')
              expect(grantedMatching.map((c) => c.consentId)).to.include(d.consentId);
          }
        }),
      );
    });

    it('never allows a recipient the agreement does not name without a consent', () => {
      fc.assert(
        fc.property(noRecipientRule, text, text, (r, recipient, purpose) => {
          fc.pre(normaliseTerm(recipient) !== 'police' || r?.rule.mode !== 'allowed');
          expect(decideOnward(r, { ...REQ, recipient, purpose }, []).allow).to.equal(false);
        }),
      );
    });

    it('normaliseTerm ignores case and spacing', () => {
      fc.assert(
        fc.property(text, (t) => {
          expect(normaliseTerm(`  ${t.toUpperCase()}  `)).to.equal(normaliseTerm(t.toLowerCase()));
        }),
      );
    });
  });
});
