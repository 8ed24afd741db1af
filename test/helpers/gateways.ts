/**
 * Real gateways for integration tests (grpc-js `test/test-server-errors.ts` style): a fresh development
 * PKI in a temp folder, one gateway per FIU on free loopback ports, partner addresses set both ways, and
 * gRPC clients that talk to them exactly as a partner or an operator would (mutual TLS, real protos).
 *
 * Start one network per test file in `before`, stop it in `after`.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import type { KeyRecord } from '../../src/crypto/index.js';
import { Gateway } from '../../src/gateway.js';
import type { OperatorClient } from '../../src/generated/fiu/exchange/v1/Operator.js';
import type { ConsistencyProofResponse__Output } from '../../src/generated/fiu/exchange/v1/ConsistencyProofResponse.js';
import type { DigestInclusionResponse__Output } from '../../src/generated/fiu/exchange/v1/DigestInclusionResponse.js';
import type { PeerExchangeClient } from '../../src/generated/fiu/exchange/v1/PeerExchange.js';
import type { ListInboxResponse__Output } from '../../src/generated/fiu/exchange/v1/ListInboxResponse.js';
import type { ShowCaseResponse__Output } from '../../src/generated/fiu/exchange/v1/ShowCaseResponse.js';
import type { SubmitRequestResponse__Output } from '../../src/generated/fiu/exchange/v1/SubmitRequestResponse.js';
import type { LogFields, Logger } from '../../src/log.js';
import { initPki, type PkiLayout } from '../../src/pki/index.js';
import { parseAgreement, type Agreement } from '../../src/policy/index.js';
import type { CaseRecord, Store } from '../../src/store/index.js';
import type { TypeOrmStore } from '../../src/store/store.js';
import { clientCredentials, identityChannelOptions } from '../../src/transport/credentials.js';
import { loadOperatorProfile, OperatorConnection } from '../../src/transport/operator-client.js';
import { operatorProto, peerProto } from '../../src/transport/proto.js';
import { onPostgres, testDatabaseUrl } from './database.js';

/** The deadline of every raw call: generous on a loaded machine, short enough to fail a test quickly. */
export const CALL_TIMEOUT_MS = 10_000;

/** TLS material of a client; without `cert` and `key` the client presents no certificate at all. */
export interface ClientTls {
  ca: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** One log line a gateway wrote. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  fields: LogFields;
}

/** Delivers a sealed message as a partner does; rejects with the grpc-js ServiceError. */
export type Deliver = (sealed: string) => Promise<{ receipt: string }>;

/** The operator API as raw gRPC calls; each rejects with the grpc-js ServiceError. */
export interface RawOperator {
  submitRequest(req: { to: string; requestJson: string }): Promise<SubmitRequestResponse__Output>;
  listInbox(req?: { state?: string; partner?: string }): Promise<ListInboxResponse__Output>;
  showCase(req: { caseId: string }): Promise<ShowCaseResponse__Output>;
}

/** The ledger proof RPCs of the peer API, raw; each rejects with the grpc-js ServiceError. */
export interface RawPeerProofs {
  consistency(size1: number | string, size2: number | string): Promise<ConsistencyProofResponse__Output>;
  inclusion(digest: string): Promise<DigestInclusionResponse__Output>;
}

/** What can be counted in a store, to show that a refusal changed nothing but the ledger. */
export interface StoreSnapshot {
  ledgerSize: number;
  messages: number;
  cases: CaseRecord[];
}

/** A running network of gateways. */
export interface Network {
  /** The temp folder (PKI and databases); removed by `stop`. */
  dir: string;
  pki: PkiLayout;
  gw: Record<string, Gateway>;
  ports: Record<string, { peerPort: number; operatorPort: number; metricsPort?: number }>;
  /** What each gateway logged, in order. */
  logs: Record<string, LogLine[]>;
  /** `127.0.0.1:<peer port>` of a gateway. */
  peerAddress(fiu: string): string;
  /** A gateway's own TLS material (network CA, certificate, key), as it uses it towards partners. */
  gatewayTls(fiu: string): Required<ClientTls>;
  /** A gateway's private message and ledger keys, read from its key files. */
  messageKeys(fiu: string): { sig: KeyRecord; enc: KeyRecord; ledger: KeyRecord };
  /** An operator profile file of `role@fiu` naming the real operator port (for `fiugw --profile`). */
  profileFile(fiu: string, role: string): string;
  /** An operator connection (the CLI's client) of `role@fiu` to its own gateway; closed by `stop`. */
  operator(fiu: string, role: string): OperatorConnection;
  /**
   * Raw operator API calls to `fiu`'s operator port as `role@fiu`, or with other TLS material; `on`
   * `peer` sends them to the peer port instead (where the operator service must not exist).
   */
  rawOperator(fiu: string, as: string | ClientTls, on?: 'operator' | 'peer'): RawOperator;
  /** A partner's view of `to`'s peer API: as gateway `from`, or with other TLS material. */
  rawPeerClient(from: string | ClientTls, to: string): Deliver;
  /** The ledger proof RPCs of `to`'s peer API (docs/PROTOCOL.md 6.1), as `from`; ServiceError on refusal. */
  rawPeerProofs(from: string | ClientTls, to: string): RawPeerProofs;
  /** Ledger size, message count and cases of a gateway's store. */
  snapshot(fiu: string): Promise<StoreSnapshot>;
  /** Closes clients, stops the gateways and removes the temp folder. */
  stop(): Promise<void>;
}

