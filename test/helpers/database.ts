/**
 * Which database the suite runs on. `npm test` runs it twice: on SQLite, then (when
 * FIUGW_TEST_DATABASE_URL names a PostgreSQL database) again on PostgreSQL, with FIUGW_TEST_STORE set to
 * `postgres` (test/postgres-pass.mjs). In the PostgreSQL pass every store a test opens gets a fresh
 * schema of that database, dropped when the run ends (root hook in test/helpers/root-hooks.ts).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { DataSource } from 'typeorm';

/** The PostgreSQL database the PostgreSQL pass uses (never printed: it may carry a password). */
export const TEST_DATABASE_URL_VARIABLE = 'FIUGW_TEST_DATABASE_URL';

/** True in the PostgreSQL pass. */
export function onPostgres(): boolean {
  return process.env.FIUGW_TEST_STORE === 'postgres';
}

/** The base PostgreSQL URL, or null when none is given. */
export function postgresBaseUrl(): string | null {
  const url = process.env[TEST_DATABASE_URL_VARIABLE];
  return url && /^postgres(ql)?:\/\//.test(url) ? url : null;
}

/** Connections per test store: enough for a write waiting for the lock and reads, few for the server. */
const TEST_POOL = 4;

/** The schemas this process made, to drop at the end. */
const created: string[] = [];

/** The little of node-postgres's Client the helpers use. */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
}

/** Runs `fn` with a client connected to the test database. */
export async function withAdminClient<T>(fn: (client: PgClient) => Promise<T>): Promise<T> {
  const url = postgresBaseUrl();
  if (!url) throw new Error(`${TEST_DATABASE_URL_VARIABLE} is not set to a postgres:// URL`);
  const pg = createRequire(import.meta.url)('pg') as { Client: new (o: object) => PgClient };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty schema on the test database, and the URL of a store in it. */
export async function freshPostgresUrl(): Promise<{ url: string; schema: string }> {
  const schema = `fiugw_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((c) => c.query(`CREATE SCHEMA ${schema}`));
  created.push(schema);
  const url = new URL(postgresBaseUrl()!);
  url.searchParams.set('schema', schema);
  url.searchParams.set('pool', String(TEST_POOL));
  return { url: url.toString(), schema };
}

/** The database URL a test gateway or store uses: `sqliteUrl`, or a fresh schema in the PostgreSQL pass. */
export async function testDatabaseUrl(sqliteUrl: string): Promise<string> {
  return onPostgres() ? (await freshPostgresUrl()).url : sqliteUrl;
}

/** True when a process with this id runs (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops the schemas this process made; with `leftovers`, also those of test processes that are gone
 * (a run killed before its end), never those of a run still going.
 */
export async function dropTestSchemas(leftovers = false): Promise<void> {
  if (!onPostgres() || (!leftovers && created.length === 0)) return;
  await withAdminClient(async (c) => {
    const names = created.splice(0);
    if (leftovers) {
      const rows = await c.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'fiugw\\_t\\_%'");
      for (const row of rows.rows) {
        const name = String(row.nspname);
        const pid = Number(name.split('_')[2]);
        if (pid !== process.pid && !alive(pid)) names.push(name);
      }
    }
    for (const name of names) await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  });
}

/** A random suffix for names that must not collide between runs. */
export const randomName = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

/**
 * Runs raw SQL on a store's data source with `?` placeholders, numbered (`$1`...) on PostgreSQL. Counts
 * come back as strings there (bigint): wrap them in Number().
 */
export function sqlQuery<T>(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
  let n = 0;
  const text = dataSource.options.type === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  return dataSource.query(text, params);
}
