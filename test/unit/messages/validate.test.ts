import { expect } from 'chai';
import { validateMessage, type RequestMessage } from '../../../src/messages/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { sampleRequest, sampleRequestWith } from '../../helpers/sample-message.js';

type Mutable = Parameters<Parameters<typeof sampleRequestWith>[0]>[0];
const changed = sampleRequestWith;

/** Asserts that `value` is refused as message.invalid with exactly `detail`. */
async function refusedWith(value: unknown, detail: string): Promise<void> {
  const err = await expectCode(() => validateMessage(value), 'message.invalid');
  expect(err.publicDetail).to.equal(detail);
}

describe('validateMessage', () => {
  describe('when the message is the sample request', () => {
    it('accepts it and returns an equal copy', () => {
      const input = sampleRequest();
      const out = validateMessage(input);
      expect(out).to.deep.equal(input);
      expect(out).not.to.equal(input);
    });
  });

  describe('when the message is one it returned before', () => {
    it('returns it frozen, all the way down', () => {
      const out = validateMessage(sampleRequest()) as RequestMessage;
      expect(Object.isFrozen(out)).to.equal(true);
      expect(Object.isFrozen(out.header.agreement)).to.equal(true);
      expect(Object.isFrozen(out.body.subjects[0])).to.equal(true);
      expect(() => {
        (out.header as { to: string }).to = 'FIU-C';
      }).to.throw(TypeError);
    });

    it('returns the same message without parsing it again', () => {
      const out = validateMessage(sampleRequest());
      expect(validateMessage(out)).to.equal(out);
      expect(validateMessage(out, { types: ['request'] })).to.equal(out);
    });

    it('still refuses it when its type is not among the types asked for', async () => {
      const out = validateMessage(sampleRequest());
      const err = await expectCode(() => validateMessage(out, { types: ['feedback'] }), 'message.invalid');
      expect(err.publicDetail).to.equal('header.type: request is not accepted here; expected feedback');
    });

    it('parses a copy of it in full: a copy is not known, and an invalid copy is refused', async () => {
      const out = validateMessage(sampleRequest()) as RequestMessage;
      const copy = structuredClone(out);
      expect(validateMessage(copy)).not.to.equal(copy);
      copy.body.facts = '';
      await expectCode(() => validateMessage(copy), 'message.invalid');
    });
  });

  describe('when a subject has only its required fields', () => {
    it('accepts each kind', () => {
      const minimal = [
        { kind: 'person', first_name: 'Jane', last_name: 'Example' },
        { kind: 'entity', name: 'Example Ltd' },
        { kind: 'account', institution_name: 'Example Bank' },
        { kind: 'transaction', date_transaction: '2026-01-15T10:00:00+01:00', amount_local: '12500' },
      ];
      expect(() => validateMessage(changed((m) => (m.body.subjects = minimal)))).not.to.throw();
    });
  });

  describe('when it is not an object', () => {
    for (const value of [null, [], 'text', 42]) {
      it(`refuses ${JSON.stringify(value)}`, () => refusedWith(value, '(top level): expected an object'));
    }
    it('refuses undefined', () => refusedWith(undefined, '(top level): required: expected an object'));
  });

  describe('when a field is missing', () => {
    it('names it', async () => {
      await refusedWith(
        changed((m) => delete m.body.facts),
        'body.facts: required: expected text of 1 to 20000 characters',
      );
      await refusedWith(
        changed((m) => delete m.header.urgency),
        'header.urgency: required: expected one of normal, urgent',
      );
      await refusedWith(
        changed((m) => delete m.body.subjects[0].last_name),
        'body.subjects.0.last_name: required: expected text of 1 to 100 characters',
      );
    });
  });

  describe('when a field has the wrong format', () => {
    const cases: Array<[string, (m: Mutable) => void, string]> = [
      [
        'birthdate',
        (m) => (m.body.subjects[0].birthdate = '1981-02-29'),
        'body.subjects.0.birthdate: expected a date YYYY-MM-DD',
      ],
      [
        'nationality',
        (m) => (m.body.subjects[0].nationality1 = 'nl'),
        'body.subjects.0.nationality1: expected an ISO 3166-1 alpha-2 country code such as NL',
      ],
      [
        'address country',
        (m) => (m.body.subjects[0].addresses[0].country_code = 'NLD'),
        'body.subjects.0.addresses.0.country_code: expected an ISO 3166-1 alpha-2 country code such as NL',
      ],
      [
        'swift',
        (m) => (m.body.subjects[2].swift = 'EXBK'),
        'body.subjects.2.swift: expected a SWIFT/BIC code of 8 or 11 capital letters and digits, such as EXBKNL2A',
      ],
      [
        'iban format',
        (m) => (m.body.subjects[2].iban = 'NL91 ABNA 0417 1643 00'),
        'body.subjects.2.iban: expected an IBAN in capitals without spaces, such as NL91ABNA0417164300',
      ],
      [
        'iban check digits',
        (m) => (m.body.subjects[2].iban = 'NL92ABNA0417164300'),
        'body.subjects.2.iban: expected an IBAN whose check digits are right',
      ],
      [
        'currency',
        (m) => (m.body.subjects[2].currency_code = 'euro'),
        'body.subjects.2.currency_code: expected an ISO 4217 currency code such as EUR',
      ],
      [
        'amount',
        (m) => (m.body.subjects[3].amount_local = '12,500.00'),
        'body.subjects.3.amount_local: expected a decimal amount such as 12500.00 (digits, optionally a point and up to 4 decimals)',
      ],
      [
        'amount as number',
        (m) => (m.body.subjects[3].amount_local = 12500),
        'body.subjects.3.amount_local: expected a decimal amount such as 12500.00 (digits, optionally a point and up to 4 decimals)',
      ],
      [
        'transaction date',
        (m) => (m.body.subjects[3].date_transaction = '15/01/2026'),
        'body.subjects.3.date_transaction: expected a date YYYY-MM-DD or an RFC 3339 date-time, such as 2026-01-01T09:30:00Z',
      ],
      [
        'id',
        (m) => (m.header.id = m.header.id.toUpperCase()),
        'header.id: expected a lower-case UUID such as 3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b',
      ],
      [
        'from',
        (m) => (m.header.from = 'fiu a'),
        'header.from: expected an FIU id: capital letters, digits and dashes, such as FIU-A',
      ],
      [
        'createdAt without ms',
        (m) => (m.header.createdAt = '2026-03-02T09:30:00Z'),
        'header.createdAt: expected an RFC 3339 UTC date-time with milliseconds, such as 2026-01-01T09:30:00.000Z',
      ],
      [
        'createdAt with offset',
        (m) => (m.header.createdAt = '2026-03-02T09:30:00.000+01:00'),
        'header.createdAt: expected an RFC 3339 UTC date-time with milliseconds, such as 2026-01-01T09:30:00.000Z',
      ],
      [
        'deadline',
        (m) => (m.header.deadline = 'next week'),
        'header.deadline: expected an RFC 3339 date-time, such as 2026-01-01T09:30:00Z',
      ],
      [
        'purpose',
        (m) => (m.header.purpose = 'tax'),
        'header.purpose: expected one of money_laundering, terrorist_financing, proliferation_financing, predicate_offence',
      ],
      ['urgency', (m) => (m.header.urgency = 'very'), 'header.urgency: expected one of normal, urgent'],
      [
        'subject kind',
        (m) => (m.body.subjects[1].kind = 'company'),
        'body.subjects.1.kind: expected a subject object whose kind is one of person, entity, account, transaction',
      ],
      [
        'subject not an object',
        (m) => (m.body.subjects[1] = 'Jane Example'),
        'body.subjects.1: expected a subject object whose kind is one of person, entity, account, transaction',
      ],
      [
        'director',
        (m) => (m.body.subjects[1].director_id = ['Jane Example']),
        'body.subjects.1.director_id.0: expected an object',
      ],
      [
        'control character',
        (m) => (m.body.subjects[0].first_name = 'Ja\u0000ne'),
        'body.subjects.0.first_name: expected text on one line, without control characters or lone surrogates',
      ],
      [
        'line break in a name',
        (m) => (m.body.subjects[0].last_name = 'Exa\nmple'),
        'body.subjects.0.last_name: expected text on one line, without control characters or lone surrogates',
      ],
      [
        'lone surrogate',
        (m) => (m.body.facts = 'facts \ud800 here'),
        'body.facts: expected text without control characters (other than tab and line breaks) or lone surrogates',
      ],
      [
        'blank text',
        (m) => (m.body.countryLink = '   '),
        'body.countryLink: expected text that is not blank',
      ],
      [
        'empty question',
        (m) => m.body.questions.push(''),
        'body.questions.2: expected text of 1 to 2000 characters',
      ],
    ];
    for (const [name, change, detail] of cases) {
      it(`refuses a bad ${name} and names the field`, () => refusedWith(changed(change), detail));
    }
  });

  describe('what an error detail contains', () => {
    it('never repeats the refused value', async () => {
      const err = await expectCode(
        () => validateMessage(changed((m) => (m.body.subjects[0].birthdate = 'SECRET-1980'))),
        'message.invalid',
      );
      expect(err.publicDetail).not.to.contain('SECRET');
      expect(err.message).not.to.contain('SECRET');
    });
  });
});
