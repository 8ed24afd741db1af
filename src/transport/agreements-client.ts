/**
 * The administrator's side of the agreements API, over the same operator profile and mutual TLS as the
 * other operator commands.
 */
import type { AgreementsClient as GrpcAgreementsClient } from '../generated/fiu/exchange/v1/Agreements.js';
import type { AgreementChange__Output } from '../generated/fiu/exchange/v1/AgreementChange.js';
import type { ListAgreementsResponse__Output } from '../generated/fiu/exchange/v1/ListAgreementsResponse.js';
import type { ShowAgreementResponse__Output } from '../generated/fiu/exchange/v1/ShowAgreementResponse.js';
import { identityChannelOptions } from './credentials.js';
import { operatorCredentials, type OperatorProfile } from './operator-client.js';
import { agreementsProto } from './proto.js';
import { unaryCall } from './client-call.js';

export class AgreementsConnection {
  private readonly client: GrpcAgreementsClient;

  constructor(
    readonly profile: OperatorProfile,
    private readonly timeoutMs = 30_000,
  ) {
    const Ctor = agreementsProto().fiu.exchange.v1.Agreements;
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

  apply(document: unknown): Promise<AgreementChange__Output> {
    return this.unary('Agreements.Apply', 'apply', { documentJson: JSON.stringify(document) });
  }

  list(): Promise<ListAgreementsResponse__Output> {
    return this.unary('Agreements.List', 'list', {});
  }

  show(agreementId: string): Promise<ShowAgreementResponse__Output> {
    return this.unary('Agreements.Show', 'show', { agreementId });
  }

  suspend(agreementId: string, reason: string): Promise<AgreementChange__Output> {
    return this.unary('Agreements.Suspend', 'suspend', { agreementId, reason });
  }

  close(): void {
    this.client.close();
  }
}
