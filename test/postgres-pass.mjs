// The second pass of `npm test`: the whole mocha suite again, on PostgreSQL (FIUGW_TEST_STORE=postgres
// makes the test helpers give every store a fresh schema of the database FIUGW_TEST_DATABASE_URL names).
// Without that variable the pass is skipped, with a notice saying how to run it. The URL is never printed
// (it may carry a password).
import { spawnSync } from 'node:child_process';

const url = process.env.FIUGW_TEST_DATABASE_URL;
if (!url) {
  console.log(
    '\nNOTICE: the PostgreSQL pass of the suite was SKIPPED: FIUGW_TEST_DATABASE_URL is not set.\n' +
      'Run it with FIUGW_TEST_DATABASE_URL=postgres://USER@HOST:5432/DATABASE npm test (see README.md).\n',
  );
  process.exit(0);
}
if (!/^postgres(ql)?:\/\//.test(url)) {
  console.error('FIUGW_TEST_DATABASE_URL must be a postgres:// URL');
  process.exit(2);
}
console.log('\nThe suite again, on PostgreSQL (FIUGW_TEST_DATABASE_URL):\n');
const started = Date.now();
const run = spawnSync('npx', ['mocha', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, FIUGW_TEST_STORE: 'postgres' },
});
console.log(`PostgreSQL pass: ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(run.status ?? 1);
