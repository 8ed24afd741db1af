// Original file: proto/fiu/exchange/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface AuditConsistencyRequest {
  'size1'?: (number | string | Long);
  'size2'?: (number | string | Long);
}

export interface AuditConsistencyRequest__Output {
  'size1': (string);
  'size2': (string);
}
