import { expect } from 'chai';
import { MIGRATIONS } from '../../../src/store/data-source.js';
import { openStore, type MessageRecord, type Store } from '../../../src/store/index.js';
import { onPostgres } from '../../helpers/database.js';
import { insertMessageRow, internals, rawQuery, sampleMessage } from './fixtures.js';
import { hasTable, migrationTestUrl, storeAtMigration } from './leaf-fixtures.js';

/** The rows of `rate_usage` as `direction partner day count`, sorted. */
async function usageRows(store: Store): Promise<string[]> {
  const rows = await rawQuery<{ direction: string; partner: string; day: string; count: number | string }>(
    store,
    'SELECT "direction", "partner", "day", "count" FROM "rate_usage"',
  );
  return rows.map((r) => `${r.direction} ${r.partner} ${r.day} ${Number(r.count)}`).sort();
}

/** The count that rate_usage replaces: requests of a partner and direction stored since `since`. */
async function countedInMessages(store: Store, direction: 'in' | 'out', partner: string, since: string) {
  const column = direction === 'in' ? 'from_fiu' : 'to_fiu';
  const rows = await rawQuery<{ n: number | string }>(
    store,
    `SELECT COUNT(*) AS n FROM messages WHERE direction = ? AND ${column} = ? AND type = 'request' AND stored_at >= ?`,
    [direction, partner, since],
  );
  return Number(rows[0]!.n);
}

/** The sum of rate_usage's counts of a partner and direction from `day` on. */
async function countedInUsage(store: Store, direction: 'in' | 'out', partner: string, day: string) {
  const rows = await rawQuery<{ n: number | string }>(
    store,
    'SELECT COALESCE(SUM("count"), 0) AS n FROM "rate_usage" WHERE "direction" = ? AND "partner" = ? AND "day" >= ?',
    [direction, partner, day],
  );
  return Number(rows[0]!.n);
}

const incoming = (fromFiu: string, storedAt: string, type = 'request') =>
  sampleMessage({ direction: 'in', fromFiu, toFiu: 'FIU-A', type, storedAt });
const outgoing = (toFiu: string, storedAt: string, type = 'request') =>
  sampleMessage({ direction: 'out', fromFiu: 'FIU-A', toFiu, type, storedAt, status: 'sealed' });

/** Requests of three partners, both ways, over three days (around midnight too), and other messages. */
const MESSAGES: MessageRecord[] = [
  incoming('FIU-B', '2026-01-01T23:59:59.999Z'),
  incoming('FIU-B', '2026-01-02T00:00:00.000Z'),
  incoming('FIU-B', '2026-01-02T00:00:00.001Z'),
  incoming('FIU-B', '2026-01-02T17:30:00.000Z'),
  incoming('FIU-B', '2026-01-03T08:00:00.000Z'),
  incoming('FIU-B', '2026-01-02T09:00:00.000Z', 'response'),
  incoming('FIU-C', '2026-01-02T10:00:00.000Z'),
  incoming('FIU-C', '2026-01-03T23:59:59.999Z'),
  incoming('FIU-C', '2026-01-03T11:00:00.000Z', 'feedback'),
  outgoing('FIU-B', '2026-01-01T12:00:00.000Z'),
  outgoing('FIU-B', '2026-01-02T12:00:00.000Z'),
  outgoing('FIU-B', '2026-01-02T12:00:01.000Z'),
  outgoing('FIU-D', '2026-01-03T00:00:00.000Z'),
  outgoing('FIU-D', '2026-01-03T01:00:00.000Z', 'response'),
];

const EXPECTED_ROWS = [
  'in FIU-B 2026-01-01 1',
  'in FIU-B 2026-01-02 3',
  'in FIU-B 2026-01-03 1',
  'in FIU-C 2026-01-02 1',
  'in FIU-C 2026-01-03 1',
  'out FIU-B 2026-01-01 1',
  'out FIU-B 2026-01-02 2',
  'out FIU-D 2026-01-03 1',
];

