/**
 * The store's queries for sharing agreements (revisions) and for the request counts that rate limits
 * need (kept in `rate_usage` as requests are stored, migration 0009). Rows are mapped to plain records
 * before they leave this file.
 */
import type { EntityManager } from 'typeorm';
import { GatewayError } from '../errors.js';
import {
  AgreementRevisionEntity,
  MessageEntity,
  RateUsageEntity,
  type AgreementRevisionEntityRow,
} from './entities.js';
import { memo, quotedNames, runStatement } from './statements.js';
import type { AgreementRevision, Direction, MessageRecord, MessageUsageQuery } from './types.js';

function toRevision(row: AgreementRevisionEntityRow): AgreementRevision {
  const ledgerIndex = Number(row.ledgerIndex);
  const version = Number(row.version);
  if (!Number.isSafeInteger(ledgerIndex) || !Number.isSafeInteger(version)) {
    throw new GatewayError(
      'store.failed',
      `store: corrupt agreement revision row ${String(row.ledgerIndex)}`,
    );
  }
  return { ...row, ledgerIndex, version, reason: row.reason ?? null };
}

/** Inserts a revision; a second one for the same ledger index fails on the primary key. */
export async function insertAgreementRevision(m: EntityManager, r: AgreementRevision): Promise<void> {
  await m.createQueryBuilder().insert().into(AgreementRevisionEntity).values(r).updateEntity(false).execute();
}

/** Revisions, oldest first, optionally of one agreement id or one partner. */
export async function agreementRevisions(
  m: EntityManager,
  filter: { agreementId?: string; partner?: string },
): Promise<AgreementRevision[]> {
  const where: Partial<Pick<AgreementRevisionEntityRow, 'agreementId' | 'partner'>> = {};
  if (filter.agreementId !== undefined) where.agreementId = filter.agreementId;
  if (filter.partner !== undefined) where.partner = filter.partner;
  const rows = await m.find(AgreementRevisionEntity, { where, order: { ledgerIndex: 'ASC' } });
  return rows.map(toRevision);
}

/** The ledger index of the latest revision of any agreement with `partner`, or null (an indexed MAX). */
export async function latestAgreementChange(m: EntityManager, partner: string): Promise<number | null> {
  const raw = await m
    .createQueryBuilder(AgreementRevisionEntity, 'r')
    .select('MAX(r.ledgerIndex)', 'max')
    .where('r.partner = :partner', { partner })
    .getRawOne<{ max: number | string | null }>();
  return raw?.max === null || raw?.max === undefined ? null : Number(raw.max);
}

/** The UTC day of an RFC 3339 time as the store writes it ('YYYY-MM-DDT…Z'), or null. */
function dayOf(time: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T.*Z$/.test(time) ? time.slice(0, 10) : null;
}

/** The partner a message counts for: the sender of an incoming one, the recipient of an outgoing one. */
function partnerOf(record: Pick<MessageRecord, 'direction' | 'fromFiu' | 'toFiu'>): string {
  return record.direction === 'in' ? record.fromFiu : record.toFiu;
}

/**
 * Counts a stored request in `rate_usage`: adds 1 to the row of its direction, partner and UTC day of
 * `storedAt`, in the caller's transaction (the one that inserts the message). One upsert, which each
 * database runs atomically, so that replicas storing at once on one PostgreSQL database never lose a
 * count. Messages of other types are not counted.
 *
 * Nothing deletes messages (a retention period is an obligation recorded with a decision, not a purge),
 * so nothing takes a count back. A purge of past days would not need to: only the rows from today on
 * are read, and those of past days (one per partner, direction and day) may go with their messages.
 */
export async function countRequest(m: EntityManager, record: MessageRecord): Promise<void> {
  if (record.type !== 'request') return;
  const day = dayOf(record.storedAt);
  if (day === null) {
    throw new GatewayError('store.failed', `store: message ${record.messageId} has no RFC 3339 stored_at`);
  }
  const sql = memo(m, RateUsageEntity, 'count request', () => {
    const { driver } = m.dataSource;
    const { table, columns } = quotedNames(m, RateUsageEntity, ['direction', 'partner', 'day', 'count']);
    const [direction, partner, dayColumn, count] = columns;
    const values = columns.map((_, i) => driver.createParameter(`v${i}`, i));
    return (
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')}) ` +
      `ON CONFLICT (${direction}, ${partner}, ${dayColumn}) ` +
      `DO UPDATE SET ${count} = ${table}.${count} + excluded.${count}`
    );
  });
  await runStatement(m, sql, [record.direction, partnerOf(record), day, 1]);
}

type DayCount = { direction: string; partner: string; day: string; n: number | string };

