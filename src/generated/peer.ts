import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConsistencyProofRequest as _fiu_exchange_v1_ConsistencyProofRequest, ConsistencyProofRequest__Output as _fiu_exchange_v1_ConsistencyProofRequest__Output } from './fiu/exchange/v1/ConsistencyProofRequest.js';
import type { ConsistencyProofResponse as _fiu_exchange_v1_ConsistencyProofResponse, ConsistencyProofResponse__Output as _fiu_exchange_v1_ConsistencyProofResponse__Output } from './fiu/exchange/v1/ConsistencyProofResponse.js';
import type { DeliverRequest as _fiu_exchange_v1_DeliverRequest, DeliverRequest__Output as _fiu_exchange_v1_DeliverRequest__Output } from './fiu/exchange/v1/DeliverRequest.js';
import type { DeliverResponse as _fiu_exchange_v1_DeliverResponse, DeliverResponse__Output as _fiu_exchange_v1_DeliverResponse__Output } from './fiu/exchange/v1/DeliverResponse.js';
import type { DigestInclusionRequest as _fiu_exchange_v1_DigestInclusionRequest, DigestInclusionRequest__Output as _fiu_exchange_v1_DigestInclusionRequest__Output } from './fiu/exchange/v1/DigestInclusionRequest.js';
import type { DigestInclusionResponse as _fiu_exchange_v1_DigestInclusionResponse, DigestInclusionResponse__Output as _fiu_exchange_v1_DigestInclusionResponse__Output } from './fiu/exchange/v1/DigestInclusionResponse.js';
import type { GetKeysRequest as _fiu_exchange_v1_GetKeysRequest, GetKeysRequest__Output as _fiu_exchange_v1_GetKeysRequest__Output } from './fiu/exchange/v1/GetKeysRequest.js';
import type { GetKeysResponse as _fiu_exchange_v1_GetKeysResponse, GetKeysResponse__Output as _fiu_exchange_v1_GetKeysResponse__Output } from './fiu/exchange/v1/GetKeysResponse.js';
import type { PeerExchangeClient as _fiu_exchange_v1_PeerExchangeClient, PeerExchangeDefinition as _fiu_exchange_v1_PeerExchangeDefinition } from './fiu/exchange/v1/PeerExchange.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  fiu: {
    exchange: {
      v1: {
        ConsistencyProofRequest: MessageTypeDefinition<_fiu_exchange_v1_ConsistencyProofRequest, _fiu_exchange_v1_ConsistencyProofRequest__Output>
        ConsistencyProofResponse: MessageTypeDefinition<_fiu_exchange_v1_ConsistencyProofResponse, _fiu_exchange_v1_ConsistencyProofResponse__Output>
        DeliverRequest: MessageTypeDefinition<_fiu_exchange_v1_DeliverRequest, _fiu_exchange_v1_DeliverRequest__Output>
        DeliverResponse: MessageTypeDefinition<_fiu_exchange_v1_DeliverResponse, _fiu_exchange_v1_DeliverResponse__Output>
        DigestInclusionRequest: MessageTypeDefinition<_fiu_exchange_v1_DigestInclusionRequest, _fiu_exchange_v1_DigestInclusionRequest__Output>
        DigestInclusionResponse: MessageTypeDefinition<_fiu_exchange_v1_DigestInclusionResponse, _fiu_exchange_v1_DigestInclusionResponse__Output>
        GetKeysRequest: MessageTypeDefinition<_fiu_exchange_v1_GetKeysRequest, _fiu_exchange_v1_GetKeysRequest__Output>
        GetKeysResponse: MessageTypeDefinition<_fiu_exchange_v1_GetKeysResponse, _fiu_exchange_v1_GetKeysResponse__Output>
        /**
         * PeerExchange is served by every gateway to its partners.
         */
        PeerExchange: SubtypeConstructor<typeof grpc.Client, _fiu_exchange_v1_PeerExchangeClient> & { service: _fiu_exchange_v1_PeerExchangeDefinition }
      }
    }
  }
}

