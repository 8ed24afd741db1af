// Original file: proto/fiu/exchange/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface LedgerEntryLine {
  'index'?: (number | string | Long);
  /**
   * The entry's canonical JSON (its leaf bytes).
   */
  'entry'?: (string);
}

export interface LedgerEntryLine__Output {
  'index': (string);
  /**
   * The entry's canonical JSON (its leaf bytes).
   */
  'entry': (string);
}
