// Original file: proto/fiu/exchange/v1/operator.proto

import type { DeliveryReceiptInfo as _fiu_exchange_v1_DeliveryReceiptInfo, DeliveryReceiptInfo__Output as _fiu_exchange_v1_DeliveryReceiptInfo__Output } from '../../../fiu/exchange/v1/DeliveryReceiptInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface SubmitRequestResponse {
  'messageId'?: (string);
  'caseId'?: (string);
  /**
   * "delivered" when a verified receipt came back; "queued" when the outbox will try again (see
   * next_attempt_at; or the first attempt did not end in time); "failed" when delivery stopped (a
   * refusal, or the give-up time passed).
   */
  'status'?: (string);
  'receipt'?: (_fiu_exchange_v1_DeliveryReceiptInfo | null);
  /**
   * The sender's own ledger index of the "message.sent" entry.
   */
  'ledgerIndex'?: (number | string | Long);
  /**
   * Why delivery failed, when it did: reason code and text.
   */
  'errorCode'?: (string);
  'errorDetail'?: (string);
  /**
   * Set when the partner's ledger checkpoint did not agree with what it showed before (a fork or a
   * rollback): reason and text. The delivery itself happened.
   */
  'alarm'?: (string);
  /**
   * When queued: the time of the next attempt (RFC 3339), empty when none is scheduled yet.
   */
  'nextAttemptAt'?: (string);
  /**
   * Delivery attempts made so far.
   */
  'attempts'?: (number);
  /**
   * When the agreement asks for a supervisor's approval, status is "awaiting_approval": the request is
   * held as a draft in case case_id (nothing was sent) until a supervisor approves it.
   */
  'draftId'?: (string);
}

export interface SubmitRequestResponse__Output {
  'messageId': (string);
  'caseId': (string);
  /**
   * "delivered" when a verified receipt came back; "queued" when the outbox will try again (see
   * next_attempt_at; or the first attempt did not end in time); "failed" when delivery stopped (a
   * refusal, or the give-up time passed).
   */
  'status': (string);
  'receipt': (_fiu_exchange_v1_DeliveryReceiptInfo__Output | null);
  /**
   * The sender's own ledger index of the "message.sent" entry.
   */
  'ledgerIndex': (string);
  /**
   * Why delivery failed, when it did: reason code and text.
   */
  'errorCode': (string);
  'errorDetail': (string);
  /**
   * Set when the partner's ledger checkpoint did not agree with what it showed before (a fork or a
   * rollback): reason and text. The delivery itself happened.
   */
  'alarm': (string);
  /**
   * When queued: the time of the next attempt (RFC 3339), empty when none is scheduled yet.
   */
  'nextAttemptAt': (string);
  /**
   * Delivery attempts made so far.
   */
  'attempts': (number);
  /**
   * When the agreement asks for a supervisor's approval, status is "awaiting_approval": the request is
   * held as a draft in case case_id (nothing was sent) until a supervisor approves it.
   */
  'draftId': (string);
}
