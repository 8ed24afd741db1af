/**
 * `npm run bench`: the benchmarks of issue 8, each against a baseline measured in the same run.
 * A table for people on stdout (progress on stderr); `--json` prints one JSON object instead. Flags:
 * see bench/harness.ts and docs/PERFORMANCE.md.
 */
import { parseSettings, runBench, USAGE } from './harness.js';
import { printTable } from './report.js';

try {
  const settings = parseSettings(process.argv.slice(2));
  if (settings.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const report = await runBench(settings);
  if (settings.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printTable(report);
} catch (err) {
  // A bad flag is the user's mistake: its message and the usage, not a stack.
  const usage = err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
  const flag = err instanceof Error && err.message.startsWith('--');
  if (usage || flag) console.error(`bench: ${(err as Error).message}\n\n${USAGE}`);
  else console.error(`bench: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
}
