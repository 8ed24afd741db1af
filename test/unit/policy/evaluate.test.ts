import { expect } from 'chai';
import { evaluate, noAgreement, type Agreement, type EvaluationContext } from '../../../src/policy/index.js';
import {
  GRACE_MS,
  NOW,
  REF,
  SINCE,
  at,
  context,
  decide,
  expectAllowed,
  expectRefused,
  inForceWith,
  message,
} from './agreement-fixture.js';

describe('evaluate', () => {
  describe('the good case', () => {
    it('allows it, under the agreement in force', () => {
      const d = decide();
      expectAllowed(d);
      expect(d.agreement).to.deep.equal(REF);
    });
  });

  describe('when no agreement is in force', () => {
    it('refuses with policy.no_agreement, naming the partner, under no agreement', () => {
      const d = evaluate(null, message(), context());
      expectRefused(d, 'policy.no_agreement');
      expect(d.agreement).to.equal(null);
      expect(d.reasons[0]!.detail).to.equal('no sharing agreement is in force with FIU-B');
    });

    it('gives the same decision as noAgreement(partner)', () => {
      expect(evaluate(null, message(), context({ partner: 'FIU-C' }))).to.deep.equal(noAgreement('FIU-C'));
    });
  });

  describe('the partner', () => {
    it('refuses an agreement that is with another partner', () => {
      const d = decide({ context: { partner: 'FIU-C' } });
      expectRefused(d, 'policy.partner_mismatch');
      expect(d.reasons[0]!.detail).to.equal('agreement MOU-FIU-A-FIU-B is with FIU-B');
      expect(d.agreement).to.deep.equal(REF);
    });
  });

  describe('the status', () => {
    it('refuses under a suspended agreement', () => {
      const d = decide({ agreement: (a) => (a.status = 'suspended') });
      expectRefused(d, 'policy.agreement_suspended');
      expect(d.reasons[0]!.detail).to.equal('the agreement is suspended');
    });

    it('refuses under a terminated agreement', () => {
      expectRefused(decide({ agreement: (a) => (a.status = 'terminated') }), 'policy.agreement_terminated');
    });

    it('refuses incoming messages too', () => {
      expectRefused(
        decide({ agreement: (a) => (a.status = 'suspended'), context: { direction: 'incoming' } }),
        'policy.agreement_suspended',
      );
    });
  });

  describe('the validity window', () => {
    const from = '2026-01-01T00:00:00Z';
    const until = '2030-12-31T23:59:59Z';

    it('refuses one millisecond before validFrom and allows at validFrom', () => {
      expectRefused(decide({ context: { now: at(from, -1) } }), 'policy.agreement_not_yet_valid');
      expectAllowed(decide({ context: { now: at(from) } }));
    });

    it('refuses at validUntil exactly and allows one millisecond before', () => {
      const d = decide({ context: { now: at(until) } });
      expectRefused(d, 'policy.agreement_expired');
      expect(d.reasons[0]!.detail).to.equal(`the agreement expired at ${until}`);
      expectAllowed(decide({ context: { now: at(until, -1) } }));
    });

    it('compares instants when the window has a time zone offset', () => {
      const change = (a: Agreement) => (a.validFrom = '2026-06-15T14:00:00+02:00'); // = NOW
      expectAllowed(decide({ agreement: change }));
      expectRefused(
        decide({ agreement: change, context: { now: at(NOW.toISOString(), -1) } }),
        'policy.agreement_not_yet_valid',
      );
    });
  });

  describe('the agreement the message names', () => {
    it('refuses another agreement id', () => {
      const d = decide({ message: { agreement: { id: 'MOU-FIU-A-FIU-C', version: 3 } } });
      expectRefused(d, 'policy.agreement_mismatch');
      expect(d.reasons[0]!.detail).to.equal(
        'the message names agreement MOU-FIU-A-FIU-C version 3; in force is MOU-FIU-A-FIU-B version 3',
      );
    });

    it('refuses another version, older or newer', () => {
      for (const version of [1, 2, 4]) {
        expectRefused(decide({ message: { agreement: { ...REF, version } } }), 'policy.agreement_mismatch');
      }
    });
  });

  describe('the grace period after a version change', () => {
    const previous = { message: { agreement: { ...REF, version: 2 } } };
    const incomingAt = (now: Date, extra: Partial<EvaluationContext> = {}) => ({
      ...previous,
      context: { direction: 'incoming' as const, now, ...extra },
    });

    it('accepts an incoming message under the previous version until graceMs after since', () => {
      expectAllowed(decide(incomingAt(at(SINCE))));
      expectAllowed(decide(incomingAt(at(SINCE, GRACE_MS - 1))));
      const d = decide(incomingAt(at(SINCE, GRACE_MS - 1)));
      expect(d.agreement, 'the decision is under the version in force').to.deep.equal(REF);
    });

    it('refuses it from graceMs after since on', () => {
      expectRefused(decide(incomingAt(at(SINCE, GRACE_MS))), 'policy.agreement_mismatch');
      expectRefused(decide(incomingAt(NOW)), 'policy.agreement_mismatch');
    });

    it('gives no grace with graceMs 0', () => {
      expectRefused(decide(incomingAt(at(SINCE), { graceMs: 0 })), 'policy.agreement_mismatch');
    });

    it('never gives grace to an outgoing message', () => {
      expectRefused(
        decide({ ...previous, context: { direction: 'outgoing', now: at(SINCE) } }),
        'policy.agreement_mismatch',
      );
    });

    it('gives no grace to a version other than the previous one', () => {
      for (const version of [1, 4]) {
        expectRefused(
          decide({
            message: { agreement: { ...REF, version } },
            context: { direction: 'incoming', now: at(SINCE) },
          }),
          'policy.agreement_mismatch',
        );
      }
    });

    it('gives no grace to another agreement id with the previous version', () => {
      expectRefused(
        decide({
          message: { agreement: { id: 'MOU-OTHER', version: 2 } },
          context: { direction: 'incoming', now: at(SINCE) },
        }),
        'policy.agreement_mismatch',
      );
    });

    it('gives no grace when there was no previous version', () => {
      const inForce = { ...inForceWith(), previousVersion: undefined };
      const d = evaluate(
        inForce,
        message({ agreement: { ...REF, version: 2 } }),
        context({ direction: 'incoming', now: at(SINCE) }),
      );
      expectRefused(d, 'policy.agreement_mismatch');
    });
  });

  describe('the message type, per direction', () => {
    it('allows a type listed for the direction and refuses it in the other', () => {
      expectAllowed(decide({ message: { type: 'feedback' } }));
      const d = decide({ message: { type: 'feedback' }, context: { direction: 'incoming' } });
      expectRefused(d, 'policy.type_not_allowed');
      expect(d.reasons[0]!.detail).to.equal('incoming feedback messages are not covered');

      expectAllowed(decide({ message: { type: 'consent_request' }, context: { direction: 'incoming' } }));
      expectRefused(decide({ message: { type: 'consent_request' } }), 'policy.type_not_allowed');
    });

    it('refuses everything in a direction with an empty list', () => {
      expectRefused(
        decide({ agreement: (a) => (a.messageTypes.incoming = []), context: { direction: 'incoming' } }),
        'policy.type_not_allowed',
      );
    });
  });

  describe('the purpose', () => {
    it('allows a listed purpose and refuses another', () => {
      expectAllowed(decide({ message: { purpose: 'terrorist_financing' } }));
      const d = decide({ message: { purpose: 'proliferation_financing' } });
      expectRefused(d, 'policy.purpose_not_allowed');
      expect(d.reasons[0]!.detail).to.equal('purpose proliferation_financing is not covered');
    });

    it('refuses predicate_offence when not listed, without looking at the offence', () => {
      expectRefused(
        decide({
          agreement: (a) => {
            a.purposes = ['money_laundering'];
            delete a.predicateOffences;
          },
          message: { purpose: 'predicate_offence', predicateOffence: 'fraud' },
        }),
        'policy.purpose_not_allowed',
      );
    });
  });

  describe('the predicate offence', () => {
    const offence = (predicateOffence: string) => ({
      purpose: 'predicate_offence' as const,
      predicateOffence,
    });

    it('allows a listed offence, ignoring case and surrounding spaces', () => {
      for (const o of ['fraud', 'FRAUD', '  Fraud ', 'drug trafficking', '\tDRUG TRAFFICKING  ']) {
        expectAllowed(decide({ message: offence(o) }));
      }
    });

    it('refuses an offence not listed, without repeating it', () => {
      const d = decide({ message: offence('tax evasion') });
      expectRefused(d, 'policy.offence_not_allowed');
      expect(d.reasons[0]!.detail).not.to.contain('tax evasion');
      expectRefused(decide({ message: offence('drug  trafficking') }), 'policy.offence_not_allowed');
    });

    it('refuses a predicate_offence message that names no offence when offences are listed', () => {
      expectRefused(decide({ message: { purpose: 'predicate_offence' } }), 'policy.offence_not_allowed');
    });

    it('allows any offence when the agreement lists none', () => {
      expectAllowed(
        decide({ agreement: (a) => delete a.predicateOffences, message: offence('tax evasion') }),
      );
    });
  });

  describe('the data categories', () => {
    it('allows categories all covered', () => {
      expectAllowed(
        decide({ message: { dataCategories: ['identity', 'accounts', 'transactions', 'report_existence'] } }),
      );
    });

    it('refuses one outside, naming it', () => {
      const d = decide({ message: { dataCategories: ['identity', 'tax'] } });
      expectRefused(d, 'policy.category_not_allowed');
      expect(d.reasons[0]!.detail).to.equal('data categories not covered: tax');
    });

    it('names every category outside in one reason', () => {
      const d = decide({ message: { dataCategories: ['customs', 'identity', 'law_enforcement'] } });
      expectRefused(d, 'policy.category_not_allowed');
      expect(d.reasons[0]!.detail).to.equal('data categories not covered: customs, law_enforcement');
    });
  });

  describe('the classification', () => {
    it('allows the maximum and below, and refuses above', () => {
      for (const c of ['unclassified', 'restricted', 'confidential'] as const) {
        expectAllowed(decide({ message: { classification: c } }));
      }
      const d = decide({ message: { classification: 'secret' } });
      expectRefused(d, 'policy.classification_too_high');
      expect(d.reasons[0]!.detail).to.equal('classification secret is above the agreed maximum confidential');
    });
  });

  describe('the rate limits', () => {
    const usage = (today: number, lastMinute: number) => ({ context: { usage: { today, lastMinute } } });

    it('allows a request at requestsPerDay - 1 and refuses at requestsPerDay', () => {
      expectAllowed(decide(usage(99, 0)));
      const d = decide(usage(100, 0));
      expectRefused(d, 'policy.daily_limit');
      expect(d.reasons[0]!.detail).to.equal('100 outgoing requests per day reached');
    });

    it('allows a request at burst - 1 and refuses at burst', () => {
      expectAllowed(decide(usage(9, 9)));
      const d = decide(usage(10, 10));
      expectRefused(d, 'policy.burst_limit');
      expect(d.reasons[0]!.detail).to.equal('10 outgoing requests within 60 seconds reached');
    });

    it('gives both reasons when both limits are reached', () => {
      expectRefused(decide(usage(100, 10)), 'policy.daily_limit', 'policy.burst_limit');
    });

    it('counts incoming requests the same way', () => {
      expectRefused(
        decide({ context: { direction: 'incoming', usage: { today: 100, lastMinute: 0 } } }),
        'policy.daily_limit',
      );
    });

    it('does not limit other message types', () => {
      const flooded = { today: 1_000_000, lastMinute: 1_000_000 };
      for (const type of ['response', 'spontaneous_disclosure', 'feedback'] as const) {
        expectAllowed(decide({ message: { type }, context: { usage: flooded } }));
      }
      expectAllowed(
        decide({ message: { type: 'response' }, context: { direction: 'incoming', usage: flooded } }),
      );
    });
  });

  describe('when several rules are broken', () => {
    it('gives every reason, in the documented order', () => {
      const d = decide({
        agreement: (a) => {
          a.status = 'suspended';
          a.messageTypes.outgoing = ['response'];
        },
        message: {
          agreement: { ...REF, version: 2 },
          purpose: 'proliferation_financing',
          dataCategories: ['tax'],
          classification: 'secret',
        },
        context: { partner: 'FIU-C', now: at('2031-01-01T00:00:00Z'), usage: { today: 100, lastMinute: 10 } },
      });
      expectRefused(
        d,
        'policy.partner_mismatch',
        'policy.agreement_suspended',
        'policy.agreement_expired',
        'policy.agreement_mismatch',
        'policy.type_not_allowed',
        'policy.purpose_not_allowed',
        'policy.category_not_allowed',
        'policy.classification_too_high',
        'policy.daily_limit',
        'policy.burst_limit',
      );
      expect(d.agreement).to.deep.equal(REF);
    });

    it('puts terminated and not-yet-valid, and the offence, in their places', () => {
      const d = decide({
        agreement: (a) => (a.status = 'terminated'),
        message: { purpose: 'predicate_offence', predicateOffence: 'piracy', dataCategories: ['customs'] },
        context: { now: at('2025-12-31T00:00:00Z') },
      });
      expectRefused(
        d,
        'policy.agreement_terminated',
        'policy.agreement_not_yet_valid',
        'policy.offence_not_allowed',
        'policy.category_not_allowed',
      );
    });
  });
});
