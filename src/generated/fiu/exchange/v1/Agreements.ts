// Original file: proto/fiu/exchange/v1/agreements.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AgreementChange as _fiu_exchange_v1_AgreementChange, AgreementChange__Output as _fiu_exchange_v1_AgreementChange__Output } from '../../../fiu/exchange/v1/AgreementChange.js';
import type { ApplyAgreementRequest as _fiu_exchange_v1_ApplyAgreementRequest, ApplyAgreementRequest__Output as _fiu_exchange_v1_ApplyAgreementRequest__Output } from '../../../fiu/exchange/v1/ApplyAgreementRequest.js';
import type { ListAgreementsRequest as _fiu_exchange_v1_ListAgreementsRequest, ListAgreementsRequest__Output as _fiu_exchange_v1_ListAgreementsRequest__Output } from '../../../fiu/exchange/v1/ListAgreementsRequest.js';
import type { ListAgreementsResponse as _fiu_exchange_v1_ListAgreementsResponse, ListAgreementsResponse__Output as _fiu_exchange_v1_ListAgreementsResponse__Output } from '../../../fiu/exchange/v1/ListAgreementsResponse.js';
import type { ShowAgreementRequest as _fiu_exchange_v1_ShowAgreementRequest, ShowAgreementRequest__Output as _fiu_exchange_v1_ShowAgreementRequest__Output } from '../../../fiu/exchange/v1/ShowAgreementRequest.js';
import type { ShowAgreementResponse as _fiu_exchange_v1_ShowAgreementResponse, ShowAgreementResponse__Output as _fiu_exchange_v1_ShowAgreementResponse__Output } from '../../../fiu/exchange/v1/ShowAgreementResponse.js';
import type { SuspendAgreementRequest as _fiu_exchange_v1_SuspendAgreementRequest, SuspendAgreementRequest__Output as _fiu_exchange_v1_SuspendAgreementRequest__Output } from '../../../fiu/exchange/v1/SuspendAgreementRequest.js';

