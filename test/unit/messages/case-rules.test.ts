import { expect } from 'chai';
import { DEFINED_MESSAGE_TYPES, validateMessage, type MessageType } from '../../../src/messages/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import {
  SAMPLE_IDS,
  sampleConsentDecisionInput,
  sampleMessage,
  sampleResponseInput,
} from '../../helpers/sample-message.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Breakable = Record<string, any>;

/** The sample of `type` with `body` as its body, then `change`d. */
function changed(type: MessageType, change: (m: Breakable) => void, body?: Record<string, unknown>): unknown {
  const options = body === undefined ? {} : { body: structuredClone(body) };
  const m = sampleMessage(type, options) as unknown as Breakable;
  change(m);
  return m;
}

const refused = sampleResponseInput('refused').body;
const partial = sampleResponseInput('partial').body;
const granted = sampleConsentDecisionInput('granted').body;
const refusedConsent = sampleConsentDecisionInput('refused').body;

/** One change from a good case, and the exact detail of the refusal. */
type Case = [name: string, value: unknown, detail: string];

const cases: Record<string, Case[]> = {
  response: [
    [
      'an unknown outcome',
      changed('response', (m) => (m.body.outcome = 'maybe')),
      'body.outcome: expected one of full, partial, refused',
    ],
    [
      'no outcome',
      changed('response', (m) => delete m.body.outcome),
      'body.outcome: required: expected one of full, partial, refused',
    ],
    [
      'a full response without information',
      changed('response', (m) => {
        delete m.body.subjects;
        delete m.body.information;
      }),
      'body.information: required when outcome is full unless subjects are given: expected text of 1 to 50000 characters',
    ],
    [
      'a partial response without information',
      changed(
        'response',
        (m) => {
          delete m.body.subjects;
          delete m.body.information;
        },
        partial,
      ),
      'body.information: required when outcome is partial unless subjects are given: expected text of 1 to 50000 characters',
    ],
    [
      'a refusal without its reason',
      changed('response', (m) => delete m.body.refusalReason, refused),
      'body.refusalReason: required: expected one of no_information, outside_agreement, legal_impediment, ongoing_investigation, insufficient_justification, other',
    ],
    [
      'an unknown refusal reason',
      changed('response', (m) => (m.body.refusalReason = 'busy'), refused),
      'body.refusalReason: expected one of no_information, outside_agreement, legal_impediment, ongoing_investigation, insufficient_justification, other',
    ],
    [
      'a refusal for another reason without detail',
      changed(
        'response',
        (m) => {
          m.body.refusalReason = 'other';
          delete m.body.refusalDetail;
        },
        refused,
      ),
      'body.refusalDetail: required when refusalReason is other: expected text of 1 to 2000 characters',
    ],
    [
      'a refusal that carries information',
      changed('response', (m) => (m.body.information = 'x'), refused),
      'body.information: unknown field (not allowed here)',
    ],
    [
      'a full response with a refusal reason',
      changed('response', (m) => (m.body.refusalReason = 'other')),
      'body.refusalReason: unknown field (not allowed here)',
    ],
    [
      'an empty list of caveats',
      changed('response', (m) => (m.body.caveats = [])),
      'body.caveats: expected a list of 1 to 50 caveats',
    ],
    [
      'a blank caveat',
      changed('response', (m) => (m.body.caveats = [' '])),
      'body.caveats.0: expected text that is not blank',
    ],
    [
      'consent terms that are too long',
      changed('response', (m) => (m.body.consentTerms = 'x'.repeat(2_001))),
      'body.consentTerms: expected text of 1 to 2000 characters',
    ],
    [
      'information that is too long',
      changed('response', (m) => (m.body.information = 'x'.repeat(50_001))),
      'body.information: expected text of 1 to 50000 characters',
    ],
    [
      'a bad subject',
      changed('response', (m) => (m.body.subjects[1].iban = 'NL92ABNA0417164300')),
      'body.subjects.1.iban: expected an IBAN whose check digits are right',
    ],
    [
      'attachments (not defined in version 1)',
      changed('response', (m) => (m.body.documents = [])),
      'body.documents: unknown field (not allowed here)',
    ],
  ],
  spontaneous_disclosure: [
    [
      'no reason',
      changed('spontaneous_disclosure', (m) => delete m.body.reason),
      'body.reason: required: expected text of 1 to 5000 characters',
    ],
    [
      'no information',
      changed('spontaneous_disclosure', (m) => {
        delete m.body.subjects;
        delete m.body.information;
      }),
      'body.information: required in a spontaneous disclosure unless subjects are given: expected text of 1 to 50000 characters',
    ],
    [
      'an outcome',
      changed('spontaneous_disclosure', (m) => (m.body.outcome = 'full')),
      'body.outcome: unknown field (not allowed here)',
    ],
  ],
  consent_request: [
    [
      'no recipient',
      changed('consent_request', (m) => delete m.body.recipient),
      'body.recipient: required: expected an object',
    ],
    [
      'an unknown recipient kind',
      changed('consent_request', (m) => (m.body.recipient.kind = 'journalist')),
      'body.recipient.kind: expected one of police, prosecutor, tax_authority, customs, supervisor, other_fiu, other',
    ],
    [
      'a recipient without a name',
      changed('consent_request', (m) => delete m.body.recipient.name),
      'body.recipient.name: required: expected text of 1 to 200 characters',
    ],
    [
      'no purpose',
      changed('consent_request', (m) => delete m.body.purpose),
      'body.purpose: required: expected text of 1 to 2000 characters',
    ],
    [
      'a purpose code instead of text',
      changed('consent_request', (m) => (m.body.purpose = 7)),
      'body.purpose: expected text of 1 to 2000 characters',
    ],
    [
      'no description of the information',
      changed('consent_request', (m) => delete m.body.information.description),
      'body.information.description: required: expected text of 1 to 2000 characters',
    ],
    [
      'no message ids',
      changed('consent_request', (m) => (m.body.information.messageIds = [])),
      'body.information.messageIds: expected a list of 1 to 20 message ids',
    ],
    [
      'a bad message id',
      changed('consent_request', (m) => m.body.information.messageIds.push('last week')),
      'body.information.messageIds.1: expected a lower-case UUID such as 3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b',
    ],
    [
      'a message id twice',
      changed('consent_request', (m) => m.body.information.messageIds.push(SAMPLE_IDS.response)),
      'body.information.messageIds: expected each of the message ids at most once',
    ],
    [
      'message ids without header.inReplyTo',
      changed(
        'consent_request',
        (m) => (m.body.information.messageIds = [SAMPLE_IDS.spontaneous_disclosure]),
      ),
      'body.information.messageIds: expected a list that includes header.inReplyTo',
    ],
  ],
  consent_decision: [
    [
      'an unknown decision',
      changed('consent_decision', (m) => (m.body.decision = 'perhaps')),
      'body.decision: expected one of granted, granted_with_conditions, refused',
    ],
    [
      'conditions missing',
      changed('consent_decision', (m) => delete m.body.conditions),
      'body.conditions: required: expected a list of 1 to 20 conditions',
    ],
    [
      'an empty list of conditions',
      changed('consent_decision', (m) => (m.body.conditions = [])),
      'body.conditions: expected a list of 1 to 20 conditions',
    ],
    [
      'conditions on a plain grant',
      changed('consent_decision', (m) => (m.body.conditions = ['x']), granted),
      'body.conditions: unknown field (not allowed here)',
    ],
    [
      'a refusal without ground',
      changed('consent_decision', (m) => delete m.body.ground, refusedConsent),
      'body.ground: required: expected an object',
    ],
    [
      'an unknown ground',
      changed('consent_decision', (m) => (m.body.ground.code = 'no'), refusedConsent),
      'body.ground.code: expected one of outside_scope, impairs_investigation, disproportionate, contrary_to_national_law, insufficient_justification, other',
    ],
    [
      'another ground without detail',
      changed('consent_decision', (m) => (m.body.ground.code = 'other'), refusedConsent),
      'body.ground.detail: required when ground.code is other: expected text of 1 to 2000 characters',
    ],
    [
      'a ground on a grant',
      changed('consent_decision', (m) => (m.body.ground = { code: 'other' }), granted),
      'body.ground: unknown field (not allowed here)',
    ],
  ],
  feedback: [
    ['no use', changed('feedback', (m) => (m.body.use = [])), 'body.use: expected a list of 1 to 7 uses'],
    [
      'an unknown use',
      changed('feedback', (m) => m.body.use.push('gossip')),
      'body.use.2: expected one of analysis, dissemination_to_authority, investigation, prosecution, asset_freezing, no_use, other',
    ],
    [
      'a use twice',
      changed('feedback', (m) => m.body.use.push('analysis')),
      'body.use: expected each of the uses at most once',
    ],
    [
      'no_use with another use',
      changed('feedback', (m) => m.body.use.push('no_use')),
      'body.use: expected no_use alone, or other uses without no_use',
    ],
    [
      'usefulness as a number',
      changed('feedback', (m) => (m.body.usefulness = 5)),
      'body.usefulness: expected one of very_useful, useful, somewhat_useful, not_useful',
    ],
    [
      'no usefulness',
      changed('feedback', (m) => delete m.body.usefulness),
      'body.usefulness: required: expected one of very_useful, useful, somewhat_useful, not_useful',
    ],
    [
      'comments that are too long',
      changed('feedback', (m) => (m.body.comments = 'x'.repeat(5_001))),
      'body.comments: expected text of 1 to 5000 characters',
    ],
  ],
};

