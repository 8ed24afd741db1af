/**
 * Case work (docs/OPERATIONS.md, "A liaison officer's day"): the assignee of a case, the drafts that
 * wait for approval (responses, spontaneous disclosures, outgoing requests that need a supervisor) and
 * the approvals and rejections given to them. A draft and a comment are kept sealed to this gateway's
 * own key (never plain JSON). Table API only, like 0001-0004; never edit a released migration.
 */
import {
  Table,
  TableColumn,
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

/** A fresh Table object on every call (TypeORM may keep and change the one it is given). */
const drafts = (): Table =>
  new Table({
    name: 'case_drafts',
    columns: [
      column('draft_id', 'varchar', { isPrimary: true, length: '36' }),
      column('case_id', 'varchar'),
      // response, spontaneous_disclosure or request
      column('type', 'varchar'),
      column('partner', 'varchar'),
      // pending (waiting for approvals), rejected, or sent
      column('state', 'varchar'),
      column('drafted_by', 'varchar'),
      column('drafted_at', 'varchar'),
      // The draft message, signed and sealed to this gateway's own key (an own copy).
      column('sealed', 'text'),
      column('approvals_required', 'integer'),
      // 1 when the last approval must be a supervisor's.
      column('supervisor_required', 'integer'),
      // The id of the message the draft became, once sent.
      column('message_id', 'varchar', { isNullable: true }),
      column('decided_at', 'varchar', { isNullable: true }),
    ],
    indices: [{ name: 'idx_case_drafts_case', columnNames: ['case_id'] }],
  });

const approvals = (): Table =>
  new Table({
    name: 'case_approvals',
    columns: [
      // One decision per person and draft: nobody approves (or rejects) the same draft twice.
      column('draft_id', 'varchar', { isPrimary: true, length: '36' }),
      column('approver', 'varchar', { isPrimary: true }),
      // The approver's roles at the time, comma-separated.
      column('roles', 'varchar'),
      // approved or rejected
      column('decision', 'varchar'),
      // The comment, sealed to this gateway's own key, or null.
      column('comment', 'text', { isNullable: true }),
      column('decided_at', 'varchar'),
      // 1 for the first decision on the draft, 2 for the second.
      column('position', 'integer'),
    ],
  });

/** Adds `cases.assignee`, `case_drafts` and `case_approvals`. */
export class CaseWork1765300000000 implements MigrationInterface {
  readonly name = 'CaseWork1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'cases',
      new TableColumn({ name: 'assignee', type: 'varchar', isNullable: true }),
    );
    await queryRunner.createIndex(
      'cases',
      new TableIndex({ name: 'idx_cases_assignee', columnNames: ['assignee'] }),
    );
    await queryRunner.createTable(drafts(), false, true, true);
    await queryRunner.createTable(approvals(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('case_approvals', true);
    await queryRunner.dropTable('case_drafts', true);
    await queryRunner.dropIndex('cases', 'idx_cases_assignee');
    await queryRunner.dropColumn('cases', 'assignee');
  }
}
