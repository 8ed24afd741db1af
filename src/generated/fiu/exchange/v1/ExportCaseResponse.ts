// Original file: proto/fiu/exchange/v1/operator.proto

import type { Long } from '@grpc/proto-loader';

export interface ExportCaseResponse {
  /**
   * "agreement" or "consent".
   */
  'basis'?: (string);
  /**
   * The consent that allowed it, when basis is consent.
   */
  'consentId'?: (string);
  /**
   * base64url SHA-256 of the canonical JSON of the document (as logged in case.exported).
   */
  'digest'?: (string);
  'ledgerIndex'?: (number | string | Long);
  /**
   * The export document (JSON): the information with its caveats, and the consent's conditions.
   */
  'documentJson'?: (string);
}

export interface ExportCaseResponse__Output {
  /**
   * "agreement" or "consent".
   */
  'basis': (string);
  /**
   * The consent that allowed it, when basis is consent.
   */
  'consentId': (string);
  /**
   * base64url SHA-256 of the canonical JSON of the document (as logged in case.exported).
   */
  'digest': (string);
  'ledgerIndex': (string);
  /**
   * The export document (JSON): the information with its caveats, and the consent's conditions.
   */
  'documentJson': (string);
}
