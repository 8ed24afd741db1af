// Original file: proto/fiu/exchange/v1/operator.proto


export interface RequestConsentRequest {
  'caseId'?: (string);
  /**
   * The received response or spontaneous disclosure whose information is to be passed on.
   */
  'messageId'?: (string);
  /**
   * What of that information, in words.
   */
  'description'?: (string);
  'recipientName'?: (string);
  /**
   * police, prosecutor, tax_authority, customs, supervisor, other_fiu or other.
   */
  'recipientKind'?: (string);
  /**
   * The purpose of the onward use, in words.
   */
  'purpose'?: (string);
  /**
   * Optional.
   */
  'legalBasis'?: (string);
}

export interface RequestConsentRequest__Output {
  'caseId': (string);
  /**
   * The received response or spontaneous disclosure whose information is to be passed on.
   */
  'messageId': (string);
  /**
   * What of that information, in words.
   */
  'description': (string);
  'recipientName': (string);
  /**
   * police, prosecutor, tax_authority, customs, supervisor, other_fiu or other.
   */
  'recipientKind': (string);
  /**
   * The purpose of the onward use, in words.
   */
  'purpose': (string);
  /**
   * Optional.
   */
  'legalBasis': (string);
}
