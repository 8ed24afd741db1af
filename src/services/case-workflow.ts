/**
 * Case work for people (docs/OPERATIONS.md, "A liaison officer's day"): assign a case, draft a response
 * or a spontaneous disclosure, hold an outgoing request that needs a supervisor, approve or reject a
 * draft; the last approval the agreement requires sends it. The rules are src/policy/case-workflow.ts;
 * every action is a ledger entry naming the operator (ids, codes and digests only).
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../config.js';
import type { KeyRing } from '../crypto/index.js';
import { GatewayError } from '../errors.js';
import { makeEntry, type LedgerEvent } from '../ledger/index.js';
import type { Logger } from '../log.js';
import { buildRequest, buildResponse, buildSpontaneousDisclosure } from '../messages/index.js';
import {
  approvalRule,
  caseKind,
  checkApproval,
  nextState,
  requireAssignee,
  requireCaseRole,
  parseCloseReason,
  requireCloser,
  type ApprovalRule,
  type CloseReason,
  type CaseKind,
  type CaseState,
} from '../policy/index.js';
import type { CaseDraft, CaseRecord, Store, StoreTx } from '../store/index.js';
import type { Operator } from './authorize.js';
import type { CaseMessageService } from './case-messages.js';
import { actorOf, commitDraft, decisionOf, prepareDraft, type PreparedDraft } from './case-drafting.js';
import { draftRef, inputOfMessage, openDraft } from './drafts.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { OutboundService } from './outbound.js';
import type { PolicyGate } from './policy-gate.js';
import { caseOf } from './records.js';
import type { MessageSender, SubmitResult } from './sender.js';
import { KeyedSerial } from './serial.js';

export interface CaseWorkDeps {
  self: string;
  store: Store;
  ring: KeyRing;
  sequencer: LedgerSequencer;
  gate: PolicyGate;
  sender: MessageSender;
  caseMessages: Pick<CaseMessageService, 'submitCaseMessage'>;
  outbound: Pick<OutboundService, 'submitRequest'>;
  /** The operators of the configuration (who may be assigned a case). */
  operators: ReadonlyArray<{ name: string; roles: Role[] }>;
  clock: () => Date;
  log: Logger;
}

/** Where a draft stands after a decision on it. */
export interface DraftOutcome {
  caseId: string;
  draftId: string;
  state: CaseState;
  approvals: number;
  required: number;
  /** The send, when the decision was the last approval required. */
  sent?: SubmitResult;
}

/** A case just closed, and the reason code given. */
export interface ClosedCase {
  caseId: string;
  state: CaseState;
  reason?: CloseReason;
}

/** The outcome of `request submit`: sent at once, or held for a supervisor's approval. */
export type RequestOutcome =
  { status: 'sent'; result: SubmitResult } | { status: 'awaiting_approval'; draft: DraftOutcome };

function invalid(detail: string): GatewayError {
  return new GatewayError('message.invalid', detail, { publicDetail: detail });
}

function notFound(caseId: string): GatewayError {
  return new GatewayError('exchange.not_found', `no case ${caseId}`, { publicDetail: `no case ${caseId}` });
}

function stale(caseId: string): GatewayError {
  const detail = `case ${caseId} changed while this action ran: look at it again`;
  return new GatewayError('case.invalid_state', detail, { publicDetail: detail });
}

export class CaseWorkService {
  /** Actions on one case run one at a time (each also re-checks the case inside its commit). */
  private readonly serial = new KeyedSerial();

  constructor(private readonly d: CaseWorkDeps) {}

  /** Assigns a case to `assignee` (a liaison officer; by default the operator itself). */
  assign(
    op: Operator,
    caseId: string,
    assignee = op.id,
  ): Promise<{ caseId: string; assignee: string; state: CaseState }> {
    requireCaseRole(op, 'assign', 'assigning a case');
    const target = this.d.operators.find((o) => o.name === assignee);
    if (!target || !target.roles.includes('liaison')) {
      throw invalid(`${assignee} is not a liaison officer at this gateway`);
    }
    return this.serial.run(caseId, async () => {
      const { record, kind } = await this.caseOf(caseId);
      const to = nextState(caseId, kind, record.state, 'assign');
      await this.d.sequencer.append({
        entries: [makeEntry(this.d.clock(), actorOf(op), { event: 'case.assigned', caseId, assignee })],
        work: async (tx) => {
          await this.recheck(tx, record);
          await tx.setCaseAssignee(caseId, assignee);
          await tx.setCaseState(caseId, to);
        },
      });
      this.d.log.info('case assigned', { caseId, assignee, by: op.id });
      return { caseId, assignee, state: to };
    });
  }

