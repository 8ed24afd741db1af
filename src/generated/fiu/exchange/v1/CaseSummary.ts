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
}
