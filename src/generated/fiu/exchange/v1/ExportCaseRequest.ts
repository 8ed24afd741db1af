// Original file: proto/fiu/exchange/v1/operator.proto


export interface ExportCaseRequest {
  'caseId'?: (string);
  /**
   * The domestic recipient, by name, and the purpose of the onward use, in words.
   */
  'recipient'?: (string);
  'purpose'?: (string);
  /**
   * Only these received messages (default: every response and disclosure received in the case).
   */
  'messageIds'?: (string)[];
}

export interface ExportCaseRequest__Output {
  'caseId': (string);
  /**
   * The domestic recipient, by name, and the purpose of the onward use, in words.
   */
  'recipient': (string);
  'purpose': (string);
  /**
   * Only these received messages (default: every response and disclosure received in the case).
   */
  'messageIds': (string)[];
}
