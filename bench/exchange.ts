/**
 * Benchmark 1 (exchange) with its baseline (echo), and benchmark 4 (peak RSS of the receiver).
 *
 * Layout (docs/PERFORMANCE.md): the load generator and the sending gateway share the bench process
 * (the sender's `submitRequest` is called in-process, as the operator API would call it); the
 * receiving gateway is a child process running `fiugw serve`. The echo baseline has the same layout:
 * the client in the bench process, the echo server in a child process, the same certificates, the
 * same payload size and concurrency.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.js';
import { Gateway } from '../src/gateway.js';
import { identifyOperator } from '../src/services/authorize.js';
import { clientCredentials, identityChannelOptions, loadTlsMaterial } from '../src/transport/credentials.js';
import { measureCryptoFloor, type CryptoFloor } from './crypto-floor.js';
import { EchoClient } from './echo-service.js';
import { BODY_BYTES, benchRequestInput } from './sample.js';
import {
  applyDevAgreement,
  FIUGW,
  freePort,
  progress,
  setDeliveryConcurrency,
  setPartnerAddress,
  startChild,
  type Child,
} from './setup.js';
import { ownCpu, runLoad, type LoadResult, type Probe } from './stats.js';

export interface ExchangeOptions {
  pki: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Extra node options for the receiving child (e.g. `--cpu-prof`). */
  receiverNodeOptions?: string[];
  /** Calls per round of each operation of the crypto floor. */
  floorCalls: number;
  /** `--sql-time`: time the SQLite calls of both gateways (bench/sql-time.mjs). */
  sqlTime?: boolean;
}

export interface ExchangeResults {
  exchange: LoadResult;
  echo: LoadResult;
  /** Peak RSS of the receiving gateway (VmHWM) after benchmark 1, MB. */
  receiverPeakRssMb: number;
  /** The crypto floor of one delivery, measured in this process after the echo. */
  floor: CryptoFloor;
}

/** Runs the echo baseline, the crypto floor, then the exchange, between this process and a child. */
export async function benchExchange(o: ExchangeOptions): Promise<ExchangeResults> {
  const echo = await benchEcho(o);
  progress('crypto floor: the crypto operations of one delivery, node:crypto alone');
  const floor = measureCryptoFloor(o.floorCalls);
  const { exchange, receiverPeakRssMb } = await benchDeliveries(o);
  return { exchange, echo, receiverPeakRssMb, floor };
}

async function benchEcho(o: ExchangeOptions): Promise<LoadResult> {
  const configB = path.join(o.pki, 'FIU-B', 'config.yaml');
  const port = await freePort();
  progress(`echo: server on port ${port}, ${o.concurrency} in flight, ${BODY_BYTES}-byte payload`);
  const server = await startChild(['--import', 'tsx', 'bench/echo-server.ts', configB, String(port)], {
    readyText: 'echo listening',
  });
  const tls = loadTlsMaterial(loadConfig(path.join(o.pki, 'FIU-A', 'config.yaml')).tls);
  const client = new EchoClient(
    `127.0.0.1:${port}`,
    clientCredentials(tls, 'FIU-B'),
    identityChannelOptions('FIU-B'),
  );
  const payload = randomBytes(BODY_BYTES);
  try {
    return await runLoad(
      () =>
        new Promise<void>((resolve, reject) => {
          client.echo(payload, { deadline: Date.now() + 30_000 }, (err: Error | null, res?: Buffer) => {
            if (err) reject(err);
            else if (res?.length !== payload.length) reject(new Error('echo: wrong length'));
            else resolve();
          });
        }),
      { ...o, probes: { client: ownCpu, server: () => server.cpuMs() } },
    );
  } finally {
    client.close();
    await server.stop();
  }
}

