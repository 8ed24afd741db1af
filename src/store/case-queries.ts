/**
 * The queries of case work (migration 0006): a case's state and assignee, drafts waiting for approval
 * and the decisions on them, and for the per-partner summary the drafts counted and response times.
 */
import type { EntityManager } from 'typeorm';
import { GatewayError } from '../errors.js';
import {
  CaseApprovalEntity,
  CaseDraftEntity,
  CaseEntity,
  MessageEntity,
  type CaseApprovalEntityRow,
  type CaseDraftEntityRow,
} from './entities.js';
import type {
  CaseApproval,
  CaseDraft,
  CaseDraftCount,
  CaseResponseTime,
  DraftCountFilter,
  DraftState,
} from './types.js';

const DRAFT_STATES: readonly string[] = ['pending', 'rejected', 'sent'] satisfies DraftState[];
const DRAFT_TYPES: readonly string[] = ['response', 'spontaneous_disclosure', 'request'];

function corrupt(what: string): GatewayError {
  return new GatewayError('store.failed', `the database holds an invalid ${what}`);
}

function toDraft(row: CaseDraftEntityRow): CaseDraft {
  if (!DRAFT_STATES.includes(row.state)) throw corrupt(`draft state "${row.state}"`);
  if (!DRAFT_TYPES.includes(row.type)) throw corrupt(`draft type "${row.type}"`);
  const required = Number(row.approvalsRequired);
  if (required !== 1 && required !== 2) throw corrupt(`approval count ${required}`);
  return {
    draftId: row.draftId,
    caseId: row.caseId,
    type: row.type as CaseDraft['type'],
    partner: row.partner,
    state: row.state as DraftState,
    draftedBy: row.draftedBy,
    draftedAt: row.draftedAt,
    sealed: row.sealed,
    approvalsRequired: required,
    supervisorRequired: Number(row.supervisorRequired) === 1,
    messageId: row.messageId ?? null,
    decidedAt: row.decidedAt ?? null,
  };
}

function toApproval(row: CaseApprovalEntityRow): CaseApproval {
  if (row.decision !== 'approved' && row.decision !== 'rejected') {
    throw corrupt(`approval decision "${row.decision}"`);
  }
  return {
    draftId: row.draftId,
    approver: row.approver,
    roles: row.roles === '' ? [] : row.roles.split(','),
    decision: row.decision,
    comment: row.comment ?? null,
    decidedAt: row.decidedAt,
    position: Number(row.position),
  };
}

/** Sets a case's assignee. */
export async function setCaseAssignee(m: EntityManager, caseId: string, assignee: string): Promise<void> {
  const result = await m.update(CaseEntity, { caseId }, { assignee });
  if (result.affected === 0) {
    throw new GatewayError('exchange.not_found', `no case ${caseId}`, { publicDetail: `no case ${caseId}` });
  }
}

/** Inserts a draft. */
export async function insertDraft(m: EntityManager, d: CaseDraft): Promise<void> {
  const row: CaseDraftEntityRow = {
    ...d,
    supervisorRequired: d.supervisorRequired ? 1 : 0,
    messageId: d.messageId ?? null,
    decidedAt: d.decidedAt ?? null,
  };
  await m.createQueryBuilder().insert().into(CaseDraftEntity).values(row).updateEntity(false).execute();
}

/** Changes a draft that is still pending; one that is not fails with `case.invalid_state`. */
export async function updateDraft(
  m: EntityManager,
  draftId: string,
  patch: Pick<CaseDraft, 'state' | 'decidedAt'> & { messageId?: string },
): Promise<void> {
  const values: Partial<CaseDraftEntityRow> = { state: patch.state, decidedAt: patch.decidedAt };
  if (patch.messageId !== undefined) values.messageId = patch.messageId;
  const result = await m
    .createQueryBuilder()
    .update(CaseDraftEntity)
    .set(values)
    .where({ draftId, state: 'pending' })
    .execute();
  if (result.affected === 0) {
    const detail = `draft ${draftId} is no longer pending`;
    throw new GatewayError('case.invalid_state', detail, { publicDetail: detail });
  }
}

