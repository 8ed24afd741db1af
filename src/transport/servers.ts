/**
 * The gateway's two gRPC servers: the peer API (partners, network trust anchors) and the operator API
 * (own operators, operator trust anchor; loopback by default). They are separate servers, not two ports
 * of one, so the operator service is never reachable on the peer port.
 */
import type * as grpc from '@grpc/grpc-js';
import { GatewayError } from '../errors.js';

/** Extra bytes allowed above the sealed-message limit for the rest of the gRPC frame. */
export const FRAME_SLACK_BYTES = 64 * 1024;

/** HTTP/2 keepalive settings (config `peer.keepalive`). */
export interface Keepalive {
  /** Ping an idle connection after this long. */
  timeMs: number;
  /** Close the connection when a ping is not answered within this time. */
  timeoutMs: number;
}

/**
 * Server options for keepalive: the server pings idle clients so that dead connections (a partner
 * that vanished behind a NAT or a load balancer) are found and closed.
 */
export function serverKeepaliveOptions(k: Keepalive): grpc.ServerOptions {
  return { 'grpc.keepalive_time_ms': k.timeMs, 'grpc.keepalive_timeout_ms': k.timeoutMs };
}

/** Channel options for keepalive towards a partner: pings only while calls are open. */
export function channelKeepaliveOptions(k: Keepalive): grpc.ChannelOptions {
  return {
    'grpc.keepalive_time_ms': k.timeMs,
    'grpc.keepalive_timeout_ms': k.timeoutMs,
    'grpc.keepalive_permit_without_calls': 0,
  };
}

/** Binds `server` on host:port (0 = any free port) and resolves to the bound port. */
export function bindServer(
  server: grpc.Server,
  host: string,
  port: number,
  creds: grpc.ServerCredentials,
): Promise<number> {
  const target = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    server.bindAsync(target, creds, (err, bound) => {
      if (err) {
        reject(
          new GatewayError('transport.partner_unreachable', `cannot listen on ${target}: ${err.message}`),
        );
      } else {
        resolve(bound);
      }
    });
  });
}

/** Stops a server: refuses new calls, waits for running ones up to `graceMs`, then forces. */
export function stopServer(server: grpc.Server, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
