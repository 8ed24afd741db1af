// Original file: proto/fiu/exchange/v1/peer.proto

import type { Long } from '@grpc/proto-loader';

export interface ConsistencyProofRequest {
  'size1'?: (number | string | Long);
  'size2'?: (number | string | Long);
}

export interface ConsistencyProofRequest__Output {
  'size1': (string);
  'size2': (string);
}
