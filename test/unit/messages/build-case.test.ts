import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { canonicalJson } from '../../../src/crypto/canonical.js';
import {
  buildConsentDecision,
  buildConsentRequest,
  buildFeedback,
  buildRequest,
  buildResponse,
  buildSpontaneousDisclosure,
  CLASSIFICATIONS,
  CONSENT_REFUSAL_GROUNDS,
  DATA_CATEGORIES,
  DEFINED_MESSAGE_TYPES,
  FEEDBACK_USES,
  PURPOSES,
  RECIPIENT_KINDS,
  REFUSAL_REASONS,
  URGENCIES,
  USEFULNESS,
  validateMessage,
  type Message,
  type MessageType,
  type ReplyEnvelopeFields,
} from '../../../src/messages/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { SAMPLE_IDS, SAMPLE_IN_REPLY_TO, sampleInput } from '../../helpers/sample-message.js';

const all = { types: DEFINED_MESSAGE_TYPES };

/** The envelope of the sample message of `type`, as the gateway would set it from the case. */
function envelope(type: MessageType): ReplyEnvelopeFields {
  return {
    id: SAMPLE_IDS[type],
    from: 'FIU-B',
    to: 'FIU-A',
    createdAt: '2026-03-02T09:30:00.000Z',
    agreement: { id: 'MOU-FIU-A-FIU-B', version: 3 },
    inReplyTo: SAMPLE_IN_REPLY_TO[type] ?? SAMPLE_IDS.request,
  };
}

/** Builds a message of `type` with its builder. */
function buildOf(type: MessageType, input: unknown, fields: ReplyEnvelopeFields): Message {
  const { inReplyTo: _r, ...plain } = fields;
  switch (type) {
    case 'request':
      return buildRequest(input, plain);
    case 'response':
      return buildResponse(input, fields);
    case 'spontaneous_disclosure':
      return buildSpontaneousDisclosure(input, plain);
    case 'consent_request':
      return buildConsentRequest(input, fields);
    case 'consent_decision':
      return buildConsentDecision(input, fields);
    case 'feedback':
      return buildFeedback(input, fields);
  }
}

const EXAMPLES: Array<[Exclude<MessageType, 'request'>, string]> = [
  ['response', 'response.json'],
  ['spontaneous_disclosure', 'spontaneous-disclosure.json'],
  ['consent_request', 'consent-request.json'],
  ['consent_decision', 'consent-decision.json'],
  ['feedback', 'feedback.json'],
];

describe('the case message builders', () => {
  for (const type of DEFINED_MESSAGE_TYPES) {
    describe(`for a ${type}`, () => {
      it('sets the gateway header fields and keeps the operator fields and body', () => {
        const input = sampleInput(type);
        const fields = envelope(type);
        const m = buildOf(type, input, fields);
        const { body, ...chosen } = input;
        const { inReplyTo, ...plain } = fields;
        const linked = type !== 'request' && type !== 'spontaneous_disclosure';
        expect(m.header).to.deep.equal({ ...plain, ...(linked ? { inReplyTo } : {}), type, ...chosen });
        expect(m.body).to.deep.equal(body);
        expect(validateMessage(m, all)).to.deep.equal(m);
      });

      it('refuses an attempt to set the header', async () => {
        const err = await expectCode(
          () =>
            buildOf(
              type,
              { ...sampleInput(type), header: { inReplyTo: SAMPLE_IDS.request } },
              envelope(type),
            ),
          'message.invalid',
        );
        expect(err.publicDetail).to.equal('header: unknown field (not allowed here)');
      });

      it('names a bad operator field by its input path', async () => {
        const err = await expectCode(
          () => buildOf(type, { ...sampleInput(type), classification: 'top' }, envelope(type)),
          'message.invalid',
        );
        expect(err.publicDetail).to.equal(
          'classification: expected one of unclassified, restricted, confidential, secret',
        );
      });
    });
  }

  for (const [type, file] of EXAMPLES) {
    it(`accepts the documented example docs/examples/${file}`, () => {
      const example: unknown = JSON.parse(
        readFileSync(new URL(`../../../docs/examples/${file}`, import.meta.url), 'utf8'),
      );
      expect(buildOf(type, example, envelope(type)).header.type).to.equal(type);
    });
  }

  it('names a bad body field by its input path', async () => {
    const input = sampleInput('response');
    input.body.outcome = 'refused';
    const err = await expectCode(() => buildResponse(input, envelope('response')), 'message.invalid');
    expect(err.publicDetail).to.equal(
      'body.refusalReason: required: expected one of no_information, outside_agreement, legal_impediment, ongoing_investigation, insufficient_justification, other',
    );
  });

  it('refuses a consent request whose inReplyTo is not among the message ids, with the header path', async () => {
    const fields = { ...envelope('consent_request'), inReplyTo: SAMPLE_IDS.spontaneous_disclosure };
    const err = await expectCode(
      () => buildConsentRequest(sampleInput('consent_request'), fields),
      'message.invalid',
    );
    expect(err.publicDetail).to.equal(
      'body.information.messageIds: expected a list that includes header.inReplyTo',
    );
  });

  it('refuses an inReplyTo equal to the new id', async () => {
    const fields = { ...envelope('feedback'), inReplyTo: SAMPLE_IDS.feedback };
    const err = await expectCode(() => buildFeedback(sampleInput('feedback'), fields), 'message.invalid');
    expect(err.publicDetail).to.equal(
      'header.inReplyTo: expected the id of an earlier message, not the id of this one',
    );
  });
});

