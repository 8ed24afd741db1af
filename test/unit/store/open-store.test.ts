import { stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { parseDatabaseUrl } from '../../../src/store/data-source.js';
import { openStore } from '../../../src/store/index.js';
import {
  BACKENDS,
  expectGatewayError,
  freshStore,
  internals,
  rawQuery,
  sampleMessage,
  secondConnection,
  tempDir,
  type Fresh,
} from './fixtures.js';

const TABLES = [
  'agreement_revisions',
  'case_approvals',
  'case_drafts',
  'cases',
  'checkpoints',
  'keys',
  'ledger_entries',
  'ledger_nodes',
  'messages',
  'migrations',
  'outbox',
  'partner_checkpoints',
  'partners',
];
const MIGRATION_NAMES = [
  'Initial1764200000000',
  'LedgerTree1764900000000',
  'Agreements1765000000000',
  'Outbox1765100000000',
  'CaseWork1765300000000',
];
const INDEXES = [
  'idx_agreement_revisions_id',
  'idx_agreement_revisions_partner',
  'idx_case_drafts_case',
  'idx_cases_assignee',
  'idx_cases_partner',
  'idx_cases_state',
  'idx_keys_fiu',
  'idx_ledger_nodes_hash',
  'idx_messages_case_id',
  'idx_messages_digest',
  'idx_messages_message_id',
  'idx_messages_rate_in',
  'idx_messages_rate_out',
  'idx_outbox_state_next',
];

describe('parseDatabaseUrl', () => {
  it('reads sqlite::memory:', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).to.deep.equal({ kind: 'sqlite-memory' });
  });

  it('reads an absolute sqlite path, with or without //', () => {
    expect(parseDatabaseUrl('sqlite:/var/lib/fiugw/gateway.sqlite')).to.deep.equal({
      kind: 'sqlite-file',
      file: '/var/lib/fiugw/gateway.sqlite',
    });
    expect(parseDatabaseUrl('sqlite:///var/lib/fiugw/gateway.sqlite')).to.deep.equal({
      kind: 'sqlite-file',
      file: '/var/lib/fiugw/gateway.sqlite',
    });
  });

  describe('when the path is relative', () => {
    it('refuses it', () => {
      expect(() => parseDatabaseUrl('sqlite:data/gateway.sqlite'))
        .to.throw('absolute path')
        .with.property('code', 'store.failed');
    });
  });

  describe('when the URL names PostgreSQL', () => {
    it('refuses it as not built yet, without repeating the URL', () => {
      for (const url of ['postgres://gw:s3cret@db/fiu', 'postgresql://gw:s3cret@db/fiu']) {
        let error: unknown;
        try {
          parseDatabaseUrl(url);
        } catch (err) {
          error = err;
        }
        expect(error).to.have.property('code', 'store.failed');
        expect((error as Error).message).to.include('PostgreSQL support is not built yet');
        expect((error as Error).message).not.to.include('s3cret');
      }
    });
  });

  describe('when the scheme is unknown', () => {
    it('refuses it', () => {
      expect(() => parseDatabaseUrl('mysql://db/fiu'))
        .to.throw('unsupported database URL scheme "mysql:"')
        .with.property('code', 'store.failed');
    });
  });
});

