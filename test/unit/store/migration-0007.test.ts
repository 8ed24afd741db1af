import { expect } from 'chai';
import { MIGRATIONS } from '../../../src/store/data-source.js';
import { onPostgres } from '../../helpers/database.js';
import { rawQuery } from './fixtures.js';
import { h, ledgerNodeIndexes, migrationTestUrl, storeAtMigration, storeLedger } from './leaf-fixtures.js';

/**
 * Migration 0007 replaced 0002's hash index on every node with an expression index on leaves only; 0008
 * replaced that in turn (migration-0008.test.ts). Here the schema stops at 0007.
 */
describe('migration 0007 (leaf index)', () => {
  it('is listed after 0006', () => {
    expect(MIGRATIONS.map((m) => m.name).slice(5, 7)).to.deep.equal([
      'CaseWork1765300000000',
      'LeafIndex1765400000000',
    ]);
  });

  describe(`on a database with data (${onPostgres() ? 'PostgreSQL' : 'SQLite file'})`, () => {
    let url: string;
    let remove: () => Promise<void>;
    beforeEach(async () => ({ url, remove } = await migrationTestUrl()));
    afterEach(() => remove());

    /** The lookup of 0007's time, which its index served: the first leaf with that hash. */
    const findLeaf0007 = async (store: Parameters<typeof rawQuery>[0], hash: string) => {
      const rows = await rawQuery<{ idx: number }>(
        store,
        'SELECT "idx" FROM "ledger_nodes" WHERE "level" = 0 AND substr("hash", 1, 8) = ? AND "hash" = ? ORDER BY "idx" LIMIT 1',
        [hash.slice(0, 8), hash],
      );
      return rows.length ? Number(rows[0]!.idx) : null;
    };

    it('replaces the hash index with the leaf index, and down() puts it back', async () => {
      const n = 300;
      const at0006 = await storeAtMigration(url, 6);
      let indexesAt0006;
      try {
        await storeLedger(at0006, n);
        indexesAt0006 = await ledgerNodeIndexes(at0006);
        expect(indexesAt0006.map((i) => i.name)).to.deep.equal(['idx_ledger_nodes_hash']);
      } finally {
        await at0006.close();
      }
      const store = await storeAtMigration(url, 7);
      try {
        const indexes = await ledgerNodeIndexes(store);
        expect(indexes.map((i) => i.name)).to.deep.equal(['idx_ledger_leaves']);
        expect(indexes[0]!.sql)
          .to.match(/substr\(.*hash.*1, 8\)/)
          .and.to.match(/WHERE .*level.* = 0/);
        for (let i = 0; i < n; i += 13) expect(await findLeaf0007(store, h(`leaf ${i}`))).to.equal(i);
        expect(await findLeaf0007(store, h('1/0'))).to.equal(null);

        await store.dataSource.undoLastMigration({ transaction: 'all' });
        expect(await ledgerNodeIndexes(store)).to.deep.equal(indexesAt0006);
        const names = await rawQuery<{ name: string }>(store, 'SELECT name FROM migrations ORDER BY id');
        expect(names.map((m) => m.name)).to.deep.equal(MIGRATIONS.slice(0, 6).map((m) => m.name));
        expect(await store.ledgerSize()).to.equal(n);
      } finally {
        await store.close();
      }
      const again = await storeAtMigration(url, 7);
      try {
        expect((await ledgerNodeIndexes(again)).map((i) => i.name)).to.deep.equal(['idx_ledger_leaves']);
      } finally {
        await again.close();
      }
    });
  });
});
