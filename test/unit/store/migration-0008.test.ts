import { expect } from 'chai';
import { MIGRATIONS } from '../../../src/store/data-source.js';
import { openStore, type LedgerNode, type Store } from '../../../src/store/index.js';
import { findIndexedLeafSql, findTailLeafSql } from '../../../src/store/tree-queries.js';
import { onPostgres } from '../../helpers/database.js';
import { BACKENDS, expectGatewayError, freshStore, internals, rawQuery, type Fresh } from './fixtures.js';
import {
  h,
  hasTable,
  leaf,
  ledgerNodeIndexes,
  migrationTestUrl,
  sibling,
  storeAtMigration,
  storeLedger,
  wholeTree,
} from './leaf-fixtures.js';

/** A chunk: the leaves under one node of level 12. */
const CHUNK = 4096;

/** How many rows the leaf index holds. */
async function indexRows(store: Store): Promise<number> {
  const rows = await rawQuery<{ n: number | string }>(store, 'SELECT COUNT(*) AS n FROM "ledger_leaf_index"');
  return Number(rows[0]!.n);
}

/** The leaves 0..n-1 (hashes by position) and the level-12 node of each complete chunk. */
const leavesAndChunks = (n: number): LedgerNode[] => [
  ...Array.from({ length: n }, (_, i) => leaf(i)),
  ...Array.from({ length: Math.floor(n / CHUNK) }, (_, j) => ({ level: 12, index: j, hash: h(`12/${j}`) })),
];

