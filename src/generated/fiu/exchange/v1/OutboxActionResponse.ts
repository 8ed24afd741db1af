// Original file: proto/fiu/exchange/v1/operator.proto

import type { OutboxItemInfo as _fiu_exchange_v1_OutboxItemInfo, OutboxItemInfo__Output as _fiu_exchange_v1_OutboxItemInfo__Output } from '../../../fiu/exchange/v1/OutboxItemInfo.js';

export interface OutboxActionResponse {
  /**
   * The item after the action (and after the attempt that followed, when one ended in time).
   */
  'item'?: (_fiu_exchange_v1_OutboxItemInfo | null);
  /**
   * After a retry: the attempt's outcome, "delivered", "queued" or "failed"; empty when none ended in time.
   */
  'outcome'?: (string);
  'errorCode'?: (string);
  'errorDetail'?: (string);
}

export interface OutboxActionResponse__Output {
  /**
   * The item after the action (and after the attempt that followed, when one ended in time).
   */
  'item': (_fiu_exchange_v1_OutboxItemInfo__Output | null);
  /**
   * After a retry: the attempt's outcome, "delivered", "queued" or "failed"; empty when none ended in time.
   */
  'outcome': (string);
  'errorCode': (string);
  'errorDetail': (string);
}
