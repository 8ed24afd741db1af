/**
 * Decisions on a pending draft: approvals, in the number and roles the agreement requires, and
 * rejection (by an approver, or its drafter withdrawing it). The last approval required sends the
 * draft in the same commit as the approval and the case's new state; before that, nothing leaves.
 */
import type { Role } from '../config.js';
import { GatewayError } from '../errors.js';
import { makeEntry, type LedgerEvent } from '../ledger/index.js';
import { buildRequest } from '../messages/index.js';
import {
  approvalRule,
  checkApproval,
  nextState,
  requireCaseRole,
  type ApprovalRule,
} from '../policy/index.js';
import type { CaseDraft, CaseRecord, StoreTx } from '../store/index.js';
import type { Operator } from './authorize.js';
import { loadPendingDraft, recheckCase, type CaseWorkDeps, type DraftOutcome } from './case-actions.js';
import { actorOf, decisionOf } from './case-drafting.js';
import { draftRef, inputOfMessage, openDraft } from './drafts.js';
import type { SubmitResult } from './sender.js';
import type { KeyedSerial } from './serial.js';

/** Approves and rejects drafts, one action on a case at a time through the `serial` of all case work. */
export class DraftDecisions {
  constructor(
    private readonly d: CaseWorkDeps,
    private readonly serial: KeyedSerial,
  ) {}

  /**
   * Approves the pending draft of a case. The last approval the agreement requires sends the draft
   * (in the same commit as the approval and the case's new state); before that, nothing leaves.
   */
  approve(op: Operator, caseId: string, comment?: string): Promise<DraftOutcome> {
    requireCaseRole(op, 'approve', 'approving a draft');
    return this.serial.run(caseId, async () => {
      const { record, kind, draft } = await loadPendingDraft(this.d.store, caseId);
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
        await recheckCase(tx, record, draft, approvals.length);
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
      const { record, kind, draft } = await loadPendingDraft(this.d.store, caseId);
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
          await recheckCase(tx, record, draft, decided.filter((a) => a.decision === 'approved').length);
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
}
