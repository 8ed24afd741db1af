/**
 * Replicas: several gateways of one FIU on one PostgreSQL database (docs/OPERATIONS.md, "PostgreSQL and
 * replicas"), as child processes (`fiugw serve`), one of them killed with SIGKILL midway.
 *
 * - FIU-B's two replicas behind a TCP round-robin load balancer (test/helpers/tcp-proxy.ts, cutting
 *   connections after a short age so that FIU-A's calls spread over both) receive a few hundred requests
 *   from FIU-A; one replica is killed while they arrive. Then every message was accepted exactly once,
 *   FIU-A holds for each the receipt FIU-B stored, every receipt verifies, `fiugw audit verify` passes on
 *   FIU-B's ledger, and every checkpoint FIU-B stored extends the one before it (consistency proofs).
 * - FIU-A's two replicas share its outbox: each message is delivered once, and the items a killed
 *   replica had claimed are delivered by the other once their lease ran out.
 *
 * PostgreSQL only: it runs in the PostgreSQL pass of `npm test` (SQLite is one process's database).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import {
  KeyRing,
  ledgerOrigin,
  publicKeyObject,
  verifyReceipt,
  type KeyRecord,
} from '../../src/crypto/index.js';
import { consistencyProof, parseCheckpoint, verifyConsistency } from '../../src/ledger/index.js';
import { initPki, type PkiLayout } from '../../src/pki/index.js';
import { storedSubtrees } from '../../src/services/audit.js';
import { openStore, type Store } from '../../src/store/index.js';
import {
  applyAgreements,
  childPool,
  logLines,
  operatorOf,
  requireDist,
  writeScenario,
  type ChildGateway,
  type ChildSetup,
} from '../helpers/child-gateway.js';
import { fiugw, showRun } from '../helpers/cli-run.js';
import { onPostgres, postgresBaseUrl } from '../helpers/database.js';
import { closedPort } from '../helpers/fake-partner.js';
import { sampleInput } from '../helpers/live-data.js';
import { waitFor } from '../helpers/outbox.js';
import { requestsPerDay } from '../helpers/rate-usage.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

/** Short leases and retries, so that a replica takes over a dead one's claims within seconds. */
const DELIVERY = {
  timeoutMs: 3000,
  leaseMs: 4000,
  pollMs: 100,
  concurrency: 8,
  drainMs: 2000,
  retry: { initialMs: 100, maxMs: 500, giveUpAfterMs: 600_000 },
};

/** How many requests FIU-A sends to FIU-B's replicas. */
const MESSAGES = 300;

/** A second replica of `setup`: the same config (and database) on ports and a data folder of its own. */
async function replicaOf(setup: ChildSetup, name: string): Promise<ChildSetup> {
  const config = JSON.parse(readFileSync(setup.configFile, 'utf8')) as Record<string, unknown>;
  const replica = { ...setup, peerPort: await closedPort(), operatorPort: await closedPort() };
  replica.configFile = setup.configFile.replace(/\.json$/, `-${name}.json`);
  const listen = (port: number) => ({ host: '127.0.0.1', port });
  writeFileSync(
    replica.configFile,
    JSON.stringify({
      ...config,
      dataDir: `${String(config.dataDir)}-${name}`,
      peer: { ...(config.peer as object), ...listen(replica.peerPort) },
      operator: { ...(config.operator as object), ...listen(replica.operatorPort) },
    }),
  );
  return replica;
}

/** Raises the rate limits of every development agreement, so that hundreds of requests pass. */
function raiseRateLimits(pki: PkiLayout): void {
  for (const fiu of Object.values(pki.fius)) {
    for (const file of Object.values(fiu.agreements)) {
      const yaml = readFileSync(file, 'utf8');
      const raised = yaml
        .replace(/requestsPerDay: \d+/, 'requestsPerDay: 100000')
        .replace(/burst: \d+/, 'burst: 10000');
      if (raised === yaml) throw new Error(`no rate limits to raise in ${file}`);
      writeFileSync(file, raised);
    }
  }
}

/** The private key record of `fiu` for `use`, from its key files. */
function keyRecord(pki: PkiLayout, fiu: string, use: 'signing' | 'encryption' | 'ledger'): KeyRecord {
  return JSON.parse(readFileSync(pki.fius[fiu]!.keys[use], 'utf8')) as KeyRecord;
}

/** Submits `count` requests to `to` through `op`, ten at a time; resolves to their message ids. */
async function submitMany(pki: PkiLayout, setup: ChildSetup, to: string, count: number): Promise<string[]> {
  const op = operatorOf(pki, setup, 'analyst');
  const ids: string[] = [];
  try {
    for (let i = 0; i < count; i += 10) {
      const batch = Array.from({ length: Math.min(10, count - i) }, () =>
        op.submitRequest(to, sampleInput()),
      );
      for (const r of await Promise.all(batch)) ids.push(r.messageId);
    }
  } finally {
    op.close();
  }
  return ids;
}

