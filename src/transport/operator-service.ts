/**
 * The operator API handlers: the operator is read from its TLS client certificate (issued by the
 * FIU's operator CA), its roles from the configuration; then the services do the work.
 */
import { GatewayError } from '../errors.js';
import type { OperatorHandlers } from '../generated/fiu/exchange/v1/Operator.js';
import type { CaseSummary } from '../generated/fiu/exchange/v1/CaseSummary.js';
import type { Logger } from '../log.js';
import type { Operator } from '../services/authorize.js';
import type { CaseView } from '../services/cases.js';
import type { SubmitResult } from '../services/outbound.js';
import type { ConsentAnswer, ConsentAsk } from '../services/consents.js';
import type { FeedbackInput } from '../services/feedback.js';
import type { ExportAsk, ExportResult } from '../services/onward-export.js';
import type { DecideConsentRequest__Output } from '../generated/fiu/exchange/v1/DecideConsentRequest.js';
import type { InboxCase, InboxFilter, DraftView } from '../services/case-reports.js';
import type { RequestOutcome } from '../services/case-workflow.js';
import { caseWorkHandlers, draftInfo, submitInfo, type CaseWorkApi } from './case-work-handlers.js';
import type { OutboxActionResult } from '../services/outbox.js';
import type { CaseRecord, OutboxItem, OutboxState } from '../store/index.js';
import type { OutboxItemInfo } from '../generated/fiu/exchange/v1/OutboxItemInfo.js';
import { parseJsonField } from './json-field.js';
import { peerCommonName } from './peer-identity.js';
import { unary } from './unary.js';

/** What the operator API needs from the services. */
export interface OperatorApi extends CaseWorkApi {
  identify(commonName: string): Operator;
  submitRequest(op: Operator, to: string, input: unknown): Promise<RequestOutcome>;
  inbox(op: Operator, filter: InboxFilter): Promise<InboxCase[]>;
  /** The drafts of a case, for ShowCase. */
  caseDrafts(op: Operator, caseId: string): Promise<DraftView[]>;
  showCase(op: Operator, caseId: string): Promise<CaseView>;
  listOutbox(op: Operator, filter: { state?: OutboxState; partner?: string }): Promise<OutboxItem[]>;
  retryDelivery(op: Operator, messageId: string): Promise<OutboxActionResult>;
  cancelDelivery(op: Operator, messageId: string): Promise<OutboxActionResult>;
  requestConsent(op: Operator, ask: ConsentAsk): Promise<SubmitResult>;
  decideConsent(op: Operator, consentId: string, answer: ConsentAnswer): Promise<SubmitResult>;
  sendFeedback(op: Operator, f: FeedbackInput): Promise<SubmitResult>;
  exportCase(op: Operator, ask: ExportAsk): Promise<ExportResult>;
}

/**
 * The body of a consent decision from the request's fields: only the members of its decision, so that
 * the message schema names whatever is missing or unknown (an unknown decision is left to it too).
 */
function consentAnswer(req: DecideConsentRequest__Output): ConsentAnswer {
  switch (req.decision) {
    case 'granted_with_conditions':
      return { decision: req.decision, conditions: req.conditions };
    case 'refused':
      return {
        decision: req.decision,
        ground: {
          code: req.ground as Extract<ConsentAnswer, { decision: 'refused' }>['ground']['code'],
          ...(req.groundDetail ? { detail: req.groundDetail } : {}),
        },
      };
    default:
      return { decision: req.decision as 'granted' };
  }
}

const OUTBOX_STATES: readonly string[] = [
  'queued',
  'delivering',
  'delivered',
  'failed',
  'cancelled',
] satisfies OutboxState[];

