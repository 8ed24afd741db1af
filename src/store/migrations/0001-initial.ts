/**
 * The initial schema. Written with TypeORM's database-agnostic Table API (no raw SQL) so that the same
 * migration runs on SQLite now and on PostgreSQL later. Never edit a released migration: add a new one.
 */
import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const varchar = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  isNullable: false,
  ...extra,
});
const text = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: false,
  ...extra,
});
const integer = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: false,
  ...extra,
});

/** Fresh Table objects on every call (TypeORM may keep and change the ones it is given). */
const tables = (): Table[] => [
  new Table({
    name: 'partners',
    columns: [varchar('id', { isPrimary: true }), varchar('address'), varchar('updated_at')],
  }),
  new Table({
    name: 'keys',
    columns: [
      varchar('kid', { isPrimary: true }),
      varchar('fiu'),
      varchar('use'),
      varchar('not_before'),
      varchar('not_after'),
      text('public_jwk'),
      varchar('registered_at'),
    ],
    indices: [{ name: 'idx_keys_fiu', columnNames: ['fiu'] }],
  }),
  new Table({
    name: 'messages',
    columns: [
      varchar('row_id', { isPrimary: true, length: '36' }),
      varchar('direction'),
      varchar('message_id'),
      varchar('type'),
      varchar('from_fiu'),
      varchar('to_fiu'),
      varchar('created_at'),
      varchar('digest'),
      text('sealed'),
      varchar('case_id'),
      varchar('status'),
      text('receipt', { isNullable: true }),
      integer('ledger_index'),
      varchar('stored_at'),
      text('local_copy', { isNullable: true }),
    ],
    // A partner's message id identifies its message: a second copy is refused by the database itself.
    uniques: [
      {
        name: 'uq_messages_direction_from_fiu_message_id',
        columnNames: ['direction', 'from_fiu', 'message_id'],
      },
    ],
    indices: [
      { name: 'idx_messages_case_id', columnNames: ['case_id'] },
      { name: 'idx_messages_message_id', columnNames: ['message_id'] },
    ],
  }),
  new Table({
    name: 'cases',
    columns: [
      varchar('case_id', { isPrimary: true }),
      varchar('direction'),
      varchar('partner'),
      varchar('state'),
      varchar('message_type'),
      varchar('purpose'),
      varchar('urgency'),
      varchar('deadline', { isNullable: true }),
      varchar('opened_at'),
      varchar('message_id'),
    ],
    indices: [
      { name: 'idx_cases_state', columnNames: ['state'] },
      { name: 'idx_cases_partner', columnNames: ['partner'] },
    ],
  }),
  new Table({
    name: 'ledger_entries',
    // Not generated: the sequencer assigns consecutive indexes from 0; the primary key refuses a fork.
    columns: [integer('idx', { isPrimary: true }), text('entry'), varchar('created_at')],
  }),
];

/** Creates partners, keys, messages, cases and ledger_entries with their keys and indexes. */
export class Initial1764200000000 implements MigrationInterface {
  readonly name = 'Initial1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables()) await queryRunner.createTable(table, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables().reverse()) await queryRunner.dropTable(table.name, true);
  }
}
