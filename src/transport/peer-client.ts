/**
 * Calls partner gateways' peer API over mutual TLS. One channel per partner, reused; every call has
 * a deadline.
 */
import type { PeerCertificate } from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import { readEnvelope } from '../crypto/index.js';
import type { PeerExchangeClient } from '../generated/fiu/exchange/v1/PeerExchange.js';
import { clientCredentials, identityChannelOptions, type TlsMaterial } from './credentials.js';
import { CORRELATION_METADATA_KEY, currentCorrelationId } from '../observability/correlation.js';
import { peerProto } from './proto.js';
import { fromStatus } from './status.js';
import type { Revocation } from './revocation.js';
import type { PartnerCertificates } from './partner-certificates.js';
import { channelKeepaliveOptions, FRAME_SLACK_BYTES, type Keepalive } from './servers.js';

/** Deadlines and keepalive of the peer channels. */
export interface PeerClientOptions {
  /** The deadline of the ledger proof calls, in milliseconds (deliveries get theirs per call). */
  callTimeoutMs?: number;
  keepalive?: Keepalive;
  /** Refuses a partner's server certificate that is revoked (checked at each new connection). */
  revocation?: Revocation;
  /** Records each partner's server certificate at each new connection (for the health check). */
  certificates?: PartnerCertificates;
}

/** Delivers sealed messages to partners. */
export class PeerClients {
  private readonly clients = new Map<string, { address: string; client: PeerExchangeClient }>();

  constructor(
    private readonly tls: TlsMaterial,
    private readonly maxMessageBytes: number,
    private readonly options: PeerClientOptions = {},
  ) {}

  private deadline(): { deadline: number } {
    return { deadline: Date.now() + (this.options.callTimeoutMs ?? 10_000) };
  }

  /** Sends one sealed message to `partner` at `address`; resolves to the receipt (JWS compact). */
  deliver(partner: string, address: string, sealed: string, timeoutMs: number): Promise<string> {
    const client = this.clientFor(partner, address);
    return new Promise((resolve, reject) => {
      client.deliver(
        { sealed },
        correlationMetadata(sealed),
        { deadline: Date.now() + timeoutMs },
        (err, res) => {
          if (err) reject(fromStatus(err, `delivery to ${partner}`));
          else resolve(res?.receipt ?? '');
        },
      );
    });
  }

  /** Asks `partner` for the consistency proof between two sizes of its ledger. */
  consistencyProof(partner: string, address: string, size1: number, size2: number): Promise<Buffer[]> {
    const client = this.clientFor(partner, address);
    return new Promise((resolve, reject) => {
      client.getConsistencyProof(
        { size1: String(size1), size2: String(size2) },
        correlationMetadata(),
        this.deadline(),
        (err, res) => {
          if (err) reject(fromStatus(err, `consistency proof from ${partner}`));
          else resolve(res?.proof ?? []);
        },
      );
    });
  }

  /** Asks `partner` for the inclusion proof of the entry that recorded the message with `digest`. */
  inclusionProof(partner: string, address: string, digest: string) {
    const client = this.clientFor(partner, address);
    return new Promise<{
      index: number;
      leaf: Buffer;
      treeSize: number;
      proof: Buffer[];
      checkpoint: string;
    }>((resolve, reject) => {
      client.getInclusionProof({ digest }, correlationMetadata(), this.deadline(), (err, res) => {
        if (err || !res) reject(fromStatus(err, `inclusion proof from ${partner}`));
        else {
          resolve({
            index: Number(res.index),
            leaf: res.leaf,
            treeSize: Number(res.treeSize),
            proof: res.proof,
            checkpoint: res.checkpoint,
          });
        }
      });
    });
  }

  /** Asks `partner` for its key set (a compact JWS, verified by the caller). */
  getKeys(partner: string, address: string): Promise<string> {
    const client = this.clientFor(partner, address);
    return new Promise((resolve, reject) => {
      client.getKeys({}, correlationMetadata(), this.deadline(), (err, res) => {
        if (err) reject(fromStatus(err, `key set from ${partner}`));
        else resolve(res?.keySet ?? '');
      });
    });
  }

  /** Closes every channel. */
  close(): void {
    for (const { client } of this.clients.values()) client.close();
    this.clients.clear();
  }

  private clientFor(partner: string, address: string): PeerExchangeClient {
    const known = this.clients.get(partner);
    if (known && known.address === address) return known.client;
    known?.client.close();
    const Ctor = peerProto().fiu.exchange.v1.PeerExchange;
    const { revocation, certificates } = this.options;
    const check = (cert: PeerCertificate): Error | undefined => {
      if (revocation?.isRevoked(cert)) return new Error(`the server certificate of ${partner} is revoked`);
      certificates?.record(partner, cert, 'client');
      return undefined;
    };
    const client = new Ctor(address, clientCredentials(this.tls, partner, check), {
      ...identityChannelOptions(partner),
      'grpc.max_send_message_length': this.maxMessageBytes + FRAME_SLACK_BYTES,
      ...channelKeepaliveOptions(this.options.keepalive ?? { timeMs: 30_000, timeoutMs: 10_000 }),
    });
    this.clients.set(partner, { address, client });
    return client;
  }
}

/**
 * `fiu-correlation-id` metadata: the current scope's id, else the message id of `sealed` (a delivery
 * outside any call, e.g. a retry), else none.
 */
function correlationMetadata(sealed?: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  let id = currentCorrelationId();
  if (!id && sealed) {
    try {
      id = readEnvelope(sealed).id;
    } catch {
      // Not readable: the partner makes its own id.
    }
  }
  if (id) metadata.set(CORRELATION_METADATA_KEY, id);
  return metadata;
}
