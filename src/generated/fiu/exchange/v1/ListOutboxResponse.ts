// Original file: proto/fiu/exchange/v1/operator.proto

import type { OutboxItemInfo as _fiu_exchange_v1_OutboxItemInfo, OutboxItemInfo__Output as _fiu_exchange_v1_OutboxItemInfo__Output } from '../../../fiu/exchange/v1/OutboxItemInfo.js';

export interface ListOutboxResponse {
  'items'?: (_fiu_exchange_v1_OutboxItemInfo)[];
}

export interface ListOutboxResponse__Output {
  'items': (_fiu_exchange_v1_OutboxItemInfo__Output)[];
}
