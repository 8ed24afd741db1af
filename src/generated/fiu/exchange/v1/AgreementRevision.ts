// Original file: proto/fiu/exchange/v1/agreements.proto

import type { Long } from '@grpc/proto-loader';

export interface AgreementRevision {
  'agreementId'?: (string);
  'version'?: (number | string | Long);
  'partner'?: (string);
  /**
   * "active", "suspended" or "terminated".
   */
  'status'?: (string);
  /**
   * The document as canonical JSON (RFC 8785).
   */
  'documentJson'?: (string);
  /**
   * base64url SHA-256 of the revision, as recorded in the ledger's agreement.changed entry.
   */
  'digest'?: (string);
  'appliedAt'?: (string);
  'appliedBy'?: (string);
  /**
   * Why, for a suspension; empty otherwise.
   */
  'reason'?: (string);
  /**
   * The index of the agreement.changed entry in this gateway's ledger.
   */
  'ledgerIndex'?: (number | string | Long);
}

export interface AgreementRevision__Output {
  'agreementId': (string);
  'version': (string);
  'partner': (string);
  /**
   * "active", "suspended" or "terminated".
   */
  'status': (string);
  /**
   * The document as canonical JSON (RFC 8785).
   */
  'documentJson': (string);
  /**
   * base64url SHA-256 of the revision, as recorded in the ledger's agreement.changed entry.
   */
  'digest': (string);
  'appliedAt': (string);
  'appliedBy': (string);
  /**
   * Why, for a suspension; empty otherwise.
   */
  'reason': (string);
  /**
   * The index of the agreement.changed entry in this gateway's ledger.
   */
  'ledgerIndex': (string);
}
