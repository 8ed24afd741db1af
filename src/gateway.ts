/**
 * The composition root: builds one gateway from its configuration (keys, partners, store, services,
 * servers) and runs it. Everything is wired here and nowhere else.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { GatewayConfig } from './config.js';
import {
  checkKeyRecord,
  KeyRing,
  ledgerOrigin,
  privateKeyObject,
  signKeySet,
  type KeyRecord,
  type KeyUse,
} from './crypto/index.js';
import { GatewayError, isGatewayError } from './errors.js';
import { silentLogger, withCorrelation, type Logger } from './log.js';
import { gatewayChecks } from './observability/gateway-checks.js';
import { partnerCertificatesCheck } from './observability/partner-certificates-check.js';
import { registerGatewayGauges } from './observability/gateway-gauges.js';
import { registerBacklogGauges } from './observability/backlog-gauges.js';
import { outboxCheck, outboxLimits } from './observability/outbox-check.js';
import { HealthMonitor } from './observability/health.js';
import { enforceProductionMode } from './observability/production.js';
import { GatewayMetrics } from './observability/metrics.js';
import { startMetricsServer, type MetricsServer } from './observability/metrics-server.js';
import { loadPartnerRegistry } from './partner-registry.js';
import { exportLines } from './ledger/index.js';
import { identifyOperator } from './services/authorize.js';
import { AgreementService } from './services/agreements.js';
import { AuditService, storeExportSource } from './services/audit.js';
import { CaseService } from './services/cases.js';
import { CaseReports } from './services/case-reports.js';
import { CaseWorkService } from './services/case-workflow.js';
import { InboundService } from './services/inbound.js';
import { LedgerSequencer } from './services/ledger-sequencer.js';
import { OutboundService } from './services/outbound.js';
import { CaseMessageService } from './services/case-messages.js';
import { ConsentService } from './services/consents.js';
import { FeedbackService } from './services/feedback.js';
import { OnwardExportService } from './services/onward-export.js';
import { MessageSender } from './services/sender.js';
import { OutboxService } from './services/outbox.js';
import { OutboxDelivery } from './services/outbox-delivery.js';
import { OutboxDispatcher } from './services/outbox-dispatcher.js';
import { PartnerLedgers } from './services/partner-ledgers.js';
import { KeyRefresher } from './services/key-refresher.js';
import { PartnerKeys } from './services/partner-keys.js';
import { PartnerDirectory } from './services/partners.js';
import { PolicyGate } from './services/policy-gate.js';
import { openStore, type Store } from './store/index.js';
import {
  loadTlsMaterial,
  loadTrustAnchors,
  serverCredentials,
  type TlsMaterial,
} from './transport/credentials.js';
import { agreementsHandlers } from './transport/agreements-service.js';
import { keysHandlers } from './transport/keys-service.js';
import { auditHandlers } from './transport/audit-service.js';
import { operatorHandlers } from './transport/operator-service.js';
import { PeerClients } from './transport/peer-client.js';
import { PartnerCertificates } from './transport/partner-certificates.js';
import { peerHandlers } from './transport/peer-service.js';
import { agreementsProto, auditProto, keysProto, operatorProto, peerProto } from './transport/proto.js';
import { tolerantRequests } from './transport/malformed.js';
import { PeerLimiter } from './transport/peer-limits.js';
import { Revocation } from './transport/revocation.js';
import { bindServer, FRAME_SLACK_BYTES, serverKeepaliveOptions, stopServer } from './transport/servers.js';

export interface GatewayOptions {
  log?: Logger;
  clock?: () => Date;
}

/** Reads and checks the gateway's own private key files: each must belong to this FIU and hold `d`. */
export async function loadOwnKeys(config: GatewayConfig): Promise<KeyRecord[]> {
  const files = [
    ...config.keys.signing.map((f) => ['sig', f]),
    ...config.keys.encryption.map((f) => ['enc', f]),
    ...config.keys.ledger.map((f) => ['ledger', f]),
  ];
  const keys: KeyRecord[] = [];
  for (const [use, file] of files as Array<[KeyUse, string]>) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new GatewayError('config.file_unreadable', `cannot read key file ${file}`, { cause: err });
    }
    const key = await checkKeyRecord(raw, file);
    if (key.fiu !== config.fiu || key.use !== use || !key.jwk.d) {
      throw new GatewayError(
        'config.invalid',
        `${file}: expected a private ${use} key of ${config.fiu}, found a ${key.jwk.d ? 'private' : 'public'} ${key.use} key of ${key.fiu}`,
      );
    }
    keys.push(key);
  }
  return keys;
}

