// Original file: proto/fiu/exchange/v1/operator.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AssignCaseRequest as _fiu_exchange_v1_AssignCaseRequest, AssignCaseRequest__Output as _fiu_exchange_v1_AssignCaseRequest__Output } from '../../../fiu/exchange/v1/AssignCaseRequest.js';
import type { AssignCaseResponse as _fiu_exchange_v1_AssignCaseResponse, AssignCaseResponse__Output as _fiu_exchange_v1_AssignCaseResponse__Output } from '../../../fiu/exchange/v1/AssignCaseResponse.js';
import type { CloseCaseRequest as _fiu_exchange_v1_CloseCaseRequest, CloseCaseRequest__Output as _fiu_exchange_v1_CloseCaseRequest__Output } from '../../../fiu/exchange/v1/CloseCaseRequest.js';
import type { CloseCaseResponse as _fiu_exchange_v1_CloseCaseResponse, CloseCaseResponse__Output as _fiu_exchange_v1_CloseCaseResponse__Output } from '../../../fiu/exchange/v1/CloseCaseResponse.js';
import type { DecideCaseRequest as _fiu_exchange_v1_DecideCaseRequest, DecideCaseRequest__Output as _fiu_exchange_v1_DecideCaseRequest__Output } from '../../../fiu/exchange/v1/DecideCaseRequest.js';
import type { DecideConsentRequest as _fiu_exchange_v1_DecideConsentRequest, DecideConsentRequest__Output as _fiu_exchange_v1_DecideConsentRequest__Output } from '../../../fiu/exchange/v1/DecideConsentRequest.js';
import type { DiscloseSpontaneousRequest as _fiu_exchange_v1_DiscloseSpontaneousRequest, DiscloseSpontaneousRequest__Output as _fiu_exchange_v1_DiscloseSpontaneousRequest__Output } from '../../../fiu/exchange/v1/DiscloseSpontaneousRequest.js';
import type { DraftOutcome as _fiu_exchange_v1_DraftOutcome, DraftOutcome__Output as _fiu_exchange_v1_DraftOutcome__Output } from '../../../fiu/exchange/v1/DraftOutcome.js';
import type { DraftResponseRequest as _fiu_exchange_v1_DraftResponseRequest, DraftResponseRequest__Output as _fiu_exchange_v1_DraftResponseRequest__Output } from '../../../fiu/exchange/v1/DraftResponseRequest.js';
import type { ExportCaseRequest as _fiu_exchange_v1_ExportCaseRequest, ExportCaseRequest__Output as _fiu_exchange_v1_ExportCaseRequest__Output } from '../../../fiu/exchange/v1/ExportCaseRequest.js';
import type { ExportCaseResponse as _fiu_exchange_v1_ExportCaseResponse, ExportCaseResponse__Output as _fiu_exchange_v1_ExportCaseResponse__Output } from '../../../fiu/exchange/v1/ExportCaseResponse.js';
import type { ListInboxRequest as _fiu_exchange_v1_ListInboxRequest, ListInboxRequest__Output as _fiu_exchange_v1_ListInboxRequest__Output } from '../../../fiu/exchange/v1/ListInboxRequest.js';
import type { ListInboxResponse as _fiu_exchange_v1_ListInboxResponse, ListInboxResponse__Output as _fiu_exchange_v1_ListInboxResponse__Output } from '../../../fiu/exchange/v1/ListInboxResponse.js';
import type { ListOutboxRequest as _fiu_exchange_v1_ListOutboxRequest, ListOutboxRequest__Output as _fiu_exchange_v1_ListOutboxRequest__Output } from '../../../fiu/exchange/v1/ListOutboxRequest.js';
import type { ListOutboxResponse as _fiu_exchange_v1_ListOutboxResponse, ListOutboxResponse__Output as _fiu_exchange_v1_ListOutboxResponse__Output } from '../../../fiu/exchange/v1/ListOutboxResponse.js';
import type { OutboxActionResponse as _fiu_exchange_v1_OutboxActionResponse, OutboxActionResponse__Output as _fiu_exchange_v1_OutboxActionResponse__Output } from '../../../fiu/exchange/v1/OutboxActionResponse.js';
import type { OutboxItemRequest as _fiu_exchange_v1_OutboxItemRequest, OutboxItemRequest__Output as _fiu_exchange_v1_OutboxItemRequest__Output } from '../../../fiu/exchange/v1/OutboxItemRequest.js';
import type { RequestConsentRequest as _fiu_exchange_v1_RequestConsentRequest, RequestConsentRequest__Output as _fiu_exchange_v1_RequestConsentRequest__Output } from '../../../fiu/exchange/v1/RequestConsentRequest.js';
import type { SendFeedbackRequest as _fiu_exchange_v1_SendFeedbackRequest, SendFeedbackRequest__Output as _fiu_exchange_v1_SendFeedbackRequest__Output } from '../../../fiu/exchange/v1/SendFeedbackRequest.js';
import type { ShowCaseRequest as _fiu_exchange_v1_ShowCaseRequest, ShowCaseRequest__Output as _fiu_exchange_v1_ShowCaseRequest__Output } from '../../../fiu/exchange/v1/ShowCaseRequest.js';
import type { ShowCaseResponse as _fiu_exchange_v1_ShowCaseResponse, ShowCaseResponse__Output as _fiu_exchange_v1_ShowCaseResponse__Output } from '../../../fiu/exchange/v1/ShowCaseResponse.js';
import type { SubmitRequestRequest as _fiu_exchange_v1_SubmitRequestRequest, SubmitRequestRequest__Output as _fiu_exchange_v1_SubmitRequestRequest__Output } from '../../../fiu/exchange/v1/SubmitRequestRequest.js';
import type { SubmitRequestResponse as _fiu_exchange_v1_SubmitRequestResponse, SubmitRequestResponse__Output as _fiu_exchange_v1_SubmitRequestResponse__Output } from '../../../fiu/exchange/v1/SubmitRequestResponse.js';
import type { SummariseCasesRequest as _fiu_exchange_v1_SummariseCasesRequest, SummariseCasesRequest__Output as _fiu_exchange_v1_SummariseCasesRequest__Output } from '../../../fiu/exchange/v1/SummariseCasesRequest.js';
import type { SummariseCasesResponse as _fiu_exchange_v1_SummariseCasesResponse, SummariseCasesResponse__Output as _fiu_exchange_v1_SummariseCasesResponse__Output } from '../../../fiu/exchange/v1/SummariseCasesResponse.js';

