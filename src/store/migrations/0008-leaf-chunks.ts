/**
 * Leaves are found by hash through `ledger_leaf_index`, filled 4,096 leaves at a time, instead of
 * 0007's expression index on `ledger_nodes`, which took one random insert per leaf.
 *
 * Why: a leaf's hash is random, so 0007's index put every new leaf on a different page of its B-tree,
 * and every append batch of 64 entries wrote and synced about 64 such pages to the WAL: a third of the
 * durable append rate on SQLite (docs/PERFORMANCE.md, "Fourth round"). The new table is written once
 * per complete subtree of 4,096 leaves (the batch that stores the level-12 node of leaves
 * [4096·j, 4096·(j+1)) also indexes them, in the same transaction), and its key starts with the leaf's
 * block of 65,536 (`idx / 65536`), so those 4,096 rows go into one block's part of the B-tree, a few
 * hundred pages at most, whatever the ledger's size. The leaves after the last complete subtree (at most
 * 4,095 of them, the tail) are not indexed: `findLeaf` scans them in key order.
 *
 * Row: (block, prefix, idx), all in the primary key; `prefix` is the first 8 base64url characters (48
 * bits) of the leaf hash, and the query compares the full hash in `ledger_nodes`. The chunk of 4,096
 * (level 12) and the block of 65,536 are part of the schema: `findLeaf` relies on them (see
 * src/store/tree-queries.ts); changing either needs a new migration that rebuilds the table.
 *
 * Up fills the table for every complete subtree already stored, in the same SQL the store runs for a
 * new one, and drops 0007's index; down restores 0007's index and drops the table. Unqualified names (on
 * PostgreSQL the connection's search_path is the schema). Never edit a released migration: add a new
 * one.
 */
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A fresh Table object on every call (TypeORM may keep and change the one it is given). */
const leafIndex = (): Table =>
  new Table({
    name: 'ledger_leaf_index',
    // Small rows found only by their key: on SQLite the key is the table (ignored elsewhere).
    withoutRowid: true,
    columns: [
      { name: 'block', type: 'integer', isPrimary: true, isNullable: false },
      { name: 'prefix', type: 'varchar', length: '8', isPrimary: true, isNullable: false },
      { name: 'idx', type: 'integer', isPrimary: true, isNullable: false },
    ],
  });

/** Creates `ledger_leaf_index`, fills it for the complete subtrees of 4,096 leaves, drops `idx_ledger_leaves`. */
export class LeafChunks1765500000000 implements MigrationInterface {
  readonly name = 'LeafChunks1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(leafIndex(), false, true, true);
    // Every leaf under a stored level-12 node: leaves [0, 4096 · (its largest index + 1)).
    await queryRunner.query(
      'INSERT INTO "ledger_leaf_index" ("block", "prefix", "idx") ' +
        'SELECT "idx" / 65536, substr("hash", 1, 8), "idx" FROM "ledger_nodes" ' +
        'WHERE "level" = 0 AND "idx" < ' +
        '(SELECT COALESCE(MAX("idx") + 1, 0) * 4096 FROM "ledger_nodes" WHERE "level" = 12) ' +
        'ORDER BY 1, 2, 3',
    );
    await queryRunner.query('DROP INDEX "idx_ledger_leaves"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "idx_ledger_leaves" ON "ledger_nodes" (substr("hash", 1, 8)) WHERE "level" = 0',
    );
    await queryRunner.dropTable('ledger_leaf_index', true);
  }
}
