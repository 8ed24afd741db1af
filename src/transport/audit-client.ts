/**
 * The auditor's side of the audit API, over the same operator profile and mutual TLS as the other
 * operator commands.
 */
import type { AuditClient as GrpcAuditClient } from '../generated/fiu/exchange/v1/Audit.js';
import type { AuditConsistencyResponse__Output } from '../generated/fiu/exchange/v1/AuditConsistencyResponse.js';
import type { Checkpoint__Output } from '../generated/fiu/exchange/v1/Checkpoint.js';
import type { GetEntriesResponse__Output } from '../generated/fiu/exchange/v1/GetEntriesResponse.js';
import type { InclusionProofResponse__Output } from '../generated/fiu/exchange/v1/InclusionProofResponse.js';
import { operatorCredentials, type OperatorProfile } from './operator-client.js';
import { identityChannelOptions } from './credentials.js';
import { auditProto } from './proto.js';
import { unaryCall } from './client-call.js';
import { fromStatus } from './status.js';

export class AuditConnection {
  private readonly client: GrpcAuditClient;

  constructor(
    readonly profile: OperatorProfile,
    private readonly timeoutMs = 60_000,
  ) {
    const Ctor = auditProto().fiu.exchange.v1.Audit;
    this.client = new Ctor(
      profile.address,
      operatorCredentials(profile),
      identityChannelOptions(profile.fiu),
    );
  }

  private unary<Req, Res>(name: string, method: string, req: Req): Promise<Res> {
    const { address } = this.profile;
    return unaryCall(this.client, { name, method, address, timeoutMs: this.timeoutMs }, req);
  }

  checkpoint(): Promise<Checkpoint__Output> {
    return this.unary('GetCheckpoint', 'getCheckpoint', {});
  }

  entries(start: number, end: number): Promise<GetEntriesResponse__Output> {
    return this.unary('GetEntries', 'getEntries', { start: String(start), end: String(end) });
  }

  inclusion(by: { index: number } | { leafHash: string }): Promise<InclusionProofResponse__Output> {
    const req = 'index' in by ? { index: String(by.index) } : { leafHash: by.leafHash };
    return this.unary('GetInclusionProof', 'getInclusionProof', req);
  }

  consistency(size1: number, size2: number): Promise<AuditConsistencyResponse__Output> {
    return this.unary('GetConsistencyProof', 'getConsistencyProof', {
      size1: String(size1),
      size2: String(size2),
    });
  }

  /** The export lines, streamed. */
  async *exportLines(): AsyncGenerator<string> {
    const stream = this.client.export({});
    try {
      for await (const msg of stream as AsyncIterable<{ line: string }>) yield msg.line;
    } catch (err) {
      throw fromStatus(err, `Export at ${this.profile.address}`);
    }
  }

  close(): void {
    this.client.close();
  }
}
