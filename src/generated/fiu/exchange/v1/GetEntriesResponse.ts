// Original file: proto/fiu/exchange/v1/audit.proto

import type { LedgerEntryLine as _fiu_exchange_v1_LedgerEntryLine, LedgerEntryLine__Output as _fiu_exchange_v1_LedgerEntryLine__Output } from '../../../fiu/exchange/v1/LedgerEntryLine.js';

export interface GetEntriesResponse {
  'entries'?: (_fiu_exchange_v1_LedgerEntryLine)[];
}

export interface GetEntriesResponse__Output {
  'entries': (_fiu_exchange_v1_LedgerEntryLine__Output)[];
}
