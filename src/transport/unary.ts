/**
 * Adapts an async handler to a grpc-js unary handler. Every error goes through `toStatus` (the one
 * place where errors become status); the local log gets the full message, the peer only what
 * `toStatus` allows. Each call runs in a correlation scope (observability/correlation.ts).
 */
import type * as grpc from '@grpc/grpc-js';
import { GatewayError } from '../errors.js';
import type { Logger } from '../log.js';
import {
  CORRELATION_METADATA_KEY,
  newCorrelationId,
  runWithCorrelation,
  validCorrelationId,
} from '../observability/correlation.js';
import { toStatus } from './status.js';

/** Wraps `fn` as a unary handler named `name` (for the log). */
export function unary<Req, Res>(
  log: Logger,
  name: string,
  fn: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    // The caller's correlation id (a partner's or an operator's) when well formed, else a fresh one.
    const correlationId =
      validCorrelationId(call.metadata.get(CORRELATION_METADATA_KEY)[0]) ?? newCorrelationId();
    runWithCorrelation(correlationId, () => handle(call, callback));
  };

  function handle(call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>): void {
    fn(call.request, call).then(
      (res) => callback(null, res),
      (err: unknown) => {
        if (err instanceof GatewayError) {
          const level = err.kind === 'internal' ? 'error' : 'warn';
          log[level](`${name} refused`, { code: err.code, reason: err.message });
          if (err.kind === 'internal' && err.cause) log.error(`${name} cause`, { cause: String(err.cause) });
        } else {
          log.error(`${name} failed`, {
            error: err instanceof Error ? (err.stack ?? err.message) : String(err),
          });
        }
        callback(toStatus(err));
      },
    );
  }
}