async function benchDeliveries(
  o: ExchangeOptions,
): Promise<{ exchange: LoadResult; receiverPeakRssMb: number }> {
  const [peerPort, operatorPort] = [await freePort(), await freePort()];
  setPartnerAddress(o.pki, 'FIU-A', 'FIU-B', `127.0.0.1:${peerPort}`);
  setDeliveryConcurrency(o.pki, 'FIU-A', o.concurrency);
  for (const [fiu, partner] of [
    ['FIU-A', 'FIU-B'],
    ['FIU-B', 'FIU-A'],
  ]) {
    await applyDevAgreement(o.pki, fiu!, partner!);
  }
  progress(`exchange: receiving gateway FIU-B (fiugw serve) on port ${peerPort}`);
  const sqlFile = path.join(o.pki, 'receiver-sql-time.json');
  const receiver: Child = await startChild(
    [FIUGW, 'serve', '--config', path.join(o.pki, 'FIU-B', 'config.yaml')],
    {
      env: {
        FIUGW_PEER_PORT: String(peerPort),
        FIUGW_OPERATOR_PORT: String(operatorPort),
        ...(o.sqlTime ? { FIUGW_BENCH_SQL_TIME_FILE: sqlFile } : {}),
      },
      readyText: 'gateway listening',
      nodeOptions: [...(o.receiverNodeOptions ?? []), ...(o.sqlTime ? ['--import', SQL_TIME.href] : [])],
    },
  );
  const sqlProbes = o.sqlTime ? await sqlTimeProbes(sqlFile) : {};
  // The sending gateway, in this process. Its own servers are not needed: nothing calls it.
  const config = loadConfig(path.join(o.pki, 'FIU-A', 'config.yaml'), {});
  const sender = await Gateway.open(config);
  // Its outbox dispatcher delivers what submitRequest commits; its servers are not needed.
  sender.dispatcher.start();
  const analyst = identifyOperator('analyst@FIU-A', config.operators);
  const input = benchRequestInput();
  progress(`exchange: ${o.concurrency} deliveries in flight, ${BODY_BYTES}-byte body`);
  try {
    const exchange = await runLoad(
      async () => {
        const r = await sender.outbound.submitRequest(analyst, 'FIU-B', input);
        if (r.status !== 'delivered') throw new Error(`delivery failed: ${r.error?.code} ${r.error?.detail}`);
        if (r.alarm) throw new Error(`ledger alarm: ${JSON.stringify(r.alarm)}`);
      },
      { ...o, probes: { sender: ownCpu, receiver: () => receiver.cpuMs(), ...sqlProbes } },
    );
    return { exchange, receiverPeakRssMb: receiver.peakRssMb() };
  } finally {
    await sender.stop();
    await receiver.stop();
  }
}

/** bench/sql-time.mjs, loaded into the receiving gateway with `--import`. */
const SQL_TIME = pathToFileURL(path.join(path.dirname(FIUGW), '..', 'bench', 'sql-time.mjs'));

type SqlTotals = { statements: number; statementMs: number; commits: number; commitMs: number };

/**
 * Probes of the SQLite time of both gateways (`--sql-time`), per delivery in the report: this
 * process's totals (the sending gateway, timed from now on) and the receiver's, read from the file
 * it rewrites every 50 ms.
 */
async function sqlTimeProbes(file: string): Promise<Record<string, Probe>> {
  const { sqlTotals } = (await import(SQL_TIME.href)) as { sqlTotals: SqlTotals };
  // The receiver renames a complete file into place (bench/sql-time.mjs): never a half-written one.
  const theirs = (): SqlTotals => JSON.parse(readFileSync(file, 'utf8')) as SqlTotals;
  const probes: Record<string, Probe> = {};
  for (const [side, totals] of [
    ['sender', () => sqlTotals],
    ['receiver', theirs],
  ] as const) {
    probes[`${side}_sql_ms`] = () => totals().statementMs;
    probes[`${side}_statements`] = () => totals().statements;
    probes[`${side}_commit_ms`] = () => totals().commitMs;
    probes[`${side}_commits`] = () => totals().commits;
  }
  return probes;
}