/** The rows once one more request from FIU-B is stored on 2026-01-03. */
const AFTER_ONE_MORE = EXPECTED_ROWS.map((r) =>
  r === 'in FIU-B 2026-01-03 1' ? 'in FIU-B 2026-01-03 2' : r,
);

describe('migration 0009 (requests counted per day)', () => {
  it('is listed after 0008', () => {
    expect(MIGRATIONS.map((m) => m.name).slice(7)).to.deep.equal([
      'LeafChunks1765500000000',
      'RateUsage1765600000000',
    ]);
  });

  describe(`on a database with messages (${onPostgres() ? 'PostgreSQL' : 'SQLite file'})`, () => {
    let url: string;
    let remove: () => Promise<void>;
    beforeEach(async () => ({ url, remove } = await migrationTestUrl()));
    afterEach(() => remove());

    it('counts the requests already stored as the COUNT of messages did, and new ones; down() drops the table; up again', async () => {
      const at0008 = await storeAtMigration(url, 8);
      try {
        for (const m of MESSAGES) await insertMessageRow(at0008, m);
      } finally {
        await at0008.close();
      }
      const store = await storeAtMigration(url, 9);
      try {
        expect(await usageRows(store)).to.deep.equal(EXPECTED_ROWS);
        for (const direction of ['in', 'out'] as const) {
          for (const partner of ['FIU-A', 'FIU-B', 'FIU-C', 'FIU-D']) {
            for (const day of ['2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']) {
              const what = `${direction} ${partner} ${day}`;
              expect(await countedInUsage(store, direction, partner, day), what).to.equal(
                await countedInMessages(store, direction, partner, `${day}T00:00:00.000Z`),
              );
            }
          }
        }

        // A request stored now adds to its day's row; messageUsage gives what the COUNT gave.
        await store.transaction((tx) => tx.insertMessage(incoming('FIU-B', '2026-01-03T09:00:00.000Z')));
        expect(await usageRows(store)).to.deep.equal(AFTER_ONE_MORE);
        for (const [direction, partner] of [
          ['in', 'FIU-B'],
          ['in', 'FIU-C'],
          ['out', 'FIU-B'],
          ['out', 'FIU-D'],
        ] as const) {
          for (const day of ['2026-01-01', '2026-01-02', '2026-01-03']) {
            const u = { direction, partner, day: `${day}T00:00:00.000Z`, minute: '2026-01-02T12:00:00.000Z' };
            expect(await store.messageUsage(u), JSON.stringify(u)).to.deep.equal({
              today: await countedInMessages(store, direction, partner, u.day),
              lastMinute: await countedInMessages(store, direction, partner, u.minute),
            });
          }
        }

        await store.dataSource.undoLastMigration({ transaction: 'all' });
        expect(await hasTable(store, 'rate_usage')).to.equal(false);
        const names = await rawQuery<{ name: string }>(store, 'SELECT name FROM migrations ORDER BY id');
        expect(names.map((m) => m.name)).to.deep.equal(MIGRATIONS.slice(0, 8).map((m) => m.name));
        expect(await countedInMessages(store, 'in', 'FIU-B', '2026-01-01T00:00:00.000Z')).to.equal(6);
      } finally {
        await store.close();
      }
      const again = await openStore(url);
      try {
        expect(await usageRows(again)).to.deep.equal(AFTER_ONE_MORE);
        expect(await internals(again).dataSource.showMigrations()).to.equal(false);
      } finally {
        await again.close();
      }
    });

    it('creates an empty table on a database without messages', async () => {
      const store = await openStore(url);
      try {
        expect(await hasTable(store, 'rate_usage')).to.equal(true);
        expect(await usageRows(store)).to.deep.equal([]);
      } finally {
        await store.close();
      }
    });
  });
});
