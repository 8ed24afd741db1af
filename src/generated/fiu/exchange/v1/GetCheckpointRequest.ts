// Original file: proto/fiu/exchange/v1/audit.proto


export interface GetCheckpointRequest {
}

export interface GetCheckpointRequest__Output {
}
