// Original file: proto/fiu/exchange/v1/operator.proto


export interface AssignCaseResponse {
  'caseId'?: (string);
  'assignee'?: (string);
  'state'?: (string);
}

export interface AssignCaseResponse__Output {
  'caseId': (string);
  'assignee': (string);
  'state': (string);
}
