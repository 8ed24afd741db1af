import { expect } from 'chai';
import { GatewayError } from '../../../src/errors.js';
import { parseAgreement } from '../../../src/policy/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { agreementDoc, agreementDocWith } from './agreement-fixture.js';

/** Asserts that the changed document is refused as policy.invalid_agreement with exactly `detail`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function refusedWith(change: (doc: any) => void, detail: string): Promise<void> {
  const err = await expectCode(() => parseAgreement(agreementDocWith(change)), 'policy.invalid_agreement');
  expect(err).to.be.instanceOf(GatewayError);
  expect(err.kind).to.equal('invalid');
  expect(err.publicDetail).to.equal(detail);
  expect(err.message).to.equal(`invalid agreement: ${detail}`);
}

const WHOLE = (max: number) => `expected a whole number from 1 to ${max}`;

describe('parseAgreement', () => {
  describe('when the document is valid', () => {
    it('accepts a document with every field and returns an equal copy', () => {
      const doc = agreementDoc();
      const out = parseAgreement(doc);
      expect(out).to.deep.equal(doc);
      expect(out).not.to.equal(doc);
      expect(out.messageTypes).not.to.equal(doc.messageTypes);
    });

    it('defaults caveats to an empty list and leaves predicateOffences absent', () => {
      const out = parseAgreement(
        agreementDocWith((d) => {
          delete d.caveats;
          delete d.predicateOffences;
        }),
      );
      expect(out.caveats).to.deep.equal([]);
      expect(out).not.to.have.property('predicateOffences');
    });

    it('accepts each onward dissemination mode', () => {
      for (const rule of [
        { mode: 'forbidden' },
        { mode: 'prior_consent' },
        { mode: 'allowed', recipients: ['national police', 'public prosecutor'] },
      ]) {
        expect(
          parseAgreement(agreementDocWith((d) => (d.onwardDissemination = rule))).onwardDissemination,
        ).to.deep.equal(rule);
      }
    });

    it('accepts an empty list of message types for one direction (a one-way agreement)', () => {
      const out = parseAgreement(agreementDocWith((d) => (d.messageTypes.incoming = [])));
      expect(out.messageTypes.incoming).to.deep.equal([]);
    });

    it('accepts urgentDays equal to normalDays, a single approval and a time zone offset', () => {
      expect(() =>
        parseAgreement(
          agreementDocWith((d) => {
            d.deadlines = { normalDays: 10, urgentDays: 10 };
            d.approvals.disclosures = 1;
            d.validFrom = '2026-01-01T00:00:00+02:00';
          }),
        ),
      ).not.to.throw();
    });
  });

  describe('when it is not an object', () => {
    it('refuses it', async () => {
      for (const value of [null, [], 'MOU', 3]) {
        const err = await expectCode(() => parseAgreement(value), 'policy.invalid_agreement');
        expect(err.publicDetail).to.equal('(top level): expected an object');
      }
    });
  });

  describe('when a field is missing', () => {
    it('names it', async () => {
      await refusedWith((d) => delete d.purposes, 'purposes: required: expected a list of 1 to 4 purposes');
      await refusedWith(
        (d) => delete d.status,
        'status: required: expected one of active, suspended, terminated',
      );
      await refusedWith((d) => delete d.retention, 'retention: required: expected an object');
      await refusedWith(
        (d) => delete d.validFrom,
        'validFrom: required: expected an RFC 3339 date-time, such as 2026-01-01T09:30:00Z',
      );
    });

    it('names a missing nested field by its path', async () => {
      await refusedWith(
        (d) => delete d.approvals.disclosures,
        'approvals.disclosures: expected 1 or 2 (four eyes)',
      );
      const err = await expectCode(
        () => parseAgreement(agreementDocWith((d) => delete d.messageTypes.outgoing)),
        'policy.invalid_agreement',
      );
      expect(err.publicDetail).to.match(/^messageTypes\.outgoing: /);
    });
  });

  describe('when a field is unknown', () => {
    it('refuses it at the top level and inside a member', async () => {
      await refusedWith((d) => (d.owner = 'x'), 'owner: unknown field (not allowed here)');
      await refusedWith(
        (d) => (d.deadlines.weekendDays = 2),
        'deadlines.weekendDays: unknown field (not allowed here)',
      );
      await refusedWith(
        (d) => (d.onwardDissemination = { mode: 'forbidden', recipients: ['police'] }),
        'onwardDissemination.recipients: unknown field (not allowed here)',
      );
    });
  });

  describe('when the id is bad', () => {
    it('refuses it', async () => {
      const detail =
        'id: expected an agreement id: 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit';
      for (const id of ['', '-MOU', 'MOU FIU', 'MOU/1', 7]) {
        await refusedWith((d) => (d.id = id), detail);
      }
      // Too long breaks both the length and the pattern check, so the text may appear twice.
      const err = await expectCode(
        () => parseAgreement(agreementDocWith((d) => (d.id = 'M'.repeat(65)))),
        'policy.invalid_agreement',
      );
      expect(err.publicDetail).to.satisfy((s: string) => s.startsWith(detail));
    });
  });

  describe('when the version is not a whole number from 1', () => {
    it('refuses 0, -1, 1.5, a string and more than 1000000', async () => {
      for (const version of [0, -1, 1.5, '1', 1_000_001]) {
        await refusedWith((d) => (d.version = version), `version: ${WHOLE(1_000_000)}`);
      }
    });
  });

  describe('when the partner is not an FIU id', () => {
    it('refuses it', async () => {
      for (const partner of ['fiu-b', 'FIU B', '', '-FIU']) {
        await refusedWith(
          (d) => (d.partner = partner),
          'partner: expected an FIU id: capital letters, digits and dashes, such as FIU-A',
        );
      }
    });
  });

  describe('when the status is unknown', () => {
    it('refuses it', async () => {
      await refusedWith(
        (d) => (d.status = 'paused'),
        'status: expected one of active, suspended, terminated',
      );
    });
  });

  describe('when the validity window is wrong', () => {
    it('refuses validUntil equal to or before validFrom', async () => {
      await refusedWith(
        (d) => (d.validUntil = d.validFrom),
        'validUntil: expected a date-time later than validFrom',
      );
      await refusedWith(
        (d) => (d.validUntil = '2025-12-31T23:59:59Z'),
        'validUntil: expected a date-time later than validFrom',
      );
    });

    it('compares instants, not texts', async () => {
      // 01:00+02:00 is 23:00Z the day before: earlier, though its text sorts later.
      await refusedWith((d) => {
        d.validFrom = '2026-01-01T00:00:00Z';
        d.validUntil = '2026-01-01T01:00:00+02:00';
      }, 'validUntil: expected a date-time later than validFrom');
    });

    it('refuses a date without a time', async () => {
      await refusedWith(
        (d) => (d.validFrom = '2026-01-01'),
        'validFrom: expected an RFC 3339 date-time, such as 2026-01-01T09:30:00Z',
      );
    });
  });

  describe('when a message type is unknown', () => {
    it('names the direction and the position', async () => {
      await refusedWith(
        (d) => (d.messageTypes.incoming = ['request', 'delivery_receipt']),
        'messageTypes.incoming.1: expected one of request, response, spontaneous_disclosure, consent_request, consent_decision, feedback',
      );
    });

    it('refuses a type listed twice', async () => {
      await refusedWith(
        (d) => (d.messageTypes.outgoing = ['request', 'request']),
        'messageTypes.outgoing: expected each of the message types at most once',
      );
    });
  });

  describe('when a purpose is listed twice', () => {
    it('refuses it', async () => {
      await refusedWith(
        (d) => (d.purposes = ['money_laundering', 'predicate_offence', 'money_laundering']),
        'purposes: expected each of the purposes at most once',
      );
    });
  });

  describe('when predicateOffences is set without the purpose predicate_offence', () => {
    it('refuses it', async () => {
      await refusedWith(
        (d) => (d.purposes = ['money_laundering', 'terrorist_financing']),
        'predicateOffences: expected no predicateOffences unless purposes include predicate_offence',
      );
    });

    it('refuses an empty list of offences', async () => {
      await refusedWith(
        (d) => (d.predicateOffences = []),
        'predicateOffences: expected a list of 1 to 100 predicate offences',
      );
    });
  });

  describe('when dataCategories is empty or unknown', () => {
    it('refuses it', async () => {
      await refusedWith(
        (d) => (d.dataCategories = []),
        'dataCategories: expected a list of 1 to 8 data categories',
      );
      const err = await expectCode(
        () => parseAgreement(agreementDocWith((d) => (d.dataCategories = ['identity', 'health']))),
        'policy.invalid_agreement',
      );
      expect(err.publicDetail).to.match(/^dataCategories\.1: expected one of identity, /);
    });
  });

  describe('when the classification is unknown', () => {
    it('refuses it', async () => {
      await refusedWith(
        (d) => (d.maxClassification = 'top_secret'),
        'maxClassification: expected one of unclassified, restricted, confidential, secret',
      );
    });
  });

  describe('when onward dissemination is wrong', () => {
    it('refuses mode allowed without recipients, or with none', async () => {
      await refusedWith(
        (d) => (d.onwardDissemination = { mode: 'allowed' }),
        'onwardDissemination.recipients: required: expected a list of 1 to 50 recipients',
      );
      await refusedWith(
        (d) => (d.onwardDissemination = { mode: 'allowed', recipients: [] }),
        'onwardDissemination.recipients: expected a list of 1 to 50 recipients',
      );
    });

    it('refuses an unknown mode', async () => {
      await refusedWith(
        (d) => (d.onwardDissemination = { mode: 'sometimes' }),
        'onwardDissemination.mode: expected mode forbidden, prior_consent or allowed',
      );
    });
  });

  describe('when urgentDays is more than normalDays', () => {
    it('refuses it', async () => {
      await refusedWith(
        (d) => (d.deadlines = { normalDays: 10, urgentDays: 11 }),
        'deadlines.urgentDays: expected at most deadlines.normalDays',
      );
    });

    it('refuses 0 days', async () => {
      await refusedWith((d) => (d.deadlines.urgentDays = 0), `deadlines.urgentDays: ${WHOLE(365)}`);
    });
  });

  describe('when approvals are wrong', () => {
    it('refuses 3 approvals for disclosures', async () => {
      await refusedWith(
        (d) => (d.approvals.disclosures = 3),
        'approvals.disclosures: expected 1 or 2 (four eyes)',
      );
    });

    it('refuses a non-boolean outgoingRequestsNeedSupervisor', async () => {
      for (const value of ['yes', 1, null]) {
        await refusedWith(
          (d) => (d.approvals.outgoingRequestsNeedSupervisor = value),
          'approvals.outgoingRequestsNeedSupervisor: expected true or false',
        );
      }
    });
  });

  describe('when a limit is 0', () => {
    it('refuses retention 0 and rate limits 0', async () => {
      await refusedWith((d) => (d.retention.days = 0), `retention.days: ${WHOLE(36_500)}`);
      await refusedWith((d) => (d.rateLimits.burst = 0), `rateLimits.burst: ${WHOLE(100_000)}`);
      await refusedWith(
        (d) => (d.rateLimits.requestsPerDay = 0),
        `rateLimits.requestsPerDay: ${WHOLE(1_000_000)}`,
      );
    });
  });

  describe('when several fields are bad', () => {
    it('names every one, joined by "; "', async () => {
      await refusedWith(
        (d) => {
          d.version = 0;
          d.retention.days = 0;
        },
        `version: ${WHOLE(1_000_000)}; retention.days: ${WHOLE(36_500)}`,
      );
    });
  });
});
