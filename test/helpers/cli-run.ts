/**
 * `fiugw` in-process, through `run(argv)` of src/cli/main.ts, with everything it prints captured:
 * console.log / console.error and direct writes to process.stdout / process.stderr (progress, `-`
 * outputs, the JSON logger of `serve`). `process.exitCode`, which the commands set and `run` reads, is
 * cleared before and after each run, so that one command's exit code never leaks into the next.
 */
import { run } from '../../src/cli/main.js';

/** The outcome of one `fiugw` run. */
export interface CliRun {
  code: number;
  /** console.log and process.stdout, joined by newlines (console lines) as printed. */
  out: string;
  /** console.error and process.stderr. */
  err: string;
}

/** Runs `fn` with console and stdio captured; resolves to its result and everything printed. */
export async function captured<T>(fn: () => Promise<T>): Promise<{ value: T; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = {
    log: console.log,
    error: console.error,
    out: process.stdout.write,
    err: process.stderr.write,
  };
  const into = (lines: string[]) =>
    ((chunk: string | Uint8Array) =>
      lines.push(String(chunk).replace(/\n$/, '')) > 0) as typeof process.stdout.write;
  console.log = (...a: unknown[]) => void out.push(a.map(String).join(' '));
  console.error = (...a: unknown[]) => void err.push(a.map(String).join(' '));
  process.stdout.write = into(out);
  process.stderr.write = into(err);
  try {
    const value = await fn();
    return { value, out: out.join('\n'), err: err.join('\n') };
  } finally {
    Object.assign(console, { log: saved.log, error: saved.error });
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}

/** Runs `fiugw ...args` in-process; resolves to the exit code and everything printed. */
export async function fiugw(...args: string[]): Promise<CliRun> {
  process.exitCode = undefined;
  try {
    const { value, out, err } = await captured(() => run(['node', 'fiugw', ...args]));
    return { code: value, out, err };
  } finally {
    process.exitCode = undefined;
  }
}

/** A run, printed for an assertion message. */
export const showRun = (r: CliRun): string => `exit ${r.code}\n--- stdout\n${r.out}\n--- stderr\n${r.err}`;
