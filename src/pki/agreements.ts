/**
 * Development sharing agreements: for every pair of FIUs of a dev PKI, the two mirrored copies of one
 * agreement (docs/AGREEMENTS.md), written by `fiugw pki init` and applied by the demo and the tests.
 * They are wide on purpose (every message type, purpose and data category) so that a fresh network
 * exchanges at once; real agreements are narrower.
 */
import { stringify } from 'yaml';
import { DATA_CATEGORIES, MESSAGE_TYPES, PURPOSES } from '../messages/index.js';
import type { Agreement } from '../policy/index.js';

/** The id of the development agreement between FIUs `a` and `b` (the same on both sides). */
export function devAgreementId(a: string, b: string): string {
  return `MOU-${[a, b].sort().join('-')}`;
}

/** The development agreement of `self` with `partner`, version 1, valid over `window`. */
export function devAgreement(
  self: string,
  partner: string,
  window: { notBefore: Date; notAfter: Date },
): Agreement {
  return {
    id: devAgreementId(self, partner),
    version: 1,
    partner,
    status: 'active',
    validFrom: window.notBefore.toISOString(),
    validUntil: window.notAfter.toISOString(),
    messageTypes: { outgoing: [...MESSAGE_TYPES], incoming: [...MESSAGE_TYPES] },
    purposes: [...PURPOSES],
    dataCategories: [...DATA_CATEGORIES],
    maxClassification: 'confidential',
    onwardDissemination: { mode: 'prior_consent' },
    caveats: ['intelligence only, not evidence'],
    deadlines: { normalDays: 30, urgentDays: 5 },
    rateLimits: { requestsPerDay: 1000, burst: 100 },
    approvals: { disclosures: 2, outgoingRequestsNeedSupervisor: false },
    retention: { days: 1825 },
  };
}

/** The agreement as the YAML file `pki init` writes, with a comment on where it comes from. */
export function renderAgreement(a: Agreement, self: string): string {
  return [
    `# DEVELOPMENT ONLY: the sharing agreement of ${self} with ${a.partner}, as ${self} keeps it`,
    `# (written by fiugw pki init). ${a.partner} keeps the mirrored copy, with the same id and version.`,
    `# Apply it with: fiugw agreements apply THIS_FILE --profile ${self}/operators/admin.profile.json`,
    '# Every field is explained in docs/AGREEMENTS.md.',
    stringify(a),
  ].join('\n');
}
