/**
 * The agreements API handlers (proto/fiu/exchange/v1/agreements.proto): the operator is read from its
 * TLS client certificate, its roles from the configuration; the agreement service does the rest.
 */
import type { AgreementsHandlers } from '../generated/fiu/exchange/v1/Agreements.js';
import type { AgreementRevision as WireRevision } from '../generated/fiu/exchange/v1/AgreementRevision.js';
import type { Logger } from '../log.js';
import type { ApplyResult } from '../services/agreements.js';
import type { Operator } from '../services/authorize.js';
import type { AgreementRevision } from '../store/index.js';
import { parseJsonField } from './json-field.js';
import { peerCommonName } from './peer-identity.js';
import { unary } from './unary.js';

/** What the agreements API needs from the services. */
export interface AgreementsApi {
  identify(commonName: string): Operator;
  apply(op: Operator, document: unknown): Promise<ApplyResult>;
  list(op: Operator): Promise<AgreementRevision[]>;
  show(op: Operator, id: string): Promise<AgreementRevision[]>;
  suspend(op: Operator, id: string, reason: string): Promise<ApplyResult>;
}

/** A revision as the API shows it. */
export function wireRevision(r: AgreementRevision): WireRevision {
  return {
    agreementId: r.agreementId,
    version: String(r.version),
    partner: r.partner,
    status: r.status,
    documentJson: r.document,
    digest: r.digest,
    appliedAt: r.appliedAt,
    appliedBy: r.appliedBy,
    reason: r.reason ?? '',
    ledgerIndex: String(r.ledgerIndex),
  };
}

const change = (r: ApplyResult) => ({ revision: wireRevision(r.revision), changed: r.changed });

/** The Agreements service implementation. */
export function agreementsHandlers(api: AgreementsApi, log: Logger): AgreementsHandlers {
  const who = (call: Parameters<typeof peerCommonName>[0]) => api.identify(peerCommonName(call));
  return {
    Apply: unary(log, 'Agreements.Apply', async (req, call) => {
      const op = who(call);
      return change(await api.apply(op, parseJsonField(req.documentJson, 'document_json')));
    }),
    List: unary(log, 'Agreements.List', async (_req, call) => ({
      agreements: (await api.list(who(call))).map(wireRevision),
    })),
    Show: unary(log, 'Agreements.Show', async (req, call) => ({
      revisions: (await api.show(who(call), req.agreementId)).map(wireRevision),
    })),
    Suspend: unary(log, 'Agreements.Suspend', async (req, call) => {
      const op = who(call);
      return change(await api.suspend(op, req.agreementId, req.reason));
    }),
  };
}
