/**
 * From a database URL to a TypeORM data source: URL parsing, driver options and the SQLite pragmas
 * that make a commit durable before the gateway answers with a receipt.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DataSource, type Logger } from 'typeorm';
import { GatewayError } from '../errors.js';
import { ENTITIES } from './entities.js';
import { Initial1764200000000 } from './migrations/0001-initial.js';
import { LedgerTree1764900000000 } from './migrations/0002-ledger-tree.js';
import { Agreements1765000000000 } from './migrations/0003-agreements.js';
import { Outbox1765100000000 } from './migrations/0004-outbox.js';
import { CaseWork1765300000000 } from './migrations/0006-case-work.js';

/** Every migration, oldest first. Listed by hand (no globs) so a build cannot pick up strays. */
export const MIGRATIONS = [
  Initial1764200000000,
  LedgerTree1764900000000,
  Agreements1765000000000,
  Outbox1765100000000,
  CaseWork1765300000000,
];

/** Where the database lives, as parsed from its URL. */
export type DatabaseLocation = { kind: 'sqlite-file'; file: string } | { kind: 'sqlite-memory' };

/** How long a statement waits for another connection's lock before failing (SQLite busy_timeout). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Parses `sqlite:/abs/path/file.sqlite` (or `sqlite:///abs/...`) and `sqlite::memory:`. PostgreSQL
 * URLs are recognised but refused until that support is built. Error messages never repeat the URL,
 * which may carry a password.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url === 'sqlite::memory:') return { kind: 'sqlite-memory' };
  if (url.startsWith('sqlite:')) {
    let file = url.slice('sqlite:'.length);
    if (file.startsWith('///')) file = file.slice(2);
    if (!path.isAbsolute(file)) {
      throw new GatewayError(
        'store.failed',
        'a sqlite: database URL needs an absolute path (sqlite:/abs/file)',
      );
    }
    return { kind: 'sqlite-file', file: path.normalize(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new GatewayError(
      'store.failed',
      'PostgreSQL support is not built yet; use a sqlite: database URL (sqlite:/abs/path/file.sqlite)',
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new GatewayError(
    'store.failed',
    scheme
      ? `unsupported database URL scheme "${scheme}:"`
      : 'not a database URL (sqlite:PATH or postgres://...)',
  );
}

/** The little of a better-sqlite3 Database that `prepareDatabase` uses. */
interface SqliteHandle {
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

/** SQLite page cache per connection, KiB. */
const CACHE_KIB = 65_536;

/** Pragmas applied to every new connection, before TypeORM uses it. */
function prepareSqlite(db: SqliteHandle, onFile: boolean): void {
  if (onFile) {
    // Write-ahead log: readers do not block the writer. An in-memory database has no WAL.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite refused WAL mode (journal_mode is ${String(mode)})`);
  }
  // FULL: the WAL is synced on every commit, so a commit survives power loss. The gateway answers a
  // receipt only after commit; NORMAL could lose a receipted message.
  db.pragma('synchronous = FULL');
  // 64 MiB of page cache instead of 2: the ledger's hash indexes take random inserts, which miss a
  // small cache once the ledger has a few hundred thousand entries (measured in docs/PERFORMANCE.md).
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/**
 * TypeORM writes migration messages to the console whatever `logging` says; the gateway logs JSON lines
 * of its own, and every failure reaches the caller as a GatewayError with its cause. So: silence.
 */
const silentLogger: Logger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

/** Creates the parent folder of a database file (mode 0700: sealed messages and the ledger live here). */
export async function ensureDatabaseFolder(location: DatabaseLocation): Promise<void> {
  if (location.kind !== 'sqlite-file') return;
  await mkdir(path.dirname(location.file), { recursive: true, mode: 0o700 });
}

/**
 * A data source for `location`, not yet initialised. `synchronize` is off: the migrations own the schema.
 * `migrations` is every migration unless given (tests give a prefix, to build an older schema).
 */
export function createDataSource(
  location: DatabaseLocation,
  migrations: ReadonlyArray<(typeof MIGRATIONS)[number]> = MIGRATIONS,
): DataSource {
  const onFile = location.kind === 'sqlite-file';
  return new DataSource({
    type: 'better-sqlite3',
    database: onFile ? location.file : ':memory:',
    entities: ENTITIES,
    migrations: [...migrations],
    migrationsRun: false, // run explicitly by openStore, so a failure is reported as a migration failure
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: false,
    logger: silentLogger,
    timeout: BUSY_TIMEOUT_MS,
    prepareDatabase: (db: SqliteHandle) => prepareSqlite(db, onFile),
  });
}
