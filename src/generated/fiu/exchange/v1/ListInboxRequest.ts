// Original file: proto/fiu/exchange/v1/operator.proto


export interface ListInboxRequest {
  /**
   * Optional filters.
   */
  'state'?: (string);
  'partner'?: (string);
}

export interface ListInboxRequest__Output {
  /**
   * Optional filters.
   */
  'state': (string);
  'partner': (string);
}
