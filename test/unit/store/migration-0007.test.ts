import { createHash } from 'node:crypto';
import path from 'node:path';
import { expect } from 'chai';
import { createDataSource, MIGRATIONS, parseDatabaseUrl } from '../../../src/store/data-source.js';
import { openStore, type LedgerNode, type Store } from '../../../src/store/index.js';
import { TypeOrmStore } from '../../../src/store/store.js';
import { findLeafSql } from '../../../src/store/tree-queries.js';
import { freshPostgresUrl, onPostgres } from '../../helpers/database.js';
import { BACKENDS, freshStore, internals, rawQuery, tempDir, type Fresh } from './fixtures.js';

/** A base64url SHA-256 hash (no padding), distinct for every label. */
const h = (label: string | number) => createHash('sha256').update(String(label)).digest('base64url');
const leaf = (index: number, hash = h(`leaf ${index}`)): LedgerNode => ({ level: 0, index, hash });
/** `hash` with its last character changed: the same 8-character prefix, another hash. */
const sibling = (hash: string) => hash.slice(0, 42) + (hash.endsWith('A') ? 'Q' : 'A');

/** The gateway's own indexes of ledger_nodes (name and definition), by name. */
async function ledgerNodeIndexes(store: Store): Promise<Array<{ name: string; sql: string }>> {
  return rawQuery(
    store,
    onPostgres()
      ? `SELECT indexname AS name, indexdef AS sql FROM pg_indexes
           WHERE schemaname = current_schema() AND tablename = 'ledger_nodes' AND indexname LIKE 'idx_%'
           ORDER BY indexname`
      : `SELECT name, sql FROM sqlite_master
           WHERE type = 'index' AND tbl_name = 'ledger_nodes' AND sql IS NOT NULL ORDER BY name`,
  );
}

/** How the database runs findLeaf's statement, as text. */
async function planOfFindLeaf(store: Store, hash: string): Promise<string> {
  const { dataSource } = internals(store);
  const runner = dataSource.createQueryRunner();
  try {
    if (!onPostgres()) {
      const sql = `EXPLAIN QUERY PLAN ${findLeafSql(runner.manager)}`;
      const rows = (await runner.query(sql, [hash.slice(0, 8), hash])) as Array<{ detail: string }>;
      return rows.map((r) => r.detail).join('\n');
    }
    // A tiny table is cheaper to scan than to search: forbid the scan on this one connection, so
    // that the plan shows whether the index can serve the query at all.
    await runner.query('BEGIN');
    try {
      await runner.query('SET LOCAL enable_seqscan = off');
      const sql = `EXPLAIN ${findLeafSql(runner.manager)}`;
      const rows = (await runner.query(sql, [hash.slice(0, 8), hash])) as Array<{ 'QUERY PLAN': string }>;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await runner.query('ROLLBACK');
    }
  } finally {
    await runner.release();
  }
}

