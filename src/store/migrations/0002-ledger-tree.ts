/**
 * Storage for the verifiable ledger's Merkle tree (RFC 9162) and its checkpoints: `ledger_nodes`,
 * `checkpoints` and `partner_checkpoints`. Table API only (no raw SQL), like 0001, so that it runs on
 * PostgreSQL later. Never edit a released migration: add a new one.
 */
import {
  Table,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

const column = (name: string, type: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type,
  isNullable: false,
  ...extra,
});
/** A base64url SHA-256 hash without padding: 43 characters. */
const hash43 = (name: string): TableColumnOptions => column(name, 'varchar', { length: '43' });

/** Fresh Table objects on every call (TypeORM may keep and change the ones it is given). */
const tables = (): Table[] => [
  new Table({
    name: 'ledger_nodes',
    // Level 0: leaf hashes (idx = entry index); level l: the perfect subtree of 2^l leaves from idx·2^l.
    // Small rows found only by their key: on SQLite the key is the table (ignored elsewhere).
    withoutRowid: true,
    columns: [
      column('level', 'integer', { isPrimary: true }),
      column('idx', 'integer', { isPrimary: true }),
      hash43('hash'),
    ],
    // Finding an entry by its leaf hash (audit API: inclusion proof by leaf hash).
    indices: [{ name: 'idx_ledger_nodes_hash', columnNames: ['hash'] }],
  }),
  new Table({
    name: 'checkpoints',
    // One root per tree size: the primary key refuses a second (a fork) whatever the code does.
    columns: [
      column('size', 'integer', { isPrimary: true }),
      hash43('root'),
      column('note', 'text'),
      column('created_at', 'varchar'),
    ],
  }),
  new Table({
    name: 'partner_checkpoints',
    columns: [
      column('partner', 'varchar', { isPrimary: true }),
      column('size', 'integer', { isPrimary: true }),
      hash43('root'),
      column('note', 'text'),
      column('seen_at', 'varchar'),
    ],
  }),
];

/** Creates ledger_nodes, checkpoints and partner_checkpoints. */
export class LedgerTree1764900000000 implements MigrationInterface {
  readonly name = 'LedgerTree1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables()) await queryRunner.createTable(table, false, true, true);
    // Finding a message by the digest of its sealed bytes (peer API: inclusion proof of a digest).
    await queryRunner.createIndex(
      'messages',
      new TableIndex({ name: 'idx_messages_digest', columnNames: ['digest'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('messages', 'idx_messages_digest');
    for (const table of tables().reverse()) await queryRunner.dropTable(table.name, true);
  }
}
