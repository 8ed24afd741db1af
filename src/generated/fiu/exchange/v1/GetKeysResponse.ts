// Original file: proto/fiu/exchange/v1/peer.proto


export interface GetKeysResponse {
  /**
   * The key set: a JWS in compact serialization.
   */
  'keySet'?: (string);
}

export interface GetKeysResponse__Output {
  /**
   * The key set: a JWS in compact serialization.
   */
  'keySet': (string);
}
