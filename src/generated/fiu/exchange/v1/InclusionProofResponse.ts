// Original file: proto/fiu/exchange/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface InclusionProofResponse {
  'index'?: (number | string | Long);
  'treeSize'?: (number | string | Long);
  /**
   * base64 leaf hash.
   */
  'leafHash'?: (string);
  /**
   * base64 proof hashes, RFC 9162 order.
   */
  'proof'?: (string)[];
  /**
   * base64 root of the tree of tree_size.
   */
  'root'?: (string);
  'checkpoint'?: (string);
}

export interface InclusionProofResponse__Output {
  'index': (string);
  'treeSize': (string);
  /**
   * base64 leaf hash.
   */
  'leafHash': (string);
  /**
   * base64 proof hashes, RFC 9162 order.
   */
  'proof': (string)[];
  /**
   * base64 root of the tree of tree_size.
   */
  'root': (string);
  'checkpoint': (string);
}
