/**
 * The onward-dissemination guard (DOMAIN.md rule 3, the third-party rule): pure, no I/O. May
 * information that a partner FIU provided in a case be handed to a domestic recipient for a purpose?
 * Yes when the agreement in force with that partner names the recipient among those it allows, or
 * when the partner granted a matching consent (same case, every message handed over among those the
 * consent names, same recipient, same purpose); its conditions then travel with the information.
 * Otherwise no, with a stable reason code.
 */
import type { AgreementRef } from '../messages/index.js';
import type { OnwardDissemination } from './agreement.js';

/** What an operator asks to hand over. */
export interface OnwardRequest {
  caseId: string;
  /** The provider FIU. */
  partner: string;
  /** The ids of the received messages whose information is handed over (at least one). */
  messageIds: readonly string[];
  /** The domestic recipient, by name. */
  recipient: string;
  /** The purpose of the onward use, in words. */
  purpose: string;
}

/** A consent this gateway asked the provider for, with its terms (from the sealed messages). */
export interface ConsentTerms {
  consentId: string;
  caseId: string;
  partner: string;
  messageIds: readonly string[];
  recipient: string;
  purpose: string;
  state: 'pending' | 'granted' | 'granted_with_conditions' | 'refused';
  /** The provider's conditions (granted_with_conditions); empty otherwise. */
  conditions: readonly string[];
}

/** The rule of the agreement in force with the provider, or null when none is in force. */
export interface OnwardRule {
  agreement: AgreementRef;
  rule: OnwardDissemination;
}

/** The stable reasons for refusing to hand information over. */
export const ONWARD_REFUSALS = [
  'onward.consent_required',
  'onward.consent_pending',
  'onward.consent_refused',
] as const;
export type OnwardRefusal = (typeof ONWARD_REFUSALS)[number];

/** The guard's answer. */
export type OnwardDecision =
  | { allow: true; basis: 'agreement'; agreement: AgreementRef }
  | { allow: true; basis: 'consent'; consentId: string; conditions: readonly string[] }
  | { allow: false; reason: OnwardRefusal; detail: string; consentId?: string };

/** Names and purposes compare without regard to case, surrounding space or runs of space. */
export function normaliseTerm(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** Whether consent `c` is about exactly what `req` asks to hand over. */
function matches(c: ConsentTerms, req: OnwardRequest): boolean {
  return (
    c.caseId === req.caseId &&
    c.partner === req.partner &&
    req.messageIds.length > 0 &&
    req.messageIds.every((id) => c.messageIds.includes(id)) &&
    normaliseTerm(c.recipient) === normaliseTerm(req.recipient) &&
    normaliseTerm(c.purpose) === normaliseTerm(req.purpose)
  );
}

/** Whether the agreement lets the recipient receive without asking first. */
function agreementAllows(rule: OnwardRule | null, recipient: string): boolean {
  if (rule === null || rule.rule.mode !== 'allowed') return false;
  const wanted = normaliseTerm(recipient);
  return rule.rule.recipients.some((r) => normaliseTerm(r) === wanted);
}

/**
 * Decides whether `req` may be handed over. In order: the agreement allows the recipient; a matching
 * consent was granted (the earliest; with its conditions); a matching consent is still pending; one
 * was refused; else no consent matches.
 */
export function decideOnward(
  rule: OnwardRule | null,
  req: OnwardRequest,
  consents: readonly ConsentTerms[],
): OnwardDecision {
  if (rule !== null && agreementAllows(rule, req.recipient)) {
    return { allow: true, basis: 'agreement', agreement: rule.agreement };
  }
  const matching = consents.filter((c) => matches(c, req));
  const granted = matching.find((c) => c.state === 'granted' || c.state === 'granted_with_conditions');
  if (granted)
    return { allow: true, basis: 'consent', consentId: granted.consentId, conditions: granted.conditions };
  const pending = matching.find((c) => c.state === 'pending');
  if (pending) {
    return {
      allow: false,
      reason: 'onward.consent_pending',
      detail: `consent request ${pending.consentId} for this recipient and purpose is not decided yet`,
      consentId: pending.consentId,
    };
  }
  const refused = matching.find((c) => c.state === 'refused');
  if (refused) {
    return {
      allow: false,
      reason: 'onward.consent_refused',
      detail: `${req.partner} refused consent request ${refused.consentId} for this recipient and purpose`,
      consentId: refused.consentId,
    };
  }
  const why =
    rule === null
      ? `no agreement is in force with ${req.partner}`
      : `agreement ${rule.agreement.id} version ${rule.agreement.version} (onward dissemination: ${rule.rule.mode}) does not allow this recipient`;
  return {
    allow: false,
    reason: 'onward.consent_required',
    detail: `${why}, and ${req.partner} granted no consent for this information, recipient and purpose`,
  };
}