function publicPart(k: KeyRecord): KeyRecord {
  const { d: _d, ...jwk } = k.jwk;
  return { ...k, jwk };
}

/** One running FIU gateway. */
export class Gateway {
  readonly sequencer: LedgerSequencer;
  readonly inbound: InboundService;
  readonly outbound: OutboundService;
  /** Sends any message (requests and case messages): build, check, seal, commit, queue. */
  readonly sender: MessageSender;
  readonly caseMessages: CaseMessageService;
  readonly consents: ConsentService;
  readonly feedback: FeedbackService;
  readonly onwardExport: OnwardExportService;
  readonly dispatcher: OutboxDispatcher;
  readonly outbox: OutboxService;
  readonly partnerLedgers: PartnerLedgers;
  readonly partnerKeys: PartnerKeys;
  /** Refreshes every partner's keys every `keys.refreshIntervalMs`. */
  readonly keyRefresher: KeyRefresher;
  readonly cases: CaseService;
  /** Assignment, drafts and approvals (case work for people). */
  readonly caseWork: CaseWorkService;
  readonly caseReports: CaseReports;
  readonly audit: AuditService;
  readonly agreements: AgreementService;
  readonly gate: PolicyGate;
  private peerServer?: grpc.Server;
  private operatorServer?: grpc.Server;
  private crlTimer?: NodeJS.Timeout;
  private metricsServer?: MetricsServer;
  readonly peers: PeerClients;
  readonly metrics: GatewayMetrics;
  readonly health: HealthMonitor;
  /** The partners' TLS certificates as last seen on a connection (the partner-certificates check). */
  readonly partnerCertificates: PartnerCertificates;

