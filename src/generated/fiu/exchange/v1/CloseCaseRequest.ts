// Original file: proto/fiu/exchange/v1/operator.proto


export interface CloseCaseRequest {
  'caseId'?: (string);
  /**
   * Why, as a code (optional): handled, no_response, duplicate or other. Recorded in the ledger, so
   * never a free text.
   */
  'reason'?: (string);
}

export interface CloseCaseRequest__Output {
  'caseId': (string);
  /**
   * Why, as a code (optional): handled, no_response, duplicate or other. Recorded in the ledger, so
   * never a free text.
   */
  'reason': (string);
}
