// Original file: proto/fiu/exchange/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface GetEntriesRequest {
  'start'?: (number | string | Long);
  'end'?: (number | string | Long);
}

export interface GetEntriesRequest__Output {
  'start': (string);
  'end': (string);
}
