// A test entry point: `fiugw serve` exactly as production runs it (the built dist/), plus a fault hook
// that kills this process with SIGKILL at a named point (src/services/fault-points.ts). Run as
//
//   NODE_ENV=test FIUGW_TEST_CRASH_AT=point[@n] node test/helpers/crash-entry.mjs serve --config FILE
//
// `@n` kills at the n-th time the point is passed (default the first). Production never loads this
// file, and `installFaultHook` refuses to work unless NODE_ENV is `test`. Plain JavaScript on dist/ (not
// TypeScript through tsx): a child gateway then starts in a third of the time.
const { run } = await import('../../dist/cli/main.js');
const { FAULT_POINTS, installFaultHook } = await import('../../dist/services/fault-points.js');

const spec = process.env.FIUGW_TEST_CRASH_AT ?? '';
if (spec) {
  const [point, nth = '1'] = spec.split('@');
  if (!FAULT_POINTS.includes(point)) {
    console.error(`crash-entry: unknown fault point ${point} (known: ${FAULT_POINTS.join(', ')})`);
    process.exit(2);
  }
  let passes = 0;
  installFaultHook((p) => {
    if (p === point && ++passes === Number(nth)) {
      process.stderr.write(`crash-entry: SIGKILL at ${spec}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  });
}
process.exitCode = await run(['node', 'fiugw', ...process.argv.slice(2)]);
