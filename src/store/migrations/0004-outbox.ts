/**
 * The durable outbox: one row per outbound message that the dispatcher must deliver. Table API only
 * (no raw SQL), like 0001, so that it runs on PostgreSQL later. Never edit a released migration: add a
 * new one.
 *
 * `claimed_by` and `lease_until` let several replicas share the table: a replica claims due rows
 * (later with `FOR UPDATE SKIP LOCKED` on PostgreSQL) and owns them until its lease runs out.
 */
import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const column = (name: string, type: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type,
  isNullable: false,
  ...extra,
});

/** A fresh Table object on every call (TypeORM may keep and change the one it is given). */
const outbox = (): Table =>
  new Table({
    name: 'outbox',
    columns: [
      column('message_row_id', 'varchar', { isPrimary: true, length: '36' }),
      column('message_id', 'varchar'),
      column('partner', 'varchar'),
      column('state', 'varchar'),
      column('attempts', 'integer'),
      column('next_attempt_at', 'varchar'),
      column('give_up_at', 'varchar'),
      column('claimed_by', 'varchar', { isNullable: true }),
      column('lease_until', 'varchar', { isNullable: true }),
      column('last_error', 'varchar', { isNullable: true }),
      column('submitted_by', 'varchar'),
      column('created_at', 'varchar'),
      column('updated_at', 'varchar'),
    ],
    uniques: [{ name: 'uq_outbox_message_id', columnNames: ['message_id'] }],
    // The dispatcher's query: due rows by state and time.
    indices: [{ name: 'idx_outbox_state_next', columnNames: ['state', 'next_attempt_at'] }],
  });

/** Creates the outbox table. */
export class Outbox1765100000000 implements MigrationInterface {
  readonly name = 'Outbox1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(outbox(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox', true);
  }
}
