// Original file: proto/fiu/exchange/v1/operator.proto

import type { Long } from '@grpc/proto-loader';

export interface CaseMessage {
  'messageId'?: (string);
  'direction'?: (string);
  'type'?: (string);
  'from'?: (string);
  'to'?: (string);
  'createdAt'?: (string);
  'digest'?: (string);
  /**
   * The message (header and body) as JSON, after opening and verification.
   */
  'messageJson'?: (string);
  /**
   * The delivery receipt (JWS compact): the one this gateway issued (in) or received (out).
   */
  'receipt'?: (string);
  'ledgerIndex'?: (number | string | Long);
}

export interface CaseMessage__Output {
  'messageId': (string);
  'direction': (string);
  'type': (string);
  'from': (string);
  'to': (string);
  'createdAt': (string);
  'digest': (string);
  /**
   * The message (header and body) as JSON, after opening and verification.
   */
  'messageJson': (string);
  /**
   * The delivery receipt (JWS compact): the one this gateway issued (in) or received (out).
   */
  'receipt': (string);
  'ledgerIndex': (string);
}
