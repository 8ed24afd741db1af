// Original file: proto/fiu/exchange/v1/operator.proto


export interface OutboxItemRequest {
  'messageId'?: (string);
}

export interface OutboxItemRequest__Output {
  'messageId': (string);
}
