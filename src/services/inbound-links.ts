/**
 * What a received linked message does to the case it joins (docs/PROTOCOL.md 3.1.1): a response
 * answers it, a consent request records a consent asked of this gateway, a consent decision decides
 * the consent this gateway asked for; feedback only joins the case. Checked before the commit (a
 * refusal is logged as `message.refused`), applied inside it.
 */
import { GatewayError } from '../errors.js';
import type { LedgerEvent } from '../ledger/index.js';
import { isLinkedType, linkProblem, type ConsentDecisionMessage, type Message } from '../messages/index.js';
import type { Store, StoreTx } from '../store/index.js';

/** The case a received message joins, the ledger events it adds and the writes it makes. */
export interface InboundLink {
  caseId: string;
  /** Logged after `message.received`, by the partner as actor. */
  entries: LedgerEvent[];
  apply(tx: StoreTx): Promise<void>;
}

function refusal(code: 'exchange.unknown_reference' | 'exchange.invalid_state', detail: string) {
  return new GatewayError(code, detail, { publicDetail: detail });
}

/**
 * The link of `message` received from its `header.from`, or null for a message that opens a case.
 *
 * @throws GatewayError `exchange.unknown_reference` when `inReplyTo` names no message of the right type
 *   that this gateway sent to the sender (unknown, of another type, or exchanged with another partner:
 *   the refusal does not say which); `exchange.invalid_state` for a decision on a consent already decided.
 */
export async function linkInbound(store: Store, message: Message, now: Date): Promise<InboundLink | null> {
  const { type, inReplyTo, from, id } = message.header;
  if (!isLinkedType(type) || inReplyTo === undefined) return null;
  const referred = await store.findMessage('out', inReplyTo);
  const seen = referred && { type: referred.type, direction: referred.direction, partner: referred.toFiu };
  const problem = linkProblem(type, inReplyTo, seen, from, 'receiver');
  if (problem) throw refusal('exchange.unknown_reference', problem);
  const caseId = referred!.caseId;
  const consent = { consent: inReplyTo, case: caseId, partner: from } as const;
  switch (type) {
    case 'response':
      return { caseId, entries: [], apply: (tx) => tx.setCaseState(caseId, 'answered') };
    case 'feedback':
      return { caseId, entries: [], apply: async () => undefined };
    case 'consent_request':
      return {
        caseId,
        entries: [
          {
            event: 'consent.recorded',
            ...consent,
            consent: id,
            direction: 'in',
            state: 'pending',
            message: id,
          },
        ],
        apply: (tx) =>
          tx.insertConsent({
            consentId: id,
            direction: 'in',
            caseId,
            partner: from,
            state: 'pending',
            requestedAt: now.toISOString(),
            decisionMessageId: null,
            decidedAt: null,
          }),
      };
    case 'consent_decision': {
      const asked = await store.getConsent(inReplyTo);
      if (asked?.direction === 'out' && asked.state !== 'pending') {
        throw refusal('exchange.invalid_state', `consent request ${inReplyTo} was already decided`);
      }
      const state = (message as ConsentDecisionMessage).body.decision;
      const decided = { state, decisionMessageId: id, decidedAt: now.toISOString() };
      return {
        caseId,
        entries: [{ event: 'consent.recorded', ...consent, direction: 'out', state, message: id }],
        apply: (tx) => tx.decideConsent(inReplyTo, decided),
      };
    }
  }
}
