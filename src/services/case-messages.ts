/**
 * Sending the case messages (response, spontaneous disclosure, consent request, consent decision,
 * feedback) through the {@link MessageSender}: the builder of the type, the link to the earlier message
 * checked against the store (docs/PROTOCOL.md 3.1.1), and, for a disclosure, the agreement's caveats
 * added to those of the operator (they travel with the information, DOMAIN.md rule 4).
 *
 * It checks no roles and asks for no approvals: the calling service does both.
 */
import { GatewayError } from '../errors.js';
import type { LedgerEvent } from '../ledger/index.js';
import {
  buildConsentDecision,
  buildConsentRequest,
  buildFeedback,
  buildResponse,
  buildSpontaneousDisclosure,
  linkProblem,
  type EnvelopeFields,
  type LinkedType,
  type Message,
  type ResponseMessage,
} from '../messages/index.js';
import type { Decision } from '../policy/index.js';
import type { CaseState, Store, StoreTx } from '../store/index.js';
import type { Operator } from './authorize.js';
import type { MessageSender, SubmitResult } from './sender.js';

/** The message types sent from a case. */
export type CaseMessageType = LinkedType | 'spontaneous_disclosure';

/** One case message to send. */
export interface CaseMessageInput {
  type: CaseMessageType;
  /** The partner FIU id. */
  to: string;
  /** The local case; for a spontaneous disclosure a fresh id, with `newCase` set. */
  caseId: string;
  /** Creates the case row in the same commit (an outgoing spontaneous disclosure). */
  newCase?: { state: CaseState };
  /** The id of the earlier message; required for every type but spontaneous_disclosure. */
  inReplyTo?: string;
  /** The operator's input for the builder (the shape of docs/examples/*.json). */
  input: unknown;
  /** Ledger events committed in the same batch, after the `policy.decision` and before `message.sent`. */
  extraEntries?: LedgerEvent[];
  /** Extra writes in the same transaction (case state, approvals, consents). */
  work?: (tx: StoreTx) => Promise<void>;
}

type Builder = (input: unknown, fields: EnvelopeFields & { inReplyTo: string }) => Message;

const LINKED_BUILDERS: Record<LinkedType, Builder> = {
  response: buildResponse,
  consent_request: buildConsentRequest,
  consent_decision: buildConsentDecision,
  feedback: buildFeedback,
};

/** The agreement's caveats (obligations, in order) followed by the operator's own, each once. */
export function mergeCaveats(decision: Decision, own: readonly string[] = []): string[] {
  const fromAgreement = decision.obligations.flatMap((o) => (o.kind === 'caveat' ? [o.text] : []));
  return [...new Set([...fromAgreement, ...own])];
}

/** Whether a message hands information over (and so carries caveats). */
function carriesInformation(message: Message): boolean {
  const type = message.header.type;
  if (type === 'spontaneous_disclosure') return true;
  return type === 'response' && (message as ResponseMessage).body.outcome !== 'refused';
}

export class CaseMessageService {
  constructor(private readonly d: { store: Store; sender: MessageSender }) {}

  /**
   * Builds, checks against the agreement in force, seals, commits (message, outbox item,
   * `policy.decision`, `extraEntries`, `message.sent`, `work`) and queues a case message.
   *
   * @throws GatewayError `exchange.unknown_reference` when `inReplyTo` names no message of the right
   *   type received from `to` in case `caseId`; `message.invalid`, `policy.*` as for a request.
   */
  async submitCaseMessage(op: Operator, m: CaseMessageInput): Promise<SubmitResult> {
    const build = await this.builderOf(m);
    return this.d.sender.send({
      op,
      to: m.to,
      type: m.type,
      build: (fields) => build(m.input, fields),
      vet: async (decision, message) => {
        if (!carriesInformation(message)) return message;
        const input = m.input as { body: { caveats?: string[] } };
        const body = { ...input.body, caveats: mergeCaveats(decision, input.body.caveats) };
        return build({ ...input, body }, message.header);
      },
      caseId: m.caseId,
      ...(m.newCase ? { newCase: m.newCase } : {}),
      ...(m.extraEntries ? { extraEntries: m.extraEntries } : {}),
      ...(m.work ? { work: m.work } : {}),
    });
  }

  /** The builder of `m.type`, once the message it refers to is known to be the right one. */
  private async builderOf(m: CaseMessageInput): Promise<(input: unknown, f: EnvelopeFields) => Message> {
    if (m.type === 'spontaneous_disclosure') {
      if (m.inReplyTo !== undefined) {
        const detail = 'a spontaneous disclosure refers to no earlier message';
        throw new GatewayError('message.invalid', detail, { publicDetail: detail });
      }
      return buildSpontaneousDisclosure;
    }
    const inReplyTo = m.inReplyTo;
    if (inReplyTo === undefined) {
      const detail = `a ${m.type.replaceAll('_', ' ')} needs inReplyTo`;
      throw new GatewayError('message.invalid', detail, { publicDetail: detail });
    }
    const referred = await this.d.store.findInbound(m.to, inReplyTo);
    const found = referred && {
      type: referred.type,
      direction: referred.direction,
      partner: referred.fromFiu,
    };
    const problem =
      linkProblem(m.type, inReplyTo, found, m.to, 'sender') ??
      (referred!.caseId === m.caseId ? null : `message ${inReplyTo} is not in case ${m.caseId}`);
    if (problem) throw new GatewayError('exchange.unknown_reference', problem, { publicDetail: problem });
    const build = LINKED_BUILDERS[m.type];
    return (input, fields) => build(input, { ...fields, inReplyTo });
  }
}
