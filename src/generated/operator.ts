import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AssignCaseRequest as _fiu_exchange_v1_AssignCaseRequest, AssignCaseRequest__Output as _fiu_exchange_v1_AssignCaseRequest__Output } from './fiu/exchange/v1/AssignCaseRequest.js';
import type { AssignCaseResponse as _fiu_exchange_v1_AssignCaseResponse, AssignCaseResponse__Output as _fiu_exchange_v1_AssignCaseResponse__Output } from './fiu/exchange/v1/AssignCaseResponse.js';
import type { CaseDecisionInfo as _fiu_exchange_v1_CaseDecisionInfo, CaseDecisionInfo__Output as _fiu_exchange_v1_CaseDecisionInfo__Output } from './fiu/exchange/v1/CaseDecisionInfo.js';
import type { CaseDraftInfo as _fiu_exchange_v1_CaseDraftInfo, CaseDraftInfo__Output as _fiu_exchange_v1_CaseDraftInfo__Output } from './fiu/exchange/v1/CaseDraftInfo.js';
import type { CaseMessage as _fiu_exchange_v1_CaseMessage, CaseMessage__Output as _fiu_exchange_v1_CaseMessage__Output } from './fiu/exchange/v1/CaseMessage.js';
import type { CaseSummary as _fiu_exchange_v1_CaseSummary, CaseSummary__Output as _fiu_exchange_v1_CaseSummary__Output } from './fiu/exchange/v1/CaseSummary.js';
import type { CloseCaseRequest as _fiu_exchange_v1_CloseCaseRequest, CloseCaseRequest__Output as _fiu_exchange_v1_CloseCaseRequest__Output } from './fiu/exchange/v1/CloseCaseRequest.js';
import type { CloseCaseResponse as _fiu_exchange_v1_CloseCaseResponse, CloseCaseResponse__Output as _fiu_exchange_v1_CloseCaseResponse__Output } from './fiu/exchange/v1/CloseCaseResponse.js';
import type { DecideCaseRequest as _fiu_exchange_v1_DecideCaseRequest, DecideCaseRequest__Output as _fiu_exchange_v1_DecideCaseRequest__Output } from './fiu/exchange/v1/DecideCaseRequest.js';
import type { DecideConsentRequest as _fiu_exchange_v1_DecideConsentRequest, DecideConsentRequest__Output as _fiu_exchange_v1_DecideConsentRequest__Output } from './fiu/exchange/v1/DecideConsentRequest.js';
import type { DeliveryReceiptInfo as _fiu_exchange_v1_DeliveryReceiptInfo, DeliveryReceiptInfo__Output as _fiu_exchange_v1_DeliveryReceiptInfo__Output } from './fiu/exchange/v1/DeliveryReceiptInfo.js';
import type { DiscloseSpontaneousRequest as _fiu_exchange_v1_DiscloseSpontaneousRequest, DiscloseSpontaneousRequest__Output as _fiu_exchange_v1_DiscloseSpontaneousRequest__Output } from './fiu/exchange/v1/DiscloseSpontaneousRequest.js';
import type { DraftOutcome as _fiu_exchange_v1_DraftOutcome, DraftOutcome__Output as _fiu_exchange_v1_DraftOutcome__Output } from './fiu/exchange/v1/DraftOutcome.js';
import type { DraftResponseRequest as _fiu_exchange_v1_DraftResponseRequest, DraftResponseRequest__Output as _fiu_exchange_v1_DraftResponseRequest__Output } from './fiu/exchange/v1/DraftResponseRequest.js';
import type { ExportCaseRequest as _fiu_exchange_v1_ExportCaseRequest, ExportCaseRequest__Output as _fiu_exchange_v1_ExportCaseRequest__Output } from './fiu/exchange/v1/ExportCaseRequest.js';
import type { ExportCaseResponse as _fiu_exchange_v1_ExportCaseResponse, ExportCaseResponse__Output as _fiu_exchange_v1_ExportCaseResponse__Output } from './fiu/exchange/v1/ExportCaseResponse.js';
import type { ListInboxRequest as _fiu_exchange_v1_ListInboxRequest, ListInboxRequest__Output as _fiu_exchange_v1_ListInboxRequest__Output } from './fiu/exchange/v1/ListInboxRequest.js';
import type { ListInboxResponse as _fiu_exchange_v1_ListInboxResponse, ListInboxResponse__Output as _fiu_exchange_v1_ListInboxResponse__Output } from './fiu/exchange/v1/ListInboxResponse.js';
import type { ListOutboxRequest as _fiu_exchange_v1_ListOutboxRequest, ListOutboxRequest__Output as _fiu_exchange_v1_ListOutboxRequest__Output } from './fiu/exchange/v1/ListOutboxRequest.js';
import type { ListOutboxResponse as _fiu_exchange_v1_ListOutboxResponse, ListOutboxResponse__Output as _fiu_exchange_v1_ListOutboxResponse__Output } from './fiu/exchange/v1/ListOutboxResponse.js';
import type { OperatorClient as _fiu_exchange_v1_OperatorClient, OperatorDefinition as _fiu_exchange_v1_OperatorDefinition } from './fiu/exchange/v1/Operator.js';
import type { OutboxActionResponse as _fiu_exchange_v1_OutboxActionResponse, OutboxActionResponse__Output as _fiu_exchange_v1_OutboxActionResponse__Output } from './fiu/exchange/v1/OutboxActionResponse.js';
import type { OutboxItemInfo as _fiu_exchange_v1_OutboxItemInfo, OutboxItemInfo__Output as _fiu_exchange_v1_OutboxItemInfo__Output } from './fiu/exchange/v1/OutboxItemInfo.js';
import type { OutboxItemRequest as _fiu_exchange_v1_OutboxItemRequest, OutboxItemRequest__Output as _fiu_exchange_v1_OutboxItemRequest__Output } from './fiu/exchange/v1/OutboxItemRequest.js';
import type { PartnerCaseSummary as _fiu_exchange_v1_PartnerCaseSummary, PartnerCaseSummary__Output as _fiu_exchange_v1_PartnerCaseSummary__Output } from './fiu/exchange/v1/PartnerCaseSummary.js';
import type { RequestConsentRequest as _fiu_exchange_v1_RequestConsentRequest, RequestConsentRequest__Output as _fiu_exchange_v1_RequestConsentRequest__Output } from './fiu/exchange/v1/RequestConsentRequest.js';
import type { SendFeedbackRequest as _fiu_exchange_v1_SendFeedbackRequest, SendFeedbackRequest__Output as _fiu_exchange_v1_SendFeedbackRequest__Output } from './fiu/exchange/v1/SendFeedbackRequest.js';
import type { ShowCaseRequest as _fiu_exchange_v1_ShowCaseRequest, ShowCaseRequest__Output as _fiu_exchange_v1_ShowCaseRequest__Output } from './fiu/exchange/v1/ShowCaseRequest.js';
import type { ShowCaseResponse as _fiu_exchange_v1_ShowCaseResponse, ShowCaseResponse__Output as _fiu_exchange_v1_ShowCaseResponse__Output } from './fiu/exchange/v1/ShowCaseResponse.js';
import type { SubmitRequestRequest as _fiu_exchange_v1_SubmitRequestRequest, SubmitRequestRequest__Output as _fiu_exchange_v1_SubmitRequestRequest__Output } from './fiu/exchange/v1/SubmitRequestRequest.js';
import type { SubmitRequestResponse as _fiu_exchange_v1_SubmitRequestResponse, SubmitRequestResponse__Output as _fiu_exchange_v1_SubmitRequestResponse__Output } from './fiu/exchange/v1/SubmitRequestResponse.js';
import type { SummariseCasesRequest as _fiu_exchange_v1_SummariseCasesRequest, SummariseCasesRequest__Output as _fiu_exchange_v1_SummariseCasesRequest__Output } from './fiu/exchange/v1/SummariseCasesRequest.js';
import type { SummariseCasesResponse as _fiu_exchange_v1_SummariseCasesResponse, SummariseCasesResponse__Output as _fiu_exchange_v1_SummariseCasesResponse__Output } from './fiu/exchange/v1/SummariseCasesResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  fiu: {
    exchange: {
      v1: {
        AssignCaseRequest: MessageTypeDefinition<_fiu_exchange_v1_AssignCaseRequest, _fiu_exchange_v1_AssignCaseRequest__Output>
        AssignCaseResponse: MessageTypeDefinition<_fiu_exchange_v1_AssignCaseResponse, _fiu_exchange_v1_AssignCaseResponse__Output>
        CaseDecisionInfo: MessageTypeDefinition<_fiu_exchange_v1_CaseDecisionInfo, _fiu_exchange_v1_CaseDecisionInfo__Output>
        CaseDraftInfo: MessageTypeDefinition<_fiu_exchange_v1_CaseDraftInfo, _fiu_exchange_v1_CaseDraftInfo__Output>
        CaseMessage: MessageTypeDefinition<_fiu_exchange_v1_CaseMessage, _fiu_exchange_v1_CaseMessage__Output>
        CaseSummary: MessageTypeDefinition<_fiu_exchange_v1_CaseSummary, _fiu_exchange_v1_CaseSummary__Output>
        CloseCaseRequest: MessageTypeDefinition<_fiu_exchange_v1_CloseCaseRequest, _fiu_exchange_v1_CloseCaseRequest__Output>
        CloseCaseResponse: MessageTypeDefinition<_fiu_exchange_v1_CloseCaseResponse, _fiu_exchange_v1_CloseCaseResponse__Output>
        DecideCaseRequest: MessageTypeDefinition<_fiu_exchange_v1_DecideCaseRequest, _fiu_exchange_v1_DecideCaseRequest__Output>
        DecideConsentRequest: MessageTypeDefinition<_fiu_exchange_v1_DecideConsentRequest, _fiu_exchange_v1_DecideConsentRequest__Output>
        DeliveryReceiptInfo: MessageTypeDefinition<_fiu_exchange_v1_DeliveryReceiptInfo, _fiu_exchange_v1_DeliveryReceiptInfo__Output>
        DiscloseSpontaneousRequest: MessageTypeDefinition<_fiu_exchange_v1_DiscloseSpontaneousRequest, _fiu_exchange_v1_DiscloseSpontaneousRequest__Output>
        DraftOutcome: MessageTypeDefinition<_fiu_exchange_v1_DraftOutcome, _fiu_exchange_v1_DraftOutcome__Output>
        DraftResponseRequest: MessageTypeDefinition<_fiu_exchange_v1_DraftResponseRequest, _fiu_exchange_v1_DraftResponseRequest__Output>
        ExportCaseRequest: MessageTypeDefinition<_fiu_exchange_v1_ExportCaseRequest, _fiu_exchange_v1_ExportCaseRequest__Output>
        ExportCaseResponse: MessageTypeDefinition<_fiu_exchange_v1_ExportCaseResponse, _fiu_exchange_v1_ExportCaseResponse__Output>
        ListInboxRequest: MessageTypeDefinition<_fiu_exchange_v1_ListInboxRequest, _fiu_exchange_v1_ListInboxRequest__Output>
        ListInboxResponse: MessageTypeDefinition<_fiu_exchange_v1_ListInboxResponse, _fiu_exchange_v1_ListInboxResponse__Output>
        ListOutboxRequest: MessageTypeDefinition<_fiu_exchange_v1_ListOutboxRequest, _fiu_exchange_v1_ListOutboxRequest__Output>
        ListOutboxResponse: MessageTypeDefinition<_fiu_exchange_v1_ListOutboxResponse, _fiu_exchange_v1_ListOutboxResponse__Output>
        Operator: SubtypeConstructor<typeof grpc.Client, _fiu_exchange_v1_OperatorClient> & { service: _fiu_exchange_v1_OperatorDefinition }
        OutboxActionResponse: MessageTypeDefinition<_fiu_exchange_v1_OutboxActionResponse, _fiu_exchange_v1_OutboxActionResponse__Output>
        OutboxItemInfo: MessageTypeDefinition<_fiu_exchange_v1_OutboxItemInfo, _fiu_exchange_v1_OutboxItemInfo__Output>
        OutboxItemRequest: MessageTypeDefinition<_fiu_exchange_v1_OutboxItemRequest, _fiu_exchange_v1_OutboxItemRequest__Output>
        PartnerCaseSummary: MessageTypeDefinition<_fiu_exchange_v1_PartnerCaseSummary, _fiu_exchange_v1_PartnerCaseSummary__Output>
        RequestConsentRequest: MessageTypeDefinition<_fiu_exchange_v1_RequestConsentRequest, _fiu_exchange_v1_RequestConsentRequest__Output>
        SendFeedbackRequest: MessageTypeDefinition<_fiu_exchange_v1_SendFeedbackRequest, _fiu_exchange_v1_SendFeedbackRequest__Output>
        ShowCaseRequest: MessageTypeDefinition<_fiu_exchange_v1_ShowCaseRequest, _fiu_exchange_v1_ShowCaseRequest__Output>
        ShowCaseResponse: MessageTypeDefinition<_fiu_exchange_v1_ShowCaseResponse, _fiu_exchange_v1_ShowCaseResponse__Output>
        SubmitRequestRequest: MessageTypeDefinition<_fiu_exchange_v1_SubmitRequestRequest, _fiu_exchange_v1_SubmitRequestRequest__Output>
        SubmitRequestResponse: MessageTypeDefinition<_fiu_exchange_v1_SubmitRequestResponse, _fiu_exchange_v1_SubmitRequestResponse__Output>
        SummariseCasesRequest: MessageTypeDefinition<_fiu_exchange_v1_SummariseCasesRequest, _fiu_exchange_v1_SummariseCasesRequest__Output>
        SummariseCasesResponse: MessageTypeDefinition<_fiu_exchange_v1_SummariseCasesResponse, _fiu_exchange_v1_SummariseCasesResponse__Output>
      }
    }
  }
}

