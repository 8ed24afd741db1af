import { expect } from 'chai';
import {
  DEFINED_MESSAGE_TYPES,
  LINKED_MESSAGE_TYPES,
  MESSAGE_TYPES,
  SUPPORTED_MESSAGE_TYPES,
  validateMessage,
  type MessageType,
} from '../../../src/messages/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import {
  SAMPLE_IDS,
  sampleConsentDecisionInput,
  sampleMessage,
  sampleMessageWith,
  sampleResponseInput,
} from '../../helpers/sample-message.js';

const all = { types: DEFINED_MESSAGE_TYPES };
const CASE_TYPES = DEFINED_MESSAGE_TYPES.filter((t) => t !== 'request');

/** Asserts that `value` is refused (all types accepted) as message.invalid with exactly `detail`. */
async function refusedWith(value: unknown, detail: string): Promise<void> {
  const err = await expectCode(() => validateMessage(value, all), 'message.invalid');
  expect(err.publicDetail).to.equal(detail);
}

describe('validateMessage: the message types', () => {
  it('defines every message type, and supports only request for now', () => {
    expect([...DEFINED_MESSAGE_TYPES]).to.deep.equal([...MESSAGE_TYPES]);
    expect([...SUPPORTED_MESSAGE_TYPES]).to.deep.equal([...MESSAGE_TYPES]);
  });

  describe('with the default types (what a receiver accepts: every type)', () => {
    for (const type of ['request', ...CASE_TYPES] as const) {
      it(`accepts a valid ${type}`, () => {
        expect(validateMessage(sampleMessage(type)).header.type).to.equal(type);
      });
    }
  });

  describe('with { types: DEFINED_MESSAGE_TYPES }', () => {
    for (const type of DEFINED_MESSAGE_TYPES) {
      it(`accepts the sample ${type} and returns an equal copy`, () => {
        const input = sampleMessage(type);
        const out = validateMessage(input, all);
        expect(out).to.deep.equal(input);
        expect(out).not.to.equal(input);
      });
    }
    it('accepts each response outcome and each consent decision', () => {
      for (const outcome of ['full', 'partial', 'refused'] as const) {
        const body = sampleResponseInput(outcome).body;
        expect(validateMessage(sampleMessage('response', { body }), all).body).to.deep.equal(body);
      }
      for (const decision of ['granted', 'granted_with_conditions', 'refused'] as const) {
        const body = sampleConsentDecisionInput(decision).body;
        expect(validateMessage(sampleMessage('consent_decision', { body }), all).body).to.deep.equal(body);
      }
    });
  });

  describe('with a narrower list of types', () => {
    it('refuses a defined and supported type that is not in the list', async () => {
      const err = await expectCode(
        () => validateMessage(sampleMessage('request'), { types: ['feedback'] }),
        'message.invalid',
      );
      expect(err.publicDetail).to.equal('header.type: request is not accepted here; expected feedback');
    });
    it('names every accepted type when it refuses', async () => {
      const err = await expectCode(
        () => validateMessage(sampleMessage('feedback'), { types: ['request', 'response'] }),
        'message.invalid',
      );
      expect(err.publicDetail).to.equal(
        'header.type: feedback is not accepted here; expected request, response',
      );
    });
    it('checks the common header before the type', () =>
      expectCode(
        () =>
          validateMessage(
            sampleMessageWith('feedback', (m) => (m.header.to = m.header.from)),
            { types: ['request'] },
          ),
        'message.invalid',
      ).then((err) =>
        expect(err.publicDetail).to.equal('header.to: expected an FIU other than header.from'),
      ));
  });
});

describe('validateMessage: header.inReplyTo', () => {
  for (const type of LINKED_MESSAGE_TYPES) {
    it(`is required in a ${type}`, () =>
      refusedWith(
        sampleMessageWith(type, (m) => delete m.header.inReplyTo),
        'header.inReplyTo: required: expected a lower-case UUID such as 3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b',
      ));
    it(`must be a message id in a ${type}`, () =>
      refusedWith(
        sampleMessageWith(type, (m) => (m.header.inReplyTo = 'the request of last week')),
        'header.inReplyTo: expected a lower-case UUID such as 3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b',
      ));
    it(`must not be the message's own id in a ${type}`, () =>
      refusedWith(
        sampleMessageWith(type, (m) => (m.header.inReplyTo = m.header.id)),
        'header.inReplyTo: expected the id of an earlier message, not the id of this one',
      ));
  }
  for (const type of ['request', 'spontaneous_disclosure'] as const satisfies MessageType[]) {
    it(`is refused in a ${type}`, () =>
      refusedWith(
        sampleMessageWith(type, (m) => (m.header.inReplyTo = SAMPLE_IDS.feedback)),
        'header.inReplyTo: expected no inReplyTo: a request or spontaneous_disclosure refers to no earlier message',
      ));
  }
  it('is refused in a request with the default types too', async () => {
    const err = await expectCode(
      () => validateMessage(sampleMessageWith('request', (m) => (m.header.inReplyTo = SAMPLE_IDS.feedback))),
      'message.invalid',
    );
    expect(err.publicDetail).to.match(/^header\.inReplyTo: expected no inReplyTo/);
  });
});
