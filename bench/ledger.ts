/**
 * Benchmarks 2 and 3: durable appends through the real sequencer, and a large ledger built through
 * the real sequencer and store (its proofs, its export, and `fiugw audit verify --export` against
 * the hash floor). Each runs in a gateway opened from the bench's dev PKI, on its own database.
 */
import { hash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config.js';
import { Gateway } from '../src/gateway.js';
import { makeEntry, type LedgerEntry } from '../src/ledger/index.js';
import { fiugw, progress, tempDir } from './setup.js';
import { latencyOf, runLoad, type LoadResult } from './stats.js';

/**
 * Opens FIU-A's gateway (not listening) on `databaseUrl`. The hook for PostgreSQL (issue 7): pass a
 * `postgres://` URL here (`--database-url`) once the store supports it.
 */
export async function openLedgerGateway(pki: string, databaseUrl: string): Promise<Gateway> {
  const config = loadConfig(path.join(pki, 'FIU-A', 'config.yaml'), { FIUGW_DATABASE_URL: databaseUrl });
  return Gateway.open(config);
}

/** A fresh SQLite database URL in a temp folder. */
export function freshSqliteUrl(name: string): string {
  return `sqlite:${path.join(tempDir(name), 'gateway.sqlite')}`;
}

/** Random bytes taken 32 at a time for the entries' digests, refilled when used up. */
const DIGEST_POOL = 32 * 4096;
let pool = Buffer.alloc(0);
let poolAt = DIGEST_POOL;

/**
 * 32 fresh random bytes as base64url. From a pool: one `randomBytes` call per 4,096 digests instead of
 * one each, which took ~9 % of the append benchmark's CPU: the load generator's cost, not the ledger's.
 */
function randomDigest(): string {
  if (poolAt === DIGEST_POOL) {
    pool = randomBytes(DIGEST_POOL);
    poolAt = 0;
  }
  poolAt += 32;
  return pool.toString('base64url', poolAt - 32, poolAt);
}

/** A `message.received` entry like the exchange writes, with a fresh id and digest. */
function receivedEntry(at: Date): LedgerEntry {
  return makeEntry(
    at,
    { kind: 'peer', fiu: 'FIU-B' },
    {
      event: 'message.received',
      message: {
        id: randomUUID(),
        type: 'request',
        from: 'FIU-B',
        to: 'FIU-A',
        digest: randomDigest(),
      },
    },
  );
}

/** Benchmark 2: `concurrency` appenders, each appending one entry at a time and waiting for its commit. */
export async function benchAppend(o: {
  pki: string;
  databaseUrl: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}): Promise<LoadResult> {
  const gw = await openLedgerGateway(o.pki, o.databaseUrl);
  progress(`ledger append: ${o.concurrency} concurrent appenders on ${o.databaseUrl.split(':')[0]}`);
  try {
    return await runLoad(async () => {
      await gw.sequencer.append({ entries: [receivedEntry(new Date())] });
    }, o);
  } finally {
    await gw.stop();
  }
}

export interface ScaleResults {
  entries: number;
  build_s: number;
  inclusion: { p50_ms: number; p99_ms: number };
  /** Inclusion proofs asked by leaf hash (the leaf found through the leaf index or the tail first). */
  byHash: { p50_ms: number; p99_ms: number };
  consistency: { p50_ms: number; p99_ms: number };
  export_s: number;
  verify_s: number;
  floor_s: number;
}

/** Benchmark 3: builds an `entries`-entry ledger, then measures proofs, export, verify and the floor. */
export async function benchScale(o: { pki: string; entries: number; proofs: number }): Promise<ScaleResults> {
  const databaseUrl = freshSqliteUrl('scale');
  const gw = await openLedgerGateway(o.pki, databaseUrl);
  let build_s: number;
  let inclusion;
  let byHash;
  let consistency;
  try {
    build_s = await buildLedger(gw, o.entries);
    progress(`ledger scale: ${o.proofs} inclusion and ${o.proofs} consistency proofs at ${o.entries}`);
    const n = o.entries;
    const pick = () => Math.floor(Math.random() * n);
    inclusion = await latencyOf(o.proofs, async () => void (await gw.audit.inclusion({ index: pick() })));
    consistency = await latencyOf(o.proofs, async () => void (await gw.audit.consistency(1 + pick(), n)));
    // Leaf hashes read beforehand, so that only the lookup and the proof are timed.
    const leaves = await gw.store.ledgerNodes(
      Array.from({ length: o.proofs }, () => ({ level: 0, index: pick() })),
    );
    let next = 0;
    byHash = await latencyOf(o.proofs, async () => {
      const leafHash = Buffer.from(leaves[next++ % leaves.length]!, 'base64url');
      await gw.audit.inclusion({ leafHash });
    });
  } finally {
    await gw.stop();
  }
  const file = path.join(tempDir('export'), 'ledger.jsonl');
  const config = path.join(o.pki, 'FIU-A', 'config.yaml');
  progress('ledger scale: fiugw audit export');
  let t = performance.now();
  const env = { ...process.env, FIUGW_DATABASE_URL: databaseUrl };
  const vkey = withEnv(env, () => fiugw(['audit', 'key', '--config', config]))
    .trim()
    .split('\n')[0]!;
  withEnv(env, () => fiugw(['audit', 'export', '--config', config, '--out', file]));
  const export_s = (performance.now() - t) / 1000;
  progress('ledger scale: fiugw audit verify --export');
  t = performance.now();
  fiugw(['audit', 'verify', '--export', file, '--vkey', vkey]);
  const verify_s = (performance.now() - t) / 1000;
  progress('ledger scale: the hash floor');
  const floor_s = await hashFloor(file);
  return { entries: o.entries, build_s, inclusion, byHash, consistency, export_s, verify_s, floor_s };
}

/** Runs `fn` with `env` as the environment of the children it spawns. */
function withEnv<T>(env: NodeJS.ProcessEnv, fn: () => T): T {
  const saved = process.env.FIUGW_DATABASE_URL;
  process.env.FIUGW_DATABASE_URL = env.FIUGW_DATABASE_URL;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.FIUGW_DATABASE_URL;
    else process.env.FIUGW_DATABASE_URL = saved;
  }
}

