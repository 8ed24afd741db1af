// Original file: proto/fiu/exchange/v1/operator.proto


export interface CaseDecisionInfo {
  'approver'?: (string);
  'roles'?: (string)[];
  /**
   * "approved" or "rejected".
   */
  'decision'?: (string);
  'comment'?: (string);
  'decidedAt'?: (string);
}

export interface CaseDecisionInfo__Output {
  'approver': (string);
  'roles': (string)[];
  /**
   * "approved" or "rejected".
   */
  'decision': (string);
  'comment': (string);
  'decidedAt': (string);
}
