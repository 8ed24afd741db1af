// Original file: proto/fiu/exchange/v1/operator.proto


export interface CaseSummary {
  'caseId'?: (string);
  'direction'?: (string);
  'partner'?: (string);
  'state'?: (string);
  'messageType'?: (string);
  'purpose'?: (string);
  'urgency'?: (string);
  'deadline'?: (string);
  'openedAt'?: (string);
  'messageId'?: (string);
  /**
   * The operator the case is assigned to, or empty.
   */
  'assignee'?: (string);
  /**
   * A received request past its deadline and not yet responded to.
   */
  'overdue'?: (boolean);
}

export interface CaseSummary__Output {
  'caseId': (string);
  'direction': (string);
  'partner': (string);
  'state': (string);
  'messageType': (string);
  'purpose': (string);
  'urgency': (string);
  'deadline': (string);
  'openedAt': (string);
  'messageId': (string);
  /**
   * The operator the case is assigned to, or empty.
   */
  'assignee': (string);
  /**
   * A received request past its deadline and not yet responded to.
   */
  'overdue': (boolean);
}
