/**
 * Graceful shutdown of `fiugw serve` in a child process: on SIGTERM it stops accepting, lets the
 * delivery in flight finish and record its receipt (and the operator's call answer), flushes the
 * ledger, closes the database and exits 0; SIGINT the same when idle.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import type { PeerExchangeClient } from '../../src/generated/fiu/exchange/v1/PeerExchange.js';
import { initPki, type PkiLayout } from '../../src/pki/index.js';
import { openStore } from '../../src/store/index.js';
import { clientCredentials, identityChannelOptions } from '../../src/transport/credentials.js';
import { peerProto } from '../../src/transport/proto.js';
import {
  applyAgreements,
  logLines,
  operatorOf,
  requireDist,
  startChild,
  writeScenario,
  type ChildGateway,
} from '../helpers/child-gateway.js';
import { fiugw, showRun } from '../helpers/cli-run.js';
import { startFakePartner, type FakePartner } from '../helpers/fake-partner.js';
import type { Network } from '../helpers/gateways.js';
import { ledgerEntries, sampleInput } from '../helpers/live-data.js';
import { waitFor } from '../helpers/outbox.js';

const DELIVERY = { timeoutMs: 20_000, leaseMs: 30_000, pollMs: 100, drainMs: 20_000 };

describe('graceful shutdown of fiugw serve (child process)', function () {
  this.timeout(120_000);
  let dir: string;
  let pki: PkiLayout;
  const running: ChildGateway[] = [];
  let proxy: FakePartner | undefined;
  let client: PeerExchangeClient | undefined;

  before(async function () {
    this.timeout(120_000);
    requireDist();
    dir = await mkdtemp(path.join(tmpdir(), 'fiugw-stop-'));
    pki = await initPki({ out: path.join(dir, 'pki'), fius: ['FIU-A', 'FIU-B'], basePort: 0 });
  });
  afterEach(async () => {
    client?.close();
    await proxy?.stop();
    for (const c of running.splice(0)) {
      if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
      await c.exited;
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const tlsOf = (fiu: string) => ({
    ca: readFileSync(pki.networkCa.cert),
    cert: readFileSync(pki.fius[fiu]!.tls.cert),
    key: readFileSync(pki.fius[fiu]!.tls.key),
  });

  it('on SIGTERM finishes the delivery in flight, records its receipt, answers the operator, and exits 0', async () => {
    // A proxy with FIU-B's certificate between the two holds the delivery until the test lets it go.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const forward = (sealed: string) =>
      new Promise<string>((resolve, reject) =>
        client!.deliver({ sealed }, { deadline: Date.now() + 20_000 }, (err, res) =>
          err ? reject(err) : resolve(res!.receipt),
        ),
      );
    proxy = await startFakePartner({ gatewayTls: tlsOf } as unknown as Network, 'FIU-B', async (sealed) => {
      await held;
      return forward(sealed);
    });
    const s = await writeScenario(pki, 'sigterm', ['FIU-A', 'FIU-B'], DELIVERY, { 'FIU-B': proxy.address });
    const Ctor = peerProto().fiu.exchange.v1.PeerExchange;
    client = new Ctor(
      `127.0.0.1:${s['FIU-B']!.peerPort}`,
      clientCredentials(tlsOf('FIU-A'), 'FIU-B'),
      identityChannelOptions('FIU-B'),
    );
    const b = await startChild(s['FIU-B']!);
    running.push(b);
    const a = await startChild(s['FIU-A']!);
    running.push(a);
    await applyAgreements(pki, s);

    const op = operatorOf(pki, s['FIU-A']!, 'analyst');
    const submitted = op.submitRequest('FIU-B', sampleInput());
    submitted.catch(() => undefined);
    await waitFor('the delivery to reach the proxy', async () => (proxy!.received.length ? true : undefined));
    a.proc.kill('SIGTERM');
    await waitFor('FIU-A to start stopping', async () =>
      logLines(a).some((l) => l.msg === 'stopping' && l.signal === 'SIGTERM') ? true : undefined,
    );
    release();
    const answer = await submitted;
    op.close();
    expect(answer.status, `${answer.errorCode} ${answer.errorDetail}`).to.equal('delivered');
    const { code, signal } = await a.exited;
    expect({ code, signal }, a.stderr()).to.deep.equal({ code: 0, signal: null });
    expect(
      logLines(a).some((l) => l.msg === 'gateway stopped'),
      a.stderr(),
    ).to.equal(true);

    const store = await openStore(loadConfig(s['FIU-A']!.configFile, {}).databaseUrl);
    try {
      expect(await store.findOutboxItem(answer.messageId)).to.include({ state: 'delivered' });
      const events = (await ledgerEntries(store)).filter((e) => e.message?.id === answer.messageId);
      expect(events.map((e) => e.event)).to.deep.equal([
        'policy.decision',
        'message.sent',
        'delivery.receipt',
      ]);
    } finally {
      await store.close();
    }
    const verified = await fiugw('audit', 'verify', '--config', s['FIU-A']!.configFile);
    expect(verified.code, showRun(verified)).to.equal(0);
    b.proc.kill('SIGTERM');
    expect((await b.exited).code).to.equal(0);
  });

  it('on SIGINT, idle, stops and exits 0', async () => {
    const s = await writeScenario(pki, 'sigint', ['FIU-A'], DELIVERY);
    const a = await startChild(s['FIU-A']!);
    running.push(a);
    a.proc.kill('SIGINT');
    const { code, signal } = await a.exited;
    expect({ code, signal }, a.stderr()).to.deep.equal({ code: 0, signal: null });
    const lines = logLines(a);
    expect(
      lines.some((l) => l.msg === 'stopping' && l.signal === 'SIGINT'),
      a.stderr(),
    ).to.equal(true);
    expect(lines.some((l) => l.msg === 'gateway stopped')).to.equal(true);
  });
});