/** Options of {@link startNetwork}. */
export interface NetworkOptions {
  /** Runs after the PKI is written, before any gateway reads it (to add keys to a registry, say). */
  prepare?: (pki: PkiLayout) => void | Promise<void>;
  /**
   * Changes a gateway's configuration after it is loaded (ports and `keys.refreshIntervalMs`, the
   * periodic key refresh, are set to 0 before this).
   */
  configure?: (fiu: string, config: GatewayConfig) => void;
  /** A clock per gateway (default: the real time). */
  clocks?: Record<string, () => Date>;
  /**
   * The sharing agreements applied once the gateways run: by default the development agreement that
   * `pki init` wrote for every pair (both sides); a function may change each gateway's copy (return
   * null to apply none for that pair); false applies none at all.
   */
  agreements?: false | ((fiu: string, partner: string, agreement: Agreement) => Agreement | null);
}

/**
 * In the PostgreSQL pass: gives each FIU's config file (which the CLI tests read too) a database URL of
 * a fresh schema of its own.
 */
async function usePostgres(pki: PkiLayout, ids: readonly string[]): Promise<void> {
  for (const fiu of ids) {
    const url = await testDatabaseUrl('');
    appendFileSync(pki.fius[fiu]!.configFile, `\ndatabase:\n  url: '${url}'\n`);
  }
}

/** Applies the development agreements of every pair of a network (see NetworkOptions.agreements). */
async function applyAgreements(
  ids: readonly string[],
  pki: PkiLayout,
  gw: Record<string, Gateway>,
  change: NetworkOptions['agreements'],
): Promise<void> {
  if (change === false) return;
  for (const fiu of ids) {
    for (const partner of ids) {
      if (fiu === partner) continue;
      const file = pki.fius[fiu]!.agreements[partner]!;
      let agreement: Agreement | null = parseAgreement(parseYaml(readFileSync(file, 'utf8')));
      if (change) agreement = change(fiu, partner, agreement);
      if (agreement) await gw[fiu]!.agreements.apply(adminOf(fiu), agreement);
    }
  }
}

/** The admin operator of a gateway (as the dev PKI names it), for setting up tests through the services. */
export function adminOf(fiu: string): { id: string; roles: ['admin'] } {
  return { id: `admin@${fiu}`, roles: ['admin'] };
}

function capture(lines: LogLine[]): Logger {
  const at =
    (level: LogLine['level']) =>
    (msg: string, fields: LogFields = {}) =>
      void lines.push({ level, msg, fields });
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

/** Client credentials that check the server names `expected`; without a certificate when none is given. */
function credentialsFor(tls: ClientTls, expected: string): grpc.ChannelCredentials {
  if (tls.cert && tls.key) return clientCredentials({ ca: tls.ca, cert: tls.cert, key: tls.key }, expected);
  return grpc.credentials.createSsl(tls.ca, null, null, {
    checkServerIdentity: (_host, cert) =>
      cert.subject?.CN === expected ? undefined : new Error(`server is not ${expected}`),
  });
}

/** Calls one unary method with a deadline; resolves to the response or rejects with the ServiceError. */
function unaryCall<Res>(client: grpc.Client, method: string, request: unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[method]!;
    fn.call(
      client,
      request,
      { deadline: Date.now() + CALL_TIMEOUT_MS },
      (err: grpc.ServiceError | null, res?: Res) => (err ? reject(err) : resolve(res as Res)),
    );
  });
}

/**
 * Starts gateways for `ids` (2 or more FIUs) from a fresh development PKI (`initPki`, base port 0),
 * each on free loopback ports with its own SQLite database, in reverse order, then points every
 * gateway's partner addresses at the bound peer ports.
 */
