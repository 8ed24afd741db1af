// Original file: proto/fiu/exchange/v1/agreements.proto


export interface ListAgreementsRequest {
}

export interface ListAgreementsRequest__Output {
}
