/**
 * The audit API handlers (operator port; role auditor): the ledger's checkpoints, entries, proofs and
 * export, for the FIU's own auditors.
 */
import type * as grpc from '@grpc/grpc-js';
import type { AuditHandlers } from '../generated/fiu/exchange/v1/Audit.js';
import type { ExportLine } from '../generated/fiu/exchange/v1/ExportLine.js';
import type { ExportRequest__Output } from '../generated/fiu/exchange/v1/ExportRequest.js';
import type { Logger } from '../log.js';
import { requireRole, type Operator } from '../services/authorize.js';
import type { AuditService } from '../services/audit.js';
import { peerCommonName } from './peer-identity.js';
import { int64 } from './peer-service.js';
import { toStatus } from './status.js';
import { unary } from './unary.js';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
/** base64url (as stored) to standard base64 (as in checkpoints and the API). */
const std = (u: string) => Buffer.from(u, 'base64url').toString('base64');

/** What the audit API needs besides the audit service. */
export interface AuditApi {
  identify(commonName: string): Operator;
  audit: AuditService;
  exportLines(): AsyncIterable<string>;
}

/** The Audit service implementation. */
export function auditHandlers(api: AuditApi, log: Logger): AuditHandlers {
  // Every audit call, Export included, needs the auditor role.
  const auditor = (call: Parameters<typeof peerCommonName>[0]) => {
    requireRole(api.identify(peerCommonName(call)), ['auditor'], 'auditing the ledger');
  };
  return {
    GetCheckpoint: unary(log, 'GetCheckpoint', async (_req, call) => {
      auditor(call);
      const cp = await api.audit.latestCheckpoint();
      return { size: String(cp.size), root: std(cp.root), note: cp.note };
    }),
    GetEntries: unary(log, 'GetEntries', async (req, call) => {
      auditor(call);
      const rows = await api.audit.entries(int64(req.start, 'start'), int64(req.end, 'end'));
      return { entries: rows.map((r) => ({ index: String(r.index), entry: r.entry })) };
    }),
    GetInclusionProof: unary(log, 'GetInclusionProof', async (req, call) => {
      auditor(call);
      const by =
        req.by === 'leafHash'
          ? { leafHash: Buffer.from(req.leafHash ?? '', 'base64') }
          : { index: int64(req.index, 'index') };
      const r = await api.audit.inclusion(by);
      return {
        index: String(r.index),
        treeSize: String(r.treeSize),
        leafHash: b64(r.leafHash),
        proof: r.proof.map(b64),
        root: std(r.checkpoint.root),
        checkpoint: r.checkpoint.note,
      };
    }),
    GetConsistencyProof: unary(log, 'GetConsistencyProof', async (req, call) => {
      auditor(call);
      const r = await api.audit.consistency(int64(req.size1, 'size1'), int64(req.size2, 'size2'));
      return { proof: r.proof.map(b64), root1: b64(r.root1), root2: b64(r.root2) };
    }),
    Export: (call: grpc.ServerWritableStream<ExportRequest__Output, ExportLine>) => {
      void (async () => {
        try {
          auditor(call);
          for await (const line of api.exportLines()) {
            if (!call.write({ line })) await new Promise((r) => call.once('drain', r));
          }
          call.end();
        } catch (err) {
          log.warn('Export refused', { error: err instanceof Error ? err.message : String(err) });
          call.emit('error', toStatus(err));
        }
      })();
    },
  };
}
