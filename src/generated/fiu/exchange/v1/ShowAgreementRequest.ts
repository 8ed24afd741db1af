// Original file: proto/fiu/exchange/v1/agreements.proto


export interface ShowAgreementRequest {
  'agreementId'?: (string);
}

export interface ShowAgreementRequest__Output {
  'agreementId': (string);
}
