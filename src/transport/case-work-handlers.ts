/**
 * The operator API's case-work handlers: assign, draft, disclose, approve, reject, close, summarise. The
 * operator comes from its TLS client certificate; the services check its roles.
 */
import type { CaseDraftInfo } from '../generated/fiu/exchange/v1/CaseDraftInfo.js';
import type { DraftOutcome as DraftOutcomeInfo } from '../generated/fiu/exchange/v1/DraftOutcome.js';
import type { OperatorHandlers } from '../generated/fiu/exchange/v1/Operator.js';
import type { Logger } from '../log.js';
import type { Operator } from '../services/authorize.js';
import type { DraftView, PartnerSummary } from '../services/case-reports.js';
import type { ClosedCase, DraftOutcome } from '../services/case-workflow.js';
import type { SubmitResult } from '../services/sender.js';
import type { SubmitRequestResponse } from '../generated/fiu/exchange/v1/SubmitRequestResponse.js';
import type { CaseState } from '../store/index.js';
import { parseJsonField } from './json-field.js';
import type { peerCommonName } from './peer-identity.js';
import { unary } from './unary.js';

/** What the case-work handlers need from the services. */
export interface CaseWorkApi {
  assignCase(
    op: Operator,
    caseId: string,
    assignee: string | undefined,
  ): Promise<{ caseId: string; assignee: string; state: CaseState }>;
  draftResponse(op: Operator, caseId: string, input: unknown): Promise<DraftOutcome>;
  discloseSpontaneous(op: Operator, to: string, input: unknown): Promise<DraftOutcome>;
  approveCase(op: Operator, caseId: string, comment?: string): Promise<DraftOutcome>;
  rejectCase(op: Operator, caseId: string, comment?: string): Promise<DraftOutcome>;
  closeCase(op: Operator, caseId: string, reason?: string): Promise<ClosedCase>;
  summariseCases(op: Operator): Promise<PartnerSummary[]>;
}

/** A send as the operator API reports it (SubmitRequest, and the last approval of a draft). */
export function submitInfo(r: SubmitResult | null): SubmitRequestResponse {
  if (!r) return { messageId: '', caseId: '', status: '', ledgerIndex: '0', receipt: null, attempts: 0 };
  return {
    messageId: r.messageId,
    caseId: r.caseId,
    status: r.status,
    ledgerIndex: String(r.ledgerIndex),
    receipt: r.receipt
      ? { messageId: r.messageId, ...r.receipt, ledgerIndex: String(r.receipt.ledgerIndex) }
      : null,
    errorCode: r.error?.code ?? '',
    errorDetail: r.error?.detail ?? '',
    alarm: r.alarm ? `${r.alarm.reason}: ${r.alarm.detail}` : '',
    nextAttemptAt: r.nextAttemptAt ?? '',
    attempts: r.attempts,
  };
}

type Who = (call: Parameters<typeof peerCommonName>[0]) => Operator;

function outcomeInfo(o: DraftOutcome): DraftOutcomeInfo {
  return {
    caseId: o.caseId,
    draftId: o.draftId,
    state: o.state,
    approvals: o.approvals,
    required: o.required,
    sent: o.sent ? submitInfo(o.sent) : null,
  };
}

/** A draft as ShowCase shows it. */
export function draftInfo(v: DraftView): CaseDraftInfo {
  const d = v.draft;
  return {
    draftId: d.draftId,
    type: d.type,
    state: d.state,
    draftedBy: d.draftedBy,
    draftedAt: d.draftedAt,
    approvalsRequired: d.approvalsRequired,
    supervisorRequired: d.supervisorRequired,
    messageId: d.messageId ?? '',
    decisions: v.decisions.map((a) => ({
      approver: a.approver,
      roles: a.roles,
      decision: a.decision,
      comment: a.comment ?? '',
      decidedAt: a.decidedAt,
    })),
    draftJson: JSON.stringify(v.message),
  };
}

const ms = (v: number | null) => String(v === null ? -1 : Math.round(v));

/**
 * The handlers of AssignCase, DraftResponse, DiscloseSpontaneous, ApproveCase, RejectCase, CloseCase,
 * SummariseCases.
 */
export function caseWorkHandlers(
  api: CaseWorkApi,
  who: Who,
  log: Logger,
): Pick<
  OperatorHandlers,
  | 'AssignCase'
  | 'DraftResponse'
  | 'DiscloseSpontaneous'
  | 'ApproveCase'
  | 'RejectCase'
  | 'CloseCase'
  | 'SummariseCases'
> {
  return {
    AssignCase: unary(log, 'AssignCase', async (req, call) =>
      api.assignCase(who(call), req.caseId, req.assignee || undefined),
    ),
    DraftResponse: unary(log, 'DraftResponse', async (req, call) => {
      const op = who(call);
      const input = parseJsonField(req.responseJson, 'response_json');
      return outcomeInfo(await api.draftResponse(op, req.caseId, input));
    }),
    DiscloseSpontaneous: unary(log, 'DiscloseSpontaneous', async (req, call) => {
      const op = who(call);
      const input = parseJsonField(req.disclosureJson, 'disclosure_json');
      return outcomeInfo(await api.discloseSpontaneous(op, req.to, input));
    }),
    ApproveCase: unary(log, 'ApproveCase', async (req, call) =>
      outcomeInfo(await api.approveCase(who(call), req.caseId, req.comment || undefined)),
    ),
    RejectCase: unary(log, 'RejectCase', async (req, call) =>
      outcomeInfo(await api.rejectCase(who(call), req.caseId, req.comment || undefined)),
    ),
    CloseCase: unary(log, 'CloseCase', async (req, call) => {
      const closed = await api.closeCase(who(call), req.caseId, req.reason || undefined);
      return { caseId: closed.caseId, state: closed.state, reason: closed.reason ?? '' };
    }),
    SummariseCases: unary(log, 'SummariseCases', async (_req, call) => ({
      partners: (await api.summariseCases(who(call))).map((p) => ({
        partner: p.partner,
        requestsIn: p.requestsIn,
        requestsOut: p.requestsOut,
        medianResponseMs: ms(p.medianResponseMs),
        partnerMedianResponseMs: ms(p.partnerMedianResponseMs),
        overdue: p.overdue,
      })),
    })),
  };
}
