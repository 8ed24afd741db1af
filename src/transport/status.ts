/**
 * The one place where errors become gRPC status. A peer learns the status code, the stable reason code
 * (in the `fiu-error-code` trailer and at the start of the status details) and the error's
 * `publicDetail`; never its message, cause, stack or any path. Anything that is not a GatewayError is
 * INTERNAL with a fixed text.
 */
import * as grpc from '@grpc/grpc-js';
import { GatewayError, type ErrorKind, ERROR_CODES, type ErrorCode } from '../errors.js';

const STATUS_OF_KIND: Record<ErrorKind, grpc.status> = {
  unauthenticated: grpc.status.UNAUTHENTICATED,
  permission: grpc.status.PERMISSION_DENIED,
  invalid: grpc.status.INVALID_ARGUMENT,
  not_found: grpc.status.NOT_FOUND,
  conflict: grpc.status.ALREADY_EXISTS,
  precondition: grpc.status.FAILED_PRECONDITION,
  exhausted: grpc.status.RESOURCE_EXHAUSTED,
  unavailable: grpc.status.UNAVAILABLE,
  internal: grpc.status.INTERNAL,
};

/** The trailer that carries the stable reason code of a refusal. */
export const ERROR_CODE_METADATA = 'fiu-error-code';

/** Default public texts, used when an error has no publicDetail of its own. */
const DEFAULT_TEXT: Partial<Record<ErrorKind, string>> = {
  unauthenticated: 'the sender could not be authenticated',
  permission: 'not allowed',
  invalid: 'the request is not valid',
  not_found: 'not found',
  conflict: 'conflicts with an earlier message',
  precondition: 'not possible in the current state',
  exhausted: 'too large or too many',
  unavailable: 'temporarily unavailable',
  internal: 'internal error',
};

/** Converts anything thrown into the gRPC status object that is sent to the caller. */
export function toStatus(err: unknown): Partial<grpc.StatusObject> {
  const e = err instanceof GatewayError ? err : new GatewayError('internal.unexpected', 'unexpected error');
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_CODE_METADATA, e.code);
  const text = e.kind === 'internal' ? DEFAULT_TEXT.internal : (e.publicDetail ?? DEFAULT_TEXT[e.kind]);
  return { code: STATUS_OF_KIND[e.kind], details: `${e.code}: ${text}`, metadata };
}

/** Reads a refusal received from a gateway back into a GatewayError (client side). */
export function fromStatus(err: unknown, context: string): GatewayError {
  const se = err as Partial<grpc.ServiceError> | undefined;
  const raw = se?.metadata?.get(ERROR_CODE_METADATA)[0];
  const code = typeof raw === 'string' && raw in ERROR_CODES ? (raw as ErrorCode) : undefined;
  const details = typeof se?.details === 'string' ? se.details : String(err);
  if (code) {
    const detail = details.startsWith(`${code}: `) ? details.slice(code.length + 2) : details;
    return new GatewayError(code, `${context}: ${detail}`, { cause: err, publicDetail: detail });
  }
  if (se?.code === grpc.status.UNAVAILABLE || se?.code === grpc.status.DEADLINE_EXCEEDED) {
    return new GatewayError('transport.partner_unreachable', `${context}: unreachable (${details})`, {
      cause: err,
    });
  }
  return new GatewayError('transport.peer_refused', `${context}: ${details}`, { cause: err });
}