/** Rows of `messages` per (direction, message id), counted by the database. */
async function rowsPerMessage(store: Store, direction: 'in' | 'out'): Promise<Map<string, number>> {
  const rows = (await (
    store as unknown as { dataSource: { query: (s: string, p: unknown[]) => Promise<unknown> } }
  ).dataSource.query(
    'SELECT message_id AS id, COUNT(*) AS n FROM messages WHERE direction = $1 GROUP BY message_id',
    [direction],
  )) as Array<{ id: string; n: string | number }>;
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** Waits until the outbox holds `count` items, all delivered. */
function allDelivered(store: Store, count: number): Promise<true> {
  return waitFor('every message delivered', async () => {
    const items = await store.listOutbox({});
    return items.length === count && items.every((i) => i.state === 'delivered') ? true : undefined;
  });
}

async function expectLedgerVerifies(setup: ChildSetup): Promise<void> {
  const r = await fiugw('audit', 'verify', '--config', setup.configFile);
  expect(r.code, showRun(r)).to.equal(0);
}

(onPostgres() ? describe : describe.skip)('replicas of one gateway on one PostgreSQL database', function () {
  this.timeout(300_000);
  let dir: string;
  let pki: PkiLayout;
  const children = childPool();
  const proxies: TcpProxy[] = [];
  const stores: Store[] = [];

  before(async function () {
    this.timeout(120_000);
    requireDist();
    if (!postgresBaseUrl()) throw new Error('the PostgreSQL pass needs FIUGW_TEST_DATABASE_URL');
    dir = await mkdtemp(path.join(tmpdir(), 'fiugw-replicas-'));
    pki = await initPki({ out: path.join(dir, 'pki'), fius: ['FIU-A', 'FIU-B'], basePort: 0 });
    raiseRateLimits(pki);
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const p of proxies.splice(0)) await p.close();
    await children.killAll();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const start = children.start;
  const storeOf = async (setup: ChildSetup) => {
    const store = await openStore(loadConfig(setup.configFile, {}).databaseUrl);
    stores.push(store);
    return store;
  };
  /** FIU-A's key ring as far as a receipt needs it: FIU-B's public signing key. */
  const ringOfA = () => {
    const pub = (r: KeyRecord): KeyRecord => {
      const { d: _d, ...jwk } = r.jwk as KeyRecord['jwk'] & { d?: string };
      return { ...r, jwk };
    };
    return KeyRing.create(
      'FIU-A',
      [keyRecord(pki, 'FIU-A', 'signing')],
      [pub(keyRecord(pki, 'FIU-B', 'signing'))],
    );
  };

  it(`FIU-B’s two replicas behind a load balancer accept ${MESSAGES} requests exactly once, though one is killed midway`, async () => {
    const proxyPort = await closedPort();
    const s = await writeScenario(pki, 'rx', ['FIU-A', 'FIU-B'], DELIVERY, {
      'FIU-B': `127.0.0.1:${proxyPort}`,
    });
    const b1 = s['FIU-B']!;
    const b2 = await replicaOf(b1, 'r2');
    // Both replicas start at once on the new database: they take turns migrating it.
    const [child1, child2] = await Promise.all([start(b1), start(b2)]);
    const proxy = await startTcpProxy(
      [b1, b2].map((b) => ({ host: '127.0.0.1', port: b.peerPort })),
      { maxAgeMs: 500, port: proxyPort },
    );
    proxies.push(proxy);
    await start(s['FIU-A']!);
    await applyAgreements(pki, { 'FIU-A': s['FIU-A']!, 'FIU-B': b1 });

    const storeB = await storeOf(b1);
    const storeA = await storeOf(s['FIU-A']!);
    const submitting = submitMany(pki, s['FIU-A']!, 'FIU-B', MESSAGES);
    await waitFor('a third of the messages accepted', async () =>
      (await rowsPerMessage(storeB, 'in')).size >= MESSAGES / 3 ? true : undefined,
    );
    child1.proc.kill('SIGKILL');
    expect((await child1.exited).signal).to.equal('SIGKILL');
    const ids = await submitting;
    expect(new Set(ids).size).to.equal(MESSAGES);
    await allDelivered(storeA, MESSAGES);

    // Both replicas accepted some, each message exactly once.
    const received = (c: ChildGateway) =>
      c
        .stderr()
        .split('\n')
        .filter((l) => l.includes('"message received"')).length;
    expect(received(child1), 'the killed replica accepted some').to.be.greaterThan(0);
    expect(received(child2), 'the surviving replica accepted some').to.be.greaterThan(0);
    const perId = await rowsPerMessage(storeB, 'in');
    expect([...perId.keys()].sort()).to.deep.equal([...ids].sort());
    expect(
      [...perId.values()].every((n) => n === 1),
      'one row per message id',
    ).to.equal(true);
    // Every request either replica stored is counted once for the daily limit.
    const { counted, stored } = await requestsPerDay(storeB);
    expect(counted).to.deep.equal(stored);
    expect(counted.reduce((sum, line) => sum + Number(line.split(' ')[3]), 0)).to.equal(MESSAGES);

    // Every receipt FIU-A holds is the one FIU-B stored, and verifies.
    const ring = await ringOfA();
    const now = new Date();
    for (const id of ids) {
      const sent = (await storeA.findMessage('out', id))!;
      const got = (await storeB.findInbound('FIU-A', id))!;
      expect(sent.status).to.equal('delivered');
      expect(got.digest).to.equal(sent.digest);
      expect(sent.receipt).to.be.a('string').and.to.equal(got.receipt);
      const claims = await verifyReceipt(sent.receipt!, {
        expected: { messageId: id, from: 'FIU-A', to: 'FIU-B', digest: sent.digest },
        ring,
        now,
      });
      expect(claims.ledgerIndex).to.equal(got.ledgerIndex);
    }

    // FIU-B's ledger verifies, and every checkpoint extends the one before it.
    await expectLedgerVerifies(b2);
    const checkpoints = await storeB.listCheckpoints();
    expect(checkpoints.at(-1)!.size).to.equal(await storeB.ledgerSize());
    const verifier = {
      name: ledgerOrigin('FIU-B'),
      publicKey: publicKeyObject(keyRecord(pki, 'FIU-B', 'ledger')),
    };
    const nodes = storedSubtrees(storeB);
    for (let i = 0; i < checkpoints.length; i++) {
      const c = checkpoints[i]!;
      const signed = parseCheckpoint(c.note, verifier);
      expect(signed.size).to.equal(c.size);
      expect(signed.root.toString('base64url')).to.equal(c.root);
      if (i === 0) continue;
      const before = checkpoints[i - 1]!;
      const proof = await consistencyProof(nodes, before.size, c.size);
      verifyConsistency(
        before.size,
        c.size,
        proof,
        Buffer.from(before.root, 'base64url'),
        Buffer.from(c.root, 'base64url'),
      );
    }
    expect(
      proxy.connections.every((n) => n > 0),
      `connections per replica: ${proxy.connections.join(', ')}`,
    ).to.equal(true);
  });

  it('FIU-A’s two replicas share its outbox: each message delivered once, a killed replica’s claims taken over after their lease', async () => {
    const s = await writeScenario(pki, 'tx', ['FIU-A', 'FIU-B'], DELIVERY);
    const a1 = s['FIU-A']!;
    const a2 = await replicaOf(a1, 'r2');
    await start(s['FIU-B']!);
    // Replica 1 dies by SIGKILL at its third delivery attempt: after its claim, before the call.
    const [child1, child2] = await Promise.all([start(a1, 'outbox.before_attempt@3'), start(a2)]);
    await applyAgreements(pki, { 'FIU-A': a1, 'FIU-B': s['FIU-B']! });
    const storeA = await storeOf(a1);
    const storeB = await storeOf(s['FIU-B']!);

    const submitting = submitMany(pki, a2, 'FIU-B', 60);
    const died = await child1.exited;
    expect(died.signal, child1.stderr()).to.equal('SIGKILL');
    // What it had claimed when it died (read at once, well within the lease): delivering, in its name.
    const dead = `/${child1.proc.pid}/`;
    const orphans = (await storeA.listOutbox({ state: 'delivering' })).filter((i) =>
      i.claimedBy?.includes(dead),
    );
    const ids = await submitting;
    expect(orphans.length, 'items the killed replica had claimed').to.be.greaterThan(0);

    await allDelivered(storeA, ids.length);
    for (const orphan of orphans) {
      const item = (await storeA.findOutboxItem(orphan.messageId))!;
      expect(item.state).to.equal('delivered');
      expect(item.attempts, 'claimed again after the lease').to.be.greaterThan(orphan.attempts);
      // ...by the surviving replica, which verified its receipt.
      const verified = logLines(child2).filter(
        (l) => l.msg === 'receipt verified' && l.id === orphan.messageId,
      );
      expect(verified, `replica 2 delivered ${orphan.messageId}`).to.have.length(1);
    }
    const perId = await rowsPerMessage(storeB, 'in');
    expect([...perId.keys()].sort()).to.deep.equal([...ids].sort());
    expect(
      [...perId.values()].every((n) => n === 1),
      'one row per message id at FIU-B',
    ).to.equal(true);
    const sent = await rowsPerMessage(storeA, 'out');
    expect(
      [...sent.values()].every((n) => n === 1),
      'one row per message id at FIU-A',
    ).to.equal(true);
    await expectLedgerVerifies(a2);
  });
});