  /**
   * Closes a case whose work is done (src/policy/case-close.ts says who may, and the workflow from
   * which states), with an optional reason code; the `case.closed` entry is committed with the state.
   */
  close(op: Operator, caseId: string, reasonCode?: string): Promise<ClosedCase> {
    requireCaseRole(op, 'closeRequest', 'closing a case');
    const reason = reasonCode === undefined ? undefined : parseCloseReason(reasonCode);
    return this.serial.run(caseId, async () => {
      const { record, kind } = await this.caseOf(caseId);
      requireCloser(caseId, kind, record.assignee ?? null, op);
      const to = nextState(caseId, kind, record.state, 'close');
      if (kind === 'outbound_request' && record.state === 'awaiting_response') {
        await this.requireNotInDelivery(caseId, record.messageId);
      }
      const event: LedgerEvent = {
        event: 'case.closed',
        caseId,
        from: record.state,
        ...(reason ? { reason } : {}),
      };
      await this.d.sequencer.append({
        entries: [makeEntry(this.d.clock(), actorOf(op), event)],
        work: async (tx) => {
          await this.recheck(tx, record);
          await tx.setCaseState(caseId, to);
        },
      });
      this.d.log.info('case closed', { caseId, from: record.state, reason, by: op.id });
      return { caseId, state: to, ...(reason ? { reason } : {}) };
    });
  }

  /**
   * A request we sent can be closed unanswered only once its delivery has ended (delivered, failed or
   * cancelled): closing it while the outbox still holds it queued or in an attempt would let it leave
   * after the FIU gave it up. A closed case's message is not retried either (OutboxService.retry).
   */
  private async requireNotInDelivery(caseId: string, messageId: string): Promise<void> {
    const item = await this.d.store.findOutboxItem(messageId);
    if (item?.state !== 'queued' && item?.state !== 'delivering') return;
    const detail =
      `case ${caseId}: its request is still ${item.state === 'queued' ? 'queued for delivery' : 'being delivered'}; ` +
      (item.state === 'queued'
        ? `cancel the delivery first (fiugw outbox cancel ${messageId}), or wait for it`
        : 'wait for the attempt to end');
    throw new GatewayError('case.invalid_state', detail, { publicDetail: detail });
  }

  /** Drafts the response to a received request (its assignee only); it then waits for approvals. */
  draftResponse(op: Operator, caseId: string, input: unknown): Promise<DraftOutcome> {
    requireCaseRole(op, 'draft', 'drafting a response');
    return this.serial.run(caseId, async () => {
      const { record, kind } = await this.caseOf(caseId);
      if (kind !== 'inbound_request') throw invalid(`case ${caseId} is not a received request`);
      requireAssignee(caseId, record.assignee ?? null, op);
      const to = nextState(caseId, kind, record.state, 'draft');
      const inReplyTo = record.messageId;
      const draft = await prepareDraft(this.d, op, record.partner, 'response', (f) =>
        buildResponse(input, { ...f, inReplyTo }),
      );
      await commitDraft(this.d, op, { ...draft.draft, caseId }, draft.rule, draft.message, async (tx) => {
        await this.recheck(tx, record);
        await tx.setCaseState(caseId, to);
      });
      return { caseId, draftId: draft.draft.draftId, state: to, approvals: 0, required: draft.rule.count };
    });
  }

  /** Drafts a spontaneous disclosure to `to`: a new outgoing case that waits for approvals. */
  async discloseSpontaneous(op: Operator, to: string, input: unknown): Promise<DraftOutcome> {
    requireCaseRole(op, 'draft', 'drafting a spontaneous disclosure');
    const draft = await prepareDraft(this.d, op, to, 'spontaneous_disclosure', (f) =>
      buildSpontaneousDisclosure(input, f),
    );
    return this.open(op, to, draft);
  }

