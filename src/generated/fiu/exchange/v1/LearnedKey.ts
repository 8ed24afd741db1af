// Original file: proto/fiu/exchange/v1/keys.proto

import type { Long } from '@grpc/proto-loader';

export interface LearnedKey {
  'fiu'?: (string);
  'kid'?: (string);
  /**
   * "sig", "enc" or "ledger".
   */
  'use'?: (string);
  'notBefore'?: (string);
  'notAfter'?: (string);
  /**
   * The index of the key.registered entry in this gateway's ledger.
   */
  'ledgerIndex'?: (number | string | Long);
}

export interface LearnedKey__Output {
  'fiu': (string);
  'kid': (string);
  /**
   * "sig", "enc" or "ledger".
   */
  'use': (string);
  'notBefore': (string);
  'notAfter': (string);
  /**
   * The index of the key.registered entry in this gateway's ledger.
   */
  'ledgerIndex': (string);
}
