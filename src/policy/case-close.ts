/**
 * Closing a case (pure, no I/O): who may close which kind of case, and the reason codes a closing may
 * give. The states a case may be closed from are the `close` moves of src/policy/case-workflow.ts.
 */
import { GatewayError } from '../errors.js';
import { requireAssignee, requireCaseRole, type Actor, type CaseKind } from './case-workflow.js';

/**
 * Why a case was closed, as a code: the ledger records it, and a free text could carry personal data.
 * - `handled`: the work is done (the response sent, the disclosure read and acted on);
 * - `no_response`: we stopped waiting for the partner's response to our request;
 * - `duplicate`: the case repeats another one;
 * - `other`: none of these (the why belongs in the FIU's own case file, not here).
 */
export const CLOSE_REASONS = ['handled', 'no_response', 'duplicate', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** `value` as a close reason; throws `message.invalid` naming the codes when it is none of them. */
export function parseCloseReason(value: string): CloseReason {
  if ((CLOSE_REASONS as readonly string[]).includes(value)) return value as CloseReason;
  const detail = `reason: expected one of ${CLOSE_REASONS.join(', ')}`;
  throw new GatewayError('message.invalid', detail, { publicDetail: detail });
}

/**
 * Throws unless `op` may close a case of `kind` assigned to `assignee`:
 * - a received request or disclosure: a supervisor, or the liaison officer it is assigned to
 *   (`case.not_assignee` for any other liaison officer), as for drafting;
 * - a disclosure we sent: a liaison officer or a supervisor;
 * - a request we sent: an analyst, a liaison officer or a supervisor.
 * Others: `transport.operator_forbidden`.
 */
export function requireCloser(caseId: string, kind: CaseKind, assignee: string | null, op: Actor): void {
  if (kind === 'outbound_request') {
    requireCaseRole(op, 'closeRequest', 'closing a request we sent');
    return;
  }
  requireCaseRole(op, 'close', 'closing a case');
  const received = kind === 'inbound_request' || kind === 'inbound_disclosure';
  if (received && !op.roles.includes('supervisor')) requireAssignee(caseId, assignee, op);
}
