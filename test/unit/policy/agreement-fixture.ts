/**
 * Test fixtures for sharing agreements: a full valid agreement document (FIU-A's copy of its agreement
 * with FIU-B), a good message under it, and a context in which evaluating it allows it. Each test changes
 * one thing of these (STYLE.md: negative tests change one thing of a good case).
 */
import { expect } from 'chai';
import {
  evaluate,
  type Agreement,
  type Decision,
  type EvaluationContext,
  type InForce,
  type PolicyMessage,
  type ReasonCode,
} from '../../../src/policy/index.js';

/** The agreement document as an administrator writes it (every field set, nothing defaulted). */
export function agreementDoc(): Agreement {
  return {
    id: 'MOU-FIU-A-FIU-B',
    version: 3,
    partner: 'FIU-B',
    status: 'active',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2030-12-31T23:59:59Z',
    messageTypes: {
      outgoing: ['request', 'response', 'spontaneous_disclosure', 'feedback'],
      incoming: ['request', 'response', 'consent_request'],
    },
    purposes: ['money_laundering', 'terrorist_financing', 'predicate_offence'],
    predicateOffences: ['fraud', 'Drug trafficking'],
    dataCategories: ['identity', 'accounts', 'transactions', 'report_existence'],
    maxClassification: 'confidential',
    onwardDissemination: { mode: 'prior_consent' },
    caveats: ['intelligence only, not evidence'],
    deadlines: { normalDays: 30, urgentDays: 5 },
    rateLimits: { requestsPerDay: 100, burst: 10 },
    approvals: { disclosures: 2, outgoingRequestsNeedSupervisor: false },
    retention: { days: 1825 },
  };
}

/** `agreementDoc()` as a loosely typed record, changed by `change` (for refusals of bad documents). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function agreementDocWith(change: (doc: any) => void): unknown {
  const doc: unknown = agreementDoc();
  change(doc);
  return doc;
}

/** A valid agreement, changed by `change`. */
export function agreementWith(change: (a: Agreement) => void): Agreement {
  const a = agreementDoc();
  change(a);
  return a;
}

/** When the version in force was applied here. */
export const SINCE = '2026-03-01T00:00:00.000Z';
/** The time of the good case: within the validity window and well after {@link SINCE}. */
export const NOW = new Date('2026-06-15T12:00:00.000Z');
export const GRACE_MS = 24 * 3_600_000;

/** The agreement in force, with an earlier version 2 before it. */
export function inForceWith(change: (a: Agreement) => void = () => undefined): InForce {
  return { agreement: agreementWith(change), since: SINCE, previousVersion: 2 };
}

/** A request for information from FIU-A's analyst, allowed by {@link agreementDoc}. */
export function message(overrides: Partial<PolicyMessage> = {}): PolicyMessage {
  return {
    type: 'request',
    purpose: 'money_laundering',
    dataCategories: ['identity', 'accounts'],
    classification: 'restricted',
    urgency: 'normal',
    agreement: { id: 'MOU-FIU-A-FIU-B', version: 3 },
    ...overrides,
  };
}

/** The good context: outgoing to FIU-B at {@link NOW}, no requests so far. */
export function context(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    direction: 'outgoing',
    partner: 'FIU-B',
    now: NOW,
    usage: { today: 0, lastMinute: 0 },
    graceMs: GRACE_MS,
    ...overrides,
  };
}

/** Evaluates the good case with one thing changed. */
export function decide(
  change: {
    agreement?: (a: Agreement) => void;
    message?: Partial<PolicyMessage>;
    context?: Partial<EvaluationContext>;
  } = {},
): Decision {
  return evaluate(inForceWith(change.agreement), message(change.message), context(change.context));
}

/** Asserts that the decision allows the message (showing the reasons if it does not). */
export function expectAllowed(d: Decision): void {
  expect(d.reasons, JSON.stringify(d.reasons)).to.deep.equal([]);
  expect(d.allow).to.equal(true);
}

/** Asserts a refusal with exactly these reason codes, in this order, and no obligations. */
export function expectRefused(d: Decision, ...codes: ReasonCode[]): void {
  expect(d.allow).to.equal(false);
  expect(d.reasons.map((r) => r.code)).to.deep.equal(codes);
  expect(d.obligations).to.deep.equal([]);
}

/** `iso` plus `deltaMs`, as a Date. */
export const at = (iso: string, deltaMs = 0) => new Date(Date.parse(iso) + deltaMs);
/** The agreement in force in the good case. */
export const REF = { id: 'MOU-FIU-A-FIU-B', version: 3 };
/** The retention obligation of the good case. */
export const RETAIN = { kind: 'retain_until', at: '2031-06-14T12:00:00.000Z' } as const; // NOW + 1825 days
