/**
 * The store module's whole public face: {@link openStore} and the plain types of `types.ts`. This is the
 * only module that imports TypeORM, and nothing TypeORM leaves it.
 */
import { GatewayError } from '../errors.js';
import { createDataSource, ensureDatabaseFolder, parseDatabaseUrl } from './data-source.js';
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
 * - `postgres://...`: not built yet; refused with `store.failed`.
 *
 * @throws GatewayError `store.failed` when the URL is unusable or the database cannot be opened,
 *   `store.migration_failed` when a migration fails (the schema is then left as it was).
 */
export async function openStore(url: string): Promise<Store> {
  const location = parseDatabaseUrl(url);
  const where = location.kind === 'sqlite-file' ? location.file : 'in memory';
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
    await dataSource.runMigrations({ transaction: 'all' });
  } catch (cause) {
    await dataSource.destroy().catch(() => undefined);
    throw new GatewayError('store.migration_failed', `migrating the database ${where} failed`, { cause });
  }
  return new TypeOrmStore(dataSource);
}
