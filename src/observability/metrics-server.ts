/**
 * The metrics endpoint: plain HTTP, `GET /metrics` only, on its own port, bound to loopback by default
 * (config `metrics`). It is not TLS: keep it on loopback or a private monitoring network, where
 * Prometheus (or an agent beside the gateway) scrapes it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayError } from '../errors.js';
import type { Registry } from 'prom-client';
import { worstStatus } from './check.js';
import type { HealthMonitor } from './health.js';

/** A running metrics endpoint. */
export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `registry` at `http://host:port/metrics` (port 0: any free port), and the last health report
 * at `/healthz`: 200 when serving, 503 when a check fails, with the checks as JSON.
 */
export function startMetricsServer(
  registry: Registry,
  host: string,
  port: number,
  health?: HealthMonitor,
): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && url === '/healthz' && health) {
      const checks = health.report();
      const status = checks.length === 0 ? 'fail' : worstStatus(checks);
      res
        .writeHead(status === 'fail' ? 503 : 200, { 'content-type': 'application/json' })
        .end(`${JSON.stringify({ status: status === 'fail' ? 'NOT_SERVING' : 'SERVING', checks })}\n`);
      return;
    }
    if (req.method !== 'GET' || url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics or /healthz\n');
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
