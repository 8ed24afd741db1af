/**
 * The outbox's queries (table `outbox`, migration 0004), each on a given entity manager. Claiming is
 * here and only here: on PostgreSQL with `SELECT … FOR UPDATE SKIP LOCKED`.
 */
import { Brackets, type EntityManager } from 'typeorm';
import { GatewayError } from '../errors.js';
import { OutboxEntity, type OutboxEntityRow } from './entities.js';
import { insertRow, updateWhere, type Where } from './statements.js';
import type { OutboxFilter, OutboxItem, OutboxState, OutboxStats, OutboxUpdate } from './types.js';

const STATES: readonly string[] = [
  'queued',
  'delivering',
  'delivered',
  'failed',
  'cancelled',
] satisfies OutboxState[];

function toItem(row: OutboxEntityRow): OutboxItem {
  if (!STATES.includes(row.state)) {
    throw new GatewayError('store.failed', `the database holds an invalid outbox state "${row.state}"`);
  }
  return { ...row, state: row.state as OutboxState, attempts: Number(row.attempts) };
}

/** Inserts an item. */
export async function insertOutboxItem(m: EntityManager, item: OutboxItem): Promise<void> {
  await insertRow(m, OutboxEntity, item);
}

/** Applies `update` if the item is still in an expected state; `exchange.invalid_state` otherwise. */
export async function updateOutboxItem(
  m: EntityManager,
  messageRowId: string,
  update: OutboxUpdate,
): Promise<void> {
  const where: Where<OutboxEntityRow> = { messageRowId, state: update.expect.states };
  if (update.expect.claimedBy !== undefined) where.claimedBy = update.expect.claimedBy;
  if (update.expect.attempts !== undefined) where.attempts = update.expect.attempts;
  const affected = await updateWhere(m, OutboxEntity, { ...update.patch, updatedAt: update.now }, where);
  if (affected === 0) {
    throw new GatewayError(
      'exchange.invalid_state',
      `outbox item ${messageRowId} is no longer ${update.expect.states.join(' or ')}${update.expect.claimedBy ? ` (claimed by ${update.expect.claimedBy})` : ''}`,
    );
  }
}

/** The where-clause of a due item: queued and due, or delivering with its lease run out. */
function whereDue(at: string) {
  return new Brackets((w) =>
    w
      .where('o.state = :queued AND o.next_attempt_at <= :at', { queued: 'queued', at })
      .orWhere('o.state = :delivering AND o.lease_until < :at', { delivering: 'delivering' }),
  );
}

/** True when some item is due at `now` (a read, so that an idle poll takes no write lock). */
export async function anyDue(m: EntityManager, now: Date): Promise<boolean> {
  const row = await m
    .createQueryBuilder(OutboxEntity, 'o')
    .select('o.message_row_id', 'id')
    .where(whereDue(now.toISOString()))
    .limit(1)
    .getRawOne();
  return row !== undefined && row !== null;
}

/**
 * Claims due items for `owner` (see Store.claimDue). On SQLite it must run inside a write transaction,
 * so that two claimers never take the same row. On PostgreSQL it locks the rows it selects and skips
 * rows another transaction has locked (another replica claiming them): no two claimers take one row,
 * and neither waits for the other. A row that another claim changed meanwhile is checked again against
 * the where-clause before it is locked (READ COMMITTED), so an item just claimed is not claimed twice.
 */
export async function claimDue(
  m: EntityManager,
  now: Date,
  limit: number,
  owner: string,
  leaseMs: number,
): Promise<OutboxItem[]> {
  const at = now.toISOString();
  const query = m
    .createQueryBuilder(OutboxEntity, 'o')
    .where(whereDue(at))
    .orderBy('o.next_attempt_at', 'ASC')
    .addOrderBy('o.message_row_id', 'ASC')
    .limit(limit);
  if (m.connection.options.type === 'postgres') query.setLock('pessimistic_write').setOnLocked('skip_locked');
  const rows = await query.getMany();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const claimed: OutboxItem[] = [];
  for (const row of rows) {
    const attempts = Number(row.attempts) + 1;
    await m
      .createQueryBuilder()
      .update(OutboxEntity)
      .set({ state: 'delivering', claimedBy: owner, leaseUntil, attempts, updatedAt: at })
      .where('message_row_id = :id', { id: row.messageRowId })
      .execute();
    claimed.push(
      toItem({ ...row, state: 'delivering', claimedBy: owner, leaseUntil, attempts, updatedAt: at }),
    );
  }
  return claimed;
}

/** Items matching the filter, oldest first. */
export async function listOutbox(m: EntityManager, filter: OutboxFilter): Promise<OutboxItem[]> {
  const where: Partial<Record<'state' | 'partner', string>> = {};
  if (filter.state !== undefined) where.state = filter.state;
  if (filter.partner !== undefined) where.partner = filter.partner;
  const rows = await m.find(OutboxEntity, { where, order: { createdAt: 'ASC', messageRowId: 'ASC' } });
  return rows.map(toItem);
}

/** The item of outbound message `messageId`, or null. */
export async function findOutboxItem(m: EntityManager, messageId: string): Promise<OutboxItem | null> {
  const row = await m.findOne(OutboxEntity, { where: { messageId } });
  return row ? toItem(row) : null;
}

interface StatsRow {
  state: string;
  n: number | string;
  created: string | null;
  nextAt: string | null;
  giveUp: string | null;
  lease: string | null;
  expired: number | string | null;
}

/** The outbox summed up at `now`: one GROUP BY over the states (times compare as UTC text, as in claimDue). */
export async function outboxStats(m: EntityManager, now: Date): Promise<OutboxStats> {
  const rows = await m
    .createQueryBuilder(OutboxEntity, 'o')
    .select('o.state', 'state')
    .addSelect('COUNT(*)', 'n')
    .addSelect('MIN(o.created_at)', 'created')
    .addSelect('MIN(o.next_attempt_at)', 'nextAt')
    .addSelect('MIN(o.give_up_at)', 'giveUp')
    .addSelect('MIN(CASE WHEN o.lease_until < :at THEN o.lease_until END)', 'lease')
    .addSelect('SUM(CASE WHEN o.lease_until < :at THEN 1 ELSE 0 END)', 'expired')
    .setParameter('at', now.toISOString())
    .groupBy('o.state')
    .getRawMany<StatsRow>();
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
  const pending = rows.filter((r) => r.state === 'queued' || r.state === 'delivering');
  const min = (values: Array<string | null>) =>
    values.filter((v): v is string => v !== null).sort()[0] ?? null;
  for (const r of rows) if (STATES.includes(r.state)) counts[r.state as OutboxState] = Number(r.n);
  const delivering = rows.find((r) => r.state === 'delivering');
  const oldestCreatedAt = min(pending.map((r) => r.created));
  return {
    counts,
    pending:
      oldestCreatedAt === null
        ? null
        : {
            oldestCreatedAt,
            earliestNextAttemptAt: min(pending.map((r) => r.nextAt))!,
            earliestGiveUpAt: min(pending.map((r) => r.giveUp))!,
          },
    expiredLeases: {
      count: Number(delivering?.expired ?? 0),
      earliestLeaseUntil: delivering?.lease ?? null,
    },
  };
}
