/**
 * Queries on `consents` (migration 0005): consent requests and their decisions, ids and states only.
 */
import type { EntityManager } from 'typeorm';
import { GatewayError } from '../errors.js';
import { ConsentEntity, type ConsentEntityRow } from './entities.js';
import type { ConsentRecord, ConsentState, Direction } from './types.js';

const STATES: readonly string[] = [
  'pending',
  'granted',
  'granted_with_conditions',
  'refused',
] satisfies ConsentState[];

function toRecord(row: ConsentEntityRow): ConsentRecord {
  if (!STATES.includes(row.state) || (row.direction !== 'in' && row.direction !== 'out')) {
    throw new GatewayError('store.failed', `the database holds an invalid consent ${row.consentId}`);
  }
  return { ...row, state: row.state as ConsentState, direction: row.direction as Direction };
}

/** Inserts a consent request. */
export async function insertConsent(m: EntityManager, c: ConsentRecord): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(ConsentEntity)
    .values({ ...c })
    .updateEntity(false)
    .execute();
}

/** Records a decision on a pending consent (only if it is still pending). */
export async function decideConsent(
  m: EntityManager,
  consentId: string,
  d: Pick<ConsentRecord, 'state' | 'decisionMessageId' | 'decidedAt'>,
): Promise<void> {
  const result = await m.update(ConsentEntity, { consentId, state: 'pending' }, { ...d });
  if (result.affected) return;
  const existing = await m.findOne(ConsentEntity, { where: { consentId } });
  if (!existing) {
    throw new GatewayError('exchange.not_found', `no consent request ${consentId}`, {
      publicDetail: `no consent request ${consentId}`,
    });
  }
  const detail = `consent request ${consentId} was already decided (${existing.state})`;
  throw new GatewayError('exchange.invalid_state', detail, { publicDetail: detail });
}

/** One consent, or null. */
export async function getConsent(m: EntityManager, consentId: string): Promise<ConsentRecord | null> {
  const row = await m.findOne(ConsentEntity, { where: { consentId } });
  return row ? toRecord(row) : null;
}

/** The consents of a case, oldest first. */
export async function consentsOfCase(m: EntityManager, caseId: string): Promise<ConsentRecord[]> {
  const rows = await m.find(ConsentEntity, {
    where: { caseId },
    order: { requestedAt: 'ASC', consentId: 'ASC' },
  });
  return rows.map(toRecord);
}