export async function startNetwork(ids: readonly string[], options: NetworkOptions = {}): Promise<Network> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fiugw-it-'));
  const gw: Record<string, Gateway> = {};
  const ports: Network['ports'] = {};
  const logs: Record<string, LogLine[]> = {};
  const clients: grpc.Client[] = [];
  const operators: OperatorConnection[] = [];
  const started: Gateway[] = [];

  const stop = async () => {
    for (const c of clients.splice(0)) c.close();
    for (const o of operators.splice(0)) o.close();
    for (const g of started.splice(0).reverse()) await g.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };

  let pki: PkiLayout;
  try {
    pki = await initPki({ out: path.join(dir, 'pki'), fius: ids, basePort: 0 });
    if (onPostgres()) await usePostgres(pki, ids);
    await options.prepare?.(pki);
    for (const fiu of [...ids].reverse()) {
      const config = loadConfig(pki.fius[fiu]!.configFile, {});
      config.peer.port = 0;
      config.operator.port = 0;
      // No periodic key refresh unless a test asks for it: its calls and log lines come at their own time.
      config.keys.refreshIntervalMs = 0;
      options.configure?.(fiu, config);
      logs[fiu] = [];
      const clock = options.clocks?.[fiu];
      const g = await Gateway.open(config, { log: capture(logs[fiu]), ...(clock ? { clock } : {}) });
      started.push(g);
      gw[fiu] = g;
      ports[fiu] = await g.start();
    }
    for (const a of ids) {
      for (const b of ids) if (a !== b) gw[a]!.partners.setAddress(b, `127.0.0.1:${ports[b]!.peerPort}`);
    }
    await applyAgreements(ids, pki, gw, options.agreements);
  } catch (err) {
    await stop();
    throw err;
  }

  const read = (file: string) => readFileSync(file);
  const peerAddress = (fiu: string) => `127.0.0.1:${ports[fiu]!.peerPort}`;
  const gatewayTls = (fiu: string) => ({
    ca: read(pki.networkCa.cert),
    cert: read(pki.fius[fiu]!.tls.cert),
    key: read(pki.fius[fiu]!.tls.key),
  });
  const operatorTls = (fiu: string, role: string) => {
    const p = loadOperatorProfile(pki.fius[fiu]!.profiles[role]!);
    return { ca: read(p.ca), cert: read(p.cert), key: read(p.key) };
  };

  return {
    dir,
    pki,
    gw,
    ports,
    logs,
    peerAddress,
    gatewayTls,
    messageKeys(fiu) {
      const keyFile = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as KeyRecord;
      const files = pki.fius[fiu]!.keys;
      return { sig: keyFile(files.signing), enc: keyFile(files.encryption), ledger: keyFile(files.ledger) };
    },
    profileFile(fiu, role) {
      const profile = loadOperatorProfile(pki.fius[fiu]!.profiles[role]!);
      const file = path.join(dir, `${fiu}-${role}.profile.json`);
      const address = `127.0.0.1:${ports[fiu]!.operatorPort}`;
      writeFileSync(file, JSON.stringify({ ...profile, address }));
      return file;
    },
    operator(fiu, role) {
      const profile = loadOperatorProfile(pki.fius[fiu]!.profiles[role]!);
      const conn = new OperatorConnection({
        ...profile,
        address: `127.0.0.1:${ports[fiu]!.operatorPort}`,
      });
      operators.push(conn);
      return conn;
    },
    rawOperator(fiu, as, on = 'operator') {
      const tls = typeof as === 'string' ? operatorTls(fiu, as) : as;
      const Ctor = operatorProto().fiu.exchange.v1.Operator;
      const port = on === 'peer' ? ports[fiu]!.peerPort : ports[fiu]!.operatorPort;
      const client: OperatorClient = new Ctor(
        `127.0.0.1:${port}`,
        credentialsFor(tls, fiu),
        identityChannelOptions(fiu),
      );
      clients.push(client);
      return {
        submitRequest: (req) => unaryCall(client, 'submitRequest', req),
        listInbox: (req = {}) => unaryCall(client, 'listInbox', req),
        showCase: (req) => unaryCall(client, 'showCase', req),
      };
    },
    rawPeerClient(from, to) {
      const tls = typeof from === 'string' ? gatewayTls(from) : from;
      const Ctor = peerProto().fiu.exchange.v1.PeerExchange;
      const client: PeerExchangeClient = new Ctor(
        peerAddress(to),
        credentialsFor(tls, to),
        identityChannelOptions(to),
      );
      clients.push(client);
      return (sealed) => unaryCall<{ receipt: string }>(client, 'deliver', { sealed });
    },
    rawPeerProofs(from, to) {
      const tls = typeof from === 'string' ? gatewayTls(from) : from;
      const Ctor = peerProto().fiu.exchange.v1.PeerExchange;
      const client: PeerExchangeClient = new Ctor(
        peerAddress(to),
        credentialsFor(tls, to),
        identityChannelOptions(to),
      );
      clients.push(client);
      return {
        consistency: (size1, size2) =>
          unaryCall(client, 'getConsistencyProof', { size1: String(size1), size2: String(size2) }),
        inclusion: (digest) => unaryCall(client, 'getInclusionProof', { digest }),
      };
    },
    snapshot: (fiu) => snapshotOf(gw[fiu]!.store),
    stop,
  };
}

/** Ledger size, number of stored messages (both directions) and the cases of a store. */
export async function snapshotOf(store: Store): Promise<StoreSnapshot> {
  const ledgerSize = await store.ledgerSize();
  const cases = await store.listCases({});
  const rows: Array<{ n: number | string }> = await (store as TypeOrmStore).dataSource.query(
    'SELECT COUNT(*) AS n FROM messages',
  );
  return { ledgerSize, messages: Number(rows[0]!.n), cases };
}
