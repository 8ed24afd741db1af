// Original file: proto/fiu/exchange/v1/keys.proto

import type { PartnerRefresh as _fiu_exchange_v1_PartnerRefresh, PartnerRefresh__Output as _fiu_exchange_v1_PartnerRefresh__Output } from '../../../fiu/exchange/v1/PartnerRefresh.js';

export interface RefreshPartnerKeysResponse {
  'partners'?: (_fiu_exchange_v1_PartnerRefresh)[];
}

export interface RefreshPartnerKeysResponse__Output {
  'partners': (_fiu_exchange_v1_PartnerRefresh__Output)[];
}