export interface AgreementsClient extends grpc.Client {
  /**
   * Apply validates an agreement document and stores it as a new revision (a new version, or the same
   * version with another status); re-applying what is in force changes nothing. Role: admin.
   */
  Apply(argument: _fiu_exchange_v1_ApplyAgreementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  Apply(argument: _fiu_exchange_v1_ApplyAgreementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  Apply(argument: _fiu_exchange_v1_ApplyAgreementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  Apply(argument: _fiu_exchange_v1_ApplyAgreementRequest, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  /**
   * Apply validates an agreement document and stores it as a new revision (a new version, or the same
   * version with another status); re-applying what is in force changes nothing. Role: admin.
   */
  apply(argument: _fiu_exchange_v1_ApplyAgreementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  apply(argument: _fiu_exchange_v1_ApplyAgreementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  apply(argument: _fiu_exchange_v1_ApplyAgreementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  apply(argument: _fiu_exchange_v1_ApplyAgreementRequest, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  
  /**
   * List shows the latest revision of every agreement. Any role.
   */
  List(argument: _fiu_exchange_v1_ListAgreementsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListAgreementsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _fiu_exchange_v1_ListAgreementsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ListAgreementsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _fiu_exchange_v1_ListAgreementsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListAgreementsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _fiu_exchange_v1_ListAgreementsRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ListAgreementsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * List shows the latest revision of every agreement. Any role.
   */
  list(argument: _fiu_exchange_v1_ListAgreementsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListAgreementsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _fiu_exchange_v1_ListAgreementsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ListAgreementsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _fiu_exchange_v1_ListAgreementsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ListAgreementsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _fiu_exchange_v1_ListAgreementsRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ListAgreementsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Show shows every revision of one agreement, oldest first. Any role.
   */
  Show(argument: _fiu_exchange_v1_ShowAgreementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ShowAgreementResponse__Output>): grpc.ClientUnaryCall;
  Show(argument: _fiu_exchange_v1_ShowAgreementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ShowAgreementResponse__Output>): grpc.ClientUnaryCall;
  Show(argument: _fiu_exchange_v1_ShowAgreementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ShowAgreementResponse__Output>): grpc.ClientUnaryCall;
  Show(argument: _fiu_exchange_v1_ShowAgreementRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ShowAgreementResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Show shows every revision of one agreement, oldest first. Any role.
   */
  show(argument: _fiu_exchange_v1_ShowAgreementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ShowAgreementResponse__Output>): grpc.ClientUnaryCall;
  show(argument: _fiu_exchange_v1_ShowAgreementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_ShowAgreementResponse__Output>): grpc.ClientUnaryCall;
  show(argument: _fiu_exchange_v1_ShowAgreementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_ShowAgreementResponse__Output>): grpc.ClientUnaryCall;
  show(argument: _fiu_exchange_v1_ShowAgreementRequest, callback: grpc.requestCallback<_fiu_exchange_v1_ShowAgreementResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Suspend stores a revision of the agreement's latest version with status "suspended". Role: admin.
   */
  Suspend(argument: _fiu_exchange_v1_SuspendAgreementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  Suspend(argument: _fiu_exchange_v1_SuspendAgreementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  Suspend(argument: _fiu_exchange_v1_SuspendAgreementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  Suspend(argument: _fiu_exchange_v1_SuspendAgreementRequest, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  /**
   * Suspend stores a revision of the agreement's latest version with status "suspended". Role: admin.
   */
  suspend(argument: _fiu_exchange_v1_SuspendAgreementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  suspend(argument: _fiu_exchange_v1_SuspendAgreementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  suspend(argument: _fiu_exchange_v1_SuspendAgreementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  suspend(argument: _fiu_exchange_v1_SuspendAgreementRequest, callback: grpc.requestCallback<_fiu_exchange_v1_AgreementChange__Output>): grpc.ClientUnaryCall;
  
}

export interface AgreementsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Apply validates an agreement document and stores it as a new revision (a new version, or the same
   * version with another status); re-applying what is in force changes nothing. Role: admin.
   */
  Apply: grpc.handleUnaryCall<_fiu_exchange_v1_ApplyAgreementRequest__Output, _fiu_exchange_v1_AgreementChange>;
  
  /**
   * List shows the latest revision of every agreement. Any role.
   */
  List: grpc.handleUnaryCall<_fiu_exchange_v1_ListAgreementsRequest__Output, _fiu_exchange_v1_ListAgreementsResponse>;
  
  /**
   * Show shows every revision of one agreement, oldest first. Any role.
   */
  Show: grpc.handleUnaryCall<_fiu_exchange_v1_ShowAgreementRequest__Output, _fiu_exchange_v1_ShowAgreementResponse>;
  
  /**
   * Suspend stores a revision of the agreement's latest version with status "suspended". Role: admin.
   */
  Suspend: grpc.handleUnaryCall<_fiu_exchange_v1_SuspendAgreementRequest__Output, _fiu_exchange_v1_AgreementChange>;
  
}

export interface AgreementsDefinition extends grpc.ServiceDefinition {
  Apply: MethodDefinition<_fiu_exchange_v1_ApplyAgreementRequest, _fiu_exchange_v1_AgreementChange, _fiu_exchange_v1_ApplyAgreementRequest__Output, _fiu_exchange_v1_AgreementChange__Output>
  List: MethodDefinition<_fiu_exchange_v1_ListAgreementsRequest, _fiu_exchange_v1_ListAgreementsResponse, _fiu_exchange_v1_ListAgreementsRequest__Output, _fiu_exchange_v1_ListAgreementsResponse__Output>
  Show: MethodDefinition<_fiu_exchange_v1_ShowAgreementRequest, _fiu_exchange_v1_ShowAgreementResponse, _fiu_exchange_v1_ShowAgreementRequest__Output, _fiu_exchange_v1_ShowAgreementResponse__Output>
  Suspend: MethodDefinition<_fiu_exchange_v1_SuspendAgreementRequest, _fiu_exchange_v1_AgreementChange, _fiu_exchange_v1_SuspendAgreementRequest__Output, _fiu_exchange_v1_AgreementChange__Output>
}
