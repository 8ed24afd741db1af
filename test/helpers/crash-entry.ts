/**
 * A test entry point: `fiugw serve` exactly as production runs it, plus a fault hook that kills this
 * process with SIGKILL at a named point (src/services/fault-points.ts). Run as
 *
 *   NODE_ENV=test FIUGW_TEST_CRASH_AT=point[@n] node --import tsx test/helpers/crash-entry.ts serve --config FILE
 *
 * `@n` kills at the n-th time the point is passed (default the first). Production never loads this
 * file, and `installFaultHook` refuses to work unless NODE_ENV is `test`.
 */
import { run } from '../../src/cli/main.js';
import { FAULT_POINTS, installFaultHook, type FaultPoint } from '../../src/services/fault-points.js';

const spec = process.env.FIUGW_TEST_CRASH_AT ?? '';
if (spec) {
  const [point, nth = '1'] = spec.split('@') as [string, string?];
  if (!(FAULT_POINTS as readonly string[]).includes(point)) {
    console.error(`crash-entry: unknown fault point ${point} (known: ${FAULT_POINTS.join(', ')})`);
    process.exit(2);
  }
  let passes = 0;
  installFaultHook((p: FaultPoint) => {
    if (p === point && ++passes === Number(nth)) {
      process.stderr.write(`crash-entry: SIGKILL at ${spec}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  });
}
process.exitCode = await run(['node', 'fiugw', ...process.argv.slice(2)]);