/** How the database runs `sql` with `params`, as text (PostgreSQL: with sequential scans forbidden). */
async function planOf(store: Store, sql: string, params: unknown[]): Promise<string> {
  const runner = internals(store).dataSource.createQueryRunner();
  try {
    if (!onPostgres()) {
      const rows = (await runner.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as Array<{ detail: string }>;
      return rows.map((r) => r.detail).join('\n');
    }
    // A tiny table is cheaper to scan than to search: forbid the scan on this one connection, so that
    // the plan shows whether the key can serve the query at all.
    await runner.query('BEGIN');
    try {
      await runner.query('SET LOCAL enable_seqscan = off');
      const rows = (await runner.query(`EXPLAIN ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await runner.query('ROLLBACK');
    }
  } finally {
    await runner.release();
  }
}

describe('migration 0008 (leaf index by chunks of 4,096)', () => {
  it('is listed after 0007', () => {
    expect(MIGRATIONS.map((m) => m.name).slice(6, 8)).to.deep.equal([
      'LeafIndex1765400000000',
      'LeafChunks1765500000000',
    ]);
  });

  for (const backend of BACKENDS) {
    describe(`findLeaf on a ${backend} database`, () => {
      let fresh: Fresh;
      beforeEach(async () => (fresh = await freshStore(backend)));
      afterEach(() => fresh.dispose());

      it('finds every leaf of the tail by its hash, and nothing for other hashes', async () => {
        const leaves = Array.from({ length: 20 }, (_, i) => leaf(i));
        await fresh.store.transaction((tx) =>
          tx.putLedgerNodes([...leaves, { level: 1, index: 0, hash: h('inner') }]),
        );
        expect(await indexRows(fresh.store)).to.equal(0);
        for (const { index, hash } of leaves) expect(await fresh.store.findLeaf(hash)).to.equal(index);
        // Unknown; an inner node's hash; a hash sharing a leaf's prefix only.
        expect(await fresh.store.findLeaf(h('unknown'))).to.equal(null);
        expect(await fresh.store.findLeaf(h('inner'))).to.equal(null);
        expect(await fresh.store.findLeaf(sibling(leaves[3]!.hash))).to.equal(null);
      });

      it('indexes a chunk when its level-12 node is stored, and finds leaves in it and in the tail', async () => {
        const n = 2 * CHUNK + 100;
        // As the sequencer writes: batches of 64 leaves, each complete subtree with its last batch.
        const nodes = wholeTree(n);
        for (let start = 0; start < n; start += 64) {
          const end = Math.min(n, start + 64);
          const batch = nodes.filter((node) => {
            const last = (node.index + 1) * 2 ** node.level - 1;
            return last >= start && last < end;
          });
          await fresh.store.transaction((tx) => tx.putLedgerNodes(batch));
          expect(await indexRows(fresh.store)).to.equal(Math.floor(end / CHUNK) * CHUNK);
        }
        for (const i of [0, 1, 4095, 4096, 4097, 8191, 8192, 8193, n - 1]) {
          expect(await fresh.store.findLeaf(h(`leaf ${i}`))).to.equal(i);
        }
        for (let i = 5; i < n; i += 97) expect(await fresh.store.findLeaf(h(`leaf ${i}`))).to.equal(i);
        expect(await fresh.store.findLeaf(sibling(h('leaf 4100')))).to.equal(null);
        expect(await fresh.store.findLeaf(h('12/0'))).to.equal(null);
        expect(await fresh.store.findLeaf(h('unknown'))).to.equal(null);
      });

      it('tells apart leaves whose hashes share the indexed prefix, in the index and in the tail', async () => {
        const [a, b] = [h('a'), h('b')];
        const nodes = leavesAndChunks(CHUNK + 10);
        nodes[7] = leaf(7, a);
        nodes[8] = leaf(8, sibling(a));
        nodes[CHUNK + 1] = leaf(CHUNK + 1, b);
        nodes[CHUNK + 2] = leaf(CHUNK + 2, sibling(b));
        await fresh.store.transaction((tx) => tx.putLedgerNodes(nodes));
        expect(await fresh.store.findLeaf(a)).to.equal(7);
        expect(await fresh.store.findLeaf(sibling(a))).to.equal(8);
        expect(await fresh.store.findLeaf(b)).to.equal(CHUNK + 1);
        expect(await fresh.store.findLeaf(sibling(b))).to.equal(CHUNK + 2);
      });

      it('gives the first index when two leaves have the same hash (the same entry twice)', async () => {
        const nodes = leavesAndChunks(CHUNK + 10);
        for (const i of [CHUNK + 3, 200, CHUNK + 5]) nodes[i] = leaf(i, h('same'));
        nodes[CHUNK + 8] = leaf(CHUNK + 8, h('twice in the tail'));
        nodes[CHUNK + 6] = leaf(CHUNK + 6, h('twice in the tail'));
        await fresh.store.transaction((tx) => tx.putLedgerNodes(nodes));
        expect(await fresh.store.findLeaf(h('same'))).to.equal(200);
        expect(await fresh.store.findLeaf(h('twice in the tail'))).to.equal(CHUNK + 6);
      });

      it('finds leaves in every block of 65,536', async function () {
        this.timeout(120_000);
        const n = 65_536 + 2 * CHUNK + 7;
        await fresh.store.transaction((tx) => tx.putLedgerNodes(leavesAndChunks(n)));
        expect(await indexRows(fresh.store)).to.equal(65_536 + 2 * CHUNK);
        for (const i of [0, 65_535, 65_536, 65_536 + CHUNK, 65_536 + 2 * CHUNK - 1, n - 1, 30_001]) {
          expect(await fresh.store.findLeaf(h(`leaf ${i}`))).to.equal(i);
        }
        const blocks = await rawQuery<{ block: number | string; n: number | string }>(
          fresh.store,
          'SELECT "block", COUNT(*) AS n FROM "ledger_leaf_index" GROUP BY "block" ORDER BY "block"',
        );
        expect(blocks.map((b) => [Number(b.block), Number(b.n)])).to.deep.equal([
          [0, 65_536],
          [1, 2 * CHUNK],
        ]);
      });

      it('refuses a level-12 node whose leaves are not all stored, and keeps nothing of that transaction', async () => {
        const nodes = leavesAndChunks(CHUNK).filter((node) => node.level !== 0 || node.index !== 1234);
        await expectGatewayError(
          fresh.store.transaction((tx) => tx.putLedgerNodes(nodes)),
          'store.failed',
        );
        expect(await indexRows(fresh.store)).to.equal(0);
        expect(await fresh.store.ledgerNodes([{ level: 12, index: 0 }])).to.deep.equal([null]);
        expect(await fresh.store.findLeaf(h('leaf 5'))).to.equal(null);
      });

      it('stores a chunk again harmlessly (the same nodes twice)', async () => {
        const nodes = leavesAndChunks(CHUNK + 1);
        await fresh.store.transaction((tx) => tx.putLedgerNodes(nodes));
        await fresh.store.transaction((tx) => tx.putLedgerNodes(nodes.slice(CHUNK - 5)));
        expect(await indexRows(fresh.store)).to.equal(CHUNK);
        expect(await fresh.store.findLeaf(h('leaf 4095'))).to.equal(4095);
      });

      it('tells when the leaf index lacks rows or has strays, and puts it back', async () => {
        const n = 2 * CHUNK + 5;
        await fresh.store.transaction((tx) => tx.putLedgerNodes(leavesAndChunks(n)));
        const whole = { expected: 2 * CHUNK, indexed: 2 * CHUNK };
        expect(await fresh.store.leafIndexCoverage()).to.deep.equal(whole);
        expect(await fresh.store.transaction(() => fresh.store.repairLeafIndex())).to.equal(0);
        // A partial restore: 100 rows lost (leaf 4100 among them), and one of a leaf beyond the index.
        await rawQuery(
          fresh.store,
          'DELETE FROM "ledger_leaf_index" WHERE "idx" >= ? AND "idx" < ?',
          [4050, 4150],
        );
        await rawQuery(
          fresh.store,
          'INSERT INTO "ledger_leaf_index" ("block", "prefix", "idx") VALUES (?, ?, ?)',
          [0, h(`leaf ${n - 1}`).slice(0, 8), n - 1],
        );
        expect(await fresh.store.leafIndexCoverage()).to.deep.equal({
          expected: 2 * CHUNK,
          indexed: 2 * CHUNK - 99,
        });
        expect(await fresh.store.findLeaf(h('leaf 4100'))).to.equal(null);
        expect(await fresh.store.transaction(() => fresh.store.repairLeafIndex())).to.equal(101);
        expect(await fresh.store.leafIndexCoverage()).to.deep.equal(whole);
        expect(await fresh.store.findLeaf(h('leaf 4100'))).to.equal(4100);
        expect(await fresh.store.findLeaf(h(`leaf ${n - 1}`))).to.equal(n - 1);
      });

      it('searches the leaf index and the tail by their keys', async () => {
        await fresh.store.transaction((tx) => tx.putLedgerNodes(leavesAndChunks(CHUNK + 3)));
        const m = internals(fresh.store).dataSource.manager;
        const hash = h('leaf 3');
        // 16 blocks (a ledger of 1,000,000) and 160 (10,000,000): the more blocks, the more a planner
        // without statistics is tempted to scan the leaves instead (it did, with a plain JOIN).
        const plans = await Promise.all(
          [16, 160].map((blocks) =>
            planOf(fresh.store, findIndexedLeafSql(m, blocks * 65_536), [hash.slice(0, 8), hash]),
          ),
        );
        const tail = await planOf(fresh.store, findTailLeafSql(m), [CHUNK, hash]);
        if (backend === 'postgres') {
          for (const indexed of plans) {
            expect(indexed).to.match(/Index (Only )?Scan using "?PK_\w+"? on ledger_leaf_index l/);
            expect(indexed).to.match(/Index Cond: \(\(block = ANY .*\) AND \(prefix = /);
          }
          expect(tail).to.match(/Index Cond: \(\(level = 0\) AND \(idx >= 4096\)\)/);
          for (const plan of [...plans, tail]) expect(plan).not.to.match(/Seq Scan/);
        } else {
          // The leaf index in the outer loop, each candidate's hash searched by key in the inner one.
          for (const indexed of plans) {
            const [outer, inner] = indexed.split('\n');
            expect(outer).to.match(/^SEARCH l USING PRIMARY KEY \(block=\? AND prefix=\?\)/);
            expect(inner).to.match(/^SEARCH n USING PRIMARY KEY \(level=\? AND idx=\?\)/);
          }
          expect(tail).to.match(/SEARCH ledger_nodes USING PRIMARY KEY \(level=\? AND idx>\?\)/);
        }
        expect(await ledgerNodeIndexes(fresh.store)).to.deep.equal([]);
      });
    });
  }

  describe(`on a database with data (${onPostgres() ? 'PostgreSQL' : 'SQLite file'})`, () => {
    let url: string;
    let remove: () => Promise<void>;
    beforeEach(async () => ({ url, remove } = await migrationTestUrl()));
    afterEach(() => remove());

    it('indexes the complete chunks already stored, drops the old index, and down() restores it', async function () {
      this.timeout(60_000);
      const n = 2 * CHUNK + 300;
      const at0007 = await storeAtMigration(url, 7);
      try {
        await storeLedger(at0007, n);
      } finally {
        await at0007.close();
      }
      // The schema of 0008 (a later migration would be the one undone below).
      const store = await storeAtMigration(url, 8);
      try {
        expect(await ledgerNodeIndexes(store)).to.deep.equal([]);
        expect(await indexRows(store)).to.equal(2 * CHUNK);
        for (let i = 0; i < n; i += 61) expect(await store.findLeaf(h(`leaf ${i}`))).to.equal(i);
        expect(await store.findLeaf(h(`leaf ${n - 1}`))).to.equal(n - 1);
        expect(await store.findLeaf(h('1/0'))).to.equal(null);

        await store.dataSource.undoLastMigration({ transaction: 'all' });
        expect((await ledgerNodeIndexes(store)).map((i) => i.name)).to.deep.equal(['idx_ledger_leaves']);
        expect(await hasTable(store, 'ledger_leaf_index')).to.equal(false);
        const names = await rawQuery<{ name: string }>(store, 'SELECT name FROM migrations ORDER BY id');
        expect(names.map((m) => m.name)).to.deep.equal(MIGRATIONS.slice(0, 7).map((m) => m.name));
      } finally {
        await store.close();
      }
      const again = await openStore(url);
      try {
        expect(await indexRows(again)).to.equal(2 * CHUNK);
        expect(await again.findLeaf(h('leaf 4096'))).to.equal(4096);
      } finally {
        await again.close();
      }
    });
  });
});
