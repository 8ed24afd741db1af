/**
 * Consents (DOMAIN.md rule 3, the third-party rule): one row per consent request, asked by this
 * gateway (`out`) or by a partner (`in`), with the decision once it is known. The terms themselves
 * (information, recipient, purpose, conditions) stay in the sealed messages; this table holds ids,
 * states and times only. Table API only (no raw SQL), so that it runs on PostgreSQL later. Never edit
 * a released migration: add a new one.
 */
import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const column = (name: string, type: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type,
  isNullable: false,
  ...extra,
});

/** A fresh Table object on every call (TypeORM may keep and change the one it is given). */
const consents = (): Table =>
  new Table({
    name: 'consents',
    columns: [
      // The id of the consent request message.
      column('consent_id', 'varchar', { isPrimary: true, length: '36' }),
      column('direction', 'varchar'),
      column('case_id', 'varchar'),
      column('partner', 'varchar'),
      column('state', 'varchar'),
      column('requested_at', 'varchar'),
      column('decision_message_id', 'varchar', { isNullable: true }),
      column('decided_at', 'varchar', { isNullable: true }),
    ],
    indices: [{ name: 'idx_consents_case_id', columnNames: ['case_id'] }],
  });

/** Creates the consents table. */
export class Consents1765200000000 implements MigrationInterface {
  readonly name = 'Consents1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(consents(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('consents', true);
  }
}
