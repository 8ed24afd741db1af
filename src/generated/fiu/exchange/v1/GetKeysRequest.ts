// Original file: proto/fiu/exchange/v1/peer.proto


export interface GetKeysRequest {
}

export interface GetKeysRequest__Output {
}
