/**
 * The received message a consent request, consent decision or feedback refers to: looked up in the
 * case, opened, and its purpose fields copied, so that the reply keeps the purpose of the exchange it
 * belongs to (use limitation, DOMAIN.md rule 2; docs/PROTOCOL.md 3.1).
 */
import type { KeyRing } from '../crypto/index.js';
import { GatewayError } from '../errors.js';
import type { Message, MessageType } from '../messages/index.js';
import type { CaseRecord, Store } from '../store/index.js';
import { openStored } from './cases.js';

/** The purpose fields of a header, as an operator's input carries them. */
export type PurposeFields = Pick<
  Message['header'],
  'purpose' | 'predicateOffence' | 'dataCategories' | 'classification' | 'urgency'
>;

/** The case `caseId`, or `exchange.not_found`. */
export async function requireCase(store: Store, caseId: string): Promise<CaseRecord> {
  const found = await store.getCase(caseId);
  if (!found)
    throw new GatewayError('exchange.not_found', `no case ${caseId}`, { publicDetail: `no case ${caseId}` });
  return found;
}

/**
 * The message `messageId` received from the partner of case `c`, in that case, of one of `types`, opened;
 * else `exchange.unknown_reference`.
 */
export async function receivedInCase(
  d: { store: Store; self: string; ring: KeyRing },
  c: CaseRecord,
  messageId: string,
  types: readonly MessageType[],
): Promise<Message> {
  const record = await d.store.findInbound(c.partner, messageId);
  if (!record || record.caseId !== c.caseId || !types.includes(record.type as MessageType)) {
    const what = types.map((t) => t.replaceAll('_', ' ')).join(' or ');
    const detail = `case ${c.caseId} holds no ${what} ${messageId} received from ${c.partner}`;
    throw new GatewayError('exchange.unknown_reference', detail, { publicDetail: detail });
  }
  return (await openStored(record, d.self, d.ring))!;
}

/** The purpose fields of `message`'s header. */
export function purposeOf(message: Message): PurposeFields {
  const { purpose, predicateOffence, dataCategories, classification, urgency } = message.header;
  return {
    purpose,
    ...(predicateOffence === undefined ? {} : { predicateOffence }),
    dataCategories,
    classification,
    urgency,
  };
}
