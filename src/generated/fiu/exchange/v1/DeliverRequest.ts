// Original file: proto/fiu/exchange/v1/peer.proto


export interface DeliverRequest {
  /**
   * The sealed message: a JWE in compact serialization (ASCII), whose plaintext is a JWS in compact
   * serialization, whose payload is the message as RFC 8785 canonical JSON.
   */
  'sealed'?: (string);
}

export interface DeliverRequest__Output {
  /**
   * The sealed message: a JWE in compact serialization (ASCII), whose plaintext is a JWS in compact
   * serialization, whose payload is the message as RFC 8785 canonical JSON.
   */
  'sealed': (string);
}
