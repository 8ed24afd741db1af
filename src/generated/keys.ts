import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { KeysClient as _fiu_exchange_v1_KeysClient, KeysDefinition as _fiu_exchange_v1_KeysDefinition } from './fiu/exchange/v1/Keys.js';
import type { LearnedKey as _fiu_exchange_v1_LearnedKey, LearnedKey__Output as _fiu_exchange_v1_LearnedKey__Output } from './fiu/exchange/v1/LearnedKey.js';
import type { PartnerRefresh as _fiu_exchange_v1_PartnerRefresh, PartnerRefresh__Output as _fiu_exchange_v1_PartnerRefresh__Output } from './fiu/exchange/v1/PartnerRefresh.js';
import type { RefreshPartnerKeysRequest as _fiu_exchange_v1_RefreshPartnerKeysRequest, RefreshPartnerKeysRequest__Output as _fiu_exchange_v1_RefreshPartnerKeysRequest__Output } from './fiu/exchange/v1/RefreshPartnerKeysRequest.js';
import type { RefreshPartnerKeysResponse as _fiu_exchange_v1_RefreshPartnerKeysResponse, RefreshPartnerKeysResponse__Output as _fiu_exchange_v1_RefreshPartnerKeysResponse__Output } from './fiu/exchange/v1/RefreshPartnerKeysResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  fiu: {
    exchange: {
      v1: {
        Keys: SubtypeConstructor<typeof grpc.Client, _fiu_exchange_v1_KeysClient> & { service: _fiu_exchange_v1_KeysDefinition }
        LearnedKey: MessageTypeDefinition<_fiu_exchange_v1_LearnedKey, _fiu_exchange_v1_LearnedKey__Output>
        PartnerRefresh: MessageTypeDefinition<_fiu_exchange_v1_PartnerRefresh, _fiu_exchange_v1_PartnerRefresh__Output>
        RefreshPartnerKeysRequest: MessageTypeDefinition<_fiu_exchange_v1_RefreshPartnerKeysRequest, _fiu_exchange_v1_RefreshPartnerKeysRequest__Output>
        RefreshPartnerKeysResponse: MessageTypeDefinition<_fiu_exchange_v1_RefreshPartnerKeysResponse, _fiu_exchange_v1_RefreshPartnerKeysResponse__Output>
      }
    }
  }
}

