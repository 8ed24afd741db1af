// Original file: proto/fiu/exchange/v1/operator.proto


export interface SummariseCasesRequest {
}

export interface SummariseCasesRequest__Output {
}
