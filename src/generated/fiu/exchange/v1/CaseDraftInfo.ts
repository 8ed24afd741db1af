// Original file: proto/fiu/exchange/v1/operator.proto

import type { CaseDecisionInfo as _fiu_exchange_v1_CaseDecisionInfo, CaseDecisionInfo__Output as _fiu_exchange_v1_CaseDecisionInfo__Output } from '../../../fiu/exchange/v1/CaseDecisionInfo.js';

export interface CaseDraftInfo {
  'draftId'?: (string);
  /**
   * response, spontaneous_disclosure or request.
   */
  'type'?: (string);
  /**
   * pending, rejected or sent.
   */
  'state'?: (string);
  'draftedBy'?: (string);
  'draftedAt'?: (string);
  'approvalsRequired'?: (number);
  /**
   * Whether the last approval must be a supervisor's.
   */
  'supervisorRequired'?: (boolean);
  /**
   * The message the draft became, once sent.
   */
  'messageId'?: (string);
  'decisions'?: (_fiu_exchange_v1_CaseDecisionInfo)[];
  /**
   * The draft message (header and body) as JSON, opened and verified.
   */
  'draftJson'?: (string);
}

export interface CaseDraftInfo__Output {
  'draftId': (string);
  /**
   * response, spontaneous_disclosure or request.
   */
  'type': (string);
  /**
   * pending, rejected or sent.
   */
  'state': (string);
  'draftedBy': (string);
  'draftedAt': (string);
  'approvalsRequired': (number);
  /**
   * Whether the last approval must be a supervisor's.
   */
  'supervisorRequired': (boolean);
  /**
   * The message the draft became, once sent.
   */
  'messageId': (string);
  'decisions': (_fiu_exchange_v1_CaseDecisionInfo__Output)[];
  /**
   * The draft message (header and body) as JSON, opened and verified.
   */
  'draftJson': (string);
}
