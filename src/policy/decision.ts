/**
 * What evaluating an agreement returns: a decision that is recorded whether it allows or refuses
 * (STYLE.md: decisions that must be logged return a value). Reason codes are stable: they travel to
 * partners in refusals and into both ledgers (docs/AGREEMENTS.md lists them).
 */
import type { ErrorCode } from '../errors.js';

/** Why a message is refused, one code per rule (each is also an error code in src/errors.ts). */
export const REASON_CODES = [
  'policy.no_agreement',
  'policy.partner_mismatch',
  'policy.agreement_suspended',
  'policy.agreement_terminated',
  'policy.agreement_not_yet_valid',
  'policy.agreement_expired',
  'policy.agreement_mismatch',
  'policy.type_not_allowed',
  'policy.purpose_not_allowed',
  'policy.offence_not_allowed',
  'policy.category_not_allowed',
  'policy.classification_too_high',
  'policy.daily_limit',
  'policy.burst_limit',
] as const satisfies readonly ErrorCode[];
export type ReasonCode = (typeof REASON_CODES)[number];

/** One broken rule: its code and a text for people (ids and names only, never message content). */
export interface Reason {
  code: ReasonCode;
  detail: string;
}

/** What must happen for an allowed message, as a tagged union on `kind`. */
export type Obligation =
  /** Approvals needed before the message leaves (`supervisor`: by someone with the supervisor role). */
  | { kind: 'approvals'; count: 1 | 2; supervisor: boolean }
  /** The answer to an incoming request is due by `at` (from the agreement and the urgency). */
  | { kind: 'deadline'; at: string }
  /** A handling caveat that travels with the information. */
  | { kind: 'caveat'; text: string }
  /** The message may be kept until `at`, and should be deleted after it. */
  | { kind: 'retain_until'; at: string };

/** The outcome of {@link evaluate}: allowed only when `reasons` is empty. */
export interface Decision {
  allow: boolean;
  /** The agreement and version the decision was taken under; null when there is none. */
  agreement: { id: string; version: number } | null;
  reasons: Reason[];
  /** Empty when refused. */
  obligations: Obligation[];
}