/** Records a decision; a second decision by the same person on the same draft is refused. */
export async function insertApproval(m: EntityManager, a: CaseApproval): Promise<void> {
  const existing = await m.findOne(CaseApprovalEntity, {
    where: { draftId: a.draftId, approver: a.approver },
  });
  if (existing) {
    const detail = `${a.approver} has decided on this draft already`;
    throw new GatewayError('case.already_approved', detail, { publicDetail: detail });
  }
  const row: CaseApprovalEntityRow = { ...a, roles: a.roles.join(',') };
  await m.createQueryBuilder().insert().into(CaseApprovalEntity).values(row).updateEntity(false).execute();
}

/** The decisions on a draft, in the order they were given (by position). */
export async function approvalsOf(m: EntityManager, draftId: string): Promise<CaseApproval[]> {
  const rows = await m.find(CaseApprovalEntity, { where: { draftId }, order: { position: 'ASC' } });
  return rows.map(toApproval);
}

/** The drafts of a case, oldest first. */
export async function draftsOfCase(m: EntityManager, caseId: string): Promise<CaseDraft[]> {
  const rows = await m.find(CaseDraftEntity, {
    where: { caseId },
    order: { draftedAt: 'ASC', draftId: 'ASC' },
  });
  return rows.map(toDraft);
}

/** The pending draft of a case, or null. */
export async function pendingDraft(m: EntityManager, caseId: string): Promise<CaseDraft | null> {
  const row = await m.findOne(CaseDraftEntity, { where: { caseId, state: 'pending' } });
  return row ? toDraft(row) : null;
}

/** Per case matching the filter that has drafts: their number and how many were sent, by case id. */
export async function draftCounts(m: EntityManager, filter: DraftCountFilter): Promise<CaseDraftCount[]> {
  const rows = await m
    .createQueryBuilder(CaseDraftEntity, 'd')
    .innerJoin(CaseEntity.options.name, 'c', 'c.case_id = d.case_id')
    .select('d.case_id', 'caseId')
    .addSelect('COUNT(*)', 'drafts')
    .addSelect("SUM(CASE WHEN d.state = 'sent' THEN 1 ELSE 0 END)", 'sent')
    .where('c.direction = :direction AND c.message_type = :type', {
      direction: filter.direction,
      type: filter.messageType,
    })
    .groupBy('d.case_id')
    .orderBy('d.case_id', 'ASC')
    .getRawMany<{ caseId: string; drafts: number | string; sent: number | string }>();
  // PostgreSQL returns COUNT and SUM as bigint, that is as text.
  return rows.map((r) => ({ caseId: r.caseId, drafts: Number(r.drafts), sent: Number(r.sent) }));
}

/** Per case with a response (either direction), when the first response message was stored. */
export async function responseTimes(m: EntityManager): Promise<CaseResponseTime[]> {
  const rows = await m
    .createQueryBuilder(MessageEntity, 'msg')
    .select('msg.case_id', 'caseId')
    .addSelect('MIN(msg.stored_at)', 'respondedAt')
    .where('msg.type = :type', { type: 'response' })
    .groupBy('msg.case_id')
    .getRawMany<{ caseId: string; respondedAt: string }>();
  return rows.map((r) => ({ caseId: r.caseId, respondedAt: r.respondedAt }));
}

/** Records the message a sent draft became, and the case's opening message when the draft opened it. */
export async function recordSentMessage(
  m: EntityManager,
  draftId: string,
  messageId: string,
  openedCase?: string,
): Promise<void> {
  await m.update(CaseDraftEntity, { draftId }, { messageId });
  if (openedCase !== undefined) await m.update(CaseEntity, { caseId: openedCase }, { messageId });
}