// Arbitraries: operator inputs of every case type, drawn from every code and optional field.
const some = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const words = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .filter((s) => /\S/.test(s) && ![...s].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f'));
const lines = fc.array(words, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));
const uuid = fc.uuid({ version: [4, 7] });
const subject = fc.oneof(
  fc.record({ kind: fc.constant('person'), first_name: words, last_name: words }),
  fc.record({ kind: fc.constant('entity'), name: words }),
  fc.record({ kind: fc.constant('account'), institution_name: words }),
);
/** Drops the members whose value is undefined (an absent optional field). */
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const purposeFields = fc
  .record({
    purpose: fc.constantFrom(...PURPOSES),
    dataCategories: some(DATA_CATEGORIES),
    classification: fc.constantFrom(...CLASSIFICATIONS),
    urgency: fc.constantFrom(...URGENCIES),
    deadline: opt(fc.constant('2026-04-01T00:00:00Z')),
  })
  .map((p) => defined({ ...p, predicateOffence: p.purpose === 'predicate_offence' ? 'fraud' : undefined }));

const information = fc
  .record({
    subjects: opt(fc.array(subject, { minLength: 1, maxLength: 3 })),
    information: opt(lines),
    caveats: opt(fc.array(lines, { minLength: 1, maxLength: 3 })),
    consentTerms: opt(lines),
  })
  .map((b) =>
    defined(b.subjects === undefined && b.information === undefined ? { ...b, information: 'x' } : b),
  );

const bodies: { [T in Exclude<MessageType, 'request'>]: fc.Arbitrary<unknown> } = {
  response: fc.oneof(
    fc.tuple(fc.constantFrom('full', 'partial'), information).map(([outcome, i]) => ({ outcome, ...i })),
    fc.record({ reason: fc.constantFrom(...REFUSAL_REASONS), detail: opt(lines) }).map(({ reason, detail }) =>
      defined({
        outcome: 'refused',
        refusalReason: reason,
        refusalDetail: reason === 'other' ? (detail ?? 'x') : detail,
      }),
    ),
  ),
  spontaneous_disclosure: fc.tuple(information, lines).map(([i, reason]) => ({ ...i, reason })),
  consent_request: fc
    .record({
      others: fc.uniqueArray(uuid, { maxLength: 3 }),
      description: lines,
      recipient: fc.record({ name: words, kind: fc.constantFrom(...RECIPIENT_KINDS) }),
      purpose: lines,
      legalBasis: opt(lines),
    })
    .map(({ others, description, ...rest }) =>
      defined({
        information: { messageIds: [...new Set([SAMPLE_IDS.response, ...others])], description },
        ...rest,
      }),
    ),
  consent_decision: fc.oneof(
    fc.constant({ decision: 'granted' }),
    fc.array(lines, { minLength: 1, maxLength: 3 }).map((conditions) => ({
      decision: 'granted_with_conditions',
      conditions,
    })),
    fc
      .record({ code: fc.constantFrom(...CONSENT_REFUSAL_GROUNDS), detail: opt(lines) })
      .map(({ code, detail }) => ({
        decision: 'refused',
        ground: defined({ code, detail: code === 'other' ? (detail ?? 'x') : detail }),
      })),
  ),
  feedback: fc
    .record({
      use: fc.oneof(fc.constant(['no_use']), some(FEEDBACK_USES.filter((u) => u !== 'no_use'))),
      usefulness: fc.constantFrom(...USEFULNESS),
      comments: opt(lines),
    })
    .map(defined),
};

describe('the case message builders (properties)', () => {
  for (const [type, bodyArb] of Object.entries(bodies) as Array<
    [Exclude<MessageType, 'request'>, fc.Arbitrary<unknown>]
  >) {
    it(`build a ${type} that validateMessage accepts and whose canonical JSON round-trips`, () => {
      fc.assert(
        fc.property(purposeFields, bodyArb, uuid, (chosen, body, id) => {
          fc.pre(id !== SAMPLE_IDS.response);
          const fields = { ...envelope(type), id, inReplyTo: SAMPLE_IDS.response };
          const m = buildOf(type, { ...chosen, body }, fields);
          expect(m.header.type).to.equal(type);
          expect(validateMessage(m, all)).to.deep.equal(m);
          const again: unknown = JSON.parse(canonicalJson(m));
          expect(again).to.deep.equal(m);
          expect(canonicalJson(validateMessage(again, all))).to.equal(canonicalJson(m));
        }),
        { numRuns: 60 },
      );
    });
  }
});
