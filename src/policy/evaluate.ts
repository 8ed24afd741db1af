/**
 * The agreement evaluator: pure, no I/O. Given the agreement in force with a partner, a message (its
 * policy-relevant header fields) and the context (direction, time, usage so far), it decides whether
 * the agreement allows the message, why not if it does not (every broken rule, in a fixed order), and
 * what must happen if it does. docs/AGREEMENTS.md describes each rule.
 */
import {
  classificationRank,
  type AgreementRef,
  type Classification,
  type DataCategory,
  type MessageType,
  type Purpose,
  type Urgency,
} from '../messages/index.js';
import { normaliseOffence as normalise, type Agreement, type OnwardDissemination } from './agreement.js';
import { approvalRule } from './case-workflow.js';
import type { Decision, Obligation, Reason } from './decision.js';

/** From this gateway's side: a message it sends (`outgoing`) or receives (`incoming`). */
export type PolicyDirection = 'outgoing' | 'incoming';

/** The header fields of a message that agreements rule on. */
export interface PolicyMessage {
  type: MessageType;
  purpose: Purpose;
  predicateOffence?: string | undefined;
  dataCategories: readonly DataCategory[];
  classification: Classification;
  urgency: Urgency;
  /** The agreement the message is sent under (as its header says). */
  agreement: AgreementRef;
}

/** The agreement in force with a partner, and when its version came into force. */
export interface InForce {
  agreement: Agreement;
  /** RFC 3339: when this version was first applied at this gateway. */
  since: string;
  /** The version in force before this one, if any (accepted during the grace period). */
  previousVersion?: number | undefined;
}

/** What the evaluator knows besides the agreement and the message. */
export interface EvaluationContext {
  direction: PolicyDirection;
  /** The partner FIU: the recipient of an outgoing message, the sender of an incoming one. */
  partner: string;
  now: Date;
  /** Requests already exchanged with the partner in this direction: this UTC day and in the last 60 s. */
  usage: { today: number; lastMinute: number };
  /** For how long after a version change an incoming message under the previous version is accepted. */
  graceMs: number;
}

const DAY_MS = 86_400_000;
/** Disclosures: the message types that hand information over, which need approvals and carry caveats. */
const DISCLOSURES: readonly MessageType[] = ['response', 'spontaneous_disclosure'];

const addDays = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();

/** The caveat that the onward-dissemination rule attaches to a disclosure. */
export function disseminationCaveat(rule: OnwardDissemination): string {
  switch (rule.mode) {
    case 'forbidden':
      return 'no onward dissemination';
    case 'prior_consent':
      return 'no onward dissemination without the prior consent of the disclosing FIU';
    case 'allowed':
      return `onward dissemination allowed to ${rule.recipients.join(', ')}; to anyone else only with the prior consent of the disclosing FIU`;
  }
}

/** The status and validity window: nothing is allowed outside them. */
function standing(a: Agreement, now: Date): Reason[] {
  const out: Reason[] = [];
  const name = 'the agreement';
  if (a.status !== 'active') {
    out.push({
      code: a.status === 'suspended' ? 'policy.agreement_suspended' : 'policy.agreement_terminated',
      detail: `${name} is ${a.status}`,
    });
  }
  const t = now.getTime();
  if (t < Date.parse(a.validFrom)) {
    out.push({ code: 'policy.agreement_not_yet_valid', detail: `${name} is valid from ${a.validFrom}` });
  }
  if (t >= Date.parse(a.validUntil)) {
    out.push({ code: 'policy.agreement_expired', detail: `${name} expired at ${a.validUntil}` });
  }
  return out;
}

/** The message must name the agreement in force; an incoming one may name the previous version for a while. */
function version(inForce: InForce, m: PolicyMessage, ctx: EvaluationContext): Reason[] {
  const a = inForce.agreement;
  const ref = m.agreement;
  if (ref.id === a.id && ref.version === a.version) return [];
  const inGrace =
    ctx.direction === 'incoming' &&
    ref.id === a.id &&
    ref.version === inForce.previousVersion &&
    ctx.now.getTime() - Date.parse(inForce.since) < ctx.graceMs;
  if (inGrace) return [];
  return [
    {
      code: 'policy.agreement_mismatch',
      detail: `the message names agreement ${ref.id} version ${ref.version}; in force is ${a.id} version ${a.version}`,
    },
  ];
}

