// Original file: proto/fiu/exchange/v1/peer.proto


export interface DeliverResponse {
  /**
   * The delivery receipt: a JWS in compact serialization signed by the receiver's signing key.
   */
  'receipt'?: (string);
}

export interface DeliverResponse__Output {
  /**
   * The delivery receipt: a JWS in compact serialization signed by the receiver's signing key.
   */
  'receipt': (string);
}
