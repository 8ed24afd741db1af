/**
 * Drafting for people: the response to a received request (by its assignee), a spontaneous disclosure
 * in a new outgoing case, and a request for information, held as a draft in a new case when the
 * agreement asks for a supervisor's approval and sent at once otherwise. A draft waits for the
 * approvals of src/services/draft-decisions.ts; src/services/case-drafting.ts makes and commits it.
 */
import { randomUUID } from 'node:crypto';
import { buildRequest, buildResponse, buildSpontaneousDisclosure } from '../messages/index.js';
import { approvalRule, nextState, requireAssignee, requireCaseRole } from '../policy/index.js';
import type { Operator } from './authorize.js';
import { invalid, loadCase, recheckCase, type CaseWorkDeps, type DraftOutcome } from './case-actions.js';
import { commitDraft, prepareDraft, type PreparedDraft } from './case-drafting.js';
import { caseOf } from './records.js';
import type { SubmitResult } from './sender.js';
import type { KeyedSerial } from './serial.js';

/** The outcome of `request submit`: sent at once, or held for a supervisor's approval. */
export type RequestOutcome =
  { status: 'sent'; result: SubmitResult } | { status: 'awaiting_approval'; draft: DraftOutcome };

/** Drafts for people, one action on a case at a time through the `serial` of all case work. */
export class DraftAuthoring {
  constructor(
    private readonly d: CaseWorkDeps,
    private readonly serial: KeyedSerial,
  ) {}

  /** Drafts the response to a received request (its assignee only); it then waits for approvals. */
  draftResponse(op: Operator, caseId: string, input: unknown): Promise<DraftOutcome> {
    requireCaseRole(op, 'draft', 'drafting a response');
    return this.serial.run(caseId, async () => {
      const { record, kind } = await loadCase(this.d.store, caseId);
      if (kind !== 'inbound_request') throw invalid(`case ${caseId} is not a received request`);
      requireAssignee(caseId, record.assignee ?? null, op);
      const to = nextState(caseId, kind, record.state, 'draft');
      const inReplyTo = record.messageId;
      const draft = await prepareDraft(this.d, op, record.partner, 'response', (f) =>
        buildResponse(input, { ...f, inReplyTo }),
      );
      await commitDraft(this.d, op, { ...draft.draft, caseId }, draft.rule, draft.message, async (tx) => {
        await recheckCase(tx, record);
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
}
