// Original file: proto/fiu/exchange/v1/operator.proto


export interface SendFeedbackRequest {
  'caseId'?: (string);
  /**
   * The received response or spontaneous disclosure rated.
   */
  'messageId'?: (string);
  /**
   * analysis, dissemination_to_authority, investigation, prosecution, asset_freezing, no_use, other.
   */
  'use'?: (string)[];
  /**
   * very_useful, useful, somewhat_useful or not_useful.
   */
  'usefulness'?: (string);
  /**
   * Optional.
   */
  'comments'?: (string);
}

export interface SendFeedbackRequest__Output {
  'caseId': (string);
  /**
   * The received response or spontaneous disclosure rated.
   */
  'messageId': (string);
  /**
   * analysis, dissemination_to_authority, investigation, prosecution, asset_freezing, no_use, other.
   */
  'use': (string)[];
  /**
   * very_useful, useful, somewhat_useful or not_useful.
   */
  'usefulness': (string);
  /**
   * Optional.
   */
  'comments': (string);
}
