/**
 * The administrator's side of the keys API, over the same operator profile and mutual TLS as the other
 * operator commands.
 */
import type { KeysClient as GrpcKeysClient } from '../generated/fiu/exchange/v1/Keys.js';
import type { RefreshPartnerKeysResponse__Output } from '../generated/fiu/exchange/v1/RefreshPartnerKeysResponse.js';
import { identityChannelOptions } from './credentials.js';
import { operatorCredentials, type OperatorProfile } from './operator-client.js';
import { keysProto } from './proto.js';
import { fromStatus } from './status.js';

export class KeysConnection {
  private readonly client: GrpcKeysClient;

  constructor(
    readonly profile: OperatorProfile,
    private readonly timeoutMs = 60_000,
  ) {
    const Ctor = keysProto().fiu.exchange.v1.Keys;
    this.client = new Ctor(
      profile.address,
      operatorCredentials(profile),
      identityChannelOptions(profile.fiu),
    );
  }

  /** Makes the gateway fetch and register the keys of `partner` (every partner when empty). */
  refreshPartnerKeys(partner: string): Promise<RefreshPartnerKeysResponse__Output> {
    return new Promise((resolve, reject) => {
      this.client.refreshPartnerKeys({ partner }, { deadline: Date.now() + this.timeoutMs }, (err, res) => {
        if (err || !res) reject(fromStatus(err, `Keys.RefreshPartnerKeys at ${this.profile.address}`));
        else resolve(res);
      });
    });
  }

  close(): void {
    this.client.close();
  }
}