describe('validateMessage: the case message bodies', () => {
  for (const [type, list] of Object.entries(cases)) {
    describe(`a ${type}`, () => {
      for (const [name, value, detail] of list) {
        it(`refuses ${name}, naming the field`, async () => {
          const err = await expectCode(
            () => validateMessage(value, { types: DEFINED_MESSAGE_TYPES }),
            'message.invalid',
          );
          expect(err.publicDetail).to.equal(detail);
        });
      }
    });
  }

  it('accepts no_use alone, and a response with subjects only or information only', () => {
    const all = { types: DEFINED_MESSAGE_TYPES };
    expect(() =>
      validateMessage(
        changed('feedback', (m) => (m.body.use = ['no_use'])),
        all,
      ),
    ).not.to.throw();
    expect(() =>
      validateMessage(
        changed('response', (m) => delete m.body.information),
        all,
      ),
    ).not.to.throw();
    expect(() =>
      validateMessage(
        changed('response', (m) => delete m.body.subjects),
        all,
      ),
    ).not.to.throw();
  });

  it('never repeats the refused value', async () => {
    const err = await expectCode(
      () =>
        validateMessage(
          changed('consent_request', (m) => (m.body.recipient.kind = 'SECRET-RECIPIENT')),
          { types: DEFINED_MESSAGE_TYPES },
        ),
      'message.invalid',
    );
    expect(err.publicDetail).not.to.contain('SECRET');
    expect(err.message).not.to.contain('SECRET');
  });
});
