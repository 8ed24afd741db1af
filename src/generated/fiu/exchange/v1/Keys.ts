// Original file: proto/fiu/exchange/v1/keys.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { RefreshPartnerKeysRequest as _fiu_exchange_v1_RefreshPartnerKeysRequest, RefreshPartnerKeysRequest__Output as _fiu_exchange_v1_RefreshPartnerKeysRequest__Output } from '../../../fiu/exchange/v1/RefreshPartnerKeysRequest.js';
import type { RefreshPartnerKeysResponse as _fiu_exchange_v1_RefreshPartnerKeysResponse, RefreshPartnerKeysResponse__Output as _fiu_exchange_v1_RefreshPartnerKeysResponse__Output } from '../../../fiu/exchange/v1/RefreshPartnerKeysResponse.js';

export interface KeysClient extends grpc.Client {
  /**
   * RefreshPartnerKeys calls GetKeys on one partner (or on every partner when `partner` is empty),
   * verifies each key set with a signing key already registered for that partner, and registers the
   * keys it did not know (one key.registered ledger entry each). Role: admin.
   */
  RefreshPartnerKeys(argument: _fiu_exchange_v1_RefreshPartnerKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_RefreshPartnerKeysResponse__Output>): grpc.ClientUnaryCall;
  RefreshPartnerKeys(argument: _fiu_exchange_v1_RefreshPartnerKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_RefreshPartnerKeysResponse__Output>): grpc.ClientUnaryCall;
  RefreshPartnerKeys(argument: _fiu_exchange_v1_RefreshPartnerKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_RefreshPartnerKeysResponse__Output>): grpc.ClientUnaryCall;
  RefreshPartnerKeys(argument: _fiu_exchange_v1_RefreshPartnerKeysRequest, callback: grpc.requestCallback<_fiu_exchange_v1_RefreshPartnerKeysResponse__Output>): grpc.ClientUnaryCall;
  /**
   * RefreshPartnerKeys calls GetKeys on one partner (or on every partner when `partner` is empty),
   * verifies each key set with a signing key already registered for that partner, and registers the
   * keys it did not know (one key.registered ledger entry each). Role: admin.
   */
  refreshPartnerKeys(argument: _fiu_exchange_v1_RefreshPartnerKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_RefreshPartnerKeysResponse__Output>): grpc.ClientUnaryCall;
  refreshPartnerKeys(argument: _fiu_exchange_v1_RefreshPartnerKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_RefreshPartnerKeysResponse__Output>): grpc.ClientUnaryCall;
  refreshPartnerKeys(argument: _fiu_exchange_v1_RefreshPartnerKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_RefreshPartnerKeysResponse__Output>): grpc.ClientUnaryCall;
  refreshPartnerKeys(argument: _fiu_exchange_v1_RefreshPartnerKeysRequest, callback: grpc.requestCallback<_fiu_exchange_v1_RefreshPartnerKeysResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface KeysHandlers extends grpc.UntypedServiceImplementation {
  /**
   * RefreshPartnerKeys calls GetKeys on one partner (or on every partner when `partner` is empty),
   * verifies each key set with a signing key already registered for that partner, and registers the
   * keys it did not know (one key.registered ledger entry each). Role: admin.
   */
  RefreshPartnerKeys: grpc.handleUnaryCall<_fiu_exchange_v1_RefreshPartnerKeysRequest__Output, _fiu_exchange_v1_RefreshPartnerKeysResponse>;
  
}

export interface KeysDefinition extends grpc.ServiceDefinition {
  RefreshPartnerKeys: MethodDefinition<_fiu_exchange_v1_RefreshPartnerKeysRequest, _fiu_exchange_v1_RefreshPartnerKeysResponse, _fiu_exchange_v1_RefreshPartnerKeysRequest__Output, _fiu_exchange_v1_RefreshPartnerKeysResponse__Output>
}