  /**
   * Submits a request for information: sent at once, or, when the agreement asks for a supervisor's
   * approval, stored as a draft in a new case `awaiting_approval`.
   */
  async submitRequest(op: Operator, to: string, input: unknown): Promise<RequestOutcome> {
    requireCaseRole(op, 'submitRequest', 'submitting a request for information');
    const inForce = await this.d.gate.inForce(to);
    if (!inForce || !approvalRule(inForce.agreement, 'request')) {
      return { status: 'sent', result: await this.d.outbound.submitRequest(op, to, input) };
    }
    const draft = await prepareDraft(this.d, op, to, 'request', (f) => buildRequest(input, f));
    return { status: 'awaiting_approval', draft: await this.open(op, to, draft) };
  }

  /**
   * Approves the pending draft of a case. The last approval the agreement requires sends the draft
   * (in the same commit as the approval and the case's new state); before that, nothing leaves.
   */
  approve(op: Operator, caseId: string, comment?: string): Promise<DraftOutcome> {
    requireCaseRole(op, 'approve', 'approving a draft');
    return this.serial.run(caseId, async () => {
      const { record, kind, draft } = await this.pending(caseId);
      const approvals = (await this.d.store.approvalsOf(draft.draftId)).filter(
        (a) => a.decision === 'approved',
      );
      const rule = await this.ruleOf(draft);
      const { complete } = checkApproval(
        rule,
        {
          drafter: draft.draftedBy,
          approvals: approvals.map((a) => ({ id: a.approver, roles: a.roles as Role[] })),
        },
        op,
      );
      const to = nextState(caseId, kind, record.state, complete ? 'approve_and_send' : 'approve');
      const now = this.d.clock();
      const position = approvals.length + 1;
      const event: LedgerEvent = {
        event: 'case.approved',
        caseId,
        draft: draftRef(draft),
        position,
        count: rule.count,
      };
      const work = async (tx: StoreTx) => {
        await this.recheck(tx, record, draft, approvals.length);
        await tx.insertApproval(
          decisionOf(this.d.ring, op, draft.draftId, 'approved', comment, now, position),
        );
        if (complete) await tx.updateDraft(draft.draftId, { state: 'sent', decidedAt: now.toISOString() });
        await tx.setCaseState(caseId, to);
      };
      const outcome = {
        caseId,
        draftId: draft.draftId,
        state: to,
        approvals: position,
        required: rule.count,
      };
      if (!complete) {
        await this.d.sequencer.append({ entries: [makeEntry(now, actorOf(op), event)], work });
        this.d.log.info('draft approved', { caseId, draftId: draft.draftId, by: op.id, position });
        return outcome;
      }
      const sent = await this.send(op, record, draft, event, work);
      await this.d.store.transaction((tx) =>
        tx.recordSentMessage(draft.draftId, sent.messageId, draft.type === 'response' ? undefined : caseId),
      );
      this.d.log.info('draft approved and sent', {
        caseId,
        draftId: draft.draftId,
        messageId: sent.messageId,
      });
      return { ...outcome, sent };
    });
  }

  /** Rejects the pending draft of a case (an approver, or its drafter withdrawing it); nothing is sent. */
  reject(op: Operator, caseId: string, comment?: string): Promise<DraftOutcome> {
    return this.serial.run(caseId, async () => {
      const { record, kind, draft } = await this.pending(caseId);
      if (op.id !== draft.draftedBy) requireCaseRole(op, 'approve', 'rejecting a draft');
      const decided = await this.d.store.approvalsOf(draft.draftId);
      if (decided.some((a) => a.approver === op.id)) {
        const detail = `${op.id} has decided on this draft already`;
        throw new GatewayError('case.already_approved', detail, { publicDetail: detail });
      }
      const to = nextState(caseId, kind, record.state, 'reject');
      const now = this.d.clock();
      await this.d.sequencer.append({
        entries: [makeEntry(now, actorOf(op), { event: 'case.rejected', caseId, draft: draftRef(draft) })],
        work: async (tx) => {
          await this.recheck(tx, record, draft, decided.filter((a) => a.decision === 'approved').length);
          const position = decided.length + 1;
          await tx.insertApproval(
            decisionOf(this.d.ring, op, draft.draftId, 'rejected', comment, now, position),
          );
          await tx.updateDraft(draft.draftId, { state: 'rejected', decidedAt: now.toISOString() });
          await tx.setCaseState(caseId, to);
        },
      });
      this.d.log.info('draft rejected', { caseId, draftId: draft.draftId, by: op.id });
      const required = draft.approvalsRequired;
      return { caseId, draftId: draft.draftId, state: to, approvals: 0, required };
    });
  }

