/**
 * The peer API handlers: the caller's FIU is read from its TLS certificate, then the services do the
 * rest. Nothing in a request is trusted to name the caller.
 */
import type * as grpc from '@grpc/grpc-js';
import { GatewayError } from '../errors.js';
import type { PeerExchangeHandlers } from '../generated/fiu/exchange/v1/PeerExchange.js';
import type { Logger } from '../log.js';
import { authContext, peerCommonName } from './peer-identity.js';
import { isMalformed } from './malformed.js';
import type { PeerLimiter } from './peer-limits.js';
import type { Revocation } from './revocation.js';
import type { PartnerCertificates } from './partner-certificates.js';
import { toStatus } from './status.js';
import { unary } from './unary.js';

/** What the peer API needs from the services. */
export interface PeerApi {
  receive(sealed: string, tlsPeer: string): Promise<string>;
  /** Checks that `fiu` is a registered partner (PERMISSION_DENIED otherwise). */
  requirePartner(fiu: string): void;
  consistency(size1: number, size2: number): Promise<{ proof: Buffer[] }>;
  /** This gateway's current key set (a compact JWS, docs/PROTOCOL.md section 11). */
  keySet(): string;
  inclusionForPartner(
    partner: string,
    digest: string,
  ): Promise<{
    index: number;
    leaf: Buffer;
    treeSize: number;
    proof: Buffer[];
    checkpoint: { note: string };
  }>;
}

/** A non-negative safe integer from a proto int64 (a decimal string). */
export function int64(value: string | number | undefined, field: string): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new GatewayError('ledger.bad_input', `${field} must be a non-negative integer`, {
      publicDetail: `${field}: expected a non-negative integer`,
    });
  }
  return n;
}

/**
 * Runs the guards of every peer call before its handler: a revoked caller is refused, then the
 * per-partner limits admit the call (ended when the handler answers), then an undecodable request
 * is refused. A call without a usable certificate goes on to the handler, which refuses it.
 */
function guarded<Req, Res>(
  guards: PeerGuards,
  log: Logger,
  handler: grpc.handleUnaryCall<Req, Res>,
): grpc.handleUnaryCall<Req, Res> {
  const { limiter, revocation, certificates } = guards;
  return (call, callback) => {
    let partner: string;
    try {
      partner = peerCommonName(call);
    } catch {
      return handler(call, callback);
    }
    let release: () => void = () => undefined;
    try {
      // Revocation first: a revoked certificate must not spend its FIU's call budget.
      const cert = authContext(call)?.sslPeerCertificate;
      revocation?.check(cert, partner);
      certificates?.record(partner, cert, 'server');
      if (limiter) release = limiter.admit(partner);
      if (isMalformed(call.request)) {
        log.warn('undecodable request refused', { partner, method: call.getPath() });
        throw new GatewayError('transport.malformed_request', 'the request is not a valid protobuf message', {
          publicDetail: 'the request is not a valid protobuf message of this RPC',
        });
      }
    } catch (err) {
      release();
      return callback(toStatus(err));
    }
    handler(call, (...args: Parameters<grpc.sendUnaryData<Res>>) => {
      release();
      callback(...args);
    });
  };
}

/** What is checked on every peer call before its handler runs. */
export interface PeerGuards {
  /** Refuses a caller whose certificate is revoked (UNAUTHENTICATED). */
  revocation?: Revocation;
  /** The per-partner limits (RESOURCE_EXHAUSTED). */
  limiter?: PeerLimiter;
  /** Records the caller's certificate (for the health check). */
  certificates?: PartnerCertificates;
}

/** The PeerExchange service implementation; `guards` apply to every RPC. */
export function peerHandlers(api: PeerApi, log: Logger, guards: PeerGuards = {}): PeerExchangeHandlers {
  const handlers = unlimitedHandlers(api, log);
  return {
    Deliver: guarded(guards, log, handlers.Deliver),
    GetConsistencyProof: guarded(guards, log, handlers.GetConsistencyProof),
    GetInclusionProof: guarded(guards, log, handlers.GetInclusionProof),
    GetKeys: guarded(guards, log, handlers.GetKeys),
  };
}

function unlimitedHandlers(api: PeerApi, log: Logger): PeerExchangeHandlers {
  return {
    Deliver: unary(log, 'Deliver', async (req, call) => {
      const tlsPeer = peerCommonName(call);
      const receipt = await api.receive(req.sealed, tlsPeer);
      return { receipt };
    }),
    GetConsistencyProof: unary(log, 'GetConsistencyProof', async (req, call) => {
      api.requirePartner(peerCommonName(call));
      const { proof } = await api.consistency(int64(req.size1, 'size1'), int64(req.size2, 'size2'));
      return { proof };
    }),
    GetInclusionProof: unary(log, 'GetInclusionProof', async (req, call) => {
      const partner = peerCommonName(call);
      api.requirePartner(partner);
      const r = await api.inclusionForPartner(partner, req.digest);
      return {
        index: String(r.index),
        leaf: r.leaf,
        treeSize: String(r.treeSize),
        proof: r.proof,
        checkpoint: r.checkpoint.note,
      };
    }),
    GetKeys: unary(log, 'GetKeys', async (_req, call) => {
      api.requirePartner(peerCommonName(call));
      return { keySet: api.keySet() };
    }),
  };
}
