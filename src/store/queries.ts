/**
 * The store's queries, each on a given entity manager: the data source's own (outside a transaction)
 * or a transaction's. Rows are mapped to plain records before they leave this file.
 */
import type { EntityManager } from 'typeorm';
import { GatewayError, toGatewayError } from '../errors.js';
import { PENDING_STATES } from '../policy/case-workflow.js';
import { keyRecordSchema, type KeyRecord } from '../crypto/key-file.js';
import {
  CaseEntity,
  KeyEntity,
  LedgerEntity,
  MessageEntity,
  PartnerEntity,
  type LedgerEntityRow,
} from './entities.js';
import {
  fromCaseRecord,
  fromKeyRecord,
  fromMessageRecord,
  sameKey,
  toCaseRecord,
  toLedgerRow,
  toMessageRecord,
  toPartnerRow,
  toStoredKey,
} from './mappers.js';
import { countRequest } from './agreement-queries.js';
import { insertRow, insertRows, quotedNames, selectFirst, updateWhere } from './statements.js';
import type {
  CaseFilter,
  CaseRecord,
  CaseState,
  Direction,
  LedgerRow,
  MessageRecord,
  OverdueCount,
  PartnerRow,
  StoredKey,
} from './types.js';

/** Runs `fn`; anything it throws that is not a GatewayError becomes `store.failed` (cause kept). */
export async function guarded<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw toGatewayError(err, 'store.failed', `store: ${what} failed: ${detail}`);
  }
}

/** The next free ledger index: (max idx) + 1, or 0 for an empty ledger. */
export async function nextLedgerIndex(m: EntityManager): Promise<number> {
  // Written out, not built: it runs in every append batch (the builder's took ~60 µs of CPU, this ~12).
  const { table, columns } = quotedNames(m, LedgerEntity, ['idx']);
  const rows: Array<{ max: number | string | null }> = await m.query(
    `SELECT MAX(${columns[0]!}) AS max FROM ${table}`,
  );
  const max = rows[0]?.max;
  if (max === null || max === undefined) return 0;
  return toLedgerRow({ idx: Number(max), entry: '' }).index + 1;
}

/**
 * Appends entries at consecutive indexes after the current end. Must run inside a transaction that
 * holds the write lock, so that no other writer can take the same indexes in between.
 */
export async function appendLedger(m: EntityManager, entries: string[], now: string): Promise<number[]> {
  if (entries.length === 0) return [];
  const first = await nextLedgerIndex(m);
  const rows = entries.map((entry, i): LedgerEntityRow => ({ idx: first + i, entry, createdAt: now }));
  // One multi-row INSERT per 500 entries; a taken index fails on the primary key.
  await insertRows(m, LedgerEntity, ['idx', 'entry', 'createdAt'], rows, 'fail');
  return rows.map((r) => r.idx);
}

/** Ledger entries with start <= index < end, in index order. */
export async function ledgerRange(m: EntityManager, start: number, end: number): Promise<LedgerRow[]> {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0) {
    throw new GatewayError('store.failed', `invalid ledger range [${start}, ${end})`);
  }
  if (end <= start) return [];
  // Raw rows, not entities: exporters and verifiers read the whole ledger in large pages, and entity
  // hydration costs twice the query itself (measured, 1M rows in pages of 10k: ~3 s as entities, ~1 s
  // raw, which is what better-sqlite3 alone takes).
  const rows = await m
    .createQueryBuilder()
    .select('e.idx', 'idx')
    .addSelect('e.entry', 'entry')
    .from(LedgerEntity, 'e')
    .where('e.idx >= :start AND e.idx < :end', { start, end })
    .orderBy('e.idx', 'ASC')
    .getRawMany<Pick<LedgerEntityRow, 'idx' | 'entry'>>();
  return rows.map(toLedgerRow);
}

/**
 * Inserts a message; a second inbound copy (same from_fiu and message id) fails on the unique key. A
 * request is also counted in `rate_usage`, in the same transaction: this is the only way a message is
 * stored, so the daily counts there always agree with `messages`.
 */
export async function insertMessage(m: EntityManager, record: MessageRecord): Promise<void> {
  await insertRow(m, MessageEntity, fromMessageRecord(record));
  await countRequest(m, record);
}

/** Changes a message's status and/or receipt; fails when no message has that row id. */
export async function updateMessage(
  m: EntityManager,
  rowId: string,
  patch: Partial<Pick<MessageRecord, 'status' | 'receipt'>>,
): Promise<void> {
  const values: { status?: string; receipt?: string | null } = {};
  if (patch.status !== undefined) values.status = patch.status;
  if (patch.receipt !== undefined) values.receipt = patch.receipt;
  if (Object.keys(values).length === 0) return;
  const affected = await updateWhere(m, MessageEntity, values, { rowId });
  if (affected === 0) throw new GatewayError('store.failed', `no message with row id ${rowId}`);
}

/** The inbound message `messageId` from `fromFiu`, or null. */
export async function findInbound(
  m: EntityManager,
  fromFiu: string,
  messageId: string,
): Promise<MessageRecord | null> {
  const row = await selectFirst(m, MessageEntity, { direction: 'in', fromFiu, messageId });
  return row ? toMessageRecord(row) : null;
}

