// Original file: proto/fiu/exchange/v1/operator.proto

import type { CaseSummary as _fiu_exchange_v1_CaseSummary, CaseSummary__Output as _fiu_exchange_v1_CaseSummary__Output } from '../../../fiu/exchange/v1/CaseSummary.js';

export interface ListInboxResponse {
  'cases'?: (_fiu_exchange_v1_CaseSummary)[];
}

export interface ListInboxResponse__Output {
  'cases': (_fiu_exchange_v1_CaseSummary__Output)[];
}
