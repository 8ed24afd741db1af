/**
 * Requests counted per (direction, partner, UTC day) in `rate_usage`, so that a rate-limit decision
 * reads a day's requests as a few rows instead of counting them in `messages`.
 *
 * Why: the daily count was a range scan of `idx_messages_rate_in`/`_out`, one index entry per request
 * stored that day: the costliest statement of a delivery on a busy receiver, and up to a million entries
 * per decision at the highest limit. The store adds 1 to the row of (direction, partner, day of
 * stored_at) in the transaction that stores a request (src/store/queries.ts, `insertMessage`), so the
 * table always agrees with `messages`; the count of the last minute still comes from `messages`.
 *
 * Row: (direction 'in' | 'out', partner: from_fiu of an incoming request, to_fiu of an outgoing one,
 * day: the first 10 characters of stored_at, 'YYYY-MM-DD' in UTC, count), keyed by the first three.
 *
 * Up creates the table and fills it from the requests already stored; down drops it. Unqualified names
 * (on PostgreSQL the connection's search_path is the schema). Never edit a released migration: add a new
 * one.
 */
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A fresh Table object on every call (TypeORM may keep and change the one it is given). */
const rateUsage = (): Table =>
  new Table({
    name: 'rate_usage',
    // Small rows found only by their key: on SQLite the key is the table (ignored elsewhere).
    withoutRowid: true,
    columns: [
      { name: 'direction', type: 'varchar', isPrimary: true, isNullable: false },
      { name: 'partner', type: 'varchar', isPrimary: true, isNullable: false },
      { name: 'day', type: 'varchar', length: '10', isPrimary: true, isNullable: false },
      { name: 'count', type: 'integer', isNullable: false },
    ],
  });

/** Creates `rate_usage` and counts into it the requests stored so far. */
export class RateUsage1765600000000 implements MigrationInterface {
  readonly name = 'RateUsage1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(rateUsage(), false, true, true);
    await queryRunner.query(
      'INSERT INTO "rate_usage" ("direction", "partner", "day", "count") ' +
        'SELECT "direction", CASE WHEN "direction" = \'in\' THEN "from_fiu" ELSE "to_fiu" END, ' +
        'substr("stored_at", 1, 10), COUNT(*) FROM "messages" ' +
        "WHERE \"type\" = 'request' AND \"direction\" IN ('in', 'out') GROUP BY 1, 2, 3",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_usage', true);
  }
}
