/**
 * The hash index of `ledger_nodes` covers leaves only, and only the first 8 characters of their hash.
 *
 * Only leaves are ever looked up by hash (`findLeaf`: the audit API's inclusion proof by leaf hash),
 * yet 0002's index on `ledger_nodes(hash)` took every node, about two per entry, each a random insert
 * into a B-tree of 44-byte keys. Maintaining it was most of an append batch's cost on SQLite (the
 * pages it dirties are written to the WAL and synced at every commit; docs/PERFORMANCE.md, "Third
 * round"). The new index holds one short key per leaf: 8 base64url characters (48 bits) pick out a
 * leaf among billions, and the query compares the full hash on the few rows they match.
 *
 * TypeORM's TableIndex cannot express an index on an expression, so this one is raw SQL, the same on
 * SQLite and PostgreSQL (unqualified names: on PostgreSQL the connection's search_path is the schema).
 * The entity declares it with `synchronize: false`, so the schema builder neither creates nor drops it.
 * Never edit a released migration: add a new one.
 */
import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Replaces `idx_ledger_nodes_hash` with `idx_ledger_leaves`. */
export class LeafIndex1765400000000 implements MigrationInterface {
  readonly name = 'LeafIndex1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ledger_nodes', 'idx_ledger_nodes_hash');
    await queryRunner.query(
      'CREATE INDEX "idx_ledger_leaves" ON "ledger_nodes" (substr("hash", 1, 8)) WHERE "level" = 0',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_ledger_leaves"');
    await queryRunner.createIndex(
      'ledger_nodes',
      new TableIndex({ name: 'idx_ledger_nodes_hash', columnNames: ['hash'] }),
    );
  }
}
