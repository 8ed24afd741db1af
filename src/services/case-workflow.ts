/**
 * Case work for people (docs/OPERATIONS.md, "A liaison officer's day"): assign a case, draft a response
 * or a spontaneous disclosure, hold an outgoing request that needs a supervisor, approve or reject a
 * draft; the last approval the agreement requires sends it. The rules are src/policy/case-workflow.ts;
 * every action is a ledger entry naming the operator (ids, codes and digests only). This is the one
 * entry point, which runs the actions on one case one at a time: assigning and closing are
 * case-lifecycle.ts, drafting draft-authoring.ts, approving and rejecting draft-decisions.ts.
 */
import type { CaseState } from '../policy/index.js';
import type { Operator } from './authorize.js';
import type { CaseWorkDeps, DraftOutcome } from './case-actions.js';
import { CaseLifecycle, type ClosedCase } from './case-lifecycle.js';
import { DraftAuthoring, type RequestOutcome } from './draft-authoring.js';
import { DraftDecisions } from './draft-decisions.js';
import { KeyedSerial } from './serial.js';

export type { CaseWorkDeps, ClosedCase, DraftOutcome, RequestOutcome };

export class CaseWorkService {
  /** Actions on one case run one at a time (each also re-checks the case inside its commit). */
  private readonly serial = new KeyedSerial();
  private readonly lifecycle: CaseLifecycle;
  private readonly authoring: DraftAuthoring;
  private readonly decisions: DraftDecisions;

  constructor(d: CaseWorkDeps) {
    this.lifecycle = new CaseLifecycle(d, this.serial);
    this.authoring = new DraftAuthoring(d, this.serial);
    this.decisions = new DraftDecisions(d, this.serial);
  }

  /** Assigns a case to `assignee` (a liaison officer; by default the operator itself). */
  assign(
    op: Operator,
    caseId: string,
    assignee?: string,
  ): Promise<{ caseId: string; assignee: string; state: CaseState }> {
    return this.lifecycle.assign(op, caseId, assignee);
  }

  /** Closes a case whose work is done, with an optional reason code. */
  close(op: Operator, caseId: string, reasonCode?: string): Promise<ClosedCase> {
    return this.lifecycle.close(op, caseId, reasonCode);
  }

  /** Drafts the response to a received request (its assignee only); it then waits for approvals. */
  draftResponse(op: Operator, caseId: string, input: unknown): Promise<DraftOutcome> {
    return this.authoring.draftResponse(op, caseId, input);
  }

  /** Drafts a spontaneous disclosure to `to`: a new outgoing case that waits for approvals. */
  discloseSpontaneous(op: Operator, to: string, input: unknown): Promise<DraftOutcome> {
    return this.authoring.discloseSpontaneous(op, to, input);
  }

  /** Submits a request for information: sent at once, or held as a draft for a supervisor's approval. */
  submitRequest(op: Operator, to: string, input: unknown): Promise<RequestOutcome> {
    return this.authoring.submitRequest(op, to, input);
  }

  /** Approves the pending draft of a case; the last approval the agreement requires sends it. */
  approve(op: Operator, caseId: string, comment?: string): Promise<DraftOutcome> {
    return this.decisions.approve(op, caseId, comment);
  }

  /** Rejects the pending draft of a case (an approver, or its drafter withdrawing it); nothing is sent. */
  reject(op: Operator, caseId: string, comment?: string): Promise<DraftOutcome> {
    return this.decisions.reject(op, caseId, comment);
  }
}
