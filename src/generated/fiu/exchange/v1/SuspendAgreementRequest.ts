// Original file: proto/fiu/exchange/v1/agreements.proto


export interface SuspendAgreementRequest {
  'agreementId'?: (string);
  'reason'?: (string);
}

export interface SuspendAgreementRequest__Output {
  'agreementId': (string);
  'reason': (string);
}
