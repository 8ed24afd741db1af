/**
 * Sample messages for tests. Every person, company, account and transaction here is fictional
 * ("Jane Example", "Example Trading Ltd"); the IBAN is the standard documentation example.
 */
import type { RequestMessage } from '../../src/messages/index.js';
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
