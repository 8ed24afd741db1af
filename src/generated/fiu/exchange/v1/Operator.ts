// Original file: proto/fiu/exchange/v1/operator.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DecideConsentRequest as _fiu_exchange_v1_DecideConsentRequest, DecideConsentRequest__Output as _fiu_exchange_v1_DecideConsentRequest__Output } from '../../../fiu/exchange/v1/DecideConsentRequest.js';
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

export interface OperatorClient extends grpc.Client {
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
  
}

export interface OperatorHandlers extends grpc.UntypedServiceImplementation {
  /**
   * CancelDelivery cancels a queued item. Roles: admin; analyst for its own submissions.
   */
  CancelDelivery: grpc.handleUnaryCall<_fiu_exchange_v1_OutboxItemRequest__Output, _fiu_exchange_v1_OutboxActionResponse>;
  
  /**
   * Roles liaison, supervisor: decides on a consent request a partner sent (a consent_decision).
   */
  DecideConsent: grpc.handleUnaryCall<_fiu_exchange_v1_DecideConsentRequest__Output, _fiu_exchange_v1_SubmitRequestResponse>;
  
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
  
}

export interface OperatorDefinition extends grpc.ServiceDefinition {
  CancelDelivery: MethodDefinition<_fiu_exchange_v1_OutboxItemRequest, _fiu_exchange_v1_OutboxActionResponse, _fiu_exchange_v1_OutboxItemRequest__Output, _fiu_exchange_v1_OutboxActionResponse__Output>
  DecideConsent: MethodDefinition<_fiu_exchange_v1_DecideConsentRequest, _fiu_exchange_v1_SubmitRequestResponse, _fiu_exchange_v1_DecideConsentRequest__Output, _fiu_exchange_v1_SubmitRequestResponse__Output>
  ExportCase: MethodDefinition<_fiu_exchange_v1_ExportCaseRequest, _fiu_exchange_v1_ExportCaseResponse, _fiu_exchange_v1_ExportCaseRequest__Output, _fiu_exchange_v1_ExportCaseResponse__Output>
  ListInbox: MethodDefinition<_fiu_exchange_v1_ListInboxRequest, _fiu_exchange_v1_ListInboxResponse, _fiu_exchange_v1_ListInboxRequest__Output, _fiu_exchange_v1_ListInboxResponse__Output>
  ListOutbox: MethodDefinition<_fiu_exchange_v1_ListOutboxRequest, _fiu_exchange_v1_ListOutboxResponse, _fiu_exchange_v1_ListOutboxRequest__Output, _fiu_exchange_v1_ListOutboxResponse__Output>
  RequestConsent: MethodDefinition<_fiu_exchange_v1_RequestConsentRequest, _fiu_exchange_v1_SubmitRequestResponse, _fiu_exchange_v1_RequestConsentRequest__Output, _fiu_exchange_v1_SubmitRequestResponse__Output>
  RetryDelivery: MethodDefinition<_fiu_exchange_v1_OutboxItemRequest, _fiu_exchange_v1_OutboxActionResponse, _fiu_exchange_v1_OutboxItemRequest__Output, _fiu_exchange_v1_OutboxActionResponse__Output>
  SendFeedback: MethodDefinition<_fiu_exchange_v1_SendFeedbackRequest, _fiu_exchange_v1_SubmitRequestResponse, _fiu_exchange_v1_SendFeedbackRequest__Output, _fiu_exchange_v1_SubmitRequestResponse__Output>
  ShowCase: MethodDefinition<_fiu_exchange_v1_ShowCaseRequest, _fiu_exchange_v1_ShowCaseResponse, _fiu_exchange_v1_ShowCaseRequest__Output, _fiu_exchange_v1_ShowCaseResponse__Output>
  SubmitRequest: MethodDefinition<_fiu_exchange_v1_SubmitRequestRequest, _fiu_exchange_v1_SubmitRequestResponse, _fiu_exchange_v1_SubmitRequestRequest__Output, _fiu_exchange_v1_SubmitRequestResponse__Output>
}
