// Original file: proto/fiu/exchange/v1/keys.proto


export interface RefreshPartnerKeysRequest {
  /**
   * A partner FIU id; empty for every partner.
   */
  'partner'?: (string);
}

export interface RefreshPartnerKeysRequest__Output {
  /**
   * A partner FIU id; empty for every partner.
   */
  'partner': (string);
}
