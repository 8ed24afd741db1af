/**
 * The store module's whole public face: {@link openStore} and the plain types of `types.ts`. This is the
 * only module that imports TypeORM, and nothing TypeORM leaves it.
 */
import { GatewayError } from '../errors.js';
import { createDataSource, describeLocation, ensureDatabaseFolder, parseDatabaseUrl } from './data-source.js';
import { runMigrations } from './migrate.js';
import { TypeOrmStore } from './store.js';
import type { Store } from './types.js';

export type * from './types.js';

/**
 * Opens the database named by `url` and brings its schema up to date by running the pending migrations
 * (all in one transaction).
 *
 * - `sqlite:/abs/path/file.sqlite`: a SQLite file (its folder is created with mode 0700), in WAL mode
 *   with synchronous=FULL, foreign keys on and a 5 s busy timeout.
 * - `sqlite::memory:`: a private in-memory database (tests).
 * - `postgres://user:password@host:port/database?pool=N&schema=NAME`: a PostgreSQL database, with a
 *   pool of N connections (default 10) and the tables in schema NAME (default: the server's
 *   search_path). Several processes (replicas) may share it; migrations then run one process at a time.
 *
 * @throws GatewayError `store.failed` when the URL is unusable or the database cannot be opened,
 *   `store.migration_failed` when a migration fails (the schema is then left as it was).
 */
export async function openStore(url: string): Promise<Store> {
  const location = parseDatabaseUrl(url);
  const where = describeLocation(location);
  try {
    await ensureDatabaseFolder(location);
  } catch (cause) {
    throw new GatewayError('store.failed', `cannot create the folder of the database ${where}`, { cause });
  }
  const dataSource = createDataSource(location);
  try {
    await dataSource.initialize();
  } catch (cause) {
    throw new GatewayError('store.failed', `cannot open the database ${where}`, { cause });
  }
  try {
    await runMigrations(dataSource);
  } catch (cause) {
    await dataSource.destroy().catch(() => undefined);
    throw new GatewayError('store.migration_failed', `migrating the database ${where} failed`, { cause });
  }
  return new TypeOrmStore(dataSource, location.kind === 'postgres');
}
