/**
 * The composition root: builds one gateway from its configuration (keys, partners, store, services,
 * servers) and runs it. Everything is wired here and nowhere else.
 */
import type * as grpc from '@grpc/grpc-js';
import type { GatewayConfig } from './config.js';
import { ledgerOrigin, privateKeyObject, type KeyRing } from './crypto/index.js';
import { GatewayError, isGatewayError } from './errors.js';
import { loadGatewayMaterial, openGatewayStore } from './gateway-material.js';
import { operatorServer, peerServer } from './gateway-servers.js';
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
import { exportLines } from './ledger/index.js';
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
import type { Store } from './store/index.js';
import { serverCredentials, type TlsMaterial } from './transport/credentials.js';
import { PeerClients } from './transport/peer-client.js';
import { PartnerCertificates } from './transport/partner-certificates.js';
import type { Revocation } from './transport/revocation.js';
import { bindServer, stopServer } from './transport/servers.js';

export interface GatewayOptions {
  log?: Logger;
  clock?: () => Date;
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
    const material = await loadGatewayMaterial(config, log, clock);
    const { tls, operatorCa, revocation, registry, ring } = material;
    const store = await openGatewayStore(config, material, clock);
    let gateway: Gateway;
    try {
      gateway = new Gateway(
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
      // Refuse to serve a ledger whose tail disagrees with its last signed checkpoint.
      await gateway.sequencer.init();
      // A leaf index changed behind the gateway's back (a restore of some tables) is put back first.
      const repaired = await store.transaction(() => store.repairLeafIndex());
      if (repaired > 0) log.warn('ledger leaf index was incomplete: repaired', { rows: repaired });
      // So are today's request counts, or a partner could pass its daily limit.
      const recounted = await store.transaction(() => store.repairRateUsage(clock()));
      if (recounted > 0)
        log.warn('request counts disagreed with the stored requests: recounted', { rows: recounted });
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
    const peer = peerServer(this);
    const operator = operatorServer(this);
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
