/**
 * Gateways in child processes, for tests that kill or signal them: `fiugw serve` through the test entry
 * point (test/helpers/crash-entry.mjs on the built dist/, with an optional fault point), on ports chosen up front, so a
 * restarted gateway comes back where its partners expect it. Each scenario gets its own config files
 * next to the PKI's (so relative paths hold) with its own data folder and partner addresses; its
 * gateways exchange nothing until {@link applyAgreements} has applied their sharing agreements.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../../src/config.js';
import type { PkiLayout } from '../../src/pki/index.js';
import { loadOperatorProfile, OperatorConnection } from '../../src/transport/operator-client.js';
import { fiugw, showRun } from './cli-run.js';
import { testDatabaseUrl } from './database.js';
import { closedPort } from './fake-partner.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = path.join(ROOT, 'test', 'helpers', 'crash-entry.mjs');

/** Child gateways run the built dist/ (`npm test` builds first; alone, run `npm run build`). */
export function requireDist(): void {
  if (!existsSync(path.join(ROOT, 'dist', 'services', 'fault-points.js'))) {
    throw new Error('dist/ is missing or stale: run `npm run build` before the child-process tests');
  }
}

/** One FIU's files and ports in a scenario. */
export interface ChildSetup {
  fiu: string;
  configFile: string;
  peerPort: number;
  operatorPort: number;
}

/**
 * Writes config files for `fius` under scenario name `name`: fresh ports and data folders (in the
 * PostgreSQL pass, a fresh schema each), partner addresses pointing at each other, and `delivery`
 * settings merged in.
 */
export async function writeScenario(
  pki: PkiLayout,
  name: string,
  fius: readonly string[],
  delivery: Record<string, unknown>,
  /** Partner addresses to use instead of the scenario's own (a proxy in between, say). */
  addresses: Record<string, string> = {},
): Promise<Record<string, ChildSetup>> {
  const setups: Record<string, ChildSetup> = {};
  for (const fiu of fius) {
    setups[fiu] = { fiu, configFile: '', peerPort: await closedPort(), operatorPort: await closedPort() };
  }
  for (const fiu of fius) {
    const layout = pki.fius[fiu]!;
    const dir = path.dirname(layout.configFile);
    const raw = parseDocument(readFileSync(layout.configFile, 'utf8'), layout.configFile) as Record<
      string,
      unknown
    >;
    const partners = JSON.parse(readFileSync(layout.partnersFile, 'utf8')) as {
      partners: Array<{ id: string; address: string }>;
    };
    for (const p of partners.partners) {
      if (addresses[p.id]) p.address = addresses[p.id]!;
      else if (setups[p.id]) p.address = `127.0.0.1:${setups[p.id]!.peerPort}`;
    }
    const partnersFile = `partners-${name}.json`;
    writeFileSync(path.join(dir, partnersFile), JSON.stringify(partners, null, 2));
    const config: Record<string, unknown> = {
      ...raw,
      dataDir: `./data-${name}`,
      peer: { host: '127.0.0.1', port: setups[fiu]!.peerPort },
      operator: { host: '127.0.0.1', port: setups[fiu]!.operatorPort },
      partnersFile,
      delivery,
    };
    const url = await testDatabaseUrl('');
    if (url) config.database = { url };
    setups[fiu]!.configFile = path.join(dir, `config-${name}.json`);
    writeFileSync(setups[fiu]!.configFile, JSON.stringify(config, null, 2));
  }
  return setups;
}

/** A running child gateway. */
export interface ChildGateway {
  proc: ChildProcess;
  /** What it wrote on stderr (JSON log lines), so far. */
  stderr: () => string;
  /** Resolves when it exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The JSON log lines a child wrote on stderr so far, parsed (other lines, such as a crash note, skipped). */
export function logLines(child: ChildGateway): Array<Record<string, unknown>> {
  return child
    .stderr()
    .split('\n')
    .flatMap((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        return parsed !== null && typeof parsed === 'object' ? [parsed as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
}

/** Starts `fiugw serve --config` in a child; resolves once it listens (or rejects if it exits first). */
export function startChild(setup: ChildSetup, crashAt?: string): Promise<ChildGateway> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
  delete env.FIUGW_PEER_PORT;
  delete env.FIUGW_OPERATOR_PORT;
  delete env.FIUGW_DATABASE_URL;
  if (crashAt) env.FIUGW_TEST_CRASH_AT = crashAt;
  else delete env.FIUGW_TEST_CRASH_AT;
  const proc = spawn(process.execPath, [ENTRY, 'serve', '--config', setup.configFile], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/gateway listening/.test(out)) resolve({ proc, stderr: () => err, exited });
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`${setup.fiu} exited (${code ?? signal}) before listening:\n${out}\n${err}`)),
    );
  });
}

/** Children started through it, all killed (SIGKILL) by `killAll`: for a test file's afterEach. */
export function childPool(): {
  start: (setup: ChildSetup, crashAt?: string) => Promise<ChildGateway>;
  killAll: () => Promise<void>;
} {
  const running: ChildGateway[] = [];
  return {
    async start(setup, crashAt) {
      const child = await startChild(setup, crashAt);
      running.push(child);
      return child;
    },
    async killAll() {
      for (const c of running.splice(0)) {
        if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
        await c.exited;
      }
    },
  };
}

/** An operator connection of `role@fiu` to a child gateway. */
export function operatorOf(pki: PkiLayout, setup: ChildSetup, role: string): OperatorConnection {
  const profile = loadOperatorProfile(pki.fius[setup.fiu]!.profiles[role]!);
  return new OperatorConnection({ ...profile, address: `127.0.0.1:${setup.operatorPort}` }, 20_000);
}

/**
 * Applies the development sharing agreements of every pair of `setups` as an operator does, through
 * the real CLI and operator API: `fiugw agreements apply <FIU>/agreements/<PARTNER>.yaml --profile
 * <admin profile naming the child's operator port>` on each running child. Once per scenario: the
 * agreements persist in its databases across restarts. Each apply is one ledger batch (one
 * `agreement.changed` entry) on that gateway, before any message.
 */
export async function applyAgreements(pki: PkiLayout, setups: Record<string, ChildSetup>): Promise<void> {
  for (const setup of Object.values(setups)) {
    const layout = pki.fius[setup.fiu]!;
    const profile = loadOperatorProfile(layout.profiles.admin!);
    const profileFile = setup.configFile.replace(/\.json$/, '.admin-profile.json');
    writeFileSync(profileFile, JSON.stringify({ ...profile, address: `127.0.0.1:${setup.operatorPort}` }));
    for (const partner of Object.keys(setups)) {
      if (partner === setup.fiu) continue;
      const r = await fiugw('agreements', 'apply', layout.agreements[partner]!, '--profile', profileFile);
      if (r.code !== 0)
        throw new Error(`${setup.fiu}: applying its agreement with ${partner}: ${showRun(r)}`);
    }
  }
}
