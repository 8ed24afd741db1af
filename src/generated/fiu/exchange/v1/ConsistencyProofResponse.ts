// Original file: proto/fiu/exchange/v1/peer.proto


export interface ConsistencyProofResponse {
  /**
   * The proof hashes (32 bytes each), in RFC 9162 order.
   */
  'proof'?: (Buffer | Uint8Array | string)[];
}

export interface ConsistencyProofResponse__Output {
  /**
   * The proof hashes (32 bytes each), in RFC 9162 order.
   */
  'proof': (Buffer)[];
}
