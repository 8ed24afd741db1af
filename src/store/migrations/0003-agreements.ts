/**
 * Sharing agreements: `agreement_revisions` keeps every version and status change of every agreement
 * (nothing is ever updated or deleted), and two indexes on `messages` let rate limits count a
 * partner's requests per direction and time. Table API only, like 0001 and 0002.
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

const revisions = (): Table =>
  new Table({
    name: 'agreement_revisions',
    // Keyed by the ledger index of the `agreement.changed` entry that recorded the revision: unique,
    // and the order in which revisions took effect.
    columns: [
      column('ledger_index', 'integer', { isPrimary: true }),
      column('agreement_id', 'varchar'),
      column('version', 'integer'),
      column('partner', 'varchar'),
      column('status', 'varchar'),
      column('document', 'text'),
      column('digest', 'varchar', { length: '43' }),
      column('applied_at', 'varchar'),
      column('applied_by', 'varchar'),
      column('reason', 'text', { isNullable: true }),
    ],
    indices: [
      { name: 'idx_agreement_revisions_partner', columnNames: ['partner', 'ledger_index'] },
      { name: 'idx_agreement_revisions_id', columnNames: ['agreement_id', 'ledger_index'] },
    ],
  });

/** Counting a partner's requests by direction and time (rate limits). */
const rateIndexes = (): TableIndex[] => [
  new TableIndex({
    name: 'idx_messages_rate_in',
    columnNames: ['direction', 'from_fiu', 'type', 'stored_at'],
  }),
  new TableIndex({
    name: 'idx_messages_rate_out',
    columnNames: ['direction', 'to_fiu', 'type', 'stored_at'],
  }),
];

/** Creates agreement_revisions and the rate-limit indexes of messages. */
export class Agreements1765000000000 implements MigrationInterface {
  readonly name = 'Agreements1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(revisions(), false, true, true);
    for (const index of rateIndexes()) await queryRunner.createIndex('messages', index);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of rateIndexes()) await queryRunner.dropIndex('messages', index.name!);
    await queryRunner.dropTable('agreement_revisions', true);
  }
}
