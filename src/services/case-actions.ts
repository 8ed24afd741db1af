/**
 * What every action on a case shares: the services case work uses, the case read (it must be one
 * people work on) with its pending draft, the check inside the commit that neither changed since, and
 * where a draft stands after an action on it.
 */
import type { Role } from '../config.js';
import type { KeyRing } from '../crypto/index.js';
import { GatewayError } from '../errors.js';
import type { Logger } from '../log.js';
import { caseKind, type CaseKind, type CaseState } from '../policy/index.js';
import type { CaseDraft, CaseRecord, Store, StoreTx } from '../store/index.js';
import type { CaseMessageService } from './case-messages.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { OutboundService } from './outbound.js';
import type { PolicyGate } from './policy-gate.js';
import type { MessageSender, SubmitResult } from './sender.js';

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

/** A refusal of what the operator asked, told to the operator. */
export function invalid(detail: string): GatewayError {
  return new GatewayError('message.invalid', detail, { publicDetail: detail });
}

function notFound(caseId: string): GatewayError {
  return new GatewayError('exchange.not_found', `no case ${caseId}`, { publicDetail: `no case ${caseId}` });
}

function stale(caseId: string): GatewayError {
  const detail = `case ${caseId} changed while this action ran: look at it again`;
  return new GatewayError('case.invalid_state', detail, { publicDetail: detail });
}

/** The case `caseId` and its kind, if it is a case people work on. */
export async function loadCase(
  store: Store,
  caseId: string,
): Promise<{ record: CaseRecord; kind: CaseKind }> {
  const record = await store.getCase(caseId);
  if (!record) throw notFound(caseId);
  const kind = caseKind(record.direction, record.messageType);
  if (!kind) throw invalid(`case ${caseId} is not a case people work on`);
  return { record, kind };
}

/** The case `caseId` with the draft that waits for approval in it. */
export async function loadPendingDraft(
  store: Store,
  caseId: string,
): Promise<{ record: CaseRecord; kind: CaseKind; draft: CaseDraft }> {
  const found = await loadCase(store, caseId);
  const draft = await store.pendingDraft(caseId);
  if (!draft) {
    const detail = `case ${caseId} is ${found.record.state}: no draft waits for approval`;
    throw new GatewayError('case.invalid_state', detail, { publicDetail: detail });
  }
  return { ...found, draft };
}

/** Inside the commit: the case (and draft) are still as read before the action was decided. */
export async function recheckCase(
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
