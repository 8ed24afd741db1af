// Original file: proto/fiu/exchange/v1/operator.proto


export interface ListInboxRequest {
  /**
   * Optional filters.
   */
  'state'?: (string);
  'partner'?: (string);
  /**
   * Only received requests past their deadline and not yet responded to.
   */
  'overdue'?: (boolean);
}

export interface ListInboxRequest__Output {
  /**
   * Optional filters.
   */
  'state': (string);
  'partner': (string);
  /**
   * Only received requests past their deadline and not yet responded to.
   */
  'overdue': (boolean);
}
