/**
 * Submitting a request for information: check the operator's role, then send it through the
 * {@link MessageSender} (build under the agreement in force, check, seal, commit with a new case in
 * state `awaiting_response`, queue, wait for the first attempt).
 */
import { randomUUID } from 'node:crypto';
import { GatewayError } from '../errors.js';
import { makeEntry, type Actor, type MessageRef } from '../ledger/index.js';
import { buildRequest, type Message } from '../messages/index.js';
import type { Decision } from '../policy/index.js';
import { requireRole, type Operator } from './authorize.js';
import { decisionEvent } from './policy-gate.js';
import type { MessageSender, SenderDeps, SubmitResult } from './sender.js';

export type { Deliverer } from './outbox-delivery.js';
export type { SubmitResult } from './sender.js';

export type OutboundDeps = Pick<SenderDeps, 'sequencer' | 'clock' | 'log'> & { sender: MessageSender };

export class OutboundService {
  private readonly sender: MessageSender;

  constructor(private readonly d: OutboundDeps) {
    this.sender = d.sender;
  }

  /**
   * Builds, checks against the agreement in force, seals and logs a request for information from
   * operator `op` to partner `to`, and queues it. A refusal by the agreement is logged
   * (`policy.decision`) and thrown before anything is sealed.
   */
  submitRequest(op: Operator, to: string, input: unknown): Promise<SubmitResult> {
    requireRole(op, ['analyst'], 'submitting a request for information');
    return this.sender.send({
      op,
      to,
      type: 'request',
      build: (fields) => buildRequest(input, fields),
      vet: async (decision, message, actor) => {
        if (decision.obligations.some((o) => o.kind === 'approvals')) {
          throw await this.refuseUnapproved(decision, actor, refOfUnsealed(message));
        }
        return message;
      },
      caseId: randomUUID(),
      newCase: { state: 'awaiting_response' },
    });
  }

  /**
   * The agreement asks for a supervisor's approval before a request leaves. The operator API routes
   * such a request to the approval flow (CaseWorkService.submitRequest); one that reaches this point
   * anyway (the agreement changed in between) is refused, and logged as such: nothing leaves unapproved.
   */
  private async refuseUnapproved(
    decision: Decision,
    actor: Actor,
    message: Partial<MessageRef>,
  ): Promise<GatewayError> {
    const to = message.to!;
    const event = {
      ...decisionEvent(decision, 'outgoing', to, message),
      allow: false,
      reasons: ['policy.approval_required'],
    };
    await this.d.sequencer.append({ entries: [makeEntry(this.d.clock(), actor, event)] });
    const a = decision.agreement!;
    const detail = `agreement ${a.id} version ${a.version} requires a supervisor's approval of outgoing requests: submit it again to hold it for approval`;
    this.d.log.warn('request refused: approval required', { id: message.id, to });
    return new GatewayError('policy.approval_required', detail, { publicDetail: detail });
  }
}

/** The reference of a message not sealed yet (no digest). */
function refOfUnsealed(message: Message): Partial<MessageRef> {
  const h = message.header;
  return { id: h.id, type: h.type, from: h.from, to: h.to };
}
