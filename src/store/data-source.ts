/**
 * From a database URL to a TypeORM data source: URL parsing, driver options, the SQLite pragmas that
 * make a commit durable before the gateway answers with a receipt, and the PostgreSQL pool.
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
import { Consents1765200000000 } from './migrations/0005-consents.js';
import { CaseWork1765300000000 } from './migrations/0006-case-work.js';
import { LeafIndex1765400000000 } from './migrations/0007-leaf-index.js';
import { LeafChunks1765500000000 } from './migrations/0008-leaf-chunks.js';
import { RateUsage1765600000000 } from './migrations/0009-rate-usage.js';

/** Every migration, oldest first. Listed by hand (no globs) so a build cannot pick up strays. */
export const MIGRATIONS = [
  Initial1764200000000,
  LedgerTree1764900000000,
  Agreements1765000000000,
  Outbox1765100000000,
  Consents1765200000000,
  CaseWork1765300000000,
  LeafIndex1765400000000,
  LeafChunks1765500000000,
  RateUsage1765600000000,
];

/** A PostgreSQL database, as parsed from its URL (`url` may carry a password: never log it). */
export interface PostgresLocation {
  kind: 'postgres';
  /** The URL for the driver, without the gateway's own parameters (`pool`, `schema`). */
  url: string;
  /** host:port/database, for messages (no user, no password). */
  display: string;
  /** Connections in this process's pool. */
  poolSize: number;
  /** The schema the gateway's tables live in (its connections' search_path); null: the server's default. */
  schema: string | null;
}

/** Where the database lives, as parsed from its URL. */
export type DatabaseLocation =
  { kind: 'sqlite-file'; file: string } | { kind: 'sqlite-memory' } | PostgresLocation;

/** Connections per process on PostgreSQL unless the URL says `?pool=N`. */
export const DEFAULT_POOL_SIZE = 10;
/** The fewest: one for a write transaction waiting for the ledger lock, one for reads meanwhile. */
const MIN_POOL_SIZE = 2;
const MAX_POOL_SIZE = 200;
/** A schema name as the gateway accepts it (unquoted PostgreSQL identifier, lower case). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** How long a statement waits for another connection's lock before failing (SQLite busy_timeout). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Parses `sqlite:/abs/path/file.sqlite` (or `sqlite:///abs/...`), `sqlite::memory:` and
 * `postgres://user:password@host:port/database?pool=N&schema=NAME` (also `postgresql://`; other query
 * parameters, such as `sslmode`, go to the driver). Error messages never repeat the URL, which may carry
 * a password.
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
  if (/^postgres(ql)?:\/\//.test(url)) return parsePostgresUrl(url);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new GatewayError(
    'store.failed',
    scheme
      ? `unsupported database URL scheme "${scheme}:"`
      : 'not a database URL (sqlite:PATH or postgres://...)',
  );
}

/** See {@link parseDatabaseUrl}. */
function parsePostgresUrl(url: string): PostgresLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GatewayError('store.failed', 'not a valid postgres:// database URL');
  }
  const pool = parsed.searchParams.get('pool');
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('pool');
  parsed.searchParams.delete('schema');
  let poolSize = DEFAULT_POOL_SIZE;
  if (pool !== null) {
    poolSize = /^[0-9]{1,4}$/.test(pool) ? Number(pool) : NaN;
    if (!(poolSize >= MIN_POOL_SIZE && poolSize <= MAX_POOL_SIZE)) {
      throw new GatewayError(
        'store.failed',
        `the database URL's pool parameter must be a whole number from ${MIN_POOL_SIZE} to ${MAX_POOL_SIZE}`,
      );
    }
  }
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw new GatewayError(
      'store.failed',
      "the database URL's schema parameter must be a lower-case name (a-z, 0-9, _; at most 63)",
    );
  }
  const database = decodeURIComponent(parsed.pathname.slice(1));
  return {
    kind: 'postgres',
    url: parsed.toString(),
    display: `${parsed.hostname}:${parsed.port || '5432'}/${database}${schema ? ` (schema ${schema})` : ''}`,
    poolSize,
    schema,
  };
}

/** How a location is named in messages: never the URL itself. */
export function describeLocation(location: DatabaseLocation): string {
  if (location.kind === 'sqlite-file') return location.file;
  if (location.kind === 'sqlite-memory') return 'in memory';
  return `on PostgreSQL ${location.display}`;
}

/** The little of a better-sqlite3 Database that `prepareDatabase` uses. */
interface SqliteHandle {
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

/** WAL pages after which a commit copies the WAL back into the database file (SQLite's default: 1,000). */
const WAL_CHECKPOINT_PAGES = 10_000;

/** SQLite page cache per connection, KiB. */
const CACHE_KIB = 65_536;

/** Pragmas applied to every new connection, before TypeORM uses it. */
function prepareSqlite(db: SqliteHandle, onFile: boolean): void {
  if (onFile) {
    // Write-ahead log: readers do not block the writer. An in-memory database has no WAL.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite refused WAL mode (journal_mode is ${String(mode)})`);
    // Copy the WAL back into the database every 10,000 pages (~40 MiB) instead of every 1,000. An append
    // batch writes ~70 pages (its random leaf-index pages above all), so the default checkpointed every
    // ~15 commits, each time writing and syncing the database file inside a commit; a larger WAL
    // checkpoints a tenth as often and writes each page rewritten meanwhile once (docs/PERFORMANCE.md,
    // "Third round"). Durability is unchanged: a commit is durable once its WAL frames are synced.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
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
  if (location.kind === 'postgres') return createPostgresDataSource(location, migrations);
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

/** How long a new PostgreSQL connection may take before opening fails. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A PostgreSQL data source: a pool of `poolSize` connections (node-postgres), each with the schema as
 * its search_path, so that the migrations and every statement use unqualified table names as on SQLite.
 * Transactions run at READ COMMITTED; the store's write lock (an advisory lock, see transaction.ts)
 * makes the writers take turns.
 */
function createPostgresDataSource(
  location: PostgresLocation,
  migrations: ReadonlyArray<(typeof MIGRATIONS)[number]>,
): DataSource {
  return new DataSource({
    type: 'postgres',
    url: location.url,
    entities: ENTITIES,
    migrations: [...migrations],
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: false,
    logger: silentLogger,
    poolSize: location.poolSize,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    applicationName: 'fiu-gateway',
    extra: location.schema ? { options: `-c search_path=${location.schema}` } : {},
  });
}
