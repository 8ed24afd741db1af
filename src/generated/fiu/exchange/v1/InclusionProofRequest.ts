// Original file: proto/fiu/exchange/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface InclusionProofRequest {
  'index'?: (number | string | Long);
  /**
   * base64 leaf hash (SHA-256 of 0x00 || leaf bytes).
   */
  'leafHash'?: (string);
  'by'?: "index"|"leafHash";
}

export interface InclusionProofRequest__Output {
  'index'?: (string);
  /**
   * base64 leaf hash (SHA-256 of 0x00 || leaf bytes).
   */
  'leafHash'?: (string);
  'by'?: "index"|"leafHash";
}
