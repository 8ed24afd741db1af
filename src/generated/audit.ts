import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AuditClient as _fiu_exchange_v1_AuditClient, AuditDefinition as _fiu_exchange_v1_AuditDefinition } from './fiu/exchange/v1/Audit.js';
import type { AuditConsistencyRequest as _fiu_exchange_v1_AuditConsistencyRequest, AuditConsistencyRequest__Output as _fiu_exchange_v1_AuditConsistencyRequest__Output } from './fiu/exchange/v1/AuditConsistencyRequest.js';
import type { AuditConsistencyResponse as _fiu_exchange_v1_AuditConsistencyResponse, AuditConsistencyResponse__Output as _fiu_exchange_v1_AuditConsistencyResponse__Output } from './fiu/exchange/v1/AuditConsistencyResponse.js';
import type { Checkpoint as _fiu_exchange_v1_Checkpoint, Checkpoint__Output as _fiu_exchange_v1_Checkpoint__Output } from './fiu/exchange/v1/Checkpoint.js';
import type { ExportLine as _fiu_exchange_v1_ExportLine, ExportLine__Output as _fiu_exchange_v1_ExportLine__Output } from './fiu/exchange/v1/ExportLine.js';
import type { ExportRequest as _fiu_exchange_v1_ExportRequest, ExportRequest__Output as _fiu_exchange_v1_ExportRequest__Output } from './fiu/exchange/v1/ExportRequest.js';
import type { GetCheckpointRequest as _fiu_exchange_v1_GetCheckpointRequest, GetCheckpointRequest__Output as _fiu_exchange_v1_GetCheckpointRequest__Output } from './fiu/exchange/v1/GetCheckpointRequest.js';
import type { GetEntriesRequest as _fiu_exchange_v1_GetEntriesRequest, GetEntriesRequest__Output as _fiu_exchange_v1_GetEntriesRequest__Output } from './fiu/exchange/v1/GetEntriesRequest.js';
import type { GetEntriesResponse as _fiu_exchange_v1_GetEntriesResponse, GetEntriesResponse__Output as _fiu_exchange_v1_GetEntriesResponse__Output } from './fiu/exchange/v1/GetEntriesResponse.js';
import type { InclusionProofRequest as _fiu_exchange_v1_InclusionProofRequest, InclusionProofRequest__Output as _fiu_exchange_v1_InclusionProofRequest__Output } from './fiu/exchange/v1/InclusionProofRequest.js';
import type { InclusionProofResponse as _fiu_exchange_v1_InclusionProofResponse, InclusionProofResponse__Output as _fiu_exchange_v1_InclusionProofResponse__Output } from './fiu/exchange/v1/InclusionProofResponse.js';
import type { LedgerEntryLine as _fiu_exchange_v1_LedgerEntryLine, LedgerEntryLine__Output as _fiu_exchange_v1_LedgerEntryLine__Output } from './fiu/exchange/v1/LedgerEntryLine.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  fiu: {
    exchange: {
      v1: {
        Audit: SubtypeConstructor<typeof grpc.Client, _fiu_exchange_v1_AuditClient> & { service: _fiu_exchange_v1_AuditDefinition }
        AuditConsistencyRequest: MessageTypeDefinition<_fiu_exchange_v1_AuditConsistencyRequest, _fiu_exchange_v1_AuditConsistencyRequest__Output>
        AuditConsistencyResponse: MessageTypeDefinition<_fiu_exchange_v1_AuditConsistencyResponse, _fiu_exchange_v1_AuditConsistencyResponse__Output>
        Checkpoint: MessageTypeDefinition<_fiu_exchange_v1_Checkpoint, _fiu_exchange_v1_Checkpoint__Output>
        ExportLine: MessageTypeDefinition<_fiu_exchange_v1_ExportLine, _fiu_exchange_v1_ExportLine__Output>
        ExportRequest: MessageTypeDefinition<_fiu_exchange_v1_ExportRequest, _fiu_exchange_v1_ExportRequest__Output>
        GetCheckpointRequest: MessageTypeDefinition<_fiu_exchange_v1_GetCheckpointRequest, _fiu_exchange_v1_GetCheckpointRequest__Output>
        GetEntriesRequest: MessageTypeDefinition<_fiu_exchange_v1_GetEntriesRequest, _fiu_exchange_v1_GetEntriesRequest__Output>
        GetEntriesResponse: MessageTypeDefinition<_fiu_exchange_v1_GetEntriesResponse, _fiu_exchange_v1_GetEntriesResponse__Output>
        InclusionProofRequest: MessageTypeDefinition<_fiu_exchange_v1_InclusionProofRequest, _fiu_exchange_v1_InclusionProofRequest__Output>
        InclusionProofResponse: MessageTypeDefinition<_fiu_exchange_v1_InclusionProofResponse, _fiu_exchange_v1_InclusionProofResponse__Output>
        LedgerEntryLine: MessageTypeDefinition<_fiu_exchange_v1_LedgerEntryLine, _fiu_exchange_v1_LedgerEntryLine__Output>
      }
    }
  }
}

