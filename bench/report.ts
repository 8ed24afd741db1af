/**
 * The bench's report: one flat JSON object whose keys are those of issue 8 (plus a few more), and
 * the same figures as a table for people.
 */
import { availableParallelism } from 'node:os';
import type { ExchangeResults } from './exchange.js';
import type { ScaleResults } from './ledger.js';
import { round, type LoadResult } from './stats.js';

/** The report: every figure a number, or null when its benchmark did not run. */
export type Report = Record<string, number | string | null>;

/** The keys issue 8 names, in its order. */
export const REQUIRED_KEYS = [
  'exchange.rps',
  'exchange.p50_ms',
  'exchange.p99_ms',
  'echo.rps',
  'exchange_ratio',
  'ledger.append_per_s',
  'ledger.proof_p99_ms',
  'ledger.verify_s',
  'ledger.floor_s',
  'verify_ratio',
  'memory.peak_rss_mb',
] as const;

/**
 * The exchange ratio the design could reach on this machine if nothing but the echo's work and the
 * crypto floor of a delivery cost CPU, the cores used as the echo uses them: echo CPU per call over echo
 * CPU per call plus the floor (bench/crypto-floor.ts; docs/PERFORMANCE.md, "The ceiling").
 */
function ceiling(x: ExchangeResults): number {
  const echo = x.echo.perOp.client! + x.echo.perOp.server!;
  return echo / (echo + x.floor.ms);
}

/** The exchange ratio issue 8 asks for. */
const TARGET_RATIO = 0.3;

/** The processes of the exchange (the sending and the receiving gateway), each on one thread. */
const PROCESSES = 2;

/**
 * The CPU per delivery, both gateways together, that the target ratio leaves for everything but the
 * echo's share (gRPC and TLS) and the crypto floor: storage, ledger, validation, policy. It assumes
 * both processes are busy all the time, each on a core of its own, so it is an upper bound
 * (docs/PERFORMANCE.md, "The ceiling").
 */
function budget(x: ExchangeResults): number {
  const cores = Math.min(PROCESSES, availableParallelism());
  const perDelivery = (cores * 1000) / (TARGET_RATIO * x.echo.rps);
  return perDelivery - (x.echo.perOp.client! + x.echo.perOp.server!) - x.floor.ms;
}

/** The `--sql-time` figures of one side, per delivery, or nulls when they were not measured. */
function sqlTime(x: ExchangeResults | undefined, side: 'sender' | 'receiver'): Report {
  const per = (what: string) => {
    const n = x?.exchange.perOp[`${side}_${what}`];
    return n === undefined ? null : round(n);
  };
  return {
    [`exchange.${side}_sql_ms`]: per('sql_ms'),
    [`exchange.${side}_statements`]: per('statements'),
    [`exchange.${side}_commit_ms`]: per('commit_ms'),
    [`exchange.${side}_commits`]: per('commits'),
  };
}

/** Builds the report from what ran. */
export function buildReport(r: {
  exchange: ExchangeResults | undefined;
  append: LoadResult | undefined;
  scale: ScaleResults | undefined;
  seconds: number;
}): Report {
  const { exchange: x, append: a, scale: s } = r;
  const v = (n: number | undefined) => (n === undefined ? null : round(n));
  return {
    'exchange.rps': v(x?.exchange.rps),
    'exchange.p50_ms': v(x?.exchange.p50_ms),
    'exchange.p99_ms': v(x?.exchange.p99_ms),
    'exchange.errors': v(x?.exchange.errors),
    'echo.rps': v(x?.echo.rps),
    'echo.p50_ms': v(x?.echo.p50_ms),
    'echo.p99_ms': v(x?.echo.p99_ms),
    exchange_ratio: v(x && x.exchange.rps / x.echo.rps),
    'exchange.sender_cpu_ms': v(x?.exchange.perOp.sender),
    'exchange.receiver_cpu_ms': v(x?.exchange.perOp.receiver),
    'echo.client_cpu_ms': v(x?.echo.perOp.client),
    'echo.server_cpu_ms': v(x?.echo.perOp.server),
    cpu_ratio: v(
      x &&
        (x.echo.perOp.client! + x.echo.perOp.server!) /
          (x.exchange.perOp.sender! + x.exchange.perOp.receiver!),
    ),
    'floor.crypto_ms': v(x?.floor.ms),
    'floor.protocol_ms': v(x?.floor.protocolMs),
    'exchange.ceiling_ratio': v(x && ceiling(x)),
    'exchange.budget_ms': v(x && budget(x)),
    ...sqlTime(x, 'sender'),
    ...sqlTime(x, 'receiver'),
    'ledger.append_per_s': v(a?.rps),
    'ledger.append_p99_ms': v(a?.p99_ms),
    'ledger.entries': v(s?.entries),
    'ledger.build_s': v(s?.build_s),
    'ledger.inclusion_p50_ms': v(s?.inclusion.p50_ms),
    'ledger.inclusion_p99_ms': v(s?.inclusion.p99_ms),
    'ledger.by_hash_p50_ms': v(s?.byHash.p50_ms),
    'ledger.by_hash_p99_ms': v(s?.byHash.p99_ms),
    'ledger.consistency_p50_ms': v(s?.consistency.p50_ms),
    'ledger.consistency_p99_ms': v(s?.consistency.p99_ms),
    'ledger.proof_p99_ms': v(s && Math.max(s.inclusion.p99_ms, s.consistency.p99_ms)),
    'ledger.export_s': v(s?.export_s),
    'ledger.verify_s': v(s?.verify_s),
    'ledger.floor_s': v(s?.floor_s),
    verify_ratio: v(s && s.verify_s / s.floor_s),
    'memory.peak_rss_mb': v(x?.receiverPeakRssMb),
    'bench.seconds': round(r.seconds),
    'bench.node': process.version,
  };
}

/** Targets of issue 8 (on a 2-core machine), for the table's last column. */
const TARGETS: Record<string, { op: '>=' | '<='; value: number }> = {
  exchange_ratio: { op: '>=', value: 0.3 },
  verify_ratio: { op: '<=', value: 1.5 },
  'ledger.proof_p99_ms': { op: '<=', value: 2 },
  'ledger.append_per_s': { op: '>=', value: 20_000 },
  'memory.peak_rss_mb': { op: '<=', value: 300 },
};

/** Prints the report as a table: key, value, target and whether it is met. */
export function printTable(report: Report): void {
  const rows = Object.entries(report).map(([key, value]) => {
    const t = TARGETS[key];
    const met =
      t === undefined || typeof value !== 'number'
        ? ''
        : (t.op === '>=' ? value >= t.value : value <= t.value)
          ? 'met'
          : 'NOT met';
    return [key, value === null ? '-' : String(value), t ? `${t.op} ${t.value}` : '', met];
  });
  const header = ['figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}
