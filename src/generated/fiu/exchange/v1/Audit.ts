// Original file: proto/fiu/exchange/v1/audit.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuditConsistencyRequest as _fiu_exchange_v1_AuditConsistencyRequest, AuditConsistencyRequest__Output as _fiu_exchange_v1_AuditConsistencyRequest__Output } from '../../../fiu/exchange/v1/AuditConsistencyRequest.js';
import type { AuditConsistencyResponse as _fiu_exchange_v1_AuditConsistencyResponse, AuditConsistencyResponse__Output as _fiu_exchange_v1_AuditConsistencyResponse__Output } from '../../../fiu/exchange/v1/AuditConsistencyResponse.js';
import type { Checkpoint as _fiu_exchange_v1_Checkpoint, Checkpoint__Output as _fiu_exchange_v1_Checkpoint__Output } from '../../../fiu/exchange/v1/Checkpoint.js';
import type { ExportLine as _fiu_exchange_v1_ExportLine, ExportLine__Output as _fiu_exchange_v1_ExportLine__Output } from '../../../fiu/exchange/v1/ExportLine.js';
import type { ExportRequest as _fiu_exchange_v1_ExportRequest, ExportRequest__Output as _fiu_exchange_v1_ExportRequest__Output } from '../../../fiu/exchange/v1/ExportRequest.js';
import type { GetCheckpointRequest as _fiu_exchange_v1_GetCheckpointRequest, GetCheckpointRequest__Output as _fiu_exchange_v1_GetCheckpointRequest__Output } from '../../../fiu/exchange/v1/GetCheckpointRequest.js';
import type { GetEntriesRequest as _fiu_exchange_v1_GetEntriesRequest, GetEntriesRequest__Output as _fiu_exchange_v1_GetEntriesRequest__Output } from '../../../fiu/exchange/v1/GetEntriesRequest.js';
import type { GetEntriesResponse as _fiu_exchange_v1_GetEntriesResponse, GetEntriesResponse__Output as _fiu_exchange_v1_GetEntriesResponse__Output } from '../../../fiu/exchange/v1/GetEntriesResponse.js';
import type { InclusionProofRequest as _fiu_exchange_v1_InclusionProofRequest, InclusionProofRequest__Output as _fiu_exchange_v1_InclusionProofRequest__Output } from '../../../fiu/exchange/v1/InclusionProofRequest.js';
import type { InclusionProofResponse as _fiu_exchange_v1_InclusionProofResponse, InclusionProofResponse__Output as _fiu_exchange_v1_InclusionProofResponse__Output } from '../../../fiu/exchange/v1/InclusionProofResponse.js';

