/**
 * Requests that are not a valid protobuf message of their RPC. grpc-js answers a request it cannot
 * decode itself (INTERNAL, without a reason code); the peer service instead gets a marker and refuses
 * it as `transport.malformed_request` (INVALID_ARGUMENT), with the code in the trailer like every
 * other refusal (docs/PROTOCOL.md section 7).
 */
import type * as grpc from '@grpc/grpc-js';

class MalformedRequest {}

/** What an undecodable request is replaced with. */
export const MALFORMED_REQUEST: unknown = Object.freeze(new MalformedRequest());

/** True when `request` could not be decoded. */
export function isMalformed(request: unknown): boolean {
  return request === MALFORMED_REQUEST;
}

/** The service definition with decoders that yield {@link MALFORMED_REQUEST} instead of throwing. */
export function tolerantRequests<T extends grpc.ServiceDefinition>(service: T): T {
  const out: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(service)) {
    const decode = method.requestDeserialize.bind(method);
    out[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return decode(bytes);
        } catch {
          return MALFORMED_REQUEST;
        }
      },
    };
  }
  return out as T;
}
