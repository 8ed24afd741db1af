import path from 'node:path';
import { expect } from 'chai';
import { createDataSource, MIGRATIONS } from '../../../src/store/data-source.js';
import { openStore, type AgreementRevision, type MessageRecord } from '../../../src/store/index.js';
import { TypeOrmStore } from '../../../src/store/store.js';
import {
  expectGatewayError,
  insertMessageRow,
  rawQuery,
  sampleMessage,
  secondConnection,
  tempDir,
  type RawConnection,
} from './fixtures.js';

const entry = (n: number) => JSON.stringify({ event: 'test', n });
const NAMES_TO_0002 = ['Initial1764200000000', 'LedgerTree1764900000000'];

/** Every table and index of a database, with the SQL that created it (indexes of constraints have none). */
const schemaOf = (check: RawConnection) =>
  check
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();

describe('migration 0003 (agreements)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let file: string;
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
    file = path.join(dir, 'gateway.sqlite');
  });
  afterEach(() => remove());

  /** A database file at schema 0002, holding ledger entries, tree data, a message and a partner. */
  async function databaseAt0002(at = file): Promise<MessageRecord> {
    const dataSource = createDataSource({ kind: 'sqlite-file', file: at }, MIGRATIONS.slice(0, 2));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
    const old = new TypeOrmStore(dataSource);
    const message = sampleMessage({ storedAt: '2026-01-02T03:04:06.000Z' });
    await old.transaction(async (tx) => {
      await tx.appendLedger([entry(0), entry(1)]);
      await tx.putLedgerNodes([{ level: 0, index: 0, hash: message.digest }]);
    });
    await insertMessageRow(old, message);
    await old.upsertPartner({ id: 'FIU-B', address: 'fiu-b:7443', updatedAt: '2026-01-01T00:00:00Z' });
    await old.close();
    return message;
  }

  it('is listed after 0002', () => {
    expect(MIGRATIONS.slice(0, 3).map((m) => m.name)).to.deep.equal([
      ...NAMES_TO_0002,
      'Agreements1765000000000',
    ]);
  });

  it('applies on top of 0001 and 0002 on a file with data, which it keeps', async () => {
    const message = await databaseAt0002();
    const revision: AgreementRevision = {
      ledgerIndex: 2,
      agreementId: 'MOU-FIU-A-FIU-B',
      version: 1,
      partner: 'FIU-B',
      status: 'active',
      document: '{"id":"MOU-FIU-A-FIU-B"}',
      digest: message.digest,
      appliedAt: '2026-01-02T03:04:07.000Z',
      appliedBy: 'admin@FIU-A',
      reason: null,
    };
    const store = await openStore(`sqlite:${file}`);
    try {
      expect(await store.ledgerRange(0, 10)).to.deep.equal([
        { index: 0, entry: entry(0) },
        { index: 1, entry: entry(1) },
      ]);
      expect(await store.findInbound(message.fromFiu, message.messageId)).to.deep.equal(message);
      expect(await store.ledgerNodes([{ level: 0, index: 0 }])).to.deep.equal([message.digest]);
      expect((await store.listPartners()).map((p) => p.id)).to.deep.equal(['FIU-B']);
      const migrations = await rawQuery<{ name: string }>(store, 'SELECT name FROM migrations ORDER BY id');
      expect(migrations.map((m) => m.name)).to.deep.equal(MIGRATIONS.map((m) => m.name));
      // The request stored before 0003 is counted: in the last minute through 0003's index, that day by
      // 0009's backfill.
      const at = message.storedAt;
      const count = {
        direction: 'in',
        partner: 'FIU-B',
        day: `${at.slice(0, 10)}T00:00:00.000Z`,
        minute: at,
      } as const;
      expect(await store.messageUsage(count)).to.deep.equal({ today: 1, lastMinute: 1 });
      await store.transaction(async (tx) => {
        await tx.appendLedger([entry(2)]);
        await tx.insertAgreementRevision(revision);
      });
    } finally {
      await store.close();
    }
    const reopened = await openStore(`sqlite:${file}`);
    try {
      expect(await reopened.agreementRevisions()).to.deep.equal([revision]);
      expect(await reopened.ledgerSize()).to.equal(3);
    } finally {
      await reopened.close();
    }
  });

  it('creates agreement_revisions keyed by ledger index, and the rate indexes on messages', async () => {
    const store = await openStore(`sqlite:${file}`);
    await store.close();
    const check = secondConnection(file);
    try {
      const columns = check.prepare('PRAGMA table_info(agreement_revisions)').all() as Array<{
        name: string;
        notnull: number;
        pk: number;
      }>;
      expect(columns.map((c) => [c.name, c.notnull, c.pk])).to.deep.equal([
        ['ledger_index', 1, 1],
        ['agreement_id', 1, 0],
        ['version', 1, 0],
        ['partner', 1, 0],
        ['status', 1, 0],
        ['document', 1, 0],
        ['digest', 1, 0],
        ['applied_at', 1, 0],
        ['applied_by', 1, 0],
        ['reason', 0, 0],
      ]);
      const indexed = (index: string) =>
        (check.prepare(`PRAGMA index_info(${index})`).all() as Array<{ name: string }>).map((c) => c.name);
      expect(indexed('idx_messages_rate_in')).to.deep.equal(['direction', 'from_fiu', 'type', 'stored_at']);
      expect(indexed('idx_messages_rate_out')).to.deep.equal(['direction', 'to_fiu', 'type', 'stored_at']);
      expect(indexed('idx_agreement_revisions_partner')).to.deep.equal(['partner', 'ledger_index']);
      expect(indexed('idx_agreement_revisions_id')).to.deep.equal(['agreement_id', 'ledger_index']);
    } finally {
      check.close();
    }
  });

  describe('when it fails', () => {
    it('fails with store.migration_failed and leaves the database at 0002, data kept', async () => {
      await databaseAt0002();
      // A stray index with the name of the last one 0003 creates makes it fail late.
      const before = secondConnection(file);
      before.exec('CREATE INDEX idx_messages_rate_out ON partners (id)');
      const schemaBefore = schemaOf(before);
      before.close();

      await expectGatewayError(openStore(`sqlite:${file}`), 'store.migration_failed');

      const check = secondConnection(file);
      try {
        // agreement_revisions and idx_messages_rate_in were rolled back with it (one transaction).
        expect(schemaOf(check)).to.deep.equal(schemaBefore);
        expect(check.prepare('SELECT name FROM migrations ORDER BY id').all()).to.deep.equal(
          NAMES_TO_0002.map((name) => ({ name })),
        );
        expect(check.prepare('SELECT count(*) AS n FROM ledger_entries').all()).to.deep.equal([{ n: 2 }]);
        expect(check.prepare('SELECT count(*) AS n FROM messages').all()).to.deep.equal([{ n: 1 }]);
      } finally {
        check.close();
      }
    });
  });

  it('is undone by its down(): agreement_revisions and the two indexes go, the rest stays as at 0002', async () => {
    const reference = path.join(dir, 'reference.sqlite');
    await databaseAt0002(reference);
    const ref = secondConnection(reference);
    const schemaAt0002 = schemaOf(ref);
    ref.close();

    const message = await databaseAt0002();
    // Migrated up to 0003 only, so that 0003 is the last migration to undo.
    const dataSource = createDataSource({ kind: 'sqlite-file', file }, MIGRATIONS.slice(0, 3));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
    const store = new TypeOrmStore(dataSource);
    try {
      const before = await rawQuery<{ name: string }>(store, 'SELECT name FROM migrations ORDER BY id');
      expect(before.map((m) => m.name)).to.deep.equal([...NAMES_TO_0002, 'Agreements1765000000000']);
      await dataSource.undoLastMigration({ transaction: 'all' });
      const migrations = await rawQuery<{ name: string }>(store, 'SELECT name FROM migrations ORDER BY id');
      expect(migrations.map((m) => m.name)).to.deep.equal(NAMES_TO_0002);
      expect(await store.ledgerSize()).to.equal(2);
      expect(await store.findInbound(message.fromFiu, message.messageId)).to.deep.equal(message);
    } finally {
      await store.close();
    }
    const check = secondConnection(file);
    try {
      expect(schemaOf(check)).to.deep.equal(schemaAt0002);
    } finally {
      check.close();
    }
  });
});
