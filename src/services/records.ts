/**
 * Building the stored records of a message: the message row (sealed), its case, and the reference the
 * ledger keeps (ids and digest, never content).
 */
import { randomUUID } from 'node:crypto';
import type { MessageRef } from '../ledger/index.js';
import type { Message } from '../messages/index.js';
import type { CaseRecord, CaseState, Direction, MessageRecord } from '../store/index.js';

/** The ledger's reference to a message. */
export function refOf(message: Message, digest: string): MessageRef {
  const h = message.header;
  return { id: h.id, type: h.type, from: h.from, to: h.to, digest };
}

/** The stored row of a message, kept sealed exactly as it travelled. */
export function messageRecord(
  message: Message,
  fields: {
    direction: Direction;
    sealed: string;
    digest: string;
    caseId: string;
    status: string;
    ledgerIndex: number;
    storedAt: Date;
    localCopy?: string | null;
  },
): MessageRecord {
  const h = message.header;
  return {
    rowId: randomUUID(),
    direction: fields.direction,
    messageId: h.id,
    type: h.type,
    fromFiu: h.from,
    toFiu: h.to,
    createdAt: h.createdAt,
    digest: fields.digest,
    sealed: fields.sealed,
    caseId: fields.caseId,
    status: fields.status,
    receipt: null,
    ledgerIndex: fields.ledgerIndex,
    storedAt: fields.storedAt.toISOString(),
    localCopy: fields.localCopy ?? null,
  };
}

/** The case a request opens. */
export function caseOf(
  message: Message,
  fields: { caseId: string; direction: Direction; partner: string; state: CaseState; openedAt: Date },
): CaseRecord {
  const h = message.header;
  return {
    caseId: fields.caseId,
    direction: fields.direction,
    partner: fields.partner,
    state: fields.state,
    messageType: h.type,
    purpose: h.purpose,
    urgency: h.urgency,
    deadline: h.deadline ?? null,
    openedAt: fields.openedAt.toISOString(),
    messageId: h.id,
  };
}
