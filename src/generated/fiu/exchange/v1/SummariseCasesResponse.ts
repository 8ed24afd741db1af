// Original file: proto/fiu/exchange/v1/operator.proto

import type { PartnerCaseSummary as _fiu_exchange_v1_PartnerCaseSummary, PartnerCaseSummary__Output as _fiu_exchange_v1_PartnerCaseSummary__Output } from '../../../fiu/exchange/v1/PartnerCaseSummary.js';

export interface SummariseCasesResponse {
  'partners'?: (_fiu_exchange_v1_PartnerCaseSummary)[];
}

export interface SummariseCasesResponse__Output {
  'partners': (_fiu_exchange_v1_PartnerCaseSummary__Output)[];
}
