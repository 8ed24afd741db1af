/**
 * The bench's world: a fresh dev PKI made by `fiugw pki init` in a temp folder, free ports, child
 * processes (a receiving gateway run by `fiugw serve`, the echo server) and their peak memory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { loadConfig } from '../src/config.js';
import { Gateway } from '../src/gateway.js';
import { identifyOperator } from '../src/services/authorize.js';
import { fileURLToPath } from 'node:url';

/** The project root (the bench runs from a clone). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI: the receiving gateway runs exactly what `fiugw serve` runs in production. */
export const FIUGW = path.join(ROOT, 'bin', 'fiugw.js');

let quiet = false;

/** Silences {@link progress} (the smoke test). */
export function setQuiet(q: boolean): void {
  quiet = q;
}

/** Progress for people, on stderr, so that stdout stays clean for `--json`. */
export function progress(text: string): void {
  if (!quiet) process.stderr.write(`bench: ${text}\n`);
}

const made: string[] = [];

/** A fresh temp folder, removed by {@link removeTempDirs}. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `fiugw-bench-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every temp folder made so far (a full run leaves about 1.5 GB of databases and exports). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs `fiugw ARGS` to completion; throws with its output when it fails. Returns its stdout. */
export function fiugw(args: string[]): string {
  const r = spawnSync(process.execPath, [FIUGW, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`fiugw ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** A dev PKI for FIU-A (sender) and FIU-B (receiver) in a temp folder, made by `fiugw pki init`. */
export function makePki(): string {
  const dir = tempDir('pki');
  fiugw(['pki', 'init', '--out', dir, '--fius', 'FIU-A,FIU-B']);
  raisePeerLimits(path.join(dir, 'FIU-B', 'config.yaml'));
  return dir;
}

/**
 * A load test sends far more than a partner normally does: the receiver's per-partner limits
 * (`peer.limits`, 20 calls/s by default) are raised to the highest the schema allows, so that the
 * bench measures deliveries, not refusals. The limits are still applied on every call.
 */
function raisePeerLimits(configFile: string): void {
  const doc = parseDocument(readFileSync(configFile, 'utf8'));
  doc.setIn(['peer', 'limits'], { maxConcurrentPerPartner: 10_000, ratePerSecond: 100_000, burst: 100_000 });
  writeFileSync(configFile, doc.toString());
}

/**
 * Lets `fiu`'s outbox deliver `n` items at once (`delivery.concurrency`, 8 by default): with 64
 * submissions in flight, the default would let only 8 of them be on the wire at any time, and the
 * bench would measure that limit instead of the exchange.
 */
export function setDeliveryConcurrency(pki: string, fiu: string, n: number): void {
  const configFile = path.join(pki, fiu, 'config.yaml');
  const doc = parseDocument(readFileSync(configFile, 'utf8'));
  doc.setIn(['delivery', 'concurrency'], n);
  writeFileSync(configFile, doc.toString());
}

/** Points `fiu`'s partner entry for `partner` at `address` (the receiver listens on a free port). */
export function setPartnerAddress(pki: string, fiu: string, partner: string, address: string): void {
  const file = path.join(pki, fiu, 'partners.json');
  const registry = JSON.parse(readFileSync(file, 'utf8')) as {
    partners: Array<{ id: string; address: string }>;
  };
  for (const p of registry.partners) if (p.id === partner) p.address = address;
  writeFileSync(file, JSON.stringify(registry, null, 2));
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A child process started by the bench, ready when it printed `readyText` on stdout. */
export interface Child {
  proc: ChildProcess;
  /** Peak resident set size so far (VmHWM), MB; NaN where /proc is not there. */
  peakRssMb(): number;
  /** CPU time used so far (user + system), ms; NaN where /proc is not there. */
  cpuMs(): number;
  /** Stops it with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `node ARGS` and waits until its stdout shows `readyText`. */
export function startChild(
  args: string[],
  options: { env?: Record<string, string>; readyText: string; nodeOptions?: string[] },
): Promise<Child> {
  const proc = spawn(process.execPath, [...(options.nodeOptions ?? []), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  // Drain stderr (the gateway logs JSON lines there) so the child never blocks on a full pipe.
  proc.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: Child = {
    proc,
    peakRssMb: () => peakRssMb(proc.pid!),
    cpuMs: () => cpuMsOf(proc.pid!),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      keep(chunk);
      if (out.includes(options.readyText)) {
        proc.stdout!.off('data', onData);
        proc.stdout!.resume();
        resolve(child);
      }
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`child ${args.join(' ')} exited ${code}: ${tail}`)));
  });
}

/** VmHWM (peak resident set size) of process `pid`, in MB, from /proc (Linux). */
export function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) of process `pid` so far, ms, from /proc/PID/stat (Linux). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** USER_HZ: 100 on every Linux platform Node supports. */
const CLOCK_TICKS = 100;

/**
 * Applies `fiu`'s development sharing agreement with `partner` (written by `pki init`, with the
 * highest rate limits) to its database, through the agreement service as the admin operator: nothing is exchanged without one.
 * The gateway is opened without listening, and closed again.
 */
export async function applyDevAgreement(pki: string, fiu: string, partner: string): Promise<void> {
  const config = loadConfig(path.join(pki, fiu, 'config.yaml'), {});
  const gateway = await Gateway.open(config);
  try {
    const file = path.join(pki, fiu, 'agreements', `${partner}.yaml`);
    const document = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // A load test sends far more than the development agreement's 100 requests a minute: the
    // highest limits the schema allows (the limits are still counted, as in production).
    document.rateLimits = { requestsPerDay: 1_000_000, burst: 100_000 };
    await gateway.agreements.apply(identifyOperator(`admin@${fiu}`, config.operators), document);
  } finally {
    await gateway.stop();
  }
}