/** The first stored message whose sealed bytes have this digest, or null. */
export async function findMessageByDigest(m: EntityManager, digest: string): Promise<MessageRecord | null> {
  const row = await m.findOne(MessageEntity, { where: { digest }, order: { storedAt: 'ASC' } });
  return row ? toMessageRecord(row) : null;
}

/** The first stored message with this direction and id, or null. */
export async function findMessage(
  m: EntityManager,
  direction: Direction,
  messageId: string,
): Promise<MessageRecord | null> {
  const row = await selectFirst(m, MessageEntity, { direction, messageId }, ['storedAt', 'rowId']);
  return row ? toMessageRecord(row) : null;
}

/** The messages of a case, in ledger order. */
export async function messagesOfCase(m: EntityManager, caseId: string): Promise<MessageRecord[]> {
  const rows = await m.find(MessageEntity, {
    where: { caseId },
    order: { ledgerIndex: 'ASC', storedAt: 'ASC', rowId: 'ASC' },
  });
  return rows.map(toMessageRecord);
}

/** Inserts a case. */
export async function insertCase(m: EntityManager, record: CaseRecord): Promise<void> {
  await insertRow(m, CaseEntity, fromCaseRecord(record));
}

/** Sets a case's state; `exchange.not_found` when there is no such case. */
export async function setCaseState(m: EntityManager, caseId: string, state: CaseState): Promise<void> {
  const result = await m.update(CaseEntity, { caseId }, { state });
  if (result.affected === 0) {
    throw new GatewayError('exchange.not_found', `no case ${caseId}`, { publicDetail: `no case ${caseId}` });
  }
}

/** One case, or null. */
export async function getCase(m: EntityManager, caseId: string): Promise<CaseRecord | null> {
  const row = await m.findOne(CaseEntity, { where: { caseId } });
  return row ? toCaseRecord(row) : null;
}

/** Cases matching every given filter, newest first (RFC 3339 UTC times sort as text). */
export async function listCases(m: EntityManager, filter: CaseFilter): Promise<CaseRecord[]> {
  const where: Partial<Record<'direction' | 'state' | 'partner' | 'assignee', string>> = {};
  if (filter.direction !== undefined) where.direction = filter.direction;
  if (filter.state !== undefined) where.state = filter.state;
  if (filter.partner !== undefined) where.partner = filter.partner;
  if (filter.assignee !== undefined) where.assignee = filter.assignee;
  const rows = await m.find(CaseEntity, { where, order: { openedAt: 'DESC', caseId: 'ASC' } });
  return rows.map(toCaseRecord);
}

/**
 * Per partner, received requests not yet responded to whose deadline is before `now` (RFC 3339 UTC,
 * compared as text): the overdue cases of the inbox.
 */
export async function overdueCases(m: EntityManager, now: Date): Promise<OverdueCount[]> {
  const rows = await m
    .createQueryBuilder(CaseEntity, 'c')
    .select('c.partner', 'partner')
    .addSelect('COUNT(*)', 'n')
    .where('c.direction = :direction AND c.message_type = :type AND c.state IN (:...states)', {
      direction: 'in',
      type: 'request',
      states: [...PENDING_STATES],
    })
    .andWhere('c.deadline IS NOT NULL AND c.deadline < :at', { at: now.toISOString() })
    .groupBy('c.partner')
    .orderBy('c.partner', 'ASC')
    .getRawMany<{ partner: string; n: number | string }>();
  return rows.map((r) => ({ partner: r.partner, count: Number(r.n) }));
}

/** Inserts a partner or updates its address. */
export async function upsertPartner(m: EntityManager, p: PartnerRow): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(PartnerEntity)
    .values({ id: p.id, address: p.address, updatedAt: p.updatedAt })
    .orUpdate(['address', 'updated_at'], ['id'])
    .updateEntity(false)
    .execute();
}

/** Every partner, by id. */
export async function listPartners(m: EntityManager): Promise<PartnerRow[]> {
  const rows = await m.find(PartnerEntity, { order: { id: 'ASC' } });
  return rows.map(toPartnerRow);
}

/** Registers one key: new kid inserted, identical content ignored, different content refused. */
export async function registerKey(m: EntityManager, key: KeyRecord, now: string): Promise<void> {
  if (!keyRecordSchema.safeParse(key).success) {
    throw new GatewayError('crypto.key_invalid', `key ${String(key.jwk?.kid)} is not a valid key record`);
  }
  const row = fromKeyRecord(key, now);
  const existing = await m.findOne(KeyEntity, { where: { kid: row.kid } });
  if (!existing) {
    await m.createQueryBuilder().insert().into(KeyEntity).values(row).updateEntity(false).execute();
    return;
  }
  if (!sameKey(existing, row)) {
    throw new GatewayError('store.failed', `key ${row.kid} is already registered with different content`);
  }
}

/** Every registered key of one FIU, oldest window first. */
export async function keysOf(m: EntityManager, fiu: string): Promise<StoredKey[]> {
  const rows = await m.find(KeyEntity, { where: { fiu }, order: { notBefore: 'ASC', kid: 'ASC' } });
  return rows.map(toStoredKey);
}