  /** Opens a new outgoing case for a draft (disclosure or request), in state awaiting_approval. */
  private async open(op: Operator, to: string, prepared: PreparedDraft): Promise<DraftOutcome> {
    const caseId = randomUUID();
    const now = new Date(prepared.draft.draftedAt);
    await commitDraft(this.d, op, { ...prepared.draft, caseId }, prepared.rule, prepared.message, (tx) =>
      tx.insertCase(
        caseOf(prepared.message, {
          caseId,
          direction: 'out',
          partner: to,
          state: 'awaiting_approval',
          openedAt: now,
        }),
      ),
    );
    const draftId = prepared.draft.draftId;
    return { caseId, draftId, state: 'awaiting_approval', approvals: 0, required: prepared.rule.count };
  }

  /** Sends an approved draft, with the last approval's entry and writes in the same commit. */
  private async send(
    op: Operator,
    record: CaseRecord,
    draft: CaseDraft,
    approved: LedgerEvent,
    work: (tx: StoreTx) => Promise<void>,
  ): Promise<SubmitResult> {
    const input = inputOfMessage(await openDraft(draft, this.d.ring));
    const common = { to: draft.partner, caseId: record.caseId, input, extraEntries: [approved], work };
    if (draft.type === 'request') {
      return this.d.sender.send({
        op,
        to: draft.partner,
        type: 'request',
        build: (fields) => buildRequest(input, fields),
        caseId: record.caseId,
        extraEntries: [approved],
        work,
      });
    }
    if (draft.type === 'response') {
      return this.d.caseMessages.submitCaseMessage(op, {
        ...common,
        type: 'response',
        inReplyTo: record.messageId,
      });
    }
    return this.d.caseMessages.submitCaseMessage(op, { ...common, type: 'spontaneous_disclosure' });
  }

  /** The approvals required now: the draft's, or the agreement's in force if it asks for more. */
  private async ruleOf(draft: CaseDraft): Promise<ApprovalRule> {
    const stored: ApprovalRule = { count: draft.approvalsRequired, supervisor: draft.supervisorRequired };
    const inForce = await this.d.gate.inForce(draft.partner);
    const now = inForce ? approvalRule(inForce.agreement, draft.type) : null;
    if (!now) return stored;
    return {
      count: now.count > stored.count ? now.count : stored.count,
      supervisor: now.supervisor || stored.supervisor,
    };
  }

  private async caseOf(caseId: string): Promise<{ record: CaseRecord; kind: CaseKind }> {
    const record = await this.d.store.getCase(caseId);
    if (!record) throw notFound(caseId);
    const kind = caseKind(record.direction, record.messageType);
    if (!kind) throw invalid(`case ${caseId} is not a case people work on`);
    return { record, kind };
  }

  private async pending(caseId: string): Promise<{ record: CaseRecord; kind: CaseKind; draft: CaseDraft }> {
    const found = await this.caseOf(caseId);
    const draft = await this.d.store.pendingDraft(caseId);
    if (!draft) {
      const detail = `case ${caseId} is ${found.record.state}: no draft waits for approval`;
      throw new GatewayError('case.invalid_state', detail, { publicDetail: detail });
    }
    return { ...found, draft };
  }

  /** Inside the commit: the case (and draft) are still as read before the action was decided. */
  private async recheck(
    tx: StoreTx,
    record: CaseRecord,
    draft?: CaseDraft,
    approved?: number,
  ): Promise<void> {
    const now = await tx.getCase(record.caseId);
    if (!now || now.state !== record.state || (now.assignee ?? null) !== (record.assignee ?? null)) {
      throw stale(record.caseId);
    }
    if (!draft) return;
    const pending = await tx.pendingDraft(record.caseId);
    const decided = pending
      ? (await tx.approvalsOf(pending.draftId)).filter((a) => a.decision === 'approved')
      : [];
    if (pending?.draftId !== draft.draftId || decided.length !== approved) throw stale(record.caseId);
  }
}
