/**
 * The benchmark's request: fictional subjects (like docs/examples/rfi.json) and a body padded to
 * exactly {@link BODY_BYTES} bytes of canonical JSON.
 */
import { canonicalJson } from '../src/crypto/index.js';

/** The size of the body of every benchmark request (canonical JSON, bytes). */
export const BODY_BYTES = 2048;

/** What an analyst submits; `facts` is padded so that the body is {@link BODY_BYTES} bytes. */
export function benchRequestInput(): Record<string, unknown> {
  const body = {
    subjects: [
      {
        kind: 'person',
        first_name: 'Jane',
        last_name: 'Example',
        birthdate: '1980-02-29',
        nationality1: 'NL',
        passport_number: 'XX0000000',
        passport_country: 'NL',
      },
      {
        kind: 'account',
        institution_name: 'Example Bank N.V. (fictional)',
        swift: 'EXBKNL2A',
        iban: 'NL91ABNA0417164300',
        currency_code: 'EUR',
      },
    ],
    facts: '',
    countryLink: 'The remitting company is registered in the requested country.',
    intendedUse: 'Intelligence for the analysis of a suspicious transaction report; not for evidence.',
    questions: ['Is the subject known to your FIU?'],
  };
  const base = Buffer.byteLength(canonicalJson(body), 'utf8');
  const sentence = 'Fourteen transfers of just under EUR 10,000 each were received and withdrawn in cash. ';
  body.facts = sentence.repeat(Math.ceil(BODY_BYTES / sentence.length)).slice(0, BODY_BYTES - base);
  return {
    purpose: 'money_laundering',
    dataCategories: ['identity', 'accounts'],
    classification: 'restricted',
    urgency: 'normal',
    deadline: '2099-01-01T00:00:00Z',
    body,
  };
}
