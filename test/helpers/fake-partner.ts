/**
 * Stand-ins on the wire for what a live gateway talks to: a port where nothing listens, and a partner
 * gateway with a real certificate that answers whatever receipt (and proof) a test wants.
 */
import { createServer, type AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { peerProto } from '../../src/transport/proto.js';
import type { Network } from './gateways.js';

/** A loopback port that nothing listens on (bound, then released): connecting to it fails at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A stand-in for a partner's gateway: FIU `as`'s TLS identity, and a Deliver that answers `answer`. */
export interface FakePartner {
  /** `127.0.0.1:<port>`, to give to `partners.setAddress`. */
  address: string;
  /** The sealed messages it was given, in order. */
  received: string[];
  stop(): Promise<void>;
}

/**
 * Starts a PeerExchange server with gateway `as`'s certificate (so callers' identity checks pass) that
 * answers every delivery with `answer(sealed)`: a receipt (a forged or broken one, in tests).
 */
export async function startFakePartner(
  net: Network,
  as: string,
  answer: (sealed: string) => Promise<string>,
  options: {
    /** Answers GetConsistencyProof: the proof hashes, or a rejection with a status (UNIMPLEMENTED when absent). */
    consistency?: (size1: number, size2: number) => Promise<Buffer[]>;
    /** Answers GetInclusionProof (UNIMPLEMENTED when absent); a promise that never settles hangs. */
    inclusion?: (digest: string) => Promise<Record<string, unknown>>;
  } = {},
): Promise<FakePartner> {
  const tls = net.gatewayTls(as);
  const server = new grpc.Server();
  const received: string[] = [];
  const asStatus = (err: unknown): Partial<grpc.StatusObject> =>
    typeof (err as grpc.StatusObject)?.code === 'number'
      ? (err as grpc.StatusObject)
      : { code: grpc.status.INTERNAL, details: String(err) };
  server.addService(peerProto().fiu.exchange.v1.PeerExchange.service, {
    GetConsistencyProof: (
      call: grpc.ServerUnaryCall<{ size1: string; size2: string }, { proof: Buffer[] }>,
      callback: grpc.sendUnaryData<{ proof: Buffer[] }>,
    ) => {
      if (!options.consistency) return callback({ code: grpc.status.UNIMPLEMENTED, details: 'not here' });
      options.consistency(Number(call.request.size1), Number(call.request.size2)).then(
        (proof) => callback(null, { proof }),
        (err: unknown) => callback(asStatus(err)),
      );
    },
    GetInclusionProof: (
      call: grpc.ServerUnaryCall<{ digest: string }, Record<string, unknown>>,
      callback: grpc.sendUnaryData<Record<string, unknown>>,
    ) => {
      if (!options.inclusion) return callback({ code: grpc.status.UNIMPLEMENTED, details: 'not here' });
      options.inclusion(call.request.digest).then(
        (res) => callback(null, res),
        (err: unknown) => callback(asStatus(err)),
      );
    },
    Deliver: (
      call: grpc.ServerUnaryCall<{ sealed: string }, { receipt: string }>,
      callback: grpc.sendUnaryData<{ receipt: string }>,
    ) => {
      received.push(call.request.sealed);
      answer(call.request.sealed).then(
        (receipt) => callback(null, { receipt }),
        (err: unknown) => callback(asStatus(err)),
      );
    },
  });
  const creds = grpc.ServerCredentials.createSsl(
    tls.ca,
    [{ private_key: tls.key, cert_chain: tls.cert }],
    true,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', creds, (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    received,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
