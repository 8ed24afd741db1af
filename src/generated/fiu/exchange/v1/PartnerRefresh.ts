// Original file: proto/fiu/exchange/v1/keys.proto

import type { LearnedKey as _fiu_exchange_v1_LearnedKey, LearnedKey__Output as _fiu_exchange_v1_LearnedKey__Output } from '../../../fiu/exchange/v1/LearnedKey.js';

export interface PartnerRefresh {
  'partner'?: (string);
  /**
   * True when the key set was fetched and verified.
   */
  'ok'?: (boolean);
  /**
   * The error code when it was not (e.g. crypto.bad_key_set, transport.partner_unreachable).
   */
  'errorCode'?: (string);
  /**
   * How many keys the verified set held.
   */
  'keysInSet'?: (number);
  /**
   * The keys registered by this refresh (those not known before).
   */
  'learned'?: (_fiu_exchange_v1_LearnedKey)[];
}

export interface PartnerRefresh__Output {
  'partner': (string);
  /**
   * True when the key set was fetched and verified.
   */
  'ok': (boolean);
  /**
   * The error code when it was not (e.g. crypto.bad_key_set, transport.partner_unreachable).
   */
  'errorCode': (string);
  /**
   * How many keys the verified set held.
   */
  'keysInSet': (number);
  /**
   * The keys registered by this refresh (those not known before).
   */
  'learned': (_fiu_exchange_v1_LearnedKey__Output)[];
}
