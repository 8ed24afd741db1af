/**
 * `fiugw doctor --config FILE`: checks a gateway's configuration, files, key permissions,
 * certificates, keys, partners (with an mTLS handshake to each), database and ledger, and prints a
 * table of what it found with the fix for each problem (`--json` for scripts). Exit 1 when a check
 * fails, 0 otherwise (warnings included).
 */
import type { Command } from 'commander';
import { loadConfig, type GatewayConfig } from '../config.js';
import { runChecks, worstStatus, type CheckReport } from '../observability/check.js';
import { doctorChecks } from './doctor-checks.js';

/** Runs the doctor on a config file; resolves to the reports (the first is `config`). */
export async function runDoctor(
  configFile: string,
  options: { now?: Date; warnDays?: number; timeoutMs?: number } = {},
): Promise<CheckReport[]> {
  let config: GatewayConfig;
  try {
    config = loadConfig(configFile);
  } catch (err) {
    return [
      {
        name: 'config',
        status: 'fail',
        detail: (err as Error).message,
        fix: 'fix the config file: each line above names the field and what is expected',
      },
    ];
  }
  const head: CheckReport = {
    name: 'config',
    status: 'ok',
    detail: `${configFile}: valid, gateway ${config.fiu}`,
    fix: '',
  };
  const checks = doctorChecks(config, {
    now: options.now ?? new Date(),
    warnDays: options.warnDays ?? config.health.certificateWarningDays,
    timeoutMs: options.timeoutMs ?? 5000,
  });
  return [head, ...(await runChecks(checks))];
}

/**
 * The table for people: one row per check (CHECK, STATUS, DETAIL); a detail of several parts (`; `)
 * continues on the lines below, and a check that is not ok gets a `fix:` line.
 */
export function formatReports(reports: readonly CheckReport[]): string {
  const w = Math.max(5, ...reports.map((r) => r.name.length));
  const pad = ' '.repeat(w + 2 + 6 + 2);
  const lines = [`${'CHECK'.padEnd(w)}  STATUS  DETAIL`, `${'-'.repeat(w)}  ------  ${'-'.repeat(40)}`];
  for (const r of reports) {
    const [first, ...rest] = r.detail.split('; ');
    lines.push(`${r.name.padEnd(w)}  ${r.status.toUpperCase().padEnd(6)}  ${first ?? ''}`);
    for (const part of rest) lines.push(`${pad}${part}`);
    if (r.status !== 'ok' && r.fix) lines.push(`${pad}fix: ${r.fix}`);
  }
  return lines.join('\n');
}

/** Registers `fiugw doctor`. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'check a gateway: config, files, key permissions, certificates, keys, partners (mTLS handshake), database, ledger',
    )
    .requiredOption('-c, --config <file>', 'gateway config file (YAML or JSON)')
    .option('--json', 'print the results as JSON')
    .option('--warn-days <n>', 'warn about certificates and keys that end within n days', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`--warn-days: expected a whole number, got "${v}"`);
      return n;
    })
    .addHelpText(
      'after',
      '\nStatus per check: ok, warn (works, but act soon) or fail. Exit 1 when any check fails.\nNothing is changed: the database is opened without migrating.',
    )
    .action(async (opts: { config: string; json?: boolean; warnDays?: number }) => {
      const reports = await runDoctor(
        opts.config,
        opts.warnDays === undefined ? {} : { warnDays: opts.warnDays },
      );
      const overall = worstStatus(reports);
      if (opts.json) {
        console.log(JSON.stringify({ status: overall, checks: reports }, null, 2));
      } else {
        console.log(formatReports(reports));
        console.log(`\n${overall === 'fail' ? 'FAIL' : overall === 'warn' ? 'OK with warnings' : 'OK'}`);
      }
      if (overall === 'fail') process.exitCode = 1;
    });
}
