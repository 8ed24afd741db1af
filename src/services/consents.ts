/**
 * Consent (DOMAIN.md rule 3, the third-party rule): asking the FIU that provided information for
 * consent to pass it to a named recipient for a purpose (a consent request replying to the message
 * that gave the information), and deciding on a consent request a partner sent (a consent decision).
 * Both are recorded in `consents` and logged (`consent.recorded`) in the same commit as the message;
 * the decisions received are recorded by the inbound side (inbound-links.ts).
 *
 * Roles: asking needs analyst or liaison; deciding needs liaison or supervisor.
 */
import type { KeyRing } from '../crypto/index.js';
import { GatewayError } from '../errors.js';
import type { ConsentDecisionKind, ConsentRefusalGround, RecipientKind } from '../messages/index.js';
import type { Role } from '../config.js';
import type { Store } from '../store/index.js';
import { requireRole, type Operator } from './authorize.js';
import type { CaseMessageService } from './case-messages.js';
import { purposeOf, receivedInCase, requireCase } from './referred.js';
import type { SubmitResult } from './sender.js';

/** Roles that may ask a partner for consent. */
export const CONSENT_ASKERS: readonly Role[] = ['analyst', 'liaison'];
/** Roles that may decide on a partner's consent request. */
export const CONSENT_DECIDERS: readonly Role[] = ['liaison', 'supervisor'];

/** What an operator asks consent for. */
export interface ConsentAsk {
  caseId: string;
  /** The received response or spontaneous disclosure whose information is to be passed on. */
  messageId: string;
  /** What of that information, in words. */
  description: string;
  recipient: { name: string; kind: RecipientKind };
  purpose: string;
  legalBasis?: string | undefined;
}

/** An operator's decision on a consent request. */
export type ConsentAnswer =
  | { decision: Extract<ConsentDecisionKind, 'granted'> }
  | { decision: 'granted_with_conditions'; conditions: string[] }
  | { decision: 'refused'; ground: { code: ConsentRefusalGround; detail?: string | undefined } };

interface Deps {
  self: string;
  store: Store;
  ring: KeyRing;
  caseMessages: Pick<CaseMessageService, 'submitCaseMessage'>;
  clock: () => Date;
}

export class ConsentService {
  constructor(private readonly d: Deps) {}

  /** Sends a consent request to the partner of the case; its id is the consent's id. */
  async ask(op: Operator, a: ConsentAsk): Promise<SubmitResult> {
    requireRole(op, CONSENT_ASKERS, 'asking for consent');
    const c = await requireCase(this.d.store, a.caseId);
    const given = await receivedInCase(this.d, c, a.messageId, ['response', 'spontaneous_disclosure']);
    const body = {
      information: { messageIds: [a.messageId], description: a.description },
      recipient: a.recipient,
      purpose: a.purpose,
      ...(a.legalBasis === undefined ? {} : { legalBasis: a.legalBasis }),
    };
    const at = () => this.d.clock().toISOString();
    return this.d.caseMessages.submitCaseMessage(op, {
      type: 'consent_request',
      to: c.partner,
      caseId: c.caseId,
      inReplyTo: a.messageId,
      input: { ...purposeOf(given), body },
      extraEntries: (m) => [
        {
          event: 'consent.recorded',
          consent: m.header.id,
          case: c.caseId,
          partner: c.partner,
          direction: 'out',
          state: 'pending',
          message: m.header.id,
        },
      ],
      work: (tx, m) =>
        tx.insertConsent({
          consentId: m.header.id,
          direction: 'out',
          caseId: c.caseId,
          partner: c.partner,
          state: 'pending',
          requestedAt: at(),
          decisionMessageId: null,
          decidedAt: null,
        }),
    });
  }

  /** Sends the decision on the consent request `consentId` that a partner sent. */
  async decide(op: Operator, consentId: string, answer: ConsentAnswer): Promise<SubmitResult> {
    requireRole(op, CONSENT_DECIDERS, 'deciding on a consent request');
    const consent = await this.d.store.getConsent(consentId);
    if (consent?.direction !== 'in') {
      const detail = `no consent request ${consentId} received from a partner`;
      throw new GatewayError('exchange.not_found', detail, { publicDetail: detail });
    }
    if (consent.state !== 'pending') {
      const detail = `consent request ${consentId} was already decided (${consent.state})`;
      throw new GatewayError('exchange.invalid_state', detail, { publicDetail: detail });
    }
    const c = await requireCase(this.d.store, consent.caseId);
    const asked = await receivedInCase(this.d, c, consentId, ['consent_request']);
    return this.d.caseMessages.submitCaseMessage(op, {
      type: 'consent_decision',
      to: c.partner,
      caseId: c.caseId,
      inReplyTo: consentId,
      input: { ...purposeOf(asked), body: answer },
      extraEntries: (m) => [
        {
          event: 'consent.recorded',
          consent: consentId,
          case: c.caseId,
          partner: c.partner,
          direction: 'in',
          state: answer.decision,
          message: m.header.id,
        },
      ],
      work: (tx, m) =>
        tx.decideConsent(consentId, {
          state: answer.decision,
          decisionMessageId: m.header.id,
          decidedAt: this.d.clock().toISOString(),
        }),
    });
  }
}
