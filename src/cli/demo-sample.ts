/** The demo's sample request for information; the same as docs/examples/rfi.json (a test keeps them equal). Fictional. */
export const SAMPLE_REQUEST = {
  purpose: 'money_laundering',
  dataCategories: ['identity', 'accounts', 'transactions', 'beneficial_ownership'],
  classification: 'restricted',
  urgency: 'normal',
  body: {
    subjects: [
      {
        kind: 'person',
        first_name: 'Jane',
        last_name: 'Example',
        birthdate: '1980-02-29',
        nationality1: 'NL',
        passport_number: 'XX0000000',
        passport_country: 'NL',
        occupation: 'company director (fictional sample)',
      },
      {
        kind: 'account',
        institution_name: 'Example Bank N.V. (fictional)',
        swift: 'EXBKNL2A',
        iban: 'NL91ABNA0417164300',
        currency_code: 'EUR',
      },
    ],
    facts:
      'Between March and May, 14 incoming transfers of just under EUR 10,000 each from three unrelated companies were received on the account and withdrawn in cash within days. The account holder is a director of a company registered in the requested country.',
    countryLink:
      'The remitting companies are registered in the requested country and the subject resides there part of the year.',
    intendedUse: 'Intelligence for the analysis of a suspicious transaction report; not for use as evidence.',
    questions: [
      'Is the subject known to your FIU (reports, previous requests)?',
      'Do you hold information on accounts held by the subject in your country?',
      'Are the remitting companies known to you, and who are their beneficial owners?',
    ],
  },
};

/** The demo's sample response; the same as docs/examples/response.json (a test keeps them equal). Fictional. */
export const SAMPLE_RESPONSE = {
  purpose: 'money_laundering',
  dataCategories: ['identity', 'accounts', 'report_existence'],
  classification: 'restricted',
  urgency: 'normal',
  body: {
    outcome: 'partial',
    subjects: [
      {
        kind: 'person',
        first_name: 'Jane',
        last_name: 'Example',
        birthdate: '1980-02-29',
        nationality1: 'NL',
      },
      {
        kind: 'account',
        institution_name: 'Example Bank N.V. (fictional)',
        swift: 'EXBKNL2A',
        iban: 'NL91ABNA0417164300',
        currency_code: 'EUR',
        status_code: 'active',
      },
    ],
    information:
      'The subject is known to us: two suspicious transaction reports in 2025 on cash deposits into the account above. We cannot yet answer the question on beneficial ownership; we will send a further response when the register has replied.',
    caveats: ['intelligence only, not evidence', 'do not contact the subject'],
    consentTerms:
      'No onward dissemination without our prior consent; ask through a consent request naming the recipient and the purpose.',
  },
};
