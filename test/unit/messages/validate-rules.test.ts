import { expect } from 'chai';
import { validateMessage } from '../../../src/messages/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { sampleRequestWith } from '../../helpers/sample-message.js';

const changed = sampleRequestWith;

/** Asserts that `value` is refused as message.invalid with exactly `detail`. */
async function refusedWith(value: unknown, detail: string): Promise<void> {
  const err = await expectCode(() => validateMessage(value), 'message.invalid');
  expect(err.publicDetail).to.equal(detail);
}

describe('validateMessage', () => {
  describe('when a limit is exceeded', () => {
    it('refuses too many subjects', () =>
      refusedWith(
        changed((m) => (m.body.subjects = Array.from({ length: 101 }, () => m.body.subjects[0]))),
        'body.subjects: expected a list of 1 to 100 subjects',
      ));
    it('refuses no subjects', () =>
      refusedWith(
        changed((m) => (m.body.subjects = [])),
        'body.subjects: expected a list of 1 to 100 subjects',
      ));
    it('refuses too many questions', () =>
      refusedWith(
        changed((m) => (m.body.questions = Array.from({ length: 51 }, () => 'q?'))),
        'body.questions: expected a list of 1 to 50 questions',
      ));
    it('refuses facts longer than 20000 characters', () =>
      refusedWith(
        changed((m) => (m.body.facts = 'x'.repeat(20_001))),
        'body.facts: expected text of 1 to 20000 characters',
      ));
    it('refuses a name longer than 100 characters', () =>
      refusedWith(
        changed((m) => (m.body.subjects[0].first_name = 'J'.repeat(101))),
        'body.subjects.0.first_name: expected text of 1 to 100 characters',
      ));
  });

  describe('when there is an unknown field', () => {
    it('refuses it at the top level', () =>
      refusedWith(
        changed((m) => (m.extra = 1)),
        'extra: unknown field (not allowed here)',
      ));
    it('refuses it in the header', () =>
      refusedWith(
        changed((m) => (m.header.caveat = 'x')),
        'header.caveat: unknown field (not allowed here)',
      ));
    it('refuses it in a subject', () =>
      refusedWith(
        changed((m) => (m.body.subjects[2].balance = '1')),
        'body.subjects.2.balance: unknown field (not allowed here)',
      ));
    it('refuses a field of another subject kind', () =>
      refusedWith(
        changed((m) => (m.body.subjects[0].iban = 'NL91ABNA0417164300')),
        'body.subjects.0.iban: unknown field (not allowed here)',
      ));
    it('shortens a long field name in the detail', async () => {
      const err = await expectCode(
        () => validateMessage(changed((m) => (m.header['k'.repeat(500)] = 1))),
        'message.invalid',
      );
      expect(err.publicDetail!.length).to.be.below(120);
    });
  });

  describe('when the type is not request', () => {
    it('refuses a request body under the type response: inReplyTo is required first', () =>
      refusedWith(
        changed((m) => (m.header.type = 'response')),
        'header.inReplyTo: required: expected a lower-case UUID such as 3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b',
      ));
    it('refuses an unknown type', () =>
      refusedWith(
        changed((m) => (m.header.type = 'chat')),
        'header.type: expected one of request, response, spontaneous_disclosure, consent_request, consent_decision, feedback',
      ));
  });

  describe('the predicateOffence rule', () => {
    it('accepts predicateOffence with purpose predicate_offence', () => {
      expect(() =>
        validateMessage(
          changed((m) =>
            Object.assign(m.header, { purpose: 'predicate_offence', predicateOffence: 'fraud' }),
          ),
        ),
      ).not.to.throw();
    });
    it('refuses purpose predicate_offence without predicateOffence', () =>
      refusedWith(
        changed((m) => (m.header.purpose = 'predicate_offence')),
        'header.predicateOffence: required when purpose is predicate_offence: expected text of 1 to 500 characters',
      ));
    it('refuses predicateOffence with another purpose', () =>
      refusedWith(
        changed((m) => (m.header.predicateOffence = 'fraud')),
        'header.predicateOffence: expected no predicateOffence unless purpose is predicate_offence',
      ));
  });

  describe('the header rules', () => {
    it('refuses a deadline before createdAt', () =>
      refusedWith(
        changed((m) => (m.header.deadline = '2026-03-01T00:00:00Z')),
        'header.deadline: expected a date-time later than createdAt',
      ));
    it('refuses a deadline equal to createdAt', () =>
      refusedWith(
        changed((m) => (m.header.deadline = '2026-03-02T10:30:00+01:00')),
        'header.deadline: expected a date-time later than createdAt',
      ));
    it('accepts a message without a deadline', () => {
      expect(() => validateMessage(changed((m) => delete m.header.deadline))).not.to.throw();
    });
    it('refuses a message addressed to its sender', () =>
      refusedWith(
        changed((m) => (m.header.to = m.header.from)),
        'header.to: expected an FIU other than header.from',
      ));
  });
});
