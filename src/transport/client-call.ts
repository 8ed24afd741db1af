/** One unary call from an operator-side client (audit, agreements), with a deadline and errors as GatewayErrors. */
import type * as grpc from '@grpc/grpc-js';
import type { GatewayError } from '../errors.js';
import { fromStatus } from './status.js';

/**
 * Calls `method` of `client` with `request` and a deadline `timeoutMs` from now; resolves to the
 * response, or rejects with the refusal read back by `fromStatus` (named `name at address`).
 */
export function unaryCall<Req, Res>(
  client: grpc.Client,
  call: { name: string; method: string; address: string; timeoutMs: number },
  request: Req,
): Promise<Res> {
  const fn = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[call.method]!;
  return new Promise((resolve, reject: (e: GatewayError) => void) => {
    fn.call(client, request, { deadline: Date.now() + call.timeoutMs }, (err: unknown, res?: Res) => {
      if (err) reject(fromStatus(err, `${call.name} at ${call.address}`));
      else resolve(res as Res);
    });
  });
}
