// Original file: proto/fiu/exchange/v1/peer.proto

import type { Long } from '@grpc/proto-loader';

export interface DigestInclusionResponse {
  'index'?: (number | string | Long);
  /**
   * The entry's leaf bytes (its canonical JSON).
   */
  'leaf'?: (Buffer | Uint8Array | string);
  'treeSize'?: (number | string | Long);
  'proof'?: (Buffer | Uint8Array | string)[];
  /**
   * The signed checkpoint (C2SP signed note) of size tree_size.
   */
  'checkpoint'?: (string);
}

export interface DigestInclusionResponse__Output {
  'index': (string);
  /**
   * The entry's leaf bytes (its canonical JSON).
   */
  'leaf': (Buffer);
  'treeSize': (string);
  'proof': (Buffer)[];
  /**
   * The signed checkpoint (C2SP signed note) of size tree_size.
   */
  'checkpoint': (string);
}