/**
 * Puts back the rows of `rate_usage` from the UTC day of `now` on, if they disagree with the requests
 * in `messages` (a restore of some tables, or a hand edit, would let a partner past its daily limit);
 * returns how many rows were wrong (0: none). Only those days are read by a rate-limit decision. One
 * pass over the rate indexes' entries of today's requests and one over today's counts; run where the
 * write lock is held (at start-up), so that no request is stored meanwhile.
 */
export async function repairRateUsage(m: EntityManager, now: Date): Promise<number> {
  const day = now.toISOString().slice(0, 10);
  const p = (i: number) => m.dataSource.driver.createParameter(`p${i}`, i);
  const key = (r: DayCount) => `${r.direction} ${r.partner} ${r.day}`;
  const counts = async (sql: string, value: string) =>
    new Map(((await m.query(sql, [value])) as DayCount[]).map((r) => [key(r), Number(r.n)]));
  const counted = await counts(
    `SELECT "direction", "partner", "day", "count" AS n FROM "rate_usage" WHERE "day" >= ${p(0)}`,
    day,
  );
  // The requests in `messages` per direction, partner and day from `day` on: what the rows should be.
  const requests =
    `SELECT "direction", CASE WHEN "direction" = 'in' THEN "from_fiu" ELSE "to_fiu" END AS partner, ` +
    `substr("stored_at", 1, 10) AS day, COUNT(*) AS n FROM "messages" ` +
    `WHERE "type" = 'request' AND "direction" IN ('in', 'out') AND "stored_at" >= ${p(0)} GROUP BY 1, 2, 3`;
  const stored = await counts(requests, `${day}T00:00:00.000Z`);
  const keys = new Set([...counted.keys(), ...stored.keys()]);
  const wrong = [...keys].filter((k) => counted.get(k) !== stored.get(k)).length;
  if (wrong === 0) return 0;
  await runStatement(m, `DELETE FROM "rate_usage" WHERE "day" >= ${p(0)}`, [day]);
  await runStatement(m, `INSERT INTO "rate_usage" ("direction", "partner", "day", "count") ${requests}`, [
    `${day}T00:00:00.000Z`,
  ]);
  return wrong;
}

/**
 * The requests of one partner and direction stored since the start of the UTC day `day` and since
 * `minute` (the two rate-limit counts), in one statement: the day's from the few rows of `rate_usage`
 * from that day on (`>=`, like the count of `messages` it replaced: a request stored with a later day,
 * just after midnight, counts), the minute's as a range scan of the direction's rate index of `messages`
 * (direction, partner, type, storedAt), bounded by the agreement's burst since refused requests are not
 * stored. The statement text is the same for every call of a direction.
 */
export async function messageUsage(
  m: EntityManager,
  u: MessageUsageQuery,
): Promise<{ today: number; lastMinute: number }> {
  const day = dayOf(u.day);
  if (day === null || u.day !== `${day}T00:00:00.000Z`) {
    throw new GatewayError(
      'store.failed',
      `store: counting requests since ${u.day}: not the start of a UTC day`,
    );
  }
  const sql = memo(m, MessageEntity, `usage:${u.direction}`, () => usageSql(m, u.direction));
  const parameters = [u.direction, u.partner, day, u.direction, u.partner, 'request', u.minute];
  const [row] = (await m.query(sql, parameters)) as Array<{ today: unknown; lastMinute: unknown }>;
  // PostgreSQL's SUM of integers and COUNT are bigints, which pg returns as strings.
  return { today: Number(row?.today ?? 0), lastMinute: Number(row?.lastMinute ?? 0) };
}

/** The text of {@link messageUsage} for one direction (the partner: sender if in, recipient if out). */
function usageSql(m: EntityManager, direction: Direction): string {
  const { driver } = m.dataSource;
  const p = (i: number) => driver.createParameter(`p${i}`, i);
  const usage = quotedNames(m, RateUsageEntity, ['direction', 'partner', 'day', 'count']);
  const [uDirection, uPartner, uDay, uCount] = usage.columns;
  const partner = direction === 'in' ? 'fromFiu' : 'toFiu';
  const messages = quotedNames(m, MessageEntity, ['direction', partner, 'type', 'storedAt']);
  const [mDirection, mPartner, mType, mStoredAt] = messages.columns;
  const today =
    `SELECT COALESCE(SUM(${uCount}), 0) FROM ${usage.table} ` +
    `WHERE ${uDirection} = ${p(0)} AND ${uPartner} = ${p(1)} AND ${uDay} >= ${p(2)}`;
  const lastMinute =
    `SELECT COUNT(*) FROM ${messages.table} WHERE ${mDirection} = ${p(3)} AND ${mPartner} = ${p(4)} ` +
    `AND ${mType} = ${p(5)} AND ${mStoredAt} >= ${p(6)}`;
  return `SELECT (${today}) AS ${driver.escape('today')}, (${lastMinute}) AS ${driver.escape('lastMinute')}`;
}
