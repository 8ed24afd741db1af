// Original file: proto/fiu/exchange/v1/peer.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConsistencyProofRequest as _fiu_exchange_v1_ConsistencyProofRequest, ConsistencyProofRequest__Output as _fiu_exchange_v1_ConsistencyProofRequest__Output } from '../../../fiu/exchange/v1/ConsistencyProofRequest.js';
import type { ConsistencyProofResponse as _fiu_exchange_v1_ConsistencyProofResponse, ConsistencyProofResponse__Output as _fiu_exchange_v1_ConsistencyProofResponse__Output } from '../../../fiu/exchange/v1/ConsistencyProofResponse.js';
import type { DeliverRequest as _fiu_exchange_v1_DeliverRequest, DeliverRequest__Output as _fiu_exchange_v1_DeliverRequest__Output } from '../../../fiu/exchange/v1/DeliverRequest.js';
import type { DeliverResponse as _fiu_exchange_v1_DeliverResponse, DeliverResponse__Output as _fiu_exchange_v1_DeliverResponse__Output } from '../../../fiu/exchange/v1/DeliverResponse.js';
import type { DigestInclusionRequest as _fiu_exchange_v1_DigestInclusionRequest, DigestInclusionRequest__Output as _fiu_exchange_v1_DigestInclusionRequest__Output } from '../../../fiu/exchange/v1/DigestInclusionRequest.js';
import type { DigestInclusionResponse as _fiu_exchange_v1_DigestInclusionResponse, DigestInclusionResponse__Output as _fiu_exchange_v1_DigestInclusionResponse__Output } from '../../../fiu/exchange/v1/DigestInclusionResponse.js';
import type { GetKeysRequest as _fiu_exchange_v1_GetKeysRequest, GetKeysRequest__Output as _fiu_exchange_v1_GetKeysRequest__Output } from '../../../fiu/exchange/v1/GetKeysRequest.js';
import type { GetKeysResponse as _fiu_exchange_v1_GetKeysResponse, GetKeysResponse__Output as _fiu_exchange_v1_GetKeysResponse__Output } from '../../../fiu/exchange/v1/GetKeysResponse.js';

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
  
  /**
   * GetConsistencyProof proves that the caller's ledger view of size `size1` is a prefix of the tree of
   * size `size2` (RFC 9162 section 2.1.4). Both sizes must be at most the current size.
   */
  GetConsistencyProof(argument: _fiu_exchange_v1_ConsistencyProofRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ConsistencyProofResponse__Output>): grpc.ClientUnaryCall;
  GetConsistencyProof(argument: _fiu_exchange_v1_ConsistencyProofRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ConsistencyProofResponse__Output>): grpc.ClientUnaryCall;
  GetConsistencyProof(argument: _fiu_exchange_v1_ConsistencyProofRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ConsistencyProofResponse__Output>): grpc.ClientUnaryCall;
  GetConsistencyProof(argument: _fiu_exchange_v1_ConsistencyProofRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ConsistencyProofResponse__Output>): grpc.ClientUnaryCall;
  /**
   * GetConsistencyProof proves that the caller's ledger view of size `size1` is a prefix of the tree of
   * size `size2` (RFC 9162 section 2.1.4). Both sizes must be at most the current size.
   */
  getConsistencyProof(argument: _fiu_exchange_v1_ConsistencyProofRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ConsistencyProofResponse__Output>): grpc.ClientUnaryCall;
  getConsistencyProof(argument: _fiu_exchange_v1_ConsistencyProofRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ConsistencyProofResponse__Output>): grpc.ClientUnaryCall;
  getConsistencyProof(argument: _fiu_exchange_v1_ConsistencyProofRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ConsistencyProofResponse__Output>): grpc.ClientUnaryCall;
  getConsistencyProof(argument: _fiu_exchange_v1_ConsistencyProofRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ConsistencyProofResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * GetInclusionProof returns the ledger entry that recorded a message exchanged with the caller (found
   * by the digest of its sealed bytes) and its inclusion proof in the latest checkpoint.
   */
  GetInclusionProof(argument: _fiu_exchange_v1_DigestInclusionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DigestInclusionResponse__Output>): grpc.ClientUnaryCall;
  GetInclusionProof(argument: _fiu_exchange_v1_DigestInclusionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DigestInclusionResponse__Output>): grpc.ClientUnaryCall;
  GetInclusionProof(argument: _fiu_exchange_v1_DigestInclusionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DigestInclusionResponse__Output>): grpc.ClientUnaryCall;
  GetInclusionProof(argument: _fiu_exchange_v1_DigestInclusionRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DigestInclusionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * GetInclusionProof returns the ledger entry that recorded a message exchanged with the caller (found
   * by the digest of its sealed bytes) and its inclusion proof in the latest checkpoint.
   */
  getInclusionProof(argument: _fiu_exchange_v1_DigestInclusionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DigestInclusionResponse__Output>): grpc.ClientUnaryCall;
  getInclusionProof(argument: _fiu_exchange_v1_DigestInclusionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DigestInclusionResponse__Output>): grpc.ClientUnaryCall;
  getInclusionProof(argument: _fiu_exchange_v1_DigestInclusionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DigestInclusionResponse__Output>): grpc.ClientUnaryCall;
  getInclusionProof(argument: _fiu_exchange_v1_DigestInclusionRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DigestInclusionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * GetKeys returns this gateway's current public key records as a key set: a compact JWS (typ
   * "fiu-keyset+jws") signed by one of its signing keys that is valid now (docs/PROTOCOL.md section 11).
   */
  GetKeys(argument: _fiu_exchange_v1_GetKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_GetKeysResponse__Output>): grpc.ClientUnaryCall;
  GetKeys(argument: _fiu_exchange_v1_GetKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_GetKeysResponse__Output>): grpc.ClientUnaryCall;
  GetKeys(argument: _fiu_exchange_v1_GetKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_GetKeysResponse__Output>): grpc.ClientUnaryCall;
  GetKeys(argument: _fiu_exchange_v1_GetKeysRequest, callback: grpc.requestCallback<_fiu_exchange_v1_GetKeysResponse__Output>): grpc.ClientUnaryCall;
  /**
   * GetKeys returns this gateway's current public key records as a key set: a compact JWS (typ
   * "fiu-keyset+jws") signed by one of its signing keys that is valid now (docs/PROTOCOL.md section 11).
   */
  getKeys(argument: _fiu_exchange_v1_GetKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_GetKeysResponse__Output>): grpc.ClientUnaryCall;
  getKeys(argument: _fiu_exchange_v1_GetKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_GetKeysResponse__Output>): grpc.ClientUnaryCall;
  getKeys(argument: _fiu_exchange_v1_GetKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_GetKeysResponse__Output>): grpc.ClientUnaryCall;
  getKeys(argument: _fiu_exchange_v1_GetKeysRequest, callback: grpc.requestCallback<_fiu_exchange_v1_GetKeysResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  /**
   * GetConsistencyProof proves that the caller's ledger view of size `size1` is a prefix of the tree of
   * size `size2` (RFC 9162 section 2.1.4). Both sizes must be at most the current size.
   */
  GetConsistencyProof: grpc.handleUnaryCall<_fiu_exchange_v1_ConsistencyProofRequest__Output, _fiu_exchange_v1_ConsistencyProofResponse>;
  
  /**
   * GetInclusionProof returns the ledger entry that recorded a message exchanged with the caller (found
   * by the digest of its sealed bytes) and its inclusion proof in the latest checkpoint.
   */
  GetInclusionProof: grpc.handleUnaryCall<_fiu_exchange_v1_DigestInclusionRequest__Output, _fiu_exchange_v1_DigestInclusionResponse>;
  
  /**
   * GetKeys returns this gateway's current public key records as a key set: a compact JWS (typ
   * "fiu-keyset+jws") signed by one of its signing keys that is valid now (docs/PROTOCOL.md section 11).
   */
  GetKeys: grpc.handleUnaryCall<_fiu_exchange_v1_GetKeysRequest__Output, _fiu_exchange_v1_GetKeysResponse>;
  
}

export interface PeerExchangeDefinition extends grpc.ServiceDefinition {
  Deliver: MethodDefinition<_fiu_exchange_v1_DeliverRequest, _fiu_exchange_v1_DeliverResponse, _fiu_exchange_v1_DeliverRequest__Output, _fiu_exchange_v1_DeliverResponse__Output>
  GetConsistencyProof: MethodDefinition<_fiu_exchange_v1_ConsistencyProofRequest, _fiu_exchange_v1_ConsistencyProofResponse, _fiu_exchange_v1_ConsistencyProofRequest__Output, _fiu_exchange_v1_ConsistencyProofResponse__Output>
  GetInclusionProof: MethodDefinition<_fiu_exchange_v1_DigestInclusionRequest, _fiu_exchange_v1_DigestInclusionResponse, _fiu_exchange_v1_DigestInclusionRequest__Output, _fiu_exchange_v1_DigestInclusionResponse__Output>
  GetKeys: MethodDefinition<_fiu_exchange_v1_GetKeysRequest, _fiu_exchange_v1_GetKeysResponse, _fiu_exchange_v1_GetKeysRequest__Output, _fiu_exchange_v1_GetKeysResponse__Output>
}