describe('migration 0007 (leaf index)', () => {
  it('is listed after 0006', () => {
    expect(MIGRATIONS.map((m) => m.name).slice(5)).to.deep.equal([
      'CaseWork1765300000000',
      'LeafIndex1765400000000',
    ]);
  });

  for (const backend of BACKENDS) {
    describe(`findLeaf on a ${backend} database`, () => {
      let fresh: Fresh;
      beforeEach(async () => (fresh = await freshStore(backend)));
      afterEach(() => fresh.dispose());

      it('finds every leaf by its hash, and nothing for other hashes', async () => {
        const leaves = Array.from({ length: 20 }, (_, i) => leaf(i));
        await fresh.store.transaction((tx) =>
          tx.putLedgerNodes([...leaves, { level: 1, index: 0, hash: h('inner') }]),
        );
        for (const { index, hash } of leaves) expect(await fresh.store.findLeaf(hash)).to.equal(index);
        // Unknown; an inner node's hash; a hash sharing a leaf's indexed prefix only.
        expect(await fresh.store.findLeaf(h('unknown'))).to.equal(null);
        expect(await fresh.store.findLeaf(h('inner'))).to.equal(null);
        expect(await fresh.store.findLeaf(sibling(leaves[3]!.hash))).to.equal(null);
      });

      it('tells apart leaves whose hashes share the indexed prefix', async () => {
        const a = h('a');
        await fresh.store.transaction((tx) => tx.putLedgerNodes([leaf(0, a), leaf(1, sibling(a))]));
        expect(await fresh.store.findLeaf(a)).to.equal(0);
        expect(await fresh.store.findLeaf(sibling(a))).to.equal(1);
      });

      it('gives the first index when two leaves have the same hash (the same entry twice)', async () => {
        await fresh.store.transaction((tx) => tx.putLedgerNodes([leaf(7, h('same')), leaf(2, h('same'))]));
        expect(await fresh.store.findLeaf(h('same'))).to.equal(2);
      });

      it('searches idx_ledger_leaves, which holds leaves only', async () => {
        await fresh.store.transaction((tx) => tx.putLedgerNodes([leaf(0), leaf(1)]));
        const plan = await planOfFindLeaf(fresh.store, h('leaf 1'));
        expect(plan).to.match(
          backend === 'postgres'
            ? /Index Scan using idx_ledger_leaves/
            : /SEARCH .* USING INDEX idx_ledger_leaves/,
        );
        expect(await ledgerNodeIndexes(fresh.store)).to.have.length(1);
        const [{ name, sql }] = await ledgerNodeIndexes(fresh.store);
        expect(name).to.equal('idx_ledger_leaves');
        expect(sql)
          .to.match(/substr\(.*hash.*1, 8\)/)
          .and.to.match(/WHERE .*level.* = 0/);
      });
    });
  }

  describe(`on a database with data (${onPostgres() ? 'PostgreSQL' : 'SQLite file'})`, () => {
    let url: string;
    let remove: () => Promise<void>;
    beforeEach(async () => {
      if (onPostgres()) {
        ({ url } = await freshPostgresUrl());
        remove = async () => undefined;
      } else {
        const temp = await tempDir();
        url = `sqlite:${path.join(temp.dir, 'gateway.sqlite')}`;
        remove = temp.remove;
      }
    });
    afterEach(() => remove());

    /** Leaves 0..n-1 and every perfect subtree above them, as the sequencer stores them. */
    const tree = (n: number): LedgerNode[] => {
      const nodes: LedgerNode[] = [];
      for (let level = 0; n >> level > 0; level++) {
        for (let index = 0; index < n >> level; index++) {
          nodes.push(level === 0 ? leaf(index) : { level, index, hash: h(`${level}/${index}`) });
        }
      }
      return nodes;
    };

    /** A database at schema 0006 holding `n` entries and their tree; its indexes of ledger_nodes. */
    async function databaseAt0006(n: number): Promise<Array<{ name: string; sql: string }>> {
      const location = parseDatabaseUrl(url);
      const dataSource = createDataSource(location, MIGRATIONS.slice(0, 6));
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'all' });
      const old = new TypeOrmStore(dataSource, location.kind === 'postgres');
      try {
        await old.transaction(async (tx) => {
          await tx.appendLedger(Array.from({ length: n }, (_, i) => JSON.stringify({ n: i })));
          await tx.putLedgerNodes(tree(n));
        });
        return await ledgerNodeIndexes(old);
      } finally {
        await old.close();
      }
    }

    it('replaces the hash index with the leaf index; every leaf is found before and after down()', async () => {
      const n = 300;
      const indexesAt0006 = await databaseAt0006(n);
      expect(indexesAt0006.map((i) => i.name)).to.deep.equal(['idx_ledger_nodes_hash']);
      const store = await openStore(url);
      try {
        expect((await ledgerNodeIndexes(store)).map((i) => i.name)).to.deep.equal(['idx_ledger_leaves']);
        for (let i = 0; i < n; i++) expect(await store.findLeaf(h(`leaf ${i}`))).to.equal(i);
        expect(await store.findLeaf(h('1/0'))).to.equal(null);
        expect(await store.ledgerNodes([{ level: 8, index: 0 }])).to.deep.equal([h('8/0')]);

        await internals(store).dataSource.undoLastMigration({ transaction: 'all' });
        expect(await ledgerNodeIndexes(store)).to.deep.equal(indexesAt0006);
        const names = await rawQuery<{ name: string }>(store, 'SELECT name FROM migrations ORDER BY id');
        expect(names.map((m) => m.name)).to.deep.equal(MIGRATIONS.slice(0, 6).map((m) => m.name));
        for (let i = 0; i < n; i += 7) expect(await store.findLeaf(h(`leaf ${i}`))).to.equal(i);
        expect(await store.ledgerSize()).to.equal(n);
      } finally {
        await store.close();
      }
      // Up again on the restored schema.
      const again = await openStore(url);
      try {
        expect((await ledgerNodeIndexes(again)).map((i) => i.name)).to.deep.equal(['idx_ledger_leaves']);
        expect(await again.findLeaf(h(`leaf ${n - 1}`))).to.equal(n - 1);
      } finally {
        await again.close();
      }
    });
  });
});
