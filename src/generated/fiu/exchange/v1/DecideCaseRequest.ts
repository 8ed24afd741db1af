// Original file: proto/fiu/exchange/v1/operator.proto


export interface DecideCaseRequest {
  'caseId'?: (string);
  /**
   * Why (optional); kept sealed at the gateway, never in the ledger.
   */
  'comment'?: (string);
}

export interface DecideCaseRequest__Output {
  'caseId': (string);
  /**
   * Why (optional); kept sealed at the gateway, never in the ledger.
   */
  'comment': (string);
}
