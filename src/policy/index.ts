/**
 * Sharing agreements and their evaluation (pure, no I/O): the agreement document, the evaluator and
 * its decisions. docs/AGREEMENTS.md is the reference.
 */
export {
  AGREEMENT_STATUSES,
  agreementSchema,
  parseAgreement,
  type Agreement,
  type AgreementStatus,
  type OnwardDissemination,
} from './agreement.js';
export { REASON_CODES, type Decision, type Obligation, type Reason, type ReasonCode } from './decision.js';
export {
  checkStanding,
  disseminationCaveat,
  evaluate,
  noAgreement,
  type EvaluationContext,
  type InForce,
  type PolicyDirection,
  type PolicyMessage,
} from './evaluate.js';
export {
  ONWARD_REFUSALS,
  decideOnward,
  normaliseTerm,
  type ConsentTerms,
  type OnwardDecision,
  type OnwardRefusal,
  type OnwardRequest,
  type OnwardRule,
} from './onward.js';
export {
  approvalRule,
  approvalsSatisfied,
  CASE_ROLES,
  CASE_STATES,
  caseKind,
  checkApproval,
  isOverdue,
  median,
  nextState,
  PENDING_STATES,
  requireAssignee,
  requireCaseRole,
  transition,
  type ApprovalRule,
  type CaseAction,
  type CaseKind,
  type CaseState,
  type DraftApprovals,
} from './case-workflow.js';
export { CLOSE_REASONS, parseCloseReason, requireCloser, type CloseReason } from './case-close.js';
