/**
 * `npm run bench`: the benchmarks of issue 8, each against a baseline measured in the same run.
 * A table for people on stdout (progress on stderr); `--json` prints one JSON object instead. Flags:
 * see bench/harness.ts and docs/PERFORMANCE.md.
 */
import { parseSettings, runBench } from './harness.js';
import { printTable } from './report.js';

try {
  const settings = parseSettings(process.argv.slice(2));
  const report = await runBench(settings);
  if (settings.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printTable(report);
} catch (err) {
  console.error(`bench: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
}
