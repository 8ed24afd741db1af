// Original file: proto/fiu/exchange/v1/operator.proto


export interface DiscloseSpontaneousRequest {
  /**
   * The partner FIU to disclose to.
   */
  'to'?: (string);
  /**
   * The disclosure as JSON (docs/examples/spontaneous-disclosure.json).
   */
  'disclosureJson'?: (string);
}

export interface DiscloseSpontaneousRequest__Output {
  /**
   * The partner FIU to disclose to.
   */
  'to': (string);
  /**
   * The disclosure as JSON (docs/examples/spontaneous-disclosure.json).
   */
  'disclosureJson': (string);
}
