// Original file: proto/fiu/exchange/v1/operator.proto


export interface OutboxItemInfo {
  /**
   * The message id: the handle of the item.
   */
  'messageId'?: (string);
  'partner'?: (string);
  /**
   * queued, delivering, delivered, failed or cancelled.
   */
  'state'?: (string);
  'attempts'?: (number);
  /**
   * RFC 3339: when the next attempt is due (queued items).
   */
  'nextAttemptAt'?: (string);
  /**
   * RFC 3339: after this, a failing item gives up.
   */
  'giveUpAt'?: (string);
  /**
   * The error code of the last failed attempt, if any.
   */
  'lastError'?: (string);
  /**
   * The operator who submitted the message.
   */
  'submittedBy'?: (string);
  'createdAt'?: (string);
  'updatedAt'?: (string);
}

export interface OutboxItemInfo__Output {
  /**
   * The message id: the handle of the item.
   */
  'messageId': (string);
  'partner': (string);
  /**
   * queued, delivering, delivered, failed or cancelled.
   */
  'state': (string);
  'attempts': (number);
  /**
   * RFC 3339: when the next attempt is due (queued items).
   */
  'nextAttemptAt': (string);
  /**
   * RFC 3339: after this, a failing item gives up.
   */
  'giveUpAt': (string);
  /**
   * The error code of the last failed attempt, if any.
   */
  'lastError': (string);
  /**
   * The operator who submitted the message.
   */
  'submittedBy': (string);
  'createdAt': (string);
  'updatedAt': (string);
}
