/**
 * The metrics endpoint: plain HTTP, `GET /metrics` only, on its own port, bound to loopback by default
 * (config `metrics`). It is not TLS: keep it on loopback or a private monitoring network, where
 * Prometheus (or an agent beside the gateway) scrapes it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayError } from '../errors.js';
import type { Registry } from 'prom-client';

/** A running metrics endpoint. */
export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** Serves `registry` at `http://host:port/metrics` (port 0: any free port). */
export function startMetricsServer(registry: Registry, host: string, port: number): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err) =>
      reject(new GatewayError('config.invalid', `metrics: cannot listen on ${host}:${port}: ${err.message}`)),
    );
    server.listen(port, host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
