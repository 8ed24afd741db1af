/**
 * Opening a database to look at it without changing it (`fiugw doctor`): no folder is created, no
 * migration runs; the caller learns which migrations are pending.
 */
import { existsSync } from 'node:fs';
import { GatewayError } from '../errors.js';
import { createDataSource, describeLocation, parseDatabaseUrl } from './data-source.js';
import { TypeOrmStore } from './store.js';
import type { Store } from './types.js';

/** What {@link inspectStore} found. */
export type StoreInspection =
  | { kind: 'missing'; where: string }
  | { kind: 'pending_migrations'; where: string }
  | { kind: 'ready'; where: string; store: Store };

/**
 * Opens the database of `url` read-only in spirit: a SQLite file that does not exist is reported as
 * `missing` (not created), pending migrations are reported (not run). A `ready` store must be closed.
 *
 * @throws GatewayError `store.failed` when the URL is unusable or the database cannot be opened.
 */
export async function inspectStore(url: string): Promise<StoreInspection> {
  const location = parseDatabaseUrl(url);
  const where = describeLocation(location);
  if (location.kind === 'sqlite-file' && !existsSync(location.file)) return { kind: 'missing', where };
  const dataSource = createDataSource(location);
  try {
    await dataSource.initialize();
  } catch (cause) {
    throw new GatewayError('store.failed', `cannot open the database ${where}`, { cause });
  }
  try {
    if (await dataSource.showMigrations()) {
      await dataSource.destroy();
      return { kind: 'pending_migrations', where };
    }
    return { kind: 'ready', where, store: new TypeOrmStore(dataSource, location.kind === 'postgres') };
  } catch (cause) {
    await dataSource.destroy().catch(() => undefined);
    throw new GatewayError('store.failed', `cannot read the migrations of the database ${where}`, { cause });
  }
}