  private constructor(
    readonly config: GatewayConfig,
    readonly store: Store,
    readonly ring: KeyRing,
    readonly partners: PartnerDirectory,
    private readonly tls: TlsMaterial,
    private readonly operatorCa: Buffer,
    readonly log: Logger,
    readonly clock: () => Date,
    /** The revocation lists of `tls.crl`, checked on every peer call and partner connection. */
    readonly revocation: Revocation,
  ) {
    const self = config.fiu;
    this.partnerCertificates = new PartnerCertificates(clock, (fiu) => partners.has(fiu));
    this.peers = new PeerClients(tls, config.peer.maxMessageBytes, {
      callTimeoutMs: config.delivery.timeoutMs,
      keepalive: config.peer.keepalive,
      revocation,
      certificates: this.partnerCertificates,
    });
    this.metrics = new GatewayMetrics((fiu) => partners.has(fiu));
    registerGatewayGauges(this.metrics, { store, tlsCert: tls.cert, clock });
    registerBacklogGauges(this.metrics, { store, clock, partners: () => partners.ids() });
    this.health = new HealthMonitor(
      gatewayChecks({
        fiu: self,
        store,
        // A fresh sequencer reads the tail and checks it as at start-up, and writes nothing.
        verifyLedgerTail: () => new LedgerSequencer(sequencerOptions).init(),
        tls: { ...tls, certFile: config.tls.cert, keyFile: config.tls.key, caFiles: config.tls.ca },
        ownKeys: () => ring.ownPublicKeys(),
        partners: () => partners.ids(),
        partnerKeys: async (fiu) => (await store.keysOf(fiu)).map((k) => k.record),
        clock,
        warnDays: config.health.certificateWarningDays,
      }),
      this.metrics,
    );
    this.health.add(outboxCheck({ store, clock, limits: outboxLimits(config) }));
    this.health.add(
      partnerCertificatesCheck({
        partners: () => partners.ids(),
        seen: () => this.partnerCertificates.snapshot(),
        clock,
        warnDays: config.health.certificateWarningDays,
      }),
    );
    const sequencerOptions = {
      store,
      origin: ledgerOrigin(self),
      ledgerKey: privateKeyObject(ring.ledgerKey(clock())),
      clock,
      log,
    };
    this.sequencer = new LedgerSequencer(sequencerOptions);
    const common = { self, store, ring, partners, sequencer: this.sequencer, clock, log };
    this.agreements = new AgreementService(common);
    this.gate = new PolicyGate({
      store,
      agreements: this.agreements,
      graceMs: config.agreements.graceHours * 3_600_000,
    });
    this.partnerLedgers = new PartnerLedgers({ ...common, peer: this.peers });
    this.partnerKeys = new PartnerKeys({
      ...common,
      peer: this.peers,
      observe: (r) =>
        this.metrics.countKeyRefresh(
          r.partner,
          !r.ok ? 'failed' : r.learned.length ? 'learned' : 'unchanged',
        ),
    });
    this.keyRefresher = new KeyRefresher({
      refresh: (p) => this.partnerKeys.refreshBySystem(p),
      partners: () => partners.ids(),
      intervalMs: config.keys.refreshIntervalMs,
      log,
    });
    this.inbound = new InboundService({
      ...common,
      gate: this.gate,
      maxMessageBytes: config.peer.maxMessageBytes,
      freshness: config.peer.freshness,
    });
    const { delivery } = config;
    this.dispatcher = new OutboxDispatcher({
      store,
      delivery: new OutboxDelivery({
        ...common,
        agreements: this.agreements,
        partnerLedgers: this.partnerLedgers,
        deliverer: {
          deliver: (to, address, sealed, timeoutMs) =>
            this.metrics.observe('out', to, sealed, () => this.peers.deliver(to, address, sealed, timeoutMs)),
        },
        timing: delivery,
      }),
      leaseMs: delivery.leaseMs,
      pollMs: delivery.pollMs,
      concurrency: delivery.concurrency,
      clock,
      log,
    });
    // An operator waits for the first attempt: one call's deadline, and some room to record it.
    const waitMs = delivery.timeoutMs + 5000;
    const outboxDeps = { dispatcher: this.dispatcher, giveUpAfterMs: delivery.retry.giveUpAfterMs };
    this.sender = new MessageSender({
      ...common,
      ...outboxDeps,
      gate: this.gate,
      firstAttemptWaitMs: waitMs,
    });
    this.outbound = new OutboundService({ ...common, sender: this.sender });
    this.caseMessages = new CaseMessageService({ store, sender: this.sender });
    const replies = { self, store, ring, caseMessages: this.caseMessages, clock };
    this.consents = new ConsentService(replies);
    this.feedback = new FeedbackService(replies);
    this.onwardExport = new OnwardExportService({ ...common, gate: this.gate });
    this.outbox = new OutboxService({ ...common, ...outboxDeps, waitMs });
    this.cases = new CaseService({ self, store, ring });
    this.caseWork = new CaseWorkService({
      ...common,
      gate: this.gate,
      sender: this.sender,
      caseMessages: this.caseMessages,
      outbound: this.outbound,
      operators: config.operators,
    });
    this.caseReports = new CaseReports({ store, ring, clock });
    this.audit = new AuditService(store);
  }

  /** The export of docs/AUDIT.md, line by line, from the live database. */
  async *exportLines(): AsyncGenerator<string> {
    yield* exportLines(await storeExportSource(this.store, this.config.fiu, this.ring));
  }

