/**
 * Load loops and statistics for the benchmarks: a fixed number of operations in flight for a fixed
 * time, with a warm-up whose results are thrown away.
 */
import { performance } from 'node:perf_hooks';

/** What a fixed-time load run measured. */
export interface LoadResult {
  /** Operations completed inside the measured window. */
  ops: number;
  /** Length of the measured window, seconds. */
  seconds: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** Operations that threw (in the whole run, warm-up included). */
  errors: number;
  /** The first error, for the report. */
  firstError?: unknown;
  /**
   * Per probe, what it counted per completed operation inside the window (see {@link runLoad}): CPU
   * milliseconds for the CPU probes; `--sql-time` adds SQLite's milliseconds and counts.
   */
  perOp: Record<string, number>;
}

/** A running total, read at the start and at the end of the measured window: CPU milliseconds, or a count. */
export type Probe = () => number;

/** This process's CPU time, ms. */
export const ownCpu: Probe = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The q-quantile (0..1) of `sorted` (ascending), nearest rank. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Runs `op` with `concurrency` calls in flight: first for `warmupMs` (not counted), then for
 * `durationMs`. An operation counts when it completes inside the measured window, so rps is
 * completions per second at a steady state (every worker is busy from before the window opens). When
 * fewer than `minOps` (default 1) completed by the end of the window, the window is stretched to
 * the completion of the `minOps`-th, so a slow machine gives a low figure, never none.
 */
export async function runLoad(
  op: () => Promise<void>,
  options: {
    concurrency: number;
    warmupMs: number;
    durationMs: number;
    minOps?: number;
    probes?: Record<string, Probe>;
  },
): Promise<LoadResult> {
  const minOps = options.minOps ?? 1;
  const probes = Object.entries(options.probes ?? {});
  const cpuAt: Array<Record<string, number>> = [];
  const sample = () => cpuAt.push(Object.fromEntries(probes.map(([k, f]) => [k, f()])));
  const startTimer = setTimeout(sample, options.warmupMs);
  const t0 = performance.now();
  const start = t0 + options.warmupMs;
  let end = start + options.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const open = () => performance.now() < end || latencies.length < minOps;
  const worker = async () => {
    while (open()) {
      const a = performance.now();
      try {
        await op();
      } catch (err) {
        errors++;
        firstError ??= err;
        if (errors > 1000 && latencies.length === 0) throw err;
        continue;
      }
      const b = performance.now();
      if (b >= start && (b <= end || latencies.length < minOps)) {
        latencies.push(b - a);
        end = Math.max(end, b);
      }
    }
    // The first worker to see the window closed takes the closing CPU sample.
    if (cpuAt.length === 1) sample();
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  clearTimeout(startTimer);
  while (cpuAt.length < 2) sample();
  latencies.sort((x, y) => x - y);
  const perOp = Object.fromEntries(
    probes.map(([k]) => [k, (cpuAt[1]![k]! - cpuAt[0]![k]!) / Math.max(1, latencies.length)]),
  );
  const seconds = (end - start) / 1000;
  return {
    ops: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50_ms: quantile(latencies, 0.5),
    p99_ms: quantile(latencies, 0.99),
    errors,
    perOp,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

/** p50 and p99 of `n` sequential calls of `op`, in milliseconds. */
export async function latencyOf(
  n: number,
  op: (i: number) => Promise<void>,
): Promise<{ p50_ms: number; p99_ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    await op(i);
    times.push(performance.now() - a);
  }
  times.sort((x, y) => x - y);
  return { p50_ms: quantile(times, 0.5), p99_ms: quantile(times, 0.99) };
}

/** Rounds for display and JSON: 4 significant digits. */
export function round(x: number, digits = 4): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}
