/**
 * Sample messages for tests. Every person, company, account and transaction here is fictional
 * ("Jane Example", "Example Trading Ltd"); the IBAN is the standard documentation example.
 */
import type { Message, MessageType, RequestMessage } from '../../src/messages/index.js';
import { devAgreementId } from '../../src/pki/agreements.js';

/** A fixed creation time, so that deadlines and key windows in tests are predictable. */
export const SAMPLE_CREATED_AT = '2026-03-02T09:30:00.000Z';

/** A fixed message id. */
export const SAMPLE_ID = '3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b';

/** What an analyst submits: purpose, urgency, deadline and a body with one subject of each kind. */
export function sampleRequestInput(): Record<string, unknown> & { body: Record<string, unknown> } {
  return {
    purpose: 'money_laundering',
    dataCategories: ['identity', 'accounts', 'transactions'],
    classification: 'restricted',
    urgency: 'urgent',
    deadline: '2026-03-16T17:00:00Z',
    body: {
      subjects: [
        {
          kind: 'person',
          first_name: 'Jane',
          middle_name: 'Q',
          last_name: 'Example',
          birthdate: '1980-02-29',
          nationality1: 'NL',
          passport_number: 'XX0000000',
          passport_country: 'NL',
          addresses: [
            {
              address_type: 'private',
              address: '1 Example Street',
              city: 'Exampleton',
              zip: '0000 XX',
              country_code: 'NL',
            },
          ],
          phones: [
            { tph_contact_type: 'private', tph_communication_type: 'mobile', tph_number: '+31 000 000 000' },
          ],
          occupation: 'company director (fictional sample)',
        },
        {
          kind: 'entity',
          name: 'Example Trading Ltd (fictional)',
          incorporation_number: 'EX-000000',
          incorporation_country_code: 'GB',
          business: 'wholesale of example goods',
          director_id: [{ first_name: 'Jane', last_name: 'Example' }],
        },
        {
          kind: 'account',
          institution_name: 'Example Bank N.V. (fictional)',
          swift: 'EXBKNL2A',
          iban: 'NL91ABNA0417164300',
          currency_code: 'EUR',
          signatory: [{ first_name: 'Jane', last_name: 'Example' }],
          status_code: 'active',
        },
        {
          kind: 'transaction',
          transactionnumber: 'TX-0001',
          date_transaction: '2026-01-15',
          amount_local: '9950.00',
          currency_code: 'EUR',
          transmode_code: 'wire',
          from_party: 'Example Trading Ltd (fictional)',
          to_party: 'Jane Example',
        },
      ],
      facts:
        'Between March and May, 14 incoming transfers of just under EUR 10,000 each were received\nand withdrawn in cash within days. All names are fictional.',
      countryLink: 'The remitting company is registered in the requested country.',
      intendedUse:
        'Intelligence for the analysis of a suspicious transaction report; not for use as evidence.',
      questions: [
        'Is the subject known to your FIU?',
        'Who are the beneficial owners of the remitting company?',
      ],
    },
  };
}

/** A complete, valid request from `from` to `to` (FIU-A to FIU-B by default); `header` overrides fields. */
export function sampleRequest(
  options: {
    from?: string;
    to?: string;
    id?: string;
    createdAt?: string;
    header?: Record<string, unknown>;
  } = {},
): RequestMessage {
  const { body, ...chosen } = sampleRequestInput();
  return {
    header: {
      id: options.id ?? SAMPLE_ID,
      type: 'request',
      from: options.from ?? 'FIU-A',
      to: options.to ?? 'FIU-B',
      createdAt: options.createdAt ?? SAMPLE_CREATED_AT,
      agreement: { id: devAgreementId(options.from ?? 'FIU-A', options.to ?? 'FIU-B'), version: 1 },
      ...chosen,
      ...options.header,
    },
    body,
  } as RequestMessage;
}

/** Loosely typed, so that tests can break a message in any way. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Breakable = Record<string, any>;

/** The sample request after `change` (which may make it invalid), as an untyped value to validate. */
export function sampleRequestWith(change: (m: Breakable) => void): unknown {
  const m = sampleRequest() as unknown as Breakable;
  change(m);
  return m;
}

/** Fixed ids of the sample case messages (the sample request is {@link SAMPLE_ID}). */
export const SAMPLE_IDS = {
  request: SAMPLE_ID,
  response: '5a1c9e2d-7b3f-4c8a-9d2e-1f3a5b7c9d0e',
  spontaneous_disclosure: '6b2d0f3e-8c4a-4d9b-8e3f-2a4b6c8d0e1f',
  consent_request: '7c3e1a4f-9d5b-4eac-9f4a-3b5c7d9e1f2a',
  consent_decision: '8d4f2b5a-ae6c-4fbd-a05b-4c6d8e0f2a3b',
  feedback: '9e5a3c6b-bf7d-4ace-b16c-5d7e9f1a3b4c',
} as const satisfies Record<MessageType, string>;

/** The earlier message each sample refers to (`header.inReplyTo`), or undefined. */
export const SAMPLE_IN_REPLY_TO: Record<MessageType, string | undefined> = {
  request: undefined,
  response: SAMPLE_IDS.request,
  spontaneous_disclosure: undefined,
  consent_request: SAMPLE_IDS.response,
  consent_decision: SAMPLE_IDS.consent_request,
  feedback: SAMPLE_IDS.response,
};

/** Who sends each sample type: FIU-A asks, consents are asked by and feedback given by FIU-A. */
const SAMPLE_SENDER: Record<MessageType, 'FIU-A' | 'FIU-B'> = {
  request: 'FIU-A',
  response: 'FIU-B',
  spontaneous_disclosure: 'FIU-B',
  consent_request: 'FIU-A',
  consent_decision: 'FIU-B',
  feedback: 'FIU-A',
};

