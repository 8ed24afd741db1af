// Original file: proto/fiu/exchange/v1/peer.proto


/**
 * ErrorDetail is carried in the `fiu-error-bin` trailer of every refusal: the stable reason code and a
 * short text that names what is wrong (never internals).
 */
export interface ErrorDetail {
  'code'?: (string);
  'detail'?: (string);
}

/**
 * ErrorDetail is carried in the `fiu-error-bin` trailer of every refusal: the stable reason code and a
 * short text that names what is wrong (never internals).
 */
export interface ErrorDetail__Output {
  'code': (string);
  'detail': (string);
}
