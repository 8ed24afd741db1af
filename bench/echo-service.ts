/**
 * The baseline: a plain unary echo over gRPC, with bytes in and the same bytes out (no protobuf, no
 * work), so it measures what mutual-TLS gRPC alone costs between the same two processes.
 */
import * as grpc from '@grpc/grpc-js';

const bytes = (b: Buffer) => b;

/** The one-method service `/bench.Echo/Echo`. */
export const echoService = {
  echo: {
    path: '/bench.Echo/Echo',
    requestStream: false,
    responseStream: false,
    requestSerialize: bytes,
    requestDeserialize: bytes,
    responseSerialize: bytes,
    responseDeserialize: bytes,
  },
} satisfies grpc.ServiceDefinition;

/** The client constructor of {@link echoService}. */
export const EchoClient = grpc.makeGenericClientConstructor(echoService, 'Echo');
