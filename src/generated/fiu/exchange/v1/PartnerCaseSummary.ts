// Original file: proto/fiu/exchange/v1/operator.proto

import type { Long } from '@grpc/proto-loader';

export interface PartnerCaseSummary {
  'partner'?: (string);
  'requestsIn'?: (number);
  'requestsOut'?: (number);
  /**
   * Median time from receiving a request to sending our response, in ms; -1 when none was answered.
   */
  'medianResponseMs'?: (number | string | Long);
  /**
   * Median time from sending a request to receiving the partner's response, in ms; -1 when none.
   */
  'partnerMedianResponseMs'?: (number | string | Long);
  /**
   * Received requests past their deadline and not yet responded to.
   */
  'overdue'?: (number);
}

export interface PartnerCaseSummary__Output {
  'partner': (string);
  'requestsIn': (number);
  'requestsOut': (number);
  /**
   * Median time from receiving a request to sending our response, in ms; -1 when none was answered.
   */
  'medianResponseMs': (string);
  /**
   * Median time from sending a request to receiving the partner's response, in ms; -1 when none.
   */
  'partnerMedianResponseMs': (string);
  /**
   * Received requests past their deadline and not yet responded to.
   */
  'overdue': (number);
}