export interface AuditClient extends grpc.Client {
  /**
   * The whole ledger in the export format of docs/AUDIT.md, one JSON line per message.
   */
  Export(argument: _fiu_exchange_v1_ExportRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_fiu_exchange_v1_ExportLine__Output>;
  Export(argument: _fiu_exchange_v1_ExportRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_fiu_exchange_v1_ExportLine__Output>;
  /**
   * The whole ledger in the export format of docs/AUDIT.md, one JSON line per message.
   */
  export(argument: _fiu_exchange_v1_ExportRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_fiu_exchange_v1_ExportLine__Output>;
  export(argument: _fiu_exchange_v1_ExportRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_fiu_exchange_v1_ExportLine__Output>;
  
  /**
   * The latest signed checkpoint.
   */
  GetCheckpoint(argument: _fiu_exchange_v1_GetCheckpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  GetCheckpoint(argument: _fiu_exchange_v1_GetCheckpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  GetCheckpoint(argument: _fiu_exchange_v1_GetCheckpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  GetCheckpoint(argument: _fiu_exchange_v1_GetCheckpointRequest, callback: grpc.requestCallback<_fiu_exchange_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  /**
   * The latest signed checkpoint.
   */
  getCheckpoint(argument: _fiu_exchange_v1_GetCheckpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  getCheckpoint(argument: _fiu_exchange_v1_GetCheckpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  getCheckpoint(argument: _fiu_exchange_v1_GetCheckpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  getCheckpoint(argument: _fiu_exchange_v1_GetCheckpointRequest, callback: grpc.requestCallback<_fiu_exchange_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  
  /**
   * The consistency proof between two tree sizes.
   */
  GetConsistencyProof(argument: _fiu_exchange_v1_AuditConsistencyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AuditConsistencyResponse__Output>): grpc.ClientUnaryCall;
  GetConsistencyProof(argument: _fiu_exchange_v1_AuditConsistencyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_AuditConsistencyResponse__Output>): grpc.ClientUnaryCall;
  GetConsistencyProof(argument: _fiu_exchange_v1_AuditConsistencyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AuditConsistencyResponse__Output>): grpc.ClientUnaryCall;
  GetConsistencyProof(argument: _fiu_exchange_v1_AuditConsistencyRequest, callback: grpc.requestCallback<_fiu_exchange_v1_AuditConsistencyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The consistency proof between two tree sizes.
   */
  getConsistencyProof(argument: _fiu_exchange_v1_AuditConsistencyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AuditConsistencyResponse__Output>): grpc.ClientUnaryCall;
  getConsistencyProof(argument: _fiu_exchange_v1_AuditConsistencyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_AuditConsistencyResponse__Output>): grpc.ClientUnaryCall;
  getConsistencyProof(argument: _fiu_exchange_v1_AuditConsistencyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AuditConsistencyResponse__Output>): grpc.ClientUnaryCall;
  getConsistencyProof(argument: _fiu_exchange_v1_AuditConsistencyRequest, callback: grpc.requestCallback<_fiu_exchange_v1_AuditConsistencyResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Entries with start <= index < end (at most 1000 at once).
   */
  GetEntries(argument: _fiu_exchange_v1_GetEntriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_GetEntriesResponse__Output>): grpc.ClientUnaryCall;
  GetEntries(argument: _fiu_exchange_v1_GetEntriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_GetEntriesResponse__Output>): grpc.ClientUnaryCall;
  GetEntries(argument: _fiu_exchange_v1_GetEntriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_GetEntriesResponse__Output>): grpc.ClientUnaryCall;
  GetEntries(argument: _fiu_exchange_v1_GetEntriesRequest, callback: grpc.requestCallback<_fiu_exchange_v1_GetEntriesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Entries with start <= index < end (at most 1000 at once).
   */
  getEntries(argument: _fiu_exchange_v1_GetEntriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_GetEntriesResponse__Output>): grpc.ClientUnaryCall;
  getEntries(argument: _fiu_exchange_v1_GetEntriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_GetEntriesResponse__Output>): grpc.ClientUnaryCall;
  getEntries(argument: _fiu_exchange_v1_GetEntriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_GetEntriesResponse__Output>): grpc.ClientUnaryCall;
  getEntries(argument: _fiu_exchange_v1_GetEntriesRequest, callback: grpc.requestCallback<_fiu_exchange_v1_GetEntriesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The inclusion proof of one entry, by index or by leaf hash, in the tree of the latest checkpoint.
   */
  GetInclusionProof(argument: _fiu_exchange_v1_InclusionProofRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_InclusionProofResponse__Output>): grpc.ClientUnaryCall;
  GetInclusionProof(argument: _fiu_exchange_v1_InclusionProofRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_InclusionProofResponse__Output>): grpc.ClientUnaryCall;
  GetInclusionProof(argument: _fiu_exchange_v1_InclusionProofRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_InclusionProofResponse__Output>): grpc.ClientUnaryCall;
  GetInclusionProof(argument: _fiu_exchange_v1_InclusionProofRequest, callback: grpc.requestCallback<_fiu_exchange_v1_InclusionProofResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The inclusion proof of one entry, by index or by leaf hash, in the tree of the latest checkpoint.
   */
  getInclusionProof(argument: _fiu_exchange_v1_InclusionProofRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_InclusionProofResponse__Output>): grpc.ClientUnaryCall;
  getInclusionProof(argument: _fiu_exchange_v1_InclusionProofRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_InclusionProofResponse__Output>): grpc.ClientUnaryCall;
  getInclusionProof(argument: _fiu_exchange_v1_InclusionProofRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_InclusionProofResponse__Output>): grpc.ClientUnaryCall;
  getInclusionProof(argument: _fiu_exchange_v1_InclusionProofRequest, callback: grpc.requestCallback<_fiu_exchange_v1_InclusionProofResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AuditHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The whole ledger in the export format of docs/AUDIT.md, one JSON line per message.
   */
  Export: grpc.handleServerStreamingCall<_fiu_exchange_v1_ExportRequest__Output, _fiu_exchange_v1_ExportLine>;
  
  /**
   * The latest signed checkpoint.
   */
  GetCheckpoint: grpc.handleUnaryCall<_fiu_exchange_v1_GetCheckpointRequest__Output, _fiu_exchange_v1_Checkpoint>;
  
  /**
   * The consistency proof between two tree sizes.
   */
  GetConsistencyProof: grpc.handleUnaryCall<_fiu_exchange_v1_AuditConsistencyRequest__Output, _fiu_exchange_v1_AuditConsistencyResponse>;
  
  /**
   * Entries with start <= index < end (at most 1000 at once).
   */
  GetEntries: grpc.handleUnaryCall<_fiu_exchange_v1_GetEntriesRequest__Output, _fiu_exchange_v1_GetEntriesResponse>;
  
  /**
   * The inclusion proof of one entry, by index or by leaf hash, in the tree of the latest checkpoint.
   */
  GetInclusionProof: grpc.handleUnaryCall<_fiu_exchange_v1_InclusionProofRequest__Output, _fiu_exchange_v1_InclusionProofResponse>;
  
}

export interface AuditDefinition extends grpc.ServiceDefinition {
  Export: MethodDefinition<_fiu_exchange_v1_ExportRequest, _fiu_exchange_v1_ExportLine, _fiu_exchange_v1_ExportRequest__Output, _fiu_exchange_v1_ExportLine__Output>
  GetCheckpoint: MethodDefinition<_fiu_exchange_v1_GetCheckpointRequest, _fiu_exchange_v1_Checkpoint, _fiu_exchange_v1_GetCheckpointRequest__Output, _fiu_exchange_v1_Checkpoint__Output>
  GetConsistencyProof: MethodDefinition<_fiu_exchange_v1_AuditConsistencyRequest, _fiu_exchange_v1_AuditConsistencyResponse, _fiu_exchange_v1_AuditConsistencyRequest__Output, _fiu_exchange_v1_AuditConsistencyResponse__Output>
  GetEntries: MethodDefinition<_fiu_exchange_v1_GetEntriesRequest, _fiu_exchange_v1_GetEntriesResponse, _fiu_exchange_v1_GetEntriesRequest__Output, _fiu_exchange_v1_GetEntriesResponse__Output>
  GetInclusionProof: MethodDefinition<_fiu_exchange_v1_InclusionProofRequest, _fiu_exchange_v1_InclusionProofResponse, _fiu_exchange_v1_InclusionProofRequest__Output, _fiu_exchange_v1_InclusionProofResponse__Output>
}
