/**
 * Running the pending migrations, all in one transaction. On PostgreSQL, replicas that start together
 * would each find the same migrations pending and run them twice: they take turns on a session-level
 * advisory lock, held on a connection of its own while the migrations run on another.
 */
import type { DataSource } from 'typeorm';
import { MIGRATION_LOCK } from './locks.js';

export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK.sql})`);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK.sql})`);
    }
  } finally {
    await runner.release();
  }
}
