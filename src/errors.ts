/**
 * The one error type of the gateway. Every failure that crosses a module edge is a {@link GatewayError}
 * with a stable string code; lower-layer errors are kept as `cause`. Codes are part of the protocol
 * (they travel to peers in status details, see docs/PROTOCOL.md) and must never be renamed.
 *
 * The `message` is written for the local operator. What a peer sees is decided in one place,
 * `transport/status.ts`, from the code alone plus `publicDetail` (never from `message` or `cause`).
 */

/** The kind of failure, which decides the gRPC status a peer receives. */
export type ErrorKind =
  | 'unauthenticated'
  | 'permission'
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'precondition'
  | 'exhausted'
  | 'unavailable'
  | 'internal';

/** Every error code, by domain. The kind after each decides the gRPC status. */
export const ERROR_CODES = {
  // config
  'config.invalid': 'invalid',
  'config.file_unreadable': 'invalid',
  'config.insecure': 'invalid',
  // crypto (sealing, opening, keys, receipts)
  'crypto.malformed_seal': 'invalid',
  'crypto.unsupported_algorithm': 'invalid',
  'crypto.sender_mismatch': 'unauthenticated',
  'crypto.signer_mismatch': 'unauthenticated',
  'crypto.unknown_signing_key': 'unauthenticated',
  'crypto.signing_key_not_valid': 'unauthenticated',
  'crypto.bad_signature': 'unauthenticated',
  'crypto.wrong_recipient': 'invalid',
  'crypto.unknown_encryption_key': 'invalid',
  'crypto.decryption_failed': 'invalid',
  'crypto.header_mismatch': 'invalid',
  'crypto.key_invalid': 'invalid',
  'crypto.no_valid_key': 'internal',
  'crypto.bad_receipt': 'invalid',
  // crypto: a partner's key set (GetKeys, docs/PROTOCOL.md section 11) that does not verify
  'crypto.bad_key_set': 'invalid',
  // messages
  'message.invalid': 'invalid',
  'message.too_large': 'exhausted',
  // messages: the freshness window of header.createdAt (docs/PROTOCOL.md section 5, step 15)
  'message.stale': 'invalid',
  'message.not_yet_valid': 'invalid',
  // transport
  'transport.no_peer_identity': 'unauthenticated',
  // transport: the peer's certificate is on a revocation list of tls.crl (docs/PROTOCOL.md section 1)
  'transport.certificate_revoked': 'unauthenticated',
  // transport: a request that is not a valid protobuf message of its RPC
  'transport.malformed_request': 'invalid',
  'transport.unknown_partner': 'permission',
  'transport.partner_unreachable': 'unavailable',
  'transport.peer_refused': 'unavailable',
  'transport.operator_forbidden': 'permission',
  // transport: per-partner limits on the peer API (docs/PROTOCOL.md section 9)
  'transport.too_many_calls': 'exhausted',
  'transport.rate_limited': 'exhausted',
  // exchange
  'exchange.duplicate_id': 'conflict',
  'exchange.not_found': 'not_found',
  // a linked message whose inReplyTo names no message of the right type exchanged with that partner
  'exchange.unknown_reference': 'not_found',
  // onward dissemination (src/policy/onward.ts): handing received information on is refused
  'onward.consent_required': 'permission',
  'onward.consent_pending': 'permission',
  'onward.consent_refused': 'permission',
  // a case holds no information received from a partner (nothing to hand on)
  'onward.no_information': 'precondition',
  // policy (sharing agreements, docs/AGREEMENTS.md): refusals by the agreement in force
  'policy.no_agreement': 'permission',
  'policy.partner_mismatch': 'permission',
  'policy.agreement_suspended': 'permission',
  'policy.agreement_terminated': 'permission',
  'policy.agreement_not_yet_valid': 'permission',
  'policy.agreement_expired': 'permission',
  'policy.agreement_mismatch': 'permission',
  'policy.type_not_allowed': 'permission',
  'policy.purpose_not_allowed': 'permission',
  'policy.offence_not_allowed': 'permission',
  'policy.category_not_allowed': 'permission',
  'policy.classification_too_high': 'permission',
  'policy.daily_limit': 'exhausted',
  'policy.burst_limit': 'exhausted',
  'policy.approval_required': 'permission',
  // policy (managing agreements)
  'policy.invalid_agreement': 'invalid',
  'policy.agreement_conflict': 'conflict',
  'policy.agreement_not_found': 'not_found',
  // cases (docs/OPERATIONS.md, "A liaison officer's day"): the workflow's refusals
  'case.invalid_state': 'precondition',
  'case.not_assignee': 'permission',
  'case.self_approval': 'permission',
  'case.already_approved': 'conflict',
  'case.supervisor_required': 'permission',
  // outbox: an item is not in a state that allows the action (cancel a delivered item, say)
  'exchange.invalid_state': 'precondition',
  // ledger (Merkle tree, proofs)
  'ledger.invalid_proof': 'invalid',
  'ledger.bad_input': 'invalid',
  // ledger (signed notes, checkpoints, exports): a note or checkpoint that is malformed or does not
  // verify, and an export file that cannot be read as one (docs/AUDIT.md)
  'ledger.bad_note': 'invalid',
  'ledger.bad_checkpoint': 'invalid',
  'ledger.bad_export': 'invalid',
  'ledger.fork': 'internal',
  'ledger.tail_mismatch': 'internal',
  'ledger.partner_alarm': 'internal',
  // store
  'store.failed': 'internal',
  'store.migration_failed': 'internal',
  // pki
  'pki.invalid_argument': 'invalid',
  'pki.output_exists': 'conflict',
  // anything else
  'internal.unexpected': 'internal',
} as const satisfies Record<string, ErrorKind>;

/** A stable error code; `switch (err.code)` narrows on it. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Options of a {@link GatewayError}. */
export interface GatewayErrorOptions {
  /** The lower-layer error, kept for the local log only. */
  cause?: unknown;
  /**
   * A short text that may be shown to a peer (for example which field of a message is wrong).
   * It must never contain internals: no paths, no stack, no key material.
   */
  publicDetail?: string;
}

/** The one error type; see the module comment. */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly publicDetail: string | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.publicDetail = options.publicDetail;
  }

  /** The kind of this error's code. */
  get kind(): ErrorKind {
    return ERROR_CODES[this.code];
  }
}

/** True when `err` is a {@link GatewayError}, optionally with the given code. */
export function isGatewayError(err: unknown, code?: ErrorCode): err is GatewayError {
  return err instanceof GatewayError && (code === undefined || err.code === code);
}

/** Wraps anything thrown into a {@link GatewayError}, keeping a GatewayError as it is. */
export function toGatewayError(err: unknown, code: ErrorCode, message: string): GatewayError {
  return err instanceof GatewayError ? err : new GatewayError(code, message, { cause: err });
}