/**
 * Appends `total` entries through the real sequencer: jobs of `CHUNK` entries, a few in flight, so
 * that each batch (one transaction, one checkpoint) holds several jobs. Returns the seconds it took.
 */
async function buildLedger(gw: Gateway, total: number): Promise<number> {
  const CHUNK = 2000;
  const IN_FLIGHT = 4;
  const t0 = performance.now();
  let next = 0;
  let lastReport = t0;
  const worker = async () => {
    while (next < total) {
      const count = Math.min(CHUNK, total - next);
      next += count;
      const at = new Date();
      await gw.sequencer.append({ entries: Array.from({ length: count }, () => receivedEntry(at)) });
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        progress(`ledger scale: ${gw.sequencer.latest()?.size ?? 0} of ${total} entries`);
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const size = gw.sequencer.latest()?.size ?? 0;
  if (size !== total) throw new Error(`ledger scale: built ${size} entries, expected ${total}`);
  return (performance.now() - t0) / 1000;
}

/**
 * The floor: the time node:crypto takes for the 2n SHA-256 hashes of an n-entry tree alone (n leaf
 * hashes of the exported entries' bytes, n - 1 interior hashes of 65 bytes), with the fastest calls it
 * has (one-shot `hash`), the inputs already in memory and prefixed, the hashes in one flat buffer.
 * Nothing else (reading, parsing, signatures, allocation of the inputs) counts. Best of three runs.
 */
export async function hashFloor(file: string): Promise<number> {
  const inputs: Buffer[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const parsed = JSON.parse(line) as { type?: string; leaf?: string };
    if (parsed.type === 'entry')
      inputs.push(Buffer.concat([LEAF_PREFIX, Buffer.from(parsed.leaf!, 'base64')]));
  }
  let best = Infinity;
  for (let run = 0; run < 3; run++) best = Math.min(best, hashTree(inputs));
  return best;
}

const LEAF_PREFIX = Buffer.from([0]);

/** Seconds to compute the RFC 9162 root from the prefixed leaf inputs with node:crypto. */
function hashTree(inputs: Buffer[]): number {
  const t0 = performance.now();
  let n = inputs.length;
  let level = Buffer.allocUnsafe(n * 32);
  for (let i = 0; i < n; i++) hash('sha256', inputs[i]!, 'buffer').copy(level, i * 32);
  const node = Buffer.alloc(65);
  node[0] = 1;
  while (n > 1) {
    const up = Buffer.allocUnsafe(Math.ceil(n / 2) * 32);
    for (let i = 0; i + 1 < n; i += 2) {
      level.copy(node, 1, i * 32, i * 32 + 64);
      hash('sha256', node, 'buffer').copy(up, (i / 2) * 32);
    }
    if (n % 2 === 1) level.copy(up, ((n - 1) / 2) * 32, (n - 1) * 32, n * 32);
    level = up;
    n = Math.ceil(n / 2);
  }
  return (performance.now() - t0) / 1000;
}