describe('openStore', () => {
  for (const backend of BACKENDS) {
    describe(`on a ${backend} database`, () => {
      let fresh: Fresh;
      beforeEach(async () => (fresh = await freshStore(backend)));
      afterEach(() => fresh.dispose());

      it('creates every table and index through the migrations', async () => {
        const rows = await rawQuery<{ type: string; name: string }>(
          fresh.store,
          "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
        );
        expect(rows.filter((r) => r.type === 'table').map((r) => r.name)).to.deep.equal(TABLES);
        expect(rows.filter((r) => r.type === 'index').map((r) => r.name)).to.deep.equal(INDEXES);
        const migrations = await rawQuery<{ name: string }>(fresh.store, 'SELECT name FROM migrations');
        expect(migrations.map((m) => m.name)).to.deep.equal(MIGRATION_NAMES);
      });

      it('does not synchronize, and the migrated schema is exactly what the entities describe', async () => {
        const { dataSource } = internals(fresh.store);
        expect(dataSource.options.synchronize).to.equal(false);
        expect(dataSource.options.migrationsRun).to.equal(false);
        const pending = await dataSource.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((query) => query.query)).to.deep.equal([]);
        // ...and every migrated table has an entity, so the check above covers them all.
        const tables = dataSource.entityMetadatas.map((e) => e.tableName).sort();
        expect(tables).to.deep.equal(TABLES.filter((t) => t !== 'migrations'));
      });

      it('syncs every commit (synchronous=FULL) with foreign keys on and a 5 s busy timeout', async () => {
        expect(await rawQuery(fresh.store, 'PRAGMA synchronous')).to.deep.equal([{ synchronous: 2 }]);
        expect(await rawQuery(fresh.store, 'PRAGMA foreign_keys')).to.deep.equal([{ foreign_keys: 1 }]);
        expect(await rawQuery(fresh.store, 'PRAGMA busy_timeout')).to.deep.equal([{ timeout: 5000 }]);
      });

      it('refuses every operation once closed', async () => {
        await fresh.store.close();
        await fresh.store.close(); // closing twice is harmless
        await expectGatewayError(fresh.store.ledgerSize(), 'store.failed');
        await expectGatewayError(
          fresh.store.transaction(async () => undefined),
          'store.failed',
        );
      });
    });
  }

  describe('on a file', () => {
    let dir: string;
    let remove: () => Promise<void>;
    beforeEach(async () => ({ dir, remove } = await tempDir()));
    afterEach(() => remove());

    it('creates the missing folders with mode 0700', async () => {
      const folder = path.join(dir, 'a', 'b');
      const store = await openStore(`sqlite:${path.join(folder, 'gateway.sqlite')}`);
      await store.close();
      expect((await stat(folder)).mode & 0o777).to.equal(0o700);
      expect((await stat(path.join(dir, 'a'))).mode & 0o777).to.equal(0o700);
    });

    it('runs in WAL mode', async () => {
      const store = await openStore(`sqlite:${path.join(dir, 'gateway.sqlite')}`);
      try {
        expect(await rawQuery(store, 'PRAGMA journal_mode')).to.deep.equal([{ journal_mode: 'wal' }]);
      } finally {
        await store.close();
      }
    });

    it('keeps the data when reopened, without running the migrations again', async () => {
      const url = `sqlite:${path.join(dir, 'gateway.sqlite')}`;
      const message = sampleMessage();
      const first = await openStore(url);
      await first.transaction(async (tx) => {
        await tx.appendLedger(['{"event":"one"}']);
        await tx.insertMessage(message);
      });
      await first.close();

      const second = await openStore(url);
      try {
        expect(await second.findInbound(message.fromFiu, message.messageId)).to.deep.equal(message);
        expect(await second.ledgerRange(0, 10)).to.deep.equal([{ index: 0, entry: '{"event":"one"}' }]);
        const migrations = await rawQuery<{ name: string }>(
          second,
          'SELECT name FROM migrations ORDER BY id',
        );
        expect(migrations.map((m) => m.name)).to.deep.equal(MIGRATION_NAMES);
        expect(await internals(second).dataSource.showMigrations()).to.equal(false);
      } finally {
        await second.close();
      }
    });

    describe('when the file is not a database', () => {
      it('fails with store.failed', async () => {
        const file = path.join(dir, 'gateway.sqlite');
        await writeFile(file, 'this is not a SQLite database, not even close. '.repeat(100));
        await expectGatewayError(openStore(`sqlite:${file}`), 'store.failed');
      });
    });

    describe('when a migration fails', () => {
      it('fails with store.migration_failed and leaves the schema as it was', async () => {
        await mkdir(dir, { recursive: true });
        const file = path.join(dir, 'gateway.sqlite');
        // A stray table with the name of the last one the migration creates makes it fail late.
        const db = secondConnection(file);
        db.exec('CREATE TABLE ledger_entries (x integer)');
        db.close();

        await expectGatewayError(openStore(`sqlite:${file}`), 'store.migration_failed');

        const check = secondConnection(file);
        try {
          const tables = check
            .prepare(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .all();
          // The tables created before the failure were rolled back with it (one transaction).
          expect(tables).to.deep.equal([{ name: 'ledger_entries' }, { name: 'migrations' }]);
          expect(check.prepare('SELECT * FROM migrations').all()).to.deep.equal([]);
        } finally {
          check.close();
        }
      });
    });
  });
});
