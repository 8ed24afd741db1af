// Original file: proto/fiu/exchange/v1/operator.proto


export interface AssignCaseRequest {
  'caseId'?: (string);
  /**
   * The liaison officer (operator name) to assign the case to; empty: the caller.
   */
  'assignee'?: (string);
}

export interface AssignCaseRequest__Output {
  'caseId': (string);
  /**
   * The liaison officer (operator name) to assign the case to; empty: the caller.
   */
  'assignee': (string);
}
