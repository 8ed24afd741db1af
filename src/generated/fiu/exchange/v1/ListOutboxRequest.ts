// Original file: proto/fiu/exchange/v1/operator.proto


export interface ListOutboxRequest {
  /**
   * Optional filters: state (queued, delivering, delivered, failed, cancelled) and partner.
   */
  'state'?: (string);
  'partner'?: (string);
}

export interface ListOutboxRequest__Output {
  /**
   * Optional filters: state (queued, delivering, delivered, failed, cancelled) and partner.
   */
  'state': (string);
  'partner': (string);
}
