// Original file: proto/fiu/exchange/v1/operator.proto


export interface CloseCaseResponse {
  'caseId'?: (string);
  /**
   * The case's state after the action: closed.
   */
  'state'?: (string);
  /**
   * The reason code recorded; empty when none was given.
   */
  'reason'?: (string);
}

export interface CloseCaseResponse__Output {
  'caseId': (string);
  /**
   * The case's state after the action: closed.
   */
  'state': (string);
  /**
   * The reason code recorded; empty when none was given.
   */
  'reason': (string);
}