function outboxInfo(i: OutboxItem): OutboxItemInfo {
  return {
    messageId: i.messageId,
    partner: i.partner,
    state: i.state,
    attempts: i.attempts,
    nextAttemptAt: i.state === 'queued' ? i.nextAttemptAt : '',
    giveUpAt: i.giveUpAt,
    lastError: i.lastError ?? '',
    submittedBy: i.submittedBy,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

function actionResponse(r: OutboxActionResult) {
  const o = r.outcome;
  return {
    item: outboxInfo(r.item),
    outcome: o?.status ?? '',
    errorCode: o && o.status !== 'delivered' ? o.error.code : '',
    errorDetail: o && o.status !== 'delivered' ? o.error.detail : '',
  };
}

/** A case as the operator API shows it. */
function summary(c: CaseRecord & { overdue?: boolean }): CaseSummary {
  return { ...c, deadline: c.deadline ?? '', assignee: c.assignee ?? '', overdue: c.overdue ?? false };
}

/** The Operator service implementation. */
export function operatorHandlers(api: OperatorApi, log: Logger): OperatorHandlers {
  const who = (call: Parameters<typeof peerCommonName>[0]) => api.identify(peerCommonName(call));
  return {
    SubmitRequest: unary(log, 'SubmitRequest', async (req, call) => {
      const op = who(call);
      const r = await api.submitRequest(op, req.to, parseJsonField(req.requestJson, 'request_json'));
      if (r.status === 'sent') return submitInfo(r.result);
      const d = r.draft;
      return { ...submitInfo(null), caseId: d.caseId, status: 'awaiting_approval', draftId: d.draftId };
    }),
    ListOutbox: unary(log, 'ListOutbox', async (req, call) => {
      const op = who(call);
      if (req.state && !OUTBOX_STATES.includes(req.state)) {
        const detail = `state: expected one of ${OUTBOX_STATES.join(', ')}`;
        throw new GatewayError('message.invalid', detail, { publicDetail: detail });
      }
      const filter = {
        state: (req.state || undefined) as OutboxState | undefined,
        partner: req.partner || undefined,
      };
      return { items: (await api.listOutbox(op, filter)).map(outboxInfo) };
    }),
    RetryDelivery: unary(log, 'RetryDelivery', async (req, call) =>
      actionResponse(await api.retryDelivery(who(call), req.messageId)),
    ),
    CancelDelivery: unary(log, 'CancelDelivery', async (req, call) =>
      actionResponse(await api.cancelDelivery(who(call), req.messageId)),
    ),
    ListInbox: unary(log, 'ListInbox', async (req, call) => {
      const op = who(call);
      const cases = await api.inbox(op, {
        ...(req.state ? { state: req.state } : {}),
        ...(req.partner ? { partner: req.partner } : {}),
        overdue: req.overdue,
      });
      return { cases: cases.map(summary) };
    }),
    RequestConsent: unary(log, 'RequestConsent', async (req, call) =>
      submitInfo(
        await api.requestConsent(who(call), {
          caseId: req.caseId,
          messageId: req.messageId,
          description: req.description,
          recipient: { name: req.recipientName, kind: req.recipientKind as ConsentAsk['recipient']['kind'] },
          purpose: req.purpose,
          legalBasis: req.legalBasis || undefined,
        }),
      ),
    ),
    DecideConsent: unary(log, 'DecideConsent', async (req, call) =>
      submitInfo(await api.decideConsent(who(call), req.consentId, consentAnswer(req))),
    ),
    SendFeedback: unary(log, 'SendFeedback', async (req, call) =>
      submitInfo(
        await api.sendFeedback(who(call), {
          caseId: req.caseId,
          messageId: req.messageId,
          use: req.use as FeedbackInput['use'],
          usefulness: req.usefulness as FeedbackInput['usefulness'],
          comments: req.comments || undefined,
        }),
      ),
    ),
    ExportCase: unary(log, 'ExportCase', async (req, call) => {
      const r = await api.exportCase(who(call), {
        caseId: req.caseId,
        recipient: req.recipient,
        purpose: req.purpose,
        messageIds: req.messageIds.length > 0 ? req.messageIds : undefined,
      });
      const basis = r.document.basis;
      return {
        basis: basis.kind,
        consentId: basis.kind === 'consent' ? basis.consent : '',
        digest: r.digest,
        ledgerIndex: String(r.ledgerIndex),
        documentJson: JSON.stringify(r.document),
      };
    }),
    ShowCase: unary(log, 'ShowCase', async (req, call) => {
      const op = who(call);
      const view = await api.showCase(op, req.caseId);
      const drafts = await api.caseDrafts(op, req.caseId);
      return {
        drafts: drafts.map(draftInfo),
        case: summary(view.case),
        messages: view.messages.map(({ record, message }) => ({
          messageId: record.messageId,
          direction: record.direction,
          type: record.type,
          from: record.fromFiu,
          to: record.toFiu,
          createdAt: record.createdAt,
          digest: record.digest,
          messageJson: message === null ? '' : JSON.stringify(message),
          receipt: record.receipt ?? '',
          ledgerIndex: String(record.ledgerIndex),
        })),
      };
    }),
    ...caseWorkHandlers(api, who, log),
  };
}
