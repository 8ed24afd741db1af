/**
 * Which message a linked message may refer to (docs/PROTOCOL.md 3.1.1): pure rules that both ends
 * apply to the message named by `header.inReplyTo`. The referenced message was always sent by the
 * linked message's recipient to its sender, so at the sender it is an inbound message from the
 * partner, and at the receiver an outbound message to that partner.
 */
import type { MessageType } from './schema.js';

/** A message type that carries `inReplyTo`. */
export type LinkedType = 'response' | 'consent_request' | 'consent_decision' | 'feedback';

/** For each linked type, the types of the message it may refer to. */
export const REFERRED_TYPES: Readonly<Record<LinkedType, readonly MessageType[]>> = {
  response: ['request'],
  consent_request: ['response', 'spontaneous_disclosure'],
  consent_decision: ['consent_request'],
  feedback: ['response', 'spontaneous_disclosure'],
};

/** True for the types that must carry `inReplyTo`. */
export function isLinkedType(type: string): type is LinkedType {
  return Object.hasOwn(REFERRED_TYPES, type);
}

/** The stored message that `inReplyTo` names, as far as the rules need it. */
export interface ReferredMessage {
  type: string;
  /** `in`: received from `partner`; `out`: sent to `partner`. */
  direction: 'in' | 'out';
  partner: string;
}

/**
 * Why `referred` cannot be what a `type` message exchanged with `partner` refers to, or null when it
 * can. `side` is where the check runs: the `sender` of the linked message (the referenced message came
 * in from the partner) or its `receiver` (it went out to the partner). An unknown message, one
 * exchanged with another partner and one of another type all give the same kind of answer, so a
 * partner learns nothing about messages exchanged with others.
 */
export function linkProblem(
  type: LinkedType,
  inReplyTo: string,
  referred: ReferredMessage | null,
  partner: string,
  side: 'sender' | 'receiver',
): string | null {
  const direction = side === 'sender' ? 'in' : 'out';
  const allowed = REFERRED_TYPES[type];
  const ok =
    referred !== null &&
    referred.direction === direction &&
    referred.partner === partner &&
    allowed.includes(referred.type as MessageType);
  if (ok) return null;
  const what = allowed.map((t) => t.replaceAll('_', ' ')).join(' or ');
  const between = side === 'sender' ? `received from ${partner}` : `sent to ${partner}`;
  return `inReplyTo ${inReplyTo} names no ${what} ${between}`;
}