  /** Loads keys, partners and TLS material, opens (and migrates) the store. Does not listen yet. */
  static async open(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
    const log = withCorrelation(options.log ?? silentLogger);
    const clock = options.clock ?? (() => new Date());
    for (const allowed of enforceProductionMode(config))
      log.warn('insecure setting allowed', { detail: allowed });
    const tls = loadTlsMaterial(config.tls);
    const operatorCa = loadTrustAnchors(config.operatorTls.ca);
    const own = await loadOwnKeys(config);
    const revocation = await Revocation.load(config.tls.crl, tls.ca, log, clock);
    const registry = loadPartnerRegistry(config.partnersFile);
    if (registry.partners.some((p) => p.id === config.fiu)) {
      throw new GatewayError(
        'config.invalid',
        `${config.partnersFile}: lists this gateway's own FIU ${config.fiu}`,
      );
    }
    const partnerKeys: KeyRecord[] = [];
    for (const p of registry.partners) {
      for (const [i, k] of p.keys.entries()) partnerKeys.push(await checkKeyRecord(k, `${p.id}.keys.${i}`));
    }
    const ring = await KeyRing.create(config.fiu, own, partnerKeys);
    const store = await openStore(config.databaseUrl);
    try {
      await store.registerKeys([...own.map(publicPart), ...partnerKeys]);
      for (const p of registry.partners) {
        await store.upsertPartner({ id: p.id, address: p.address, updatedAt: clock().toISOString() });
        // Keys learned from the partner's key sets (GetKeys) since the registry was written.
        await ring.addPartnerKeys(
          p.id,
          (await store.keysOf(p.id)).map((k) => k.record),
        );
      }
    } catch (err) {
      await store.close();
      throw err;
    }
    const gateway = new Gateway(
      config,
      store,
      ring,
      new PartnerDirectory(registry),
      tls,
      operatorCa,
      log,
      clock,
      revocation,
    );
    try {
      // Refuse to serve a ledger whose tail disagrees with its last signed checkpoint.
      await gateway.sequencer.init();
      // A leaf index changed behind the gateway's back (a restore of some tables) is put back first.
      const repaired = await store.transaction(() => store.repairLeafIndex());
      if (repaired > 0) log.warn('ledger leaf index was incomplete: repaired', { rows: repaired });
    } catch (err) {
      await store.close();
      if (isGatewayError(err, 'ledger.tail_mismatch')) {
        throw new GatewayError(
          'ledger.tail_mismatch',
          `${err.message}: the ledger may have been altered; run \`fiugw audit verify --config FILE\` to find where`,
          { cause: err },
        );
      }
      throw err;
    }
    return gateway;
  }

