// Original file: proto/fiu/exchange/v1/operator.proto


export interface SubmitRequestRequest {
  /**
   * The partner FIU to ask, e.g. "FIU-B".
   */
  'to'?: (string);
  /**
   * The request as JSON: { purpose, urgency, deadline?, body: { subjects, facts, countryLink, intendedUse,
   * questions } } (docs/PROTOCOL.md, "Request for information"). The gateway adds id, from, createdAt.
   */
  'requestJson'?: (string);
}

export interface SubmitRequestRequest__Output {
  /**
   * The partner FIU to ask, e.g. "FIU-B".
   */
  'to': (string);
  /**
   * The request as JSON: { purpose, urgency, deadline?, body: { subjects, facts, countryLink, intendedUse,
   * questions } } (docs/PROTOCOL.md, "Request for information"). The gateway adds id, from, createdAt.
   */
  'requestJson': (string);
}
