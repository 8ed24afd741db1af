// Original file: proto/fiu/exchange/v1/peer.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeliverRequest as _fiu_exchange_v1_DeliverRequest, DeliverRequest__Output as _fiu_exchange_v1_DeliverRequest__Output } from '../../../fiu/exchange/v1/DeliverRequest.js';
import type { DeliverResponse as _fiu_exchange_v1_DeliverResponse, DeliverResponse__Output as _fiu_exchange_v1_DeliverResponse__Output } from '../../../fiu/exchange/v1/DeliverResponse.js';

/**
 * PeerExchange is served by every gateway to its partners.
 */
export interface PeerExchangeClient extends grpc.Client {
  /**
   * Deliver hands over one sealed message. The answer is a signed delivery receipt, sent only after the
   * receiver has committed the message and its ledger entry. Delivering the same message again returns
   * the same receipt.
   */
  Deliver(argument: _fiu_exchange_v1_DeliverRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DeliverResponse__Output>): grpc.ClientUnaryCall;
  Deliver(argument: _fiu_exchange_v1_DeliverRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DeliverResponse__Output>): grpc.ClientUnaryCall;
  Deliver(argument: _fiu_exchange_v1_DeliverRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DeliverResponse__Output>): grpc.ClientUnaryCall;
  Deliver(argument: _fiu_exchange_v1_DeliverRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DeliverResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deliver hands over one sealed message. The answer is a signed delivery receipt, sent only after the
   * receiver has committed the message and its ledger entry. Delivering the same message again returns
   * the same receipt.
   */
  deliver(argument: _fiu_exchange_v1_DeliverRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DeliverResponse__Output>): grpc.ClientUnaryCall;
  deliver(argument: _fiu_exchange_v1_DeliverRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DeliverResponse__Output>): grpc.ClientUnaryCall;
  deliver(argument: _fiu_exchange_v1_DeliverRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DeliverResponse__Output>): grpc.ClientUnaryCall;
  deliver(argument: _fiu_exchange_v1_DeliverRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DeliverResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * PeerExchange is served by every gateway to its partners.
 */
export interface PeerExchangeHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Deliver hands over one sealed message. The answer is a signed delivery receipt, sent only after the
   * receiver has committed the message and its ledger entry. Delivering the same message again returns
   * the same receipt.
   */
  Deliver: grpc.handleUnaryCall<_fiu_exchange_v1_DeliverRequest__Output, _fiu_exchange_v1_DeliverResponse>;
  
}

export interface PeerExchangeDefinition extends grpc.ServiceDefinition {
  Deliver: MethodDefinition<_fiu_exchange_v1_DeliverRequest, _fiu_exchange_v1_DeliverResponse, _fiu_exchange_v1_DeliverRequest__Output, _fiu_exchange_v1_DeliverResponse__Output>
}
