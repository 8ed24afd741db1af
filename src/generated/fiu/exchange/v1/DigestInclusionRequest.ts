// Original file: proto/fiu/exchange/v1/peer.proto


export interface DigestInclusionRequest {
  /**
   * base64url SHA-256 of the sealed bytes of a message between the caller and this gateway.
   */
  'digest'?: (string);
}

export interface DigestInclusionRequest__Output {
  /**
   * base64url SHA-256 of the sealed bytes of a message between the caller and this gateway.
   */
  'digest': (string);
}
