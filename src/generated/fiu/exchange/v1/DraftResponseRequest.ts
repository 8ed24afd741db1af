// Original file: proto/fiu/exchange/v1/operator.proto


export interface DraftResponseRequest {
  'caseId'?: (string);
  /**
   * The response as JSON: { purpose, dataCategories, classification, urgency, body: { outcome, ... } }
   * (docs/examples/response.json). The gateway adds id, from, to, createdAt, agreement, inReplyTo.
   */
  'responseJson'?: (string);
}

export interface DraftResponseRequest__Output {
  'caseId': (string);
  /**
   * The response as JSON: { purpose, dataCategories, classification, urgency, body: { outcome, ... } }
   * (docs/examples/response.json). The gateway adds id, from, to, createdAt, agreement, inReplyTo.
   */
  'responseJson': (string);
}
