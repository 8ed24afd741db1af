import { stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { parseDatabaseUrl } from '../../../src/store/data-source.js';
import { openStore } from '../../../src/store/index.js';
import { freshPostgresUrl, onPostgres, withAdminClient } from '../../helpers/database.js';
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
  'consents',
  'keys',
  'ledger_entries',
  'ledger_leaf_index',
  'ledger_nodes',
  'messages',
  'migrations',
  'outbox',
  'partner_checkpoints',
  'partners',
  'rate_usage',
];
const MIGRATION_NAMES = [
  'Initial1764200000000',
  'LedgerTree1764900000000',
  'Agreements1765000000000',
  'Outbox1765100000000',
  'Consents1765200000000',
  'CaseWork1765300000000',
  'LeafIndex1765400000000',
  'LeafChunks1765500000000',
  'RateUsage1765600000000',
];
const INDEXES = [
  'idx_agreement_revisions_id',
  'idx_agreement_revisions_partner',
  'idx_case_drafts_case',
  'idx_cases_assignee',
  'idx_cases_partner',
  'idx_cases_state',
  'idx_consents_case_id',
  'idx_keys_fiu',
  'idx_messages_case_id',
  'idx_messages_digest',
  'idx_messages_message_id',
  'idx_messages_rate_in',
  'idx_messages_rate_out',
  'idx_outbox_state_next',
];