export interface OperatorClient extends grpc.Client {
  /**
   * ApproveCase approves the pending draft of a case; the last approval required sends it. Nobody
   * approves their own draft or the same draft twice; under the four-eyes rule the second approver is a
   * supervisor. Roles: liaison, supervisor (the approval of an outgoing request: supervisor).
   */
  ApproveCase(argument: _fiu_exchange_v1_DecideCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  ApproveCase(argument: _fiu_exchange_v1_DecideCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  ApproveCase(argument: _fiu_exchange_v1_DecideCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  ApproveCase(argument: _fiu_exchange_v1_DecideCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  /**
   * ApproveCase approves the pending draft of a case; the last approval required sends it. Nobody
   * approves their own draft or the same draft twice; under the four-eyes rule the second approver is a
   * supervisor. Roles: liaison, supervisor (the approval of an outgoing request: supervisor).
   */
  approveCase(argument: _fiu_exchange_v1_DecideCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  approveCase(argument: _fiu_exchange_v1_DecideCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  approveCase(argument: _fiu_exchange_v1_DecideCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  approveCase(argument: _fiu_exchange_v1_DecideCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  
  /**
   * AssignCase assigns a case to a liaison officer (empty assignee: the caller). Roles: liaison, supervisor.
   */
  AssignCase(argument: _fiu_exchange_v1_AssignCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AssignCaseResponse__Output>): grpc.ClientUnaryCall;
  AssignCase(argument: _fiu_exchange_v1_AssignCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_AssignCaseResponse__Output>): grpc.ClientUnaryCall;
  AssignCase(argument: _fiu_exchange_v1_AssignCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AssignCaseResponse__Output>): grpc.ClientUnaryCall;
  AssignCase(argument: _fiu_exchange_v1_AssignCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_AssignCaseResponse__Output>): grpc.ClientUnaryCall;
  /**
   * AssignCase assigns a case to a liaison officer (empty assignee: the caller). Roles: liaison, supervisor.
   */
  assignCase(argument: _fiu_exchange_v1_AssignCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AssignCaseResponse__Output>): grpc.ClientUnaryCall;
  assignCase(argument: _fiu_exchange_v1_AssignCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_AssignCaseResponse__Output>): grpc.ClientUnaryCall;
  assignCase(argument: _fiu_exchange_v1_AssignCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AssignCaseResponse__Output>): grpc.ClientUnaryCall;
  assignCase(argument: _fiu_exchange_v1_AssignCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_AssignCaseResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * CancelDelivery cancels a queued item. Roles: admin; analyst for its own submissions.
   */
  CancelDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  CancelDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  CancelDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  CancelDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * CancelDelivery cancels a queued item. Roles: admin; analyst for its own submissions.
   */
  cancelDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  cancelDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  cancelDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  cancelDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * CloseCase closes a case whose work is done: a received request responded to, a received
   * disclosure assigned, a request we sent answered or no longer awaited, a disclosure we sent.
   * Roles: a received case its assignee (liaison) or a supervisor; a disclosure we sent liaison,
   * supervisor; a request we sent analyst, liaison, supervisor.
   */
  CloseCase(argument: _fiu_exchange_v1_CloseCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_CloseCaseResponse__Output>): grpc.ClientUnaryCall;
  CloseCase(argument: _fiu_exchange_v1_CloseCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_CloseCaseResponse__Output>): grpc.ClientUnaryCall;
  CloseCase(argument: _fiu_exchange_v1_CloseCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_CloseCaseResponse__Output>): grpc.ClientUnaryCall;
  CloseCase(argument: _fiu_exchange_v1_CloseCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_CloseCaseResponse__Output>): grpc.ClientUnaryCall;
  /**
   * CloseCase closes a case whose work is done: a received request responded to, a received
   * disclosure assigned, a request we sent answered or no longer awaited, a disclosure we sent.
   * Roles: a received case its assignee (liaison) or a supervisor; a disclosure we sent liaison,
   * supervisor; a request we sent analyst, liaison, supervisor.
   */
  closeCase(argument: _fiu_exchange_v1_CloseCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_CloseCaseResponse__Output>): grpc.ClientUnaryCall;
  closeCase(argument: _fiu_exchange_v1_CloseCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_CloseCaseResponse__Output>): grpc.ClientUnaryCall;
  closeCase(argument: _fiu_exchange_v1_CloseCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_CloseCaseResponse__Output>): grpc.ClientUnaryCall;
  closeCase(argument: _fiu_exchange_v1_CloseCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_CloseCaseResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Roles liaison, supervisor: decides on a consent request a partner sent (a consent_decision).
   */
  DecideConsent(argument: _fiu_exchange_v1_DecideConsentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  DecideConsent(argument: _fiu_exchange_v1_DecideConsentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  DecideConsent(argument: _fiu_exchange_v1_DecideConsentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  DecideConsent(argument: _fiu_exchange_v1_DecideConsentRequest, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Roles liaison, supervisor: decides on a consent request a partner sent (a consent_decision).
   */
  decideConsent(argument: _fiu_exchange_v1_DecideConsentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  decideConsent(argument: _fiu_exchange_v1_DecideConsentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  decideConsent(argument: _fiu_exchange_v1_DecideConsentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  decideConsent(argument: _fiu_exchange_v1_DecideConsentRequest, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * DiscloseSpontaneous drafts a spontaneous disclosure to a partner in a new case; it waits for the
   * approvals the agreement requires. Role: liaison.
   */
  DiscloseSpontaneous(argument: _fiu_exchange_v1_DiscloseSpontaneousRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  DiscloseSpontaneous(argument: _fiu_exchange_v1_DiscloseSpontaneousRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  DiscloseSpontaneous(argument: _fiu_exchange_v1_DiscloseSpontaneousRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  DiscloseSpontaneous(argument: _fiu_exchange_v1_DiscloseSpontaneousRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  /**
   * DiscloseSpontaneous drafts a spontaneous disclosure to a partner in a new case; it waits for the
   * approvals the agreement requires. Role: liaison.
   */
  discloseSpontaneous(argument: _fiu_exchange_v1_DiscloseSpontaneousRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  discloseSpontaneous(argument: _fiu_exchange_v1_DiscloseSpontaneousRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  discloseSpontaneous(argument: _fiu_exchange_v1_DiscloseSpontaneousRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  discloseSpontaneous(argument: _fiu_exchange_v1_DiscloseSpontaneousRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  
  /**
   * DraftResponse drafts the response to a received request; it waits for the approvals the agreement
   * requires. Role: liaison, and the caller must be the case's assignee.
   */
  DraftResponse(argument: _fiu_exchange_v1_DraftResponseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  DraftResponse(argument: _fiu_exchange_v1_DraftResponseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  DraftResponse(argument: _fiu_exchange_v1_DraftResponseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  DraftResponse(argument: _fiu_exchange_v1_DraftResponseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  /**
   * DraftResponse drafts the response to a received request; it waits for the approvals the agreement
   * requires. Role: liaison, and the caller must be the case's assignee.
   */
  draftResponse(argument: _fiu_exchange_v1_DraftResponseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  draftResponse(argument: _fiu_exchange_v1_DraftResponseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  draftResponse(argument: _fiu_exchange_v1_DraftResponseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  draftResponse(argument: _fiu_exchange_v1_DraftResponseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  
  /**
   * Roles analyst, liaison, supervisor: hands a case's information on to a domestic recipient when the
   * agreement or a granted consent allows it (onward.* refusal otherwise); logged either way.
   */
  ExportCase(argument: _fiu_exchange_v1_ExportCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ExportCaseResponse__Output>): grpc.ClientUnaryCall;
  ExportCase(argument: _fiu_exchange_v1_ExportCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ExportCaseResponse__Output>): grpc.ClientUnaryCall;
  ExportCase(argument: _fiu_exchange_v1_ExportCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ExportCaseResponse__Output>): grpc.ClientUnaryCall;
  ExportCase(argument: _fiu_exchange_v1_ExportCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ExportCaseResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Roles analyst, liaison, supervisor: hands a case's information on to a domestic recipient when the
   * agreement or a granted consent allows it (onward.* refusal otherwise); logged either way.
   */
  exportCase(argument: _fiu_exchange_v1_ExportCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ExportCaseResponse__Output>): grpc.ClientUnaryCall;
  exportCase(argument: _fiu_exchange_v1_ExportCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ExportCaseResponse__Output>): grpc.ClientUnaryCall;
  exportCase(argument: _fiu_exchange_v1_ExportCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ExportCaseResponse__Output>): grpc.ClientUnaryCall;
  exportCase(argument: _fiu_exchange_v1_ExportCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ExportCaseResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * ListInbox lists the cases opened by messages received from partners. Roles: liaison, supervisor, analyst.
   */
  ListInbox(argument: _fiu_exchange_v1_ListInboxRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListInboxResponse__Output>): grpc.ClientUnaryCall;
  ListInbox(argument: _fiu_exchange_v1_ListInboxRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ListInboxResponse__Output>): grpc.ClientUnaryCall;
  ListInbox(argument: _fiu_exchange_v1_ListInboxRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListInboxResponse__Output>): grpc.ClientUnaryCall;
  ListInbox(argument: _fiu_exchange_v1_ListInboxRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ListInboxResponse__Output>): grpc.ClientUnaryCall;
  /**
   * ListInbox lists the cases opened by messages received from partners. Roles: liaison, supervisor, analyst.
   */
  listInbox(argument: _fiu_exchange_v1_ListInboxRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListInboxResponse__Output>): grpc.ClientUnaryCall;
  listInbox(argument: _fiu_exchange_v1_ListInboxRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ListInboxResponse__Output>): grpc.ClientUnaryCall;
  listInbox(argument: _fiu_exchange_v1_ListInboxRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListInboxResponse__Output>): grpc.ClientUnaryCall;
  listInbox(argument: _fiu_exchange_v1_ListInboxRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ListInboxResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * ListOutbox lists the outbox: outbound messages and their delivery state. Roles: analyst, admin,
   * supervisor, auditor.
   */
  ListOutbox(argument: _fiu_exchange_v1_ListOutboxRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListOutboxResponse__Output>): grpc.ClientUnaryCall;
  ListOutbox(argument: _fiu_exchange_v1_ListOutboxRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ListOutboxResponse__Output>): grpc.ClientUnaryCall;
  ListOutbox(argument: _fiu_exchange_v1_ListOutboxRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListOutboxResponse__Output>): grpc.ClientUnaryCall;
  ListOutbox(argument: _fiu_exchange_v1_ListOutboxRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ListOutboxResponse__Output>): grpc.ClientUnaryCall;
  /**
   * ListOutbox lists the outbox: outbound messages and their delivery state. Roles: analyst, admin,
   * supervisor, auditor.
   */
  listOutbox(argument: _fiu_exchange_v1_ListOutboxRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListOutboxResponse__Output>): grpc.ClientUnaryCall;
  listOutbox(argument: _fiu_exchange_v1_ListOutboxRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ListOutboxResponse__Output>): grpc.ClientUnaryCall;
  listOutbox(argument: _fiu_exchange_v1_ListOutboxRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListOutboxResponse__Output>): grpc.ClientUnaryCall;
  listOutbox(argument: _fiu_exchange_v1_ListOutboxRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ListOutboxResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * RejectCase rejects the pending draft of a case; nothing is sent. Roles: liaison, supervisor; the
   * drafter may withdraw its own draft.
   */
  RejectCase(argument: _fiu_exchange_v1_DecideCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  RejectCase(argument: _fiu_exchange_v1_DecideCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  RejectCase(argument: _fiu_exchange_v1_DecideCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  RejectCase(argument: _fiu_exchange_v1_DecideCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  /**
   * RejectCase rejects the pending draft of a case; nothing is sent. Roles: liaison, supervisor; the
   * drafter may withdraw its own draft.
   */
  rejectCase(argument: _fiu_exchange_v1_DecideCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  rejectCase(argument: _fiu_exchange_v1_DecideCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  rejectCase(argument: _fiu_exchange_v1_DecideCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  rejectCase(argument: _fiu_exchange_v1_DecideCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_DraftOutcome__Output>): grpc.ClientUnaryCall;
  
  /**
   * Roles analyst, liaison: asks the partner of a case for consent to pass information it provided
   * (the response or disclosure message_id) to a named recipient for a purpose (a consent_request).
   * Answers like SubmitRequest; message_id is the consent's id.
   */
  RequestConsent(argument: _fiu_exchange_v1_RequestConsentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  RequestConsent(argument: _fiu_exchange_v1_RequestConsentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  RequestConsent(argument: _fiu_exchange_v1_RequestConsentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  RequestConsent(argument: _fiu_exchange_v1_RequestConsentRequest, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Roles analyst, liaison: asks the partner of a case for consent to pass information it provided
   * (the response or disclosure message_id) to a named recipient for a purpose (a consent_request).
   * Answers like SubmitRequest; message_id is the consent's id.
   */
  requestConsent(argument: _fiu_exchange_v1_RequestConsentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  requestConsent(argument: _fiu_exchange_v1_RequestConsentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  requestConsent(argument: _fiu_exchange_v1_RequestConsentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  requestConsent(argument: _fiu_exchange_v1_RequestConsentRequest, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * RetryDelivery queues an item for an attempt now (queued, failed or cancelled items), with a new
   * give-up time, and waits (bounded) for that attempt. Roles: admin; analyst for its own submissions.
   */
  RetryDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  RetryDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  RetryDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  RetryDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * RetryDelivery queues an item for an attempt now (queued, failed or cancelled items), with a new
   * give-up time, and waits (bounded) for that attempt. Roles: admin; analyst for its own submissions.
   */
  retryDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  retryDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  retryDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  retryDelivery(argument: _fiu_exchange_v1_OutboxItemRequest, callback: grpc.requestCallback<_fiu_exchange_v1_OutboxActionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Roles analyst, liaison: feedback on a response or disclosure received in a case.
   */
  SendFeedback(argument: _fiu_exchange_v1_SendFeedbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  SendFeedback(argument: _fiu_exchange_v1_SendFeedbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  SendFeedback(argument: _fiu_exchange_v1_SendFeedbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  SendFeedback(argument: _fiu_exchange_v1_SendFeedbackRequest, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Roles analyst, liaison: feedback on a response or disclosure received in a case.
   */
  sendFeedback(argument: _fiu_exchange_v1_SendFeedbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  sendFeedback(argument: _fiu_exchange_v1_SendFeedbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  sendFeedback(argument: _fiu_exchange_v1_SendFeedbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  sendFeedback(argument: _fiu_exchange_v1_SendFeedbackRequest, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * ShowCase shows one case with its messages, decrypted for authorised roles. Roles: liaison, supervisor,
   * analyst.
   */
  ShowCase(argument: _fiu_exchange_v1_ShowCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ShowCaseResponse__Output>): grpc.ClientUnaryCall;
  ShowCase(argument: _fiu_exchange_v1_ShowCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ShowCaseResponse__Output>): grpc.ClientUnaryCall;
  ShowCase(argument: _fiu_exchange_v1_ShowCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ShowCaseResponse__Output>): grpc.ClientUnaryCall;
  ShowCase(argument: _fiu_exchange_v1_ShowCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ShowCaseResponse__Output>): grpc.ClientUnaryCall;
  /**
   * ShowCase shows one case with its messages, decrypted for authorised roles. Roles: liaison, supervisor,
   * analyst.
   */
  showCase(argument: _fiu_exchange_v1_ShowCaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ShowCaseResponse__Output>): grpc.ClientUnaryCall;
  showCase(argument: _fiu_exchange_v1_ShowCaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ShowCaseResponse__Output>): grpc.ClientUnaryCall;
  showCase(argument: _fiu_exchange_v1_ShowCaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ShowCaseResponse__Output>): grpc.ClientUnaryCall;
  showCase(argument: _fiu_exchange_v1_ShowCaseRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ShowCaseResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * SubmitRequest builds, seals and logs a request for information to a partner FIU, queues it in the
   * outbox, and waits (bounded) for the first delivery attempt. Role: analyst.
   */
  SubmitRequest(argument: _fiu_exchange_v1_SubmitRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  SubmitRequest(argument: _fiu_exchange_v1_SubmitRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  SubmitRequest(argument: _fiu_exchange_v1_SubmitRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  SubmitRequest(argument: _fiu_exchange_v1_SubmitRequestRequest, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  /**
   * SubmitRequest builds, seals and logs a request for information to a partner FIU, queues it in the
   * outbox, and waits (bounded) for the first delivery attempt. Role: analyst.
   */
  submitRequest(argument: _fiu_exchange_v1_SubmitRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  submitRequest(argument: _fiu_exchange_v1_SubmitRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  submitRequest(argument: _fiu_exchange_v1_SubmitRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  submitRequest(argument: _fiu_exchange_v1_SubmitRequestRequest, callback: grpc.requestCallback<_fiu_exchange_v1_SubmitRequestResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * SummariseCases gives, per partner, requests in and out, median response times and overdue
   * requests. Roles: analyst, liaison, supervisor, auditor.
   */
  SummariseCases(argument: _fiu_exchange_v1_SummariseCasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SummariseCasesResponse__Output>): grpc.ClientUnaryCall;
  SummariseCases(argument: _fiu_exchange_v1_SummariseCasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_SummariseCasesResponse__Output>): grpc.ClientUnaryCall;
  SummariseCases(argument: _fiu_exchange_v1_SummariseCasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SummariseCasesResponse__Output>): grpc.ClientUnaryCall;
  SummariseCases(argument: _fiu_exchange_v1_SummariseCasesRequest, callback: grpc.requestCallback<_fiu_exchange_v1_SummariseCasesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * SummariseCases gives, per partner, requests in and out, median response times and overdue
   * requests. Roles: analyst, liaison, supervisor, auditor.
   */
  summariseCases(argument: _fiu_exchange_v1_SummariseCasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SummariseCasesResponse__Output>): grpc.ClientUnaryCall;
  summariseCases(argument: _fiu_exchange_v1_SummariseCasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_SummariseCasesResponse__Output>): grpc.ClientUnaryCall;
  summariseCases(argument: _fiu_exchange_v1_SummariseCasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_SummariseCasesResponse__Output>): grpc.ClientUnaryCall;
  summariseCases(argument: _fiu_exchange_v1_SummariseCasesRequest, callback: grpc.requestCallback<_fiu_exchange_v1_SummariseCasesResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface OperatorHandlers extends grpc.UntypedServiceImplementation {
  /**
   * ApproveCase approves the pending draft of a case; the last approval required sends it. Nobody
   * approves their own draft or the same draft twice; under the four-eyes rule the second approver is a
   * supervisor. Roles: liaison, supervisor (the approval of an outgoing request: supervisor).
   */
  ApproveCase: grpc.handleUnaryCall<_fiu_exchange_v1_DecideCaseRequest__Output, _fiu_exchange_v1_DraftOutcome>;
  
  /**
   * AssignCase assigns a case to a liaison officer (empty assignee: the caller). Roles: liaison, supervisor.
   */
  AssignCase: grpc.handleUnaryCall<_fiu_exchange_v1_AssignCaseRequest__Output, _fiu_exchange_v1_AssignCaseResponse>;
  
  /**
   * CancelDelivery cancels a queued item. Roles: admin; analyst for its own submissions.
   */
  CancelDelivery: grpc.handleUnaryCall<_fiu_exchange_v1_OutboxItemRequest__Output, _fiu_exchange_v1_OutboxActionResponse>;
  
  /**
   * CloseCase closes a case whose work is done: a received request responded to, a received
   * disclosure assigned, a request we sent answered or no longer awaited, a disclosure we sent.
   * Roles: a received case its assignee (liaison) or a supervisor; a disclosure we sent liaison,
   * supervisor; a request we sent analyst, liaison, supervisor.
   */
  CloseCase: grpc.handleUnaryCall<_fiu_exchange_v1_CloseCaseRequest__Output, _fiu_exchange_v1_CloseCaseResponse>;
  
  /**
   * Roles liaison, supervisor: decides on a consent request a partner sent (a consent_decision).
   */
  DecideConsent: grpc.handleUnaryCall<_fiu_exchange_v1_DecideConsentRequest__Output, _fiu_exchange_v1_SubmitRequestResponse>;
  
  /**
   * DiscloseSpontaneous drafts a spontaneous disclosure to a partner in a new case; it waits for the
   * approvals the agreement requires. Role: liaison.
   */
  DiscloseSpontaneous: grpc.handleUnaryCall<_fiu_exchange_v1_DiscloseSpontaneousRequest__Output, _fiu_exchange_v1_DraftOutcome>;
  
  /**
   * DraftResponse drafts the response to a received request; it waits for the approvals the agreement
   * requires. Role: liaison, and the caller must be the case's assignee.
   */
  DraftResponse: grpc.handleUnaryCall<_fiu_exchange_v1_DraftResponseRequest__Output, _fiu_exchange_v1_DraftOutcome>;
  
  /**
   * Roles analyst, liaison, supervisor: hands a case's information on to a domestic recipient when the
   * agreement or a granted consent allows it (onward.* refusal otherwise); logged either way.
   */
  ExportCase: grpc.handleUnaryCall<_fiu_exchange_v1_ExportCaseRequest__Output, _fiu_exchange_v1_ExportCaseResponse>;
  
  /**
   * ListInbox lists the cases opened by messages received from partners. Roles: liaison, supervisor, analyst.
   */
  ListInbox: grpc.handleUnaryCall<_fiu_exchange_v1_ListInboxRequest__Output, _fiu_exchange_v1_ListInboxResponse>;
  
  /**
   * ListOutbox lists the outbox: outbound messages and their delivery state. Roles: analyst, admin,
   * supervisor, auditor.
   */
  ListOutbox: grpc.handleUnaryCall<_fiu_exchange_v1_ListOutboxRequest__Output, _fiu_exchange_v1_ListOutboxResponse>;
  
  /**
   * RejectCase rejects the pending draft of a case; nothing is sent. Roles: liaison, supervisor; the
   * drafter may withdraw its own draft.
   */
  RejectCase: grpc.handleUnaryCall<_fiu_exchange_v1_DecideCaseRequest__Output, _fiu_exchange_v1_DraftOutcome>;
  
  /**
   * Roles analyst, liaison: asks the partner of a case for consent to pass information it provided
   * (the response or disclosure message_id) to a named recipient for a purpose (a consent_request).
   * Answers like SubmitRequest; message_id is the consent's id.
   */
  RequestConsent: grpc.handleUnaryCall<_fiu_exchange_v1_RequestConsentRequest__Output, _fiu_exchange_v1_SubmitRequestResponse>;
  
  /**
   * RetryDelivery queues an item for an attempt now (queued, failed or cancelled items), with a new
   * give-up time, and waits (bounded) for that attempt. Roles: admin; analyst for its own submissions.
   */
  RetryDelivery: grpc.handleUnaryCall<_fiu_exchange_v1_OutboxItemRequest__Output, _fiu_exchange_v1_OutboxActionResponse>;
  
  /**
   * Roles analyst, liaison: feedback on a response or disclosure received in a case.
   */
  SendFeedback: grpc.handleUnaryCall<_fiu_exchange_v1_SendFeedbackRequest__Output, _fiu_exchange_v1_SubmitRequestResponse>;
  
  /**
   * ShowCase shows one case with its messages, decrypted for authorised roles. Roles: liaison, supervisor,
   * analyst.
   */
  ShowCase: grpc.handleUnaryCall<_fiu_exchange_v1_ShowCaseRequest__Output, _fiu_exchange_v1_ShowCaseResponse>;
  
  /**
   * SubmitRequest builds, seals and logs a request for information to a partner FIU, queues it in the
   * outbox, and waits (bounded) for the first delivery attempt. Role: analyst.
   */
  SubmitRequest: grpc.handleUnaryCall<_fiu_exchange_v1_SubmitRequestRequest__Output, _fiu_exchange_v1_SubmitRequestResponse>;
  
  /**
   * SummariseCases gives, per partner, requests in and out, median response times and overdue
   * requests. Roles: analyst, liaison, supervisor, auditor.
   */
  SummariseCases: grpc.handleUnaryCall<_fiu_exchange_v1_SummariseCasesRequest__Output, _fiu_exchange_v1_SummariseCasesResponse>;
  
}

export interface OperatorDefinition extends grpc.ServiceDefinition {
  ApproveCase: MethodDefinition<_fiu_exchange_v1_DecideCaseRequest, _fiu_exchange_v1_DraftOutcome, _fiu_exchange_v1_DecideCaseRequest__Output, _fiu_exchange_v1_DraftOutcome__Output>
  AssignCase: MethodDefinition<_fiu_exchange_v1_AssignCaseRequest, _fiu_exchange_v1_AssignCaseResponse, _fiu_exchange_v1_AssignCaseRequest__Output, _fiu_exchange_v1_AssignCaseResponse__Output>
  CancelDelivery: MethodDefinition<_fiu_exchange_v1_OutboxItemRequest, _fiu_exchange_v1_OutboxActionResponse, _fiu_exchange_v1_OutboxItemRequest__Output, _fiu_exchange_v1_OutboxActionResponse__Output>
  CloseCase: MethodDefinition<_fiu_exchange_v1_CloseCaseRequest, _fiu_exchange_v1_CloseCaseResponse, _fiu_exchange_v1_CloseCaseRequest__Output, _fiu_exchange_v1_CloseCaseResponse__Output>
  DecideConsent: MethodDefinition<_fiu_exchange_v1_DecideConsentRequest, _fiu_exchange_v1_SubmitRequestResponse, _fiu_exchange_v1_DecideConsentRequest__Output, _fiu_exchange_v1_SubmitRequestResponse__Output>
  DiscloseSpontaneous: MethodDefinition<_fiu_exchange_v1_DiscloseSpontaneousRequest, _fiu_exchange_v1_DraftOutcome, _fiu_exchange_v1_DiscloseSpontaneousRequest__Output, _fiu_exchange_v1_DraftOutcome__Output>
  DraftResponse: MethodDefinition<_fiu_exchange_v1_DraftResponseRequest, _fiu_exchange_v1_DraftOutcome, _fiu_exchange_v1_DraftResponseRequest__Output, _fiu_exchange_v1_DraftOutcome__Output>
  ExportCase: MethodDefinition<_fiu_exchange_v1_ExportCaseRequest, _fiu_exchange_v1_ExportCaseResponse, _fiu_exchange_v1_ExportCaseRequest__Output, _fiu_exchange_v1_ExportCaseResponse__Output>
  ListInbox: MethodDefinition<_fiu_exchange_v1_ListInboxRequest, _fiu_exchange_v1_ListInboxResponse, _fiu_exchange_v1_ListInboxRequest__Output, _fiu_exchange_v1_ListInboxResponse__Output>
  ListOutbox: MethodDefinition<_fiu_exchange_v1_ListOutboxRequest, _fiu_exchange_v1_ListOutboxResponse, _fiu_exchange_v1_ListOutboxRequest__Output, _fiu_exchange_v1_ListOutboxResponse__Output>
  RejectCase: MethodDefinition<_fiu_exchange_v1_DecideCaseRequest, _fiu_exchange_v1_DraftOutcome, _fiu_exchange_v1_DecideCaseRequest__Output, _fiu_exchange_v1_DraftOutcome__Output>
  RequestConsent: MethodDefinition<_fiu_exchange_v1_RequestConsentRequest, _fiu_exchange_v1_SubmitRequestResponse, _fiu_exchange_v1_RequestConsentRequest__Output, _fiu_exchange_v1_SubmitRequestResponse__Output>
  RetryDelivery: MethodDefinition<_fiu_exchange_v1_OutboxItemRequest, _fiu_exchange_v1_OutboxActionResponse, _fiu_exchange_v1_OutboxItemRequest__Output, _fiu_exchange_v1_OutboxActionResponse__Output>
  SendFeedback: MethodDefinition<_fiu_exchange_v1_SendFeedbackRequest, _fiu_exchange_v1_SubmitRequestResponse, _fiu_exchange_v1_SendFeedbackRequest__Output, _fiu_exchange_v1_SubmitRequestResponse__Output>
  ShowCase: MethodDefinition<_fiu_exchange_v1_ShowCaseRequest, _fiu_exchange_v1_ShowCaseResponse, _fiu_exchange_v1_ShowCaseRequest__Output, _fiu_exchange_v1_ShowCaseResponse__Output>
  SubmitRequest: MethodDefinition<_fiu_exchange_v1_SubmitRequestRequest, _fiu_exchange_v1_SubmitRequestResponse, _fiu_exchange_v1_SubmitRequestRequest__Output, _fiu_exchange_v1_SubmitRequestResponse__Output>
  SummariseCases: MethodDefinition<_fiu_exchange_v1_SummariseCasesRequest, _fiu_exchange_v1_SummariseCasesResponse, _fiu_exchange_v1_SummariseCasesRequest__Output, _fiu_exchange_v1_SummariseCasesResponse__Output>
}
