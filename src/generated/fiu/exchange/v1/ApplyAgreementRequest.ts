// Original file: proto/fiu/exchange/v1/agreements.proto


export interface ApplyAgreementRequest {
  /**
   * The agreement document as JSON (the CLI reads YAML or JSON and sends JSON).
   */
  'documentJson'?: (string);
}

export interface ApplyAgreementRequest__Output {
  /**
   * The agreement document as JSON (the CLI reads YAML or JSON and sends JSON).
   */
  'documentJson': (string);
}
