// Original file: proto/fiu/exchange/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface Checkpoint {
  'size'?: (number | string | Long);
  /**
   * base64 root hash.
   */
  'root'?: (string);
  /**
   * The C2SP signed note.
   */
  'note'?: (string);
}

export interface Checkpoint__Output {
  'size': (string);
  /**
   * base64 root hash.
   */
  'root': (string);
  /**
   * The C2SP signed note.
   */
  'note': (string);
}