  /** Starts both servers; resolves to the bound ports (useful with port 0). */
  async start(): Promise<{ peerPort: number; operatorPort: number; metricsPort?: number }> {
    const { config, log } = this;
    const peer = new grpc.Server({
      'grpc.max_receive_message_length': config.peer.maxMessageBytes + FRAME_SLACK_BYTES,
      ...serverKeepaliveOptions(config.peer.keepalive),
    });
    peer.addService(
      tolerantRequests(peerProto().fiu.exchange.v1.PeerExchange.service),
      peerHandlers(
        {
          receive: (sealed, tlsPeer) =>
            this.metrics.observe('in', tlsPeer, sealed, () => this.inbound.receive(sealed, tlsPeer)),
          requirePartner: (fiu) => void this.partners.address(fiu),
          consistency: (size1, size2) => this.audit.consistency(size1, size2),
          inclusionForPartner: (partner, digest) => this.audit.inclusionForPartner(partner, digest),
          keySet: () => signKeySet(this.ring, this.clock()),
        },
        log,
        {
          revocation: this.revocation,
          certificates: this.partnerCertificates,
          limiter: new PeerLimiter(config.peer.limits, log, () => this.clock().getTime()),
        },
      ),
    );
    const operator = new grpc.Server(serverKeepaliveOptions(config.peer.keepalive));
    operator.addService(
      operatorProto().fiu.exchange.v1.Operator.service,
      operatorHandlers(
        {
          identify: (cn) => identifyOperator(cn, config.operators),
          submitRequest: (op, to, input) => this.caseWork.submitRequest(op, to, input),
          inbox: (op, filter) => this.caseReports.inbox(op, filter),
          caseDrafts: (op, id) => this.caseReports.drafts(op, id),
          assignCase: (op, id, assignee) => this.caseWork.assign(op, id, assignee),
          draftResponse: (op, id, input) => this.caseWork.draftResponse(op, id, input),
          discloseSpontaneous: (op, to, input) => this.caseWork.discloseSpontaneous(op, to, input),
          approveCase: (op, id, comment) => this.caseWork.approve(op, id, comment),
          rejectCase: (op, id, comment) => this.caseWork.reject(op, id, comment),
          closeCase: (op, id, reason) => this.caseWork.close(op, id, reason),
          summariseCases: (op) => this.caseReports.summary(op),
          showCase: (op, id) => this.cases.show(op, id),
          listOutbox: (op, filter) => this.outbox.list(op, filter),
          retryDelivery: (op, id) => this.outbox.retry(op, id),
          cancelDelivery: (op, id) => this.outbox.cancel(op, id),
          requestConsent: (op, ask) => this.consents.ask(op, ask),
          decideConsent: (op, id, answer) => this.consents.decide(op, id, answer),
          sendFeedback: (op, f) => this.feedback.send(op, f),
          exportCase: (op, ask) => this.onwardExport.export(op, ask),
        },
        log,
      ),
    );
    operator.addService(
      auditProto().fiu.exchange.v1.Audit.service,
      auditHandlers(
        {
          identify: (cn) => identifyOperator(cn, config.operators),
          audit: this.audit,
          exportLines: () => this.exportLines(),
        },
        log,
      ),
    );
    operator.addService(
      agreementsProto().fiu.exchange.v1.Agreements.service,
      agreementsHandlers(
        {
          identify: (cn) => identifyOperator(cn, config.operators),
          apply: (op, doc) => this.agreements.apply(op, doc),
          list: (op) => this.agreements.list(op),
          show: (op, id) => this.agreements.show(op, id),
          suspend: (op, id, reason) => this.agreements.suspend(op, id, reason),
        },
        log,
      ),
    );
    operator.addService(
      keysProto().fiu.exchange.v1.Keys.service,
      keysHandlers(
        {
          identify: (cn) => identifyOperator(cn, config.operators),
          refresh: (op, partner) => this.partnerKeys.refresh(op, partner),
        },
        log,
      ),
    );
    this.health.addToServer(operator);
    this.peerServer = peer;
    this.operatorServer = operator;
    const peerPort = await bindServer(
      peer,
      config.peer.host,
      config.peer.port,
      serverCredentials(this.tls, this.tls.ca),
    );
    const operatorPort = await bindServer(
      operator,
      config.operator.host,
      config.operator.port,
      serverCredentials(this.tls, this.operatorCa),
    );
    this.dispatcher.start();
    this.keyRefresher.start();
    if (config.tls.crl.length > 0) {
      this.crlTimer = setInterval(() => void this.reloadRevocation(), config.tls.crlReloadMs);
      this.crlTimer.unref();
    }
    await this.health.start(config.health.intervalMs);
    if (config.metrics.enabled) {
      this.metricsServer = await startMetricsServer(
        this.metrics.registry,
        config.metrics.host,
        config.metrics.port,
        this.health,
      );
    }
    const metricsPort = this.metricsServer?.port;
    log.info('gateway listening', {
      peer: `${config.peer.host}:${peerPort}`,
      operator: `${config.operator.host}:${operatorPort}`,
      metrics: metricsPort === undefined ? 'off' : `http://${config.metrics.host}:${metricsPort}/metrics`,
    });
    return { peerPort, operatorPort, ...(metricsPort === undefined ? {} : { metricsPort }) };
  }

  /**
   * Reads the CRL files again when they changed; then drops the channels to partners, so that each
   * partner's server certificate is checked against the new lists at the next connection.
   */
  async reloadRevocation(): Promise<boolean> {
    const changed = await this.revocation.reloadIfChanged();
    if (changed) this.peers.close();
    return changed;
  }

  /**
   * Stops gracefully, in order: the dispatcher claims nothing more and the key refresh starts no more
   * partners; the servers refuse new calls and let running ones finish; deliveries in flight get up to
   * `delivery.drainMs`, the key refresh of the partner in flight ends; the ledger sequencer commits
   * what it holds; then client channels and the store close.
   */
  async stop(): Promise<void> {
    if (this.crlTimer) clearInterval(this.crlTimer);
    const stopping = this.dispatcher.stop(this.config.delivery.drainMs);
    const refreshStopped = this.keyRefresher.stop();
    await Promise.all([this.peerServer, this.operatorServer].map((s) => (s ? stopServer(s) : undefined)));
    await refreshStopped;
    if (!(await stopping)) {
      this.log.warn('deliveries still in flight at shutdown; their leases bring them back', {
        inFlight: this.dispatcher.busy,
      });
    }
    await this.sequencer.drain();
    this.health.stop();
    await this.metricsServer?.close();
    this.peers.close();
    await this.store.close();
    this.log.info('gateway stopped');
  }
}
