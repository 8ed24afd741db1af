import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AgreementChange as _fiu_exchange_v1_AgreementChange, AgreementChange__Output as _fiu_exchange_v1_AgreementChange__Output } from './fiu/exchange/v1/AgreementChange.js';
import type { AgreementRevision as _fiu_exchange_v1_AgreementRevision, AgreementRevision__Output as _fiu_exchange_v1_AgreementRevision__Output } from './fiu/exchange/v1/AgreementRevision.js';
import type { AgreementsClient as _fiu_exchange_v1_AgreementsClient, AgreementsDefinition as _fiu_exchange_v1_AgreementsDefinition } from './fiu/exchange/v1/Agreements.js';
import type { ApplyAgreementRequest as _fiu_exchange_v1_ApplyAgreementRequest, ApplyAgreementRequest__Output as _fiu_exchange_v1_ApplyAgreementRequest__Output } from './fiu/exchange/v1/ApplyAgreementRequest.js';
import type { ListAgreementsRequest as _fiu_exchange_v1_ListAgreementsRequest, ListAgreementsRequest__Output as _fiu_exchange_v1_ListAgreementsRequest__Output } from './fiu/exchange/v1/ListAgreementsRequest.js';
import type { ListAgreementsResponse as _fiu_exchange_v1_ListAgreementsResponse, ListAgreementsResponse__Output as _fiu_exchange_v1_ListAgreementsResponse__Output } from './fiu/exchange/v1/ListAgreementsResponse.js';
import type { ShowAgreementRequest as _fiu_exchange_v1_ShowAgreementRequest, ShowAgreementRequest__Output as _fiu_exchange_v1_ShowAgreementRequest__Output } from './fiu/exchange/v1/ShowAgreementRequest.js';
import type { ShowAgreementResponse as _fiu_exchange_v1_ShowAgreementResponse, ShowAgreementResponse__Output as _fiu_exchange_v1_ShowAgreementResponse__Output } from './fiu/exchange/v1/ShowAgreementResponse.js';
import type { SuspendAgreementRequest as _fiu_exchange_v1_SuspendAgreementRequest, SuspendAgreementRequest__Output as _fiu_exchange_v1_SuspendAgreementRequest__Output } from './fiu/exchange/v1/SuspendAgreementRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  fiu: {
    exchange: {
      v1: {
        AgreementChange: MessageTypeDefinition<_fiu_exchange_v1_AgreementChange, _fiu_exchange_v1_AgreementChange__Output>
        AgreementRevision: MessageTypeDefinition<_fiu_exchange_v1_AgreementRevision, _fiu_exchange_v1_AgreementRevision__Output>
        Agreements: SubtypeConstructor<typeof grpc.Client, _fiu_exchange_v1_AgreementsClient> & { service: _fiu_exchange_v1_AgreementsDefinition }
        ApplyAgreementRequest: MessageTypeDefinition<_fiu_exchange_v1_ApplyAgreementRequest, _fiu_exchange_v1_ApplyAgreementRequest__Output>
        ListAgreementsRequest: MessageTypeDefinition<_fiu_exchange_v1_ListAgreementsRequest, _fiu_exchange_v1_ListAgreementsRequest__Output>
        ListAgreementsResponse: MessageTypeDefinition<_fiu_exchange_v1_ListAgreementsResponse, _fiu_exchange_v1_ListAgreementsResponse__Output>
        ShowAgreementRequest: MessageTypeDefinition<_fiu_exchange_v1_ShowAgreementRequest, _fiu_exchange_v1_ShowAgreementRequest__Output>
        ShowAgreementResponse: MessageTypeDefinition<_fiu_exchange_v1_ShowAgreementResponse, _fiu_exchange_v1_ShowAgreementResponse__Output>
        SuspendAgreementRequest: MessageTypeDefinition<_fiu_exchange_v1_SuspendAgreementRequest, _fiu_exchange_v1_SuspendAgreementRequest__Output>
      }
    }
  }
}