/** Writes to a new database at `url`, reopens it: the data is there, and no migration ran again. */
async function expectReopenKeepsData(url: string): Promise<void> {
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
    const migrations = await rawQuery<{ name: string }>(second, 'SELECT name FROM migrations ORDER BY id');
    expect(migrations.map((m) => m.name)).to.deep.equal(MIGRATION_NAMES);
    expect(await internals(second).dataSource.showMigrations()).to.equal(false);
  } finally {
    await second.close();
  }
}

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
    it('reads the pool size and schema, and gives the driver the rest (sslmode, say)', () => {
      const location = parseDatabaseUrl(
        'postgres://gw:s3cret@db:6543/fiu?pool=25&schema=fiu_a&sslmode=require',
      );
      expect(location).to.deep.equal({
        kind: 'postgres',
        url: 'postgres://gw:s3cret@db:6543/fiu?sslmode=require',
        display: 'db:6543/fiu (schema fiu_a)',
        poolSize: 25,
        schema: 'fiu_a',
      });
    });

    it('defaults to a pool of 10 in the server default schema, for postgresql:// too', () => {
      expect(parseDatabaseUrl('postgresql://gw@db/fiu')).to.deep.equal({
        kind: 'postgres',
        url: 'postgresql://gw@db/fiu',
        display: 'db:5432/fiu',
        poolSize: 10,
        schema: null,
      });
    });

    for (const [what, query] of [
      ['a pool of 1', 'pool=1'],
      ['a pool of 1000', 'pool=1000'],
      ['a pool that is not a number', 'pool=ten'],
      ['a schema name that needs quoting', 'schema=Fiu-A'],
      ['a schema name with SQL in it', 'schema=x;drop'],
    ]) {
      it(`refuses ${what} without repeating the URL`, () => {
        let error: unknown;
        try {
          parseDatabaseUrl(`postgres://gw:s3cret@db/fiu?${query}`);
        } catch (err) {
          error = err;
        }
        expect(error).to.have.property('code', 'store.failed');
        expect((error as Error).message).not.to.include('s3cret');
      });
    }
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
          backend === 'postgres'
            ? `SELECT 'table' AS type, table_name AS name FROM information_schema.tables
                 WHERE table_schema = current_schema()
               UNION ALL SELECT 'index', indexname FROM pg_indexes
                 WHERE schemaname = current_schema() AND indexname LIKE 'idx_%' ORDER BY name`
            : "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
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

      // SQLite only: the pragmas; PostgreSQL's settings are checked in 'on PostgreSQL' below.
      (backend === 'postgres' ? it.skip : it)(
        'syncs every commit (synchronous=FULL) with foreign keys on and a 5 s busy timeout',
        async () => {
          expect(await rawQuery(fresh.store, 'PRAGMA synchronous')).to.deep.equal([{ synchronous: 2 }]);
          expect(await rawQuery(fresh.store, 'PRAGMA foreign_keys')).to.deep.equal([{ foreign_keys: 1 }]);
          expect(await rawQuery(fresh.store, 'PRAGMA busy_timeout')).to.deep.equal([{ timeout: 5000 }]);
        },
      );

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

  // SQLite only: file modes, WAL, a file that is not a database; 'on PostgreSQL' has the equivalents.
  (onPostgres() ? describe.skip : describe)('on a file', () => {
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

    it('runs in WAL mode, checkpointing every 10,000 pages', async () => {
      const store = await openStore(`sqlite:${path.join(dir, 'gateway.sqlite')}`);
      try {
        expect(await rawQuery(store, 'PRAGMA journal_mode')).to.deep.equal([{ journal_mode: 'wal' }]);
        expect(await rawQuery(store, 'PRAGMA wal_autocheckpoint')).to.deep.equal([
          { wal_autocheckpoint: 10000 },
        ]);
      } finally {
        await store.close();
      }
    });

    it('keeps the data when reopened, without running the migrations again', () =>
      expectReopenKeepsData(`sqlite:${path.join(dir, 'gateway.sqlite')}`));

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

// PostgreSQL only (in the PostgreSQL pass of the suite): what 'on a file' checks on SQLite.
(onPostgres() ? describe : describe.skip)('openStore on PostgreSQL', () => {
  it('commits durably (synchronous_commit on) in its own schema, as fiu-gateway', async () => {
    const { url, schema } = await freshPostgresUrl();
    const store = await openStore(url);
    try {
      expect(await rawQuery(store, 'SHOW synchronous_commit')).to.deep.equal([{ synchronous_commit: 'on' }]);
      expect(await rawQuery(store, 'SELECT current_schema() AS s')).to.deep.equal([{ s: schema }]);
      expect(await rawQuery(store, 'SHOW application_name')).to.deep.equal([
        { application_name: 'fiu-gateway' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('keeps the data when reopened, without running the migrations again', async () =>
    expectReopenKeepsData((await freshPostgresUrl()).url));

  it('migrates once when several processes open a new database at the same time', async () => {
    const { url } = await freshPostgresUrl();
    const stores = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    try {
      const migrations = await rawQuery<{ name: string }>(
        stores[0]!,
        'SELECT name FROM migrations ORDER BY id',
      );
      expect(migrations.map((m) => m.name)).to.deep.equal(MIGRATION_NAMES);
    } finally {
      for (const store of stores) await store.close();
    }
  });

  it('fails with store.migration_failed and leaves the schema as it was when a migration fails', async () => {
    const { url, schema } = await freshPostgresUrl();
    // A stray table with the name of the last one the first migration creates makes it fail late.
    await withAdminClient((c) => c.query(`CREATE TABLE ${schema}.ledger_entries (x integer)`));
    await expectGatewayError(openStore(url), 'store.migration_failed');
    const tables = await withAdminClient((c) =>
      c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' ORDER BY 1`),
    );
    // The tables created before the failure were rolled back with it (one transaction).
    expect(tables.rows.map((r) => r.table_name)).to.deep.equal(['ledger_entries', 'migrations']);
  });

  it('fails with store.failed, without the password, when the server refuses the login', async () => {
    const url = new URL((await freshPostgresUrl()).url);
    url.username = 'no_such_user';
    url.password = 's3cret';
    const error = await expectGatewayError(openStore(url.toString()), 'store.failed');
    expect(error.message).not.to.include('s3cret');
    expect(error.message).to.include('on PostgreSQL');
  });
});