/** What the message is and asks for: type, purpose, offence, categories, classification. */
function content(a: Agreement, m: PolicyMessage, direction: PolicyDirection): Reason[] {
  const out: Reason[] = [];
  if (!a.messageTypes[direction].includes(m.type)) {
    out.push({ code: 'policy.type_not_allowed', detail: `${direction} ${m.type} messages are not covered` });
  }
  if (!a.purposes.includes(m.purpose)) {
    out.push({ code: 'policy.purpose_not_allowed', detail: `purpose ${m.purpose} is not covered` });
  } else if (m.purpose === 'predicate_offence' && a.predicateOffences !== undefined) {
    const offence = normalise(m.predicateOffence ?? '');
    if (!a.predicateOffences.some((o) => normalise(o) === offence)) {
      out.push({
        code: 'policy.offence_not_allowed',
        detail: 'the predicate offence is not among those covered',
      });
    }
  }
  const outside = m.dataCategories.filter((c) => !a.dataCategories.includes(c));
  if (outside.length > 0) {
    out.push({
      code: 'policy.category_not_allowed',
      detail: `data categories not covered: ${outside.join(', ')}`,
    });
  }
  if (classificationRank(m.classification) > classificationRank(a.maxClassification)) {
    out.push({
      code: 'policy.classification_too_high',
      detail: `classification ${m.classification} is above the agreed maximum ${a.maxClassification}`,
    });
  }
  return out;
}

/** Rate limits count requests for information, per partner and direction. */
function rate(a: Agreement, m: PolicyMessage, ctx: EvaluationContext): Reason[] {
  if (m.type !== 'request') return [];
  const out: Reason[] = [];
  const { requestsPerDay, burst } = a.rateLimits;
  if (ctx.usage.today >= requestsPerDay) {
    out.push({
      code: 'policy.daily_limit',
      detail: `${requestsPerDay} ${ctx.direction} requests per day reached`,
    });
  }
  if (ctx.usage.lastMinute >= burst) {
    out.push({
      code: 'policy.burst_limit',
      detail: `${burst} ${ctx.direction} requests within 60 seconds reached`,
    });
  }
  return out;
}

/** What an allowed message brings with it. */
function obligations(a: Agreement, m: PolicyMessage, ctx: EvaluationContext): Obligation[] {
  const out: Obligation[] = [];
  const approvals = ctx.direction === 'outgoing' ? approvalRule(a, m.type) : null;
  if (approvals) out.push({ kind: 'approvals', ...approvals });
  if (ctx.direction === 'outgoing' && DISCLOSURES.includes(m.type)) {
    out.push({ kind: 'caveat', text: disseminationCaveat(a.onwardDissemination) });
    for (const text of a.caveats) out.push({ kind: 'caveat', text });
  }
  if (ctx.direction === 'incoming' && m.type === 'request') {
    const days = m.urgency === 'urgent' ? a.deadlines.urgentDays : a.deadlines.normalDays;
    out.push({ kind: 'deadline', at: addDays(ctx.now, days) });
  }
  out.push({ kind: 'retain_until', at: addDays(ctx.now, a.retention.days) });
  return out;
}

/** The decision when no agreement is in force with `partner`: nothing is allowed. */
export function noAgreement(partner: string): Decision {
  return {
    allow: false,
    agreement: null,
    reasons: [{ code: 'policy.no_agreement', detail: `no sharing agreement is in force with ${partner}` }],
    obligations: [],
  };
}

/**
 * Whether an agreement is in force with `partner` at all: present, active and within its validity
 * window. A message committed earlier is checked again with this before every delivery attempt, so
 * nothing leaves under an agreement suspended, terminated or expired since.
 */
export function checkStanding(inForce: InForce | null, partner: string, now: Date): Reason[] {
  if (inForce === null) return noAgreement(partner).reasons;
  return standing(inForce.agreement, now);
}

/**
 * Decides whether the agreement in force with `ctx.partner` allows `message`. Every broken rule gives a
 * reason (in the order of docs/AGREEMENTS.md); the message is allowed only when there is none.
 */
export function evaluate(inForce: InForce | null, message: PolicyMessage, ctx: EvaluationContext): Decision {
  if (inForce === null) {
    return {
      allow: false,
      agreement: null,
      reasons: [
        { code: 'policy.no_agreement', detail: `no sharing agreement is in force with ${ctx.partner}` },
      ],
      obligations: [],
    };
  }
  const a = inForce.agreement;
  const reasons: Reason[] = [];
  if (a.partner !== ctx.partner) {
    reasons.push({ code: 'policy.partner_mismatch', detail: `agreement ${a.id} is with ${a.partner}` });
  }
  reasons.push(
    ...standing(a, ctx.now),
    ...version(inForce, message, ctx),
    ...content(a, message, ctx.direction),
    ...rate(a, message, ctx),
  );
  const allow = reasons.length === 0;
  return {
    allow,
    agreement: { id: a.id, version: a.version },
    reasons,
    obligations: allow ? obligations(a, message, ctx) : [],
  };
}
