// Original file: proto/fiu/exchange/v1/operator.proto

import type { Long } from '@grpc/proto-loader';

export interface DeliveryReceiptInfo {
  'messageId'?: (string);
  /**
   * base64url SHA-256 of the sealed bytes, as the receiver computed it.
   */
  'digest'?: (string);
  'receivedAt'?: (string);
  /**
   * The receiver's ledger index of the entry that recorded the message.
   */
  'ledgerIndex'?: (number | string | Long);
  /**
   * The receipt itself (JWS compact).
   */
  'receipt'?: (string);
}

export interface DeliveryReceiptInfo__Output {
  'messageId': (string);
  /**
   * base64url SHA-256 of the sealed bytes, as the receiver computed it.
   */
  'digest': (string);
  'receivedAt': (string);
  /**
   * The receiver's ledger index of the entry that recorded the message.
   */
  'ledgerIndex': (string);
  /**
   * The receipt itself (JWS compact).
   */
  'receipt': (string);
}
