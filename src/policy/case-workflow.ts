/**
 * The case workflow (pure, no I/O): the states a case goes through, which action moves it where, who may
 * act, and the approval rule that keeps a disclosure (or an outgoing request that needs a supervisor)
 * from leaving before the approvals its agreement requires. docs/OPERATIONS.md, "A liaison officer's
 * day", shows it at work.
 */
import type { Role } from '../config.js';
import { GatewayError } from '../errors.js';
import type { Agreement } from './agreement.js';

/** Every state a case can be in (docs/OPERATIONS.md, "Case states"). */
export const CASE_STATES = [
  'open',
  'assigned',
  'awaiting_approval',
  'responded',
  'awaiting_response',
  'answered',
  'disclosed',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/**
 * What a case is about, from this gateway's side: a request received or sent, a spontaneous disclosure
 * received or sent.
 */
export type CaseKind = 'inbound_request' | 'inbound_disclosure' | 'outbound_request' | 'outbound_disclosure';

/** What people (and the exchange) do to a case. */
export type CaseAction =
  /** A liaison officer or supervisor assigns the case to a liaison officer (or takes it). */
  | 'assign'
  /** The assignee drafts a response. */
  | 'draft'
  /** An approval that still leaves approvals to give. */
  | 'approve'
  /** The last approval required: the draft is sent. */
  | 'approve_and_send'
  /** An approver rejects the draft. */
  | 'reject'
  /** The partner's response to our request arrives. */
  | 'answer'
  /** A person closes a case whose work is done (or, for a request we sent, no longer awaited). */
  | 'close';

/** The kind of a case, from its direction and the type of the message that opened it; null for others. */
export function caseKind(direction: 'in' | 'out', messageType: string): CaseKind | null {
  if (messageType === 'request') return direction === 'in' ? 'inbound_request' : 'outbound_request';
  if (messageType === 'spontaneous_disclosure') {
    return direction === 'in' ? 'inbound_disclosure' : 'outbound_disclosure';
  }
  return null;
}

type Moves = Partial<Record<CaseState, Partial<Record<CaseAction, CaseState>>>>;

/** The transitions, per kind of case: from state, by action, to state. Nothing else is allowed. */
const TRANSITIONS: Record<CaseKind, Moves> = {
  inbound_request: {
    open: { assign: 'assigned' },
    assigned: { assign: 'assigned', draft: 'awaiting_approval' },
    awaiting_approval: {
      approve: 'awaiting_approval',
      approve_and_send: 'responded',
      reject: 'assigned',
    },
    responded: { close: 'closed' },
  },
  inbound_disclosure: {
    open: { assign: 'assigned' },
    // Not from open: someone must take a received disclosure (and read it) before it is closed.
    assigned: { assign: 'assigned', close: 'closed' },
  },
  outbound_request: {
    awaiting_approval: {
      approve: 'awaiting_approval',
      approve_and_send: 'awaiting_response',
      reject: 'closed',
    },
    // Closing while awaiting the response gives up waiting; a response that arrives later is still
    // received and linked, and makes the case answered again (src/services/inbound-links.ts).
    awaiting_response: { answer: 'answered', close: 'closed' },
    answered: { close: 'closed' },
  },
  outbound_disclosure: {
    awaiting_approval: {
      approve: 'awaiting_approval',
      approve_and_send: 'disclosed',
      reject: 'closed',
    },
    disclosed: { close: 'closed' },
  },
};

/** The state that `action` moves a case of `kind` in `state` to, or null when it is not allowed. */
export function transition(kind: CaseKind, state: CaseState, action: CaseAction): CaseState | null {
  return TRANSITIONS[kind][state]?.[action] ?? null;
}

/**
 * Like {@link transition}, but throws `case.invalid_state` (naming the case, its state and the action)
 * when the action is not allowed.
 */
export function nextState(caseId: string, kind: CaseKind, state: CaseState, action: CaseAction): CaseState {
  const to = transition(kind, state, action);
  if (to === null) {
    const verb = action === 'approve_and_send' ? 'approve' : action;
    const detail = `case ${caseId} is ${state}: it cannot be ${pastTense(verb)} (${kind.replace('_', ' ')})`;
    throw new GatewayError('case.invalid_state', detail, { publicDetail: detail });
  }
  return to;
}

function pastTense(verb: string): string {
  return verb.endsWith('e') ? `${verb}d` : `${verb}ed`;
}

/** Operator actions on cases, and the roles that may take them. */
export const CASE_ROLES = {
  /** List the inbox, show a case (and read its messages). */
  read: ['analyst', 'liaison', 'supervisor'],
  /** The per-partner summary: counts and times only. */
  summarise: ['analyst', 'liaison', 'supervisor', 'auditor'],
  /** Assign a case (to someone else, or to oneself). */
  assign: ['liaison', 'supervisor'],
  /** Be assigned a case. */
  assignee: ['liaison'],
  /** Draft a response or a spontaneous disclosure. */
  draft: ['liaison'],
  /** Approve or reject a draft. */
  approve: ['liaison', 'supervisor'],
  /**
   * Close a received case or a disclosure we sent (src/policy/case-close.ts): a received case only
   * its assignee or a supervisor.
   */
  close: ['liaison', 'supervisor'],
  /** Close a request we sent (answered, or no longer awaited). */
  closeRequest: ['analyst', 'liaison', 'supervisor'],
  /** Submit a request for information. */
  submitRequest: ['analyst'],
} as const satisfies Record<string, readonly Role[]>;

/** The approvals a draft needs before it leaves: how many, and whether the last must be a supervisor's. */
export interface ApprovalRule {
  count: 1 | 2;
  /** Under the four-eyes rule (count 2), and for outgoing requests: the last approver is a supervisor. */
  supervisor: boolean;
}

/**
 * The approvals that the agreement asks for before a message of `type` leaves: disclosures (responses,
 * spontaneous disclosures) `approvals.disclosures`, the second under the four-eyes rule by a
 * supervisor; outgoing requests one supervisor's, when `approvals.outgoingRequestsNeedSupervisor`.
 * Null when none is needed.
 */
export function approvalRule(a: Pick<Agreement, 'approvals'>, type: string): ApprovalRule | null {
  if (type === 'response' || type === 'spontaneous_disclosure') {
    return { count: a.approvals.disclosures, supervisor: a.approvals.disclosures === 2 };
  }
  if (type === 'request' && a.approvals.outgoingRequestsNeedSupervisor) {
    return { count: 1, supervisor: true };
  }
  return null;
}

/** An operator as the rules see it. */
export interface Actor {
  id: string;
  roles: readonly Role[];
}

/** A draft waiting for approval: who drafted it and who approved it so far (in order). */
export interface DraftApprovals {
  drafter: string;
  approvals: ReadonlyArray<Actor>;
}

function refuse(
  code: 'case.self_approval' | 'case.already_approved' | 'case.supervisor_required',
  detail: string,
): never {
  throw new GatewayError(code, detail, { publicDetail: detail });
}

/**
 * Checks that `approver` may give the next approval of `draft` under `rule`, and says whether it is the
 * last one required (then the draft is sent). Throws:
 * - `transport.operator_forbidden` when the approver is neither liaison officer nor supervisor;
 * - `case.self_approval` when the approver drafted it;
 * - `case.already_approved` when the approver approved it already;
 * - `case.supervisor_required` when this is the last approval, the rule asks for a supervisor and the
 *   approver is none (and, under the four-eyes rule, when no approval would be left for a supervisor);
 * - `case.invalid_state` when the draft has all its approvals already.
 */
export function checkApproval(
  rule: ApprovalRule,
  draft: DraftApprovals,
  approver: Actor,
): { complete: boolean } {
  requireCaseRole(approver, 'approve', 'approving a draft');
  if (approver.id === draft.drafter) {
    refuse('case.self_approval', `${approver.id} drafted this and cannot approve it: another person must`);
  }
  if (draft.approvals.some((a) => a.id === approver.id)) {
    refuse('case.already_approved', `${approver.id} has approved this draft already: another person must`);
  }
  const position = draft.approvals.length + 1;
  if (position > rule.count) {
    const detail = `the draft has its ${rule.count} approval(s) already`;
    throw new GatewayError('case.invalid_state', detail, { publicDetail: detail });
  }
  const last = position === rule.count;
  if (rule.supervisor && last && !approver.roles.includes('supervisor')) {
    const which = rule.count === 2 ? 'the second approval (four-eyes rule)' : 'the approval';
    refuse('case.supervisor_required', `${which} must come from a supervisor; ${approver.id} is not one`);
  }
  return { complete: last };
}

/**
 * Whether `draft` has what `rule` asks for: at least `count` approvals by distinct people, none of them
 * the drafter, and when `supervisor` is set, one of them a supervisor. The invariant of every send.
 */
export function approvalsSatisfied(rule: ApprovalRule, draft: DraftApprovals): boolean {
  const ids = draft.approvals.map((a) => a.id);
  return (
    ids.length >= rule.count &&
    new Set(ids).size === ids.length &&
    !ids.includes(draft.drafter) &&
    (!rule.supervisor || draft.approvals.some((a) => a.roles.includes('supervisor')))
  );
}

/** Throws `transport.operator_forbidden` unless `op` holds one of the roles of `action`. */
export function requireCaseRole(op: Actor, action: keyof typeof CASE_ROLES, what: string): void {
  const allowed: readonly Role[] = CASE_ROLES[action];
  if (!op.roles.some((r) => allowed.includes(r))) {
    const detail = `${what} needs one of the roles ${allowed.join(', ')}; ${op.id} has ${op.roles.join(', ') || 'none'}`;
    throw new GatewayError('transport.operator_forbidden', detail, { publicDetail: detail });
  }
}

/** Throws `case.not_assignee` unless `op` is the assignee of the case (drafting is the assignee's work). */
export function requireAssignee(caseId: string, assignee: string | null, op: Actor): void {
  if (assignee !== op.id) {
    const detail = assignee
      ? `case ${caseId} is assigned to ${assignee}, not to ${op.id}`
      : `case ${caseId} is not assigned: assign it first`;
    throw new GatewayError('case.not_assignee', detail, { publicDetail: detail });
  }
}

/**
 * Whether an incoming request is overdue at `now`: it has a deadline, the deadline has passed, and it
 * has not been responded to (nor closed).
 */
export function isOverdue(
  c: { direction: 'in' | 'out'; messageType: string; state: CaseState; deadline: string | null },
  now: Date,
): boolean {
  return (
    c.direction === 'in' &&
    c.messageType === 'request' &&
    c.deadline !== null &&
    Date.parse(c.deadline) < now.getTime() &&
    PENDING_STATES.includes(c.state)
  );
}

/** The states of an incoming request that still waits for our response. */
export const PENDING_STATES: readonly CaseState[] = ['open', 'assigned', 'awaiting_approval'];

/** The median of `values` (the mean of the two middle ones for an even count), or null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
