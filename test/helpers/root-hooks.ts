/**
 * Mocha root hooks (loaded by .mocharc.json): in the PostgreSQL pass, drop the schemas that killed
 * earlier runs left behind before the suite, and those this run made after it.
 */
import { dropTestSchemas, onPostgres } from './database.js';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    if (!onPostgres()) return;
    this.timeout(60_000);
    await dropTestSchemas(true);
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    if (!onPostgres()) return;
    this.timeout(60_000);
    await dropTestSchemas();
  },
};
