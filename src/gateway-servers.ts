/**
 * The gateway's two gRPC servers, their handlers bound to the services: the peer server (PeerExchange,
 * for partner gateways) and the operator server (Operator, Audit, Agreements, Keys and health, for the
 * FIU's own operators). Built here, not yet bound to a port.
 */
import * as grpc from '@grpc/grpc-js';
import type { GatewayConfig } from './config.js';
import { signKeySet, type KeyRing } from './crypto/index.js';
import type { Logger } from './log.js';
import type { HealthMonitor } from './observability/health.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { identifyOperator } from './services/authorize.js';
import type { AgreementService } from './services/agreements.js';
import type { AuditService } from './services/audit.js';
import type { CaseReports } from './services/case-reports.js';
import type { CaseWorkService } from './services/case-workflow.js';
import type { CaseService } from './services/cases.js';
import type { ConsentService } from './services/consents.js';
import type { FeedbackService } from './services/feedback.js';
import type { InboundService } from './services/inbound.js';
import type { OnwardExportService } from './services/onward-export.js';
import type { OutboxService } from './services/outbox.js';
import type { PartnerKeys } from './services/partner-keys.js';
import type { PartnerDirectory } from './services/partners.js';
import { agreementsHandlers } from './transport/agreements-service.js';
import { auditHandlers } from './transport/audit-service.js';
import { keysHandlers } from './transport/keys-service.js';
import { tolerantRequests } from './transport/malformed.js';
import { operatorHandlers } from './transport/operator-service.js';
import type { PartnerCertificates } from './transport/partner-certificates.js';
import { PeerLimiter } from './transport/peer-limits.js';
import { peerHandlers } from './transport/peer-service.js';
import { agreementsProto, auditProto, keysProto, operatorProto, peerProto } from './transport/proto.js';
import type { Revocation } from './transport/revocation.js';
import { FRAME_SLACK_BYTES, serverKeepaliveOptions } from './transport/servers.js';

/** What the peer server calls (a Gateway is one). */
export interface PeerServed {
  readonly config: GatewayConfig;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly ring: KeyRing;
  readonly partners: PartnerDirectory;
  readonly revocation: Revocation;
  readonly partnerCertificates: PartnerCertificates;
  readonly metrics: GatewayMetrics;
  readonly inbound: InboundService;
  readonly audit: AuditService;
}

/** What the operator server calls (a Gateway is one). */
export interface OperatorServed {
  readonly config: GatewayConfig;
  readonly log: Logger;
  readonly health: HealthMonitor;
  readonly caseWork: CaseWorkService;
  readonly caseReports: CaseReports;
  readonly cases: CaseService;
  readonly outbox: OutboxService;
  readonly consents: ConsentService;
  readonly feedback: FeedbackService;
  readonly onwardExport: OnwardExportService;
  readonly audit: AuditService;
  readonly agreements: AgreementService;
  readonly partnerKeys: PartnerKeys;
  exportLines(): AsyncGenerator<string>;
}

/** The peer server: deliveries, proofs and key sets for partners, behind revocation and rate limits. */
export function peerServer(g: PeerServed): grpc.Server {
  const { config, log } = g;
  const peer = new grpc.Server({
    'grpc.max_receive_message_length': config.peer.maxMessageBytes + FRAME_SLACK_BYTES,
    ...serverKeepaliveOptions(config.peer.keepalive),
  });
  peer.addService(
    tolerantRequests(peerProto().fiu.exchange.v1.PeerExchange.service),
    peerHandlers(
      {
        receive: (sealed, tlsPeer) =>
          g.metrics.observe('in', tlsPeer, sealed, () => g.inbound.receive(sealed, tlsPeer)),
        requirePartner: (fiu) => void g.partners.address(fiu),
        consistency: (size1, size2) => g.audit.consistency(size1, size2),
        inclusionForPartner: (partner, digest) => g.audit.inclusionForPartner(partner, digest),
        keySet: () => signKeySet(g.ring, g.clock()),
      },
      log,
      {
        revocation: g.revocation,
        certificates: g.partnerCertificates,
        limiter: new PeerLimiter(config.peer.limits, log, () => g.clock().getTime()),
      },
    ),
  );
  return peer;
}

/** The operator server: the Operator, Audit, Agreements and Keys services, and gRPC health. */
export function operatorServer(g: OperatorServed): grpc.Server {
  const { config, log } = g;
  // Every operator service names the caller from its client certificate the same way.
  const identify = (cn: string) => identifyOperator(cn, config.operators);
  const operator = new grpc.Server(serverKeepaliveOptions(config.peer.keepalive));
  operator.addService(
    operatorProto().fiu.exchange.v1.Operator.service,
    operatorHandlers(
      {
        identify,
        submitRequest: (op, to, input) => g.caseWork.submitRequest(op, to, input),
        inbox: (op, filter) => g.caseReports.inbox(op, filter),
        caseDrafts: (op, id) => g.caseReports.drafts(op, id),
        assignCase: (op, id, assignee) => g.caseWork.assign(op, id, assignee),
        draftResponse: (op, id, input) => g.caseWork.draftResponse(op, id, input),
        discloseSpontaneous: (op, to, input) => g.caseWork.discloseSpontaneous(op, to, input),
        approveCase: (op, id, comment) => g.caseWork.approve(op, id, comment),
        rejectCase: (op, id, comment) => g.caseWork.reject(op, id, comment),
        closeCase: (op, id, reason) => g.caseWork.close(op, id, reason),
        summariseCases: (op) => g.caseReports.summary(op),
        showCase: (op, id) => g.cases.show(op, id),
        listOutbox: (op, filter) => g.outbox.list(op, filter),
        retryDelivery: (op, id) => g.outbox.retry(op, id),
        cancelDelivery: (op, id) => g.outbox.cancel(op, id),
        requestConsent: (op, ask) => g.consents.ask(op, ask),
        decideConsent: (op, id, answer) => g.consents.decide(op, id, answer),
        sendFeedback: (op, f) => g.feedback.send(op, f),
        exportCase: (op, ask) => g.onwardExport.export(op, ask),
      },
      log,
    ),
  );
  operator.addService(
    auditProto().fiu.exchange.v1.Audit.service,
    auditHandlers(
      {
        identify,
        audit: g.audit,
        exportLines: () => g.exportLines(),
      },
      log,
    ),
  );
  operator.addService(
    agreementsProto().fiu.exchange.v1.Agreements.service,
    agreementsHandlers(
      {
        identify,
        apply: (op, doc) => g.agreements.apply(op, doc),
        list: (op) => g.agreements.list(op),
        show: (op, id) => g.agreements.show(op, id),
        suspend: (op, id, reason) => g.agreements.suspend(op, id, reason),
      },
      log,
    ),
  );
  operator.addService(
    keysProto().fiu.exchange.v1.Keys.service,
    keysHandlers(
      {
        identify,
        refresh: (op, partner) => g.partnerKeys.refresh(op, partner),
      },
      log,
    ),
  );
  g.health.addToServer(operator);
  return operator;
}
