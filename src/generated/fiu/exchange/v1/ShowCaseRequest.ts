// Original file: proto/fiu/exchange/v1/operator.proto


export interface ShowCaseRequest {
  'caseId'?: (string);
}

export interface ShowCaseRequest__Output {
  'caseId': (string);
}
