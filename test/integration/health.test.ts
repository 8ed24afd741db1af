/**
 * The health checks of a live gateway, each broken on purpose and seen reported: through
 * `Gateway.health`, the grpc.health.v1 service on the operator port, `/healthz` and the
 * `fiugw_health_check_status` metric.
 */
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import type { CheckReport } from '../../src/observability/check.js';
import type { TypeOrmStore } from '../../src/store/store.js';
import { clientCredentials, identityChannelOptions } from '../../src/transport/credentials.js';
import { loadOperatorProfile } from '../../src/transport/operator-client.js';
import { sqlQuery } from '../helpers/database.js';
import { CALL_TIMEOUT_MS, startNetwork, type Network } from '../helpers/gateways.js';
import { sampleInput } from '../helpers/live-data.js';

const DAY_MS = 86_400_000;

describe('health checks of a live gateway', function () {
  this.timeout(30_000);
  let net: Network;
  let now: Date | null = null;
  let client: grpc.Client;

  const clock = () => now ?? new Date();
  const gw = () => net.gw['FIU-B']!;
  const check = (reports: CheckReport[], name: string) => reports.find((r) => r.name === name)!;
  const db = () => (gw().store as TypeOrmStore).dataSource;

  /** grpc.health.v1.Health/Check for the whole server, as auditor@FIU-B on the operator port. */
  const grpcStatus = () =>
    new Promise<string>((resolve, reject) => {
      const fn = (client as unknown as Record<string, (...a: unknown[]) => void>).Check!;
      fn.call(
        client,
        { service: '' },
        { deadline: Date.now() + CALL_TIMEOUT_MS },
        (err: Error | null, res: { status: string }) => (err ? reject(err) : resolve(res.status)),
      );
    });

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      clocks: { 'FIU-B': clock },
      configure: (_fiu, config) => {
        config.metrics = { enabled: true, host: '127.0.0.1', port: 0 };
      },
    });
    await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
    const profile = loadOperatorProfile(net.pki.fius['FIU-B']!.profiles.auditor!);
    const Health = grpc.makeClientConstructor(healthService as grpc.ServiceDefinition, 'Health');
    client = new Health(
      `127.0.0.1:${net.ports['FIU-B']!.operatorPort}`,
      clientCredentials(
        { ca: readFileSync(profile.ca), cert: readFileSync(profile.cert), key: readFileSync(profile.key) },
        'FIU-B',
      ),
      identityChannelOptions('FIU-B'),
    );
  });
  after(async () => {
    client?.close();
    await net?.stop();
  });
  afterEach(() => {
    now = null;
  });

  it('names its checks', () => {
    expect(gw().health.names()).to.deep.equal([
      'database',
      'ledger',
      'tls-certificate',
      'message-keys',
      'partner-keys',
      'outbox',
      'partner-certificates',
    ]);
  });

  it('reports every check ok and SERVING on the operator port and /healthz', async () => {
    const reports = await gw().health.refresh();
    expect(
      reports.map((r) => r.status),
      JSON.stringify(reports),
    ).to.deep.equal(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(await grpcStatus()).to.equal('SERVING');
    const res = await fetch(`http://127.0.0.1:${net.ports['FIU-B']!.metricsPort}/healthz`);
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { status: string }).status).to.equal('SERVING');
  });

  describe('when the TLS certificate and the keys expire in 5 days', () => {
    it('warns, naming the file and the date, and stays SERVING', async () => {
      const cert = new X509Certificate(readFileSync(gw().config.tls.cert));
      now = new Date(Date.parse(cert.validTo) - 5 * DAY_MS);
      const reports = await gw().health.refresh();
      const tls = check(reports, 'tls-certificate');
      expect(tls.status).to.equal('warn');
      expect(tls.detail).to.include(gw().config.tls.cert).and.include('expires on').and.include('in 5 days');
      expect(check(reports, 'message-keys').status).to.equal('warn');
      expect(check(reports, 'partner-keys').status).to.equal('warn');
      expect(await grpcStatus()).to.equal('SERVING');
    });
  });

  describe('when the TLS certificate and the keys have expired', () => {
    it('fails those checks, says when, and answers NOT_SERVING', async () => {
      const cert = new X509Certificate(readFileSync(gw().config.tls.cert));
      now = new Date(Date.parse(cert.validTo) + DAY_MS);
      const reports = await gw().health.refresh();
      const tls = check(reports, 'tls-certificate');
      expect(tls.status).to.equal('fail');
      expect(tls.detail).to.include('expired on');
      expect(tls.fix).to.include('renew');
      expect(check(reports, 'message-keys').status).to.equal('fail');
      expect(check(reports, 'message-keys').detail).to.include('no sig key of FIU-B is valid now');
      expect(check(reports, 'partner-keys').detail).to.include('no sig key of FIU-A is valid now');
      expect(await grpcStatus()).to.equal('NOT_SERVING');
      const metrics = await (
        await fetch(`http://127.0.0.1:${net.ports['FIU-B']!.metricsPort}/metrics`)
      ).text();
      expect(metrics).to.include('fiugw_health_check_status{check="tls-certificate"} 2');
      const res = await fetch(`http://127.0.0.1:${net.ports['FIU-B']!.metricsPort}/healthz`);
      expect(res.status).to.equal(503);
    });

    it('is SERVING again once time is back', async () => {
      await gw().health.refresh();
      expect(await grpcStatus()).to.equal('SERVING');
    });
  });

  describe("when a partner's keys are no longer registered", () => {
    it('fails partner-keys, naming the partner', async () => {
      const saved = (await db().query("SELECT * FROM keys WHERE fiu = 'FIU-A'")) as Array<
        Record<string, unknown>
      >;
      await db().query("DELETE FROM keys WHERE fiu = 'FIU-A'");
      try {
        const r = check(await gw().health.refresh(), 'partner-keys');
        expect(r.status).to.equal('fail');
        expect(r.detail).to.include('no sig key of FIU-A is registered');
        expect(r.fix).to.include('ask FIU-A');
      } finally {
        for (const row of saved) {
          const cols = Object.keys(row);
          await sqlQuery(
            db(),
            `INSERT INTO keys (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`,
            cols.map((c) => row[c]),
          );
        }
      }
      expect(check(await gw().health.refresh(), 'partner-keys').status).to.equal('ok');
    });
  });

  describe('when the ledger tail no longer matches its checkpoint', () => {
    it('fails ledger and answers NOT_SERVING', async () => {
      const size = await gw().store.ledgerSize();
      const [row] = (await sqlQuery(db(), 'SELECT entry FROM ledger_entries WHERE idx = ?', [
        size - 1,
      ])) as Array<{ entry: string }>;
      await sqlQuery(db(), 'UPDATE ledger_entries SET entry = ? WHERE idx = ?', [`${row!.entry} `, size - 1]);
      try {
        const r = check(await gw().health.refresh(), 'ledger');
        expect(r.status).to.equal('fail');
        expect(r.detail).to.include(`ledger entry ${size - 1} does not match its leaf hash`);
        expect(r.fix).to.include('fiugw audit verify');
        expect(await grpcStatus()).to.equal('NOT_SERVING');
      } finally {
        await sqlQuery(db(), 'UPDATE ledger_entries SET entry = ? WHERE idx = ?', [row!.entry, size - 1]);
      }
      expect(check(await gw().health.refresh(), 'ledger').status).to.equal('ok');
    });
  });

  describe('when the database is gone', () => {
    it('fails database (this test closes the store: keep it last)', async () => {
      await gw().store.close();
      const r = check(await gw().health.refresh(), 'database');
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include('the database does not answer');
      expect(await grpcStatus()).to.equal('NOT_SERVING');
    });
  });
});