/** The purpose fields of the sample case messages. */
function samplePurposeFields(): Record<string, unknown> {
  return {
    purpose: 'money_laundering',
    dataCategories: ['identity', 'accounts'],
    classification: 'restricted',
    urgency: 'normal',
  };
}

/** What a liaison officer submits for a full response (or a refusal, with `outcome: 'refused'`). */
export function sampleResponseInput(
  outcome: 'full' | 'partial' | 'refused' = 'full',
): Record<string, unknown> & { body: Record<string, unknown> } {
  const body =
    outcome === 'refused'
      ? { outcome, refusalReason: 'ongoing_investigation', refusalDetail: 'Ask again after 1 June.' }
      : {
          outcome,
          subjects: [
            { kind: 'person', first_name: 'Jane', last_name: 'Example', birthdate: '1980-02-29' },
            { kind: 'account', institution_name: 'Example Bank (fictional)', iban: 'NL91ABNA0417164300' },
          ],
          information: 'The subject is known: two suspicious transaction reports in 2025 (fictional sample).',
          caveats: ['intelligence only, not evidence'],
          consentTerms: 'No onward dissemination without the prior consent of FIU-B.',
        };
  return { ...samplePurposeFields(), body };
}

/** What a liaison officer submits for a spontaneous disclosure. */
export function sampleDisclosureInput(): Record<string, unknown> & { body: Record<string, unknown> } {
  return {
    ...samplePurposeFields(),
    body: {
      subjects: [
        { kind: 'entity', name: 'Example Trading Ltd (fictional)', incorporation_country_code: 'GB' },
      ],
      information: 'Repeated cash deposits just under the reporting threshold (fictional sample).',
      caveats: ['intelligence only, not evidence'],
      reason: 'The company sends most of its funds to accounts in your country.',
    },
  };
}

/** What an analyst submits for a consent request about the sample response. */
export function sampleConsentRequestInput(): Record<string, unknown> & { body: Record<string, unknown> } {
  return {
    ...samplePurposeFields(),
    body: {
      information: {
        messageIds: [SAMPLE_IDS.response],
        description: 'The account details and the two reports named in your response.',
      },
      recipient: { name: 'Example Public Prosecution Service (fictional)', kind: 'prosecutor' },
      purpose: 'Criminal investigation into the laundering of the proceeds of fraud.',
      legalBasis: 'Article 0 of the (fictional) Example Anti-Money Laundering Act.',
    },
  };
}

/** What a liaison officer submits for a consent decision (granted with conditions by default). */
export function sampleConsentDecisionInput(
  decision: 'granted' | 'granted_with_conditions' | 'refused' = 'granted_with_conditions',
): Record<string, unknown> & { body: Record<string, unknown> } {
  const body =
    decision === 'granted'
      ? { decision }
      : decision === 'granted_with_conditions'
        ? { decision, conditions: ['Intelligence only: not to be used as evidence in court.'] }
        : { decision, ground: { code: 'impairs_investigation' } };
  return { ...samplePurposeFields(), body };
}

/** What an analyst submits for feedback on the sample response. */
export function sampleFeedbackInput(): Record<string, unknown> & { body: Record<string, unknown> } {
  return {
    ...samplePurposeFields(),
    body: {
      use: ['analysis', 'dissemination_to_authority'],
      usefulness: 'very_useful',
      comments: 'The account details led to a report to the prosecutor.',
    },
  };
}

/** The operator input of the sample message of each type. */
export function sampleInput(type: MessageType): Record<string, unknown> & { body: Record<string, unknown> } {
  switch (type) {
    case 'request':
      return sampleRequestInput();
    case 'response':
      return sampleResponseInput();
    case 'spontaneous_disclosure':
      return sampleDisclosureInput();
    case 'consent_request':
      return sampleConsentRequestInput();
    case 'consent_decision':
      return sampleConsentDecisionInput();
    case 'feedback':
      return sampleFeedbackInput();
  }
}

/**
 * A complete, valid message of `type` (its header from {@link SAMPLE_SENDER}'s FIU to the other, with
 * the sample ids and `inReplyTo`); `body` replaces the sample body, `header` overrides header fields.
 * The request is {@link sampleRequest}.
 */
export function sampleMessage(
  type: MessageType,
  options: { header?: Record<string, unknown>; body?: Record<string, unknown> } = {},
): Message {
  if (type === 'request') {
    const m = sampleRequest({ header: options.header ?? {} });
    return (options.body === undefined ? m : { ...m, body: options.body }) as Message;
  }
  const from = SAMPLE_SENDER[type];
  const to = from === 'FIU-A' ? 'FIU-B' : 'FIU-A';
  const { body, ...chosen } = sampleInput(type);
  const inReplyTo = SAMPLE_IN_REPLY_TO[type];
  return {
    header: {
      id: SAMPLE_IDS[type],
      type,
      from,
      to,
      createdAt: SAMPLE_CREATED_AT,
      agreement: { id: devAgreementId(from, to), version: 1 },
      ...(inReplyTo === undefined ? {} : { inReplyTo }),
      ...chosen,
      ...options.header,
    },
    body: options.body ?? body,
  } as Message;
}

/** The sample message of `type` after `change` (which may make it invalid), as an untyped value. */
export function sampleMessageWith(type: MessageType, change: (m: Breakable) => void): unknown {
  const m = sampleMessage(type) as unknown as Breakable;
  change(m);
  return m;
}
