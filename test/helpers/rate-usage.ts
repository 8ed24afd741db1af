/**
 * The daily request counts of a store (migration 0009's `rate_usage`) next to what they stand for: the
 * requests in `messages`, counted per direction, partner and UTC day of stored_at.
 */
import type { DataSource } from 'typeorm';
import type { Store } from '../../src/store/index.js';
import { sqlQuery } from './database.js';

type Row = { direction: string; partner: string; day: string; n: number | string };

const line = (r: Row) => `${r.direction} ${r.partner} ${r.day} ${Number(r.n)}`;

/** Both as sorted lines `direction partner day count`: `counted` from rate_usage, `stored` from messages. */
export async function requestsPerDay(store: Store): Promise<{ counted: string[]; stored: string[] }> {
  const { dataSource } = store as unknown as { dataSource: DataSource };
  const counted = await sqlQuery<Row>(
    dataSource,
    'SELECT "direction", "partner", "day", "count" AS n FROM "rate_usage"',
  );
  const stored = await sqlQuery<Row>(
    dataSource,
    `SELECT "direction", CASE WHEN "direction" = 'in' THEN "from_fiu" ELSE "to_fiu" END AS partner,
       substr("stored_at", 1, 10) AS day, COUNT(*) AS n
     FROM "messages" WHERE "type" = 'request' GROUP BY 1, 2, 3`,
  );
  return { counted: counted.map(line).sort(), stored: stored.map(line).sort() };
}

/** The requests of a partner and direction in `messages` stored at or after `since` (the COUNT 0009 replaced). */
export async function requestsSince(
  store: Store,
  direction: 'in' | 'out',
  partner: string,
  since: string,
): Promise<number> {
  const { dataSource } = store as unknown as { dataSource: DataSource };
  const column = direction === 'in' ? 'from_fiu' : 'to_fiu';
  const rows = await sqlQuery<{ n: number | string }>(
    dataSource,
    `SELECT COUNT(*) AS n FROM "messages" WHERE "direction" = ? AND "${column}" = ? AND "type" = 'request' AND "stored_at" >= ?`,
    [direction, partner, since],
  );
  return Number(rows[0]!.n);
}
