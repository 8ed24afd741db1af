/**
 * Case views for operators: one case with its messages (the inbox is case-reports.ts). Messages are
 * kept sealed at rest; they are opened here, for authorised roles only, and verified again on every
 * opening.
 */
import { openMessage, openOwnCopy, type KeyRing } from '../crypto/index.js';
import { GatewayError } from '../errors.js';
import type { Message } from '../messages/index.js';
import { CASE_ROLES } from '../policy/index.js';
import type { CaseRecord, MessageRecord, Store } from '../store/index.js';
import { requireRole, type Operator } from './authorize.js';
import type { Role } from '../config.js';

/** Roles that may see cases and read their messages. */
export const CASE_READERS: readonly Role[] = CASE_ROLES.read;

export interface CaseView {
  case: CaseRecord;
  messages: Array<{ record: MessageRecord; message: unknown }>;
}

export class CaseService {
  constructor(private readonly d: { self: string; store: Store; ring: KeyRing }) {}

  /** One case (either direction) with its messages opened and verified. */
  async show(op: Operator, caseId: string): Promise<CaseView> {
    requireRole(op, CASE_READERS, 'showing a case');
    const found = await this.d.store.getCase(caseId);
    if (!found) {
      throw new GatewayError('exchange.not_found', `no case ${caseId}`, {
        publicDetail: `no case ${caseId}`,
      });
    }
    const records = await this.d.store.messagesOfCase(caseId);
    const messages = [];
    for (const record of records) {
      messages.push({ record, message: await openStored(record, this.d.self, this.d.ring) });
    }
    return { case: found, messages };
  }
}

/**
 * Opens a stored message, or null for an outbound one without a local copy. An inbound one is opened as
 * it was received, with the keys valid at the time it was stored (so rotated keys keep old messages
 * readable); an outbound one from its local copy, which is sealed to this gateway's own key.
 */
export async function openStored(
  record: MessageRecord,
  self: string,
  ring: KeyRing,
): Promise<Message | null> {
  const at = new Date(record.storedAt);
  if (record.direction === 'in') {
    const opened = await openMessage(record.sealed, {
      self,
      tlsPeer: record.fromFiu,
      ring,
      now: at,
      maxBytes: Infinity,
    });
    return opened.message;
  }
  return record.localCopy ? openOwnCopy(record.localCopy, ring) : null;
}
