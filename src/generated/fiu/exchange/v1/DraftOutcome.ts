// Original file: proto/fiu/exchange/v1/operator.proto

import type { SubmitRequestResponse as _fiu_exchange_v1_SubmitRequestResponse, SubmitRequestResponse__Output as _fiu_exchange_v1_SubmitRequestResponse__Output } from '../../../fiu/exchange/v1/SubmitRequestResponse.js';

export interface DraftOutcome {
  'caseId'?: (string);
  'draftId'?: (string);
  /**
   * The case's state after the action.
   */
  'state'?: (string);
  /**
   * Approvals given so far (0 after a rejection), and how many the agreement requires.
   */
  'approvals'?: (number);
  'required'?: (number);
  /**
   * Set when the action sent the draft (the last approval): the send, as SubmitRequest reports it.
   */
  'sent'?: (_fiu_exchange_v1_SubmitRequestResponse | null);
}

export interface DraftOutcome__Output {
  'caseId': (string);
  'draftId': (string);
  /**
   * The case's state after the action.
   */
  'state': (string);
  /**
   * Approvals given so far (0 after a rejection), and how many the agreement requires.
   */
  'approvals': (number);
  'required': (number);
  /**
   * Set when the action sent the draft (the last approval): the send, as SubmitRequest reports it.
   */
  'sent': (_fiu_exchange_v1_SubmitRequestResponse__Output | null);
}
