// Original file: proto/fiu/exchange/v1/operator.proto


export interface DecideConsentRequest {
  /**
   * The consent's id: the id of the consent request message received.
   */
  'consentId'?: (string);
  /**
   * granted, granted_with_conditions or refused.
   */
  'decision'?: (string);
  /**
   * With granted_with_conditions: 1 to 20 conditions.
   */
  'conditions'?: (string)[];
  /**
   * With refused: the ground (outside_scope, impairs_investigation, disproportionate,
   * contrary_to_national_law, insufficient_justification, other) and its detail (required for other).
   */
  'ground'?: (string);
  'groundDetail'?: (string);
}

export interface DecideConsentRequest__Output {
  /**
   * The consent's id: the id of the consent request message received.
   */
  'consentId': (string);
  /**
   * granted, granted_with_conditions or refused.
   */
  'decision': (string);
  /**
   * With granted_with_conditions: 1 to 20 conditions.
   */
  'conditions': (string)[];
  /**
   * With refused: the ground (outside_scope, impairs_investigation, disproportionate,
   * contrary_to_national_law, insufficient_justification, other) and its detail (required for other).
   */
  'ground': (string);
  'groundDetail': (string);
}
