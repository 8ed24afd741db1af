/**
 * Helpers of the leaf-lookup tests (migrations 0007 and 0008): distinct leaf hashes, a whole stored
 * tree, the indexes of `ledger_nodes`, and a database file (or PostgreSQL schema) at an older schema.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { createDataSource, MIGRATIONS, parseDatabaseUrl } from '../../../src/store/data-source.js';
import { LedgerNodeEntity } from '../../../src/store/entities.js';
import type { LedgerNode, Store } from '../../../src/store/index.js';
import { insertRows } from '../../../src/store/statements.js';
import { TypeOrmStore } from '../../../src/store/store.js';
import { freshPostgresUrl, onPostgres } from '../../helpers/database.js';
import { rawQuery, tempDir } from './fixtures.js';

/** A base64url SHA-256 hash (no padding), distinct for every label. */
export const h = (label: string | number) => createHash('sha256').update(String(label)).digest('base64url');

/** Leaf `index`, with the hash of its label unless given. */
export const leaf = (index: number, hash = h(`leaf ${index}`)): LedgerNode => ({ level: 0, index, hash });

/** `hash` with its last character changed: the same 8-character prefix, another hash. */
export const sibling = (hash: string) => hash.slice(0, 42) + (hash.endsWith('A') ? 'Q' : 'A');

/** Leaves 0..n-1 and every perfect subtree above them (hashes by position), as the sequencer stores them. */
export function wholeTree(n: number): LedgerNode[] {
  const nodes: LedgerNode[] = [];
  for (let level = 0; n >> level > 0; level++) {
    for (let index = 0; index < n >> level; index++) {
      nodes.push(level === 0 ? leaf(index) : { level, index, hash: h(`${level}/${index}`) });
    }
  }
  return nodes;
}

/** The gateway's own indexes of ledger_nodes (name and definition), by name. */
export async function ledgerNodeIndexes(store: Store): Promise<Array<{ name: string; sql: string }>> {
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

/** Whether the store's schema has a table of that name. */
export async function hasTable(store: Store, table: string): Promise<boolean> {
  const rows = await rawQuery(
    store,
    onPostgres()
      ? `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?`
      : `SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`,
    [table],
  );
  return rows.length === 1;
}

/** A database URL of its own (an SQLite file, or a PostgreSQL schema), and how to remove it. */
export async function migrationTestUrl(): Promise<{ url: string; remove: () => Promise<void> }> {
  if (onPostgres()) return { url: (await freshPostgresUrl()).url, remove: async () => undefined };
  const temp = await tempDir();
  return { url: `sqlite:${path.join(temp.dir, 'gateway.sqlite')}`, remove: temp.remove };
}

/** Opens `url` with the first `migrations` migrations run (an older schema), as a store. */
export async function storeAtMigration(url: string, migrations: number): Promise<TypeOrmStore> {
  const location = parseDatabaseUrl(url);
  const dataSource = createDataSource(location, MIGRATIONS.slice(0, migrations));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  return new TypeOrmStore(dataSource, location.kind === 'postgres');
}

/**
 * `n` ledger entries and their whole tree, written with plain INSERTs (not `putLedgerNodes`, which
 * also fills the leaf index of the current schema): usable on any schema from 0002 on.
 */
export async function storeLedger(store: TypeOrmStore, n: number): Promise<void> {
  await store.transaction((tx) =>
    tx.appendLedger(Array.from({ length: n }, (_, i) => JSON.stringify({ n: i }))),
  );
  const rows = wholeTree(n).map((node) => ({ level: node.level, idx: node.index, hash: node.hash }));
  await insertRows(store.dataSource.manager, LedgerNodeEntity, ['level', 'idx', 'hash'], rows, 'fail');
}
