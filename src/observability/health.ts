/**
 * The gateway's health: a list of named checks run now and then, whose worst result is served as
 * grpc.health.v1 status (`grpc-health-check`) and as a metric. `fail` -> NOT_SERVING; `warn` (a
 * certificate or key that expires soon) stays SERVING and shows in the report, the metric and
 * `fiugw doctor` (docs/OPERATIONS.md, "Health, metrics and logs").
 *
 * Checks are added with {@link HealthMonitor.add} (the outbox adds "outbox not stuck" that way).
 */
import type * as grpc from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import { runChecks, worstStatus, type CheckReport, type NamedCheck } from './check.js';
import type { GatewayMetrics } from './metrics.js';

/** The gRPC service names that report the gateway's status, besides the empty name (the server). */
export const HEALTH_SERVICE_NAMES = [
  '',
  'fiu.exchange.v1.PeerExchange',
  'fiu.exchange.v1.Operator',
  'fiu.exchange.v1.Audit',
] as const;

const STATUS_VALUE = { ok: 0, warn: 1, fail: 2 } as const;

/** Runs the health checks and publishes their outcome. */
export class HealthMonitor {
  private readonly checks: NamedCheck[] = [];
  private last: CheckReport[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<CheckReport[]>;
  private readonly service = new HealthImplementation(
    Object.fromEntries(HEALTH_SERVICE_NAMES.map((n) => [n, 'UNKNOWN' as ServingStatus])),
  );

  constructor(checks: readonly NamedCheck[], metrics?: GatewayMetrics) {
    for (const c of checks) this.add(c);
    metrics?.registerGauge(
      'fiugw_health_check_status',
      'Result of each health check at its last run: 0 ok, 1 warn, 2 fail',
      () => this.last.map((r) => ({ labels: { check: r.name }, value: STATUS_VALUE[r.status] })),
      ['check'],
    );
  }

  /** Adds a check; names must be unique. */
  add(check: NamedCheck): void {
    if (this.checks.some((c) => c.name === check.name))
      throw new Error(`duplicate health check ${check.name}`);
    this.checks.push(check);
  }

  /** The names of the checks, in order. */
  names(): string[] {
    return this.checks.map((c) => c.name);
  }

  /** Runs every check now (one run at a time) and publishes the result. */
  refresh(): Promise<CheckReport[]> {
    this.running ??= runChecks(this.checks)
      .then((reports) => {
        this.last = reports;
        const status: ServingStatus = worstStatus(reports) === 'fail' ? 'NOT_SERVING' : 'SERVING';
        for (const name of HEALTH_SERVICE_NAMES) this.service.setStatus(name, status);
        return reports;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** The results of the last run (empty before the first). */
  report(): CheckReport[] {
    return this.last;
  }

  /** Adds grpc.health.v1.Health (Check and Watch) to `server`. */
  addToServer(server: grpc.Server): void {
    this.service.addToServer(server);
  }

  /** Runs the checks now and then every `intervalMs`. */
  start(intervalMs: number): Promise<CheckReport[]> {
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
    return this.refresh();
  }

  /** Stops the periodic runs and reports NOT_SERVING to watchers (the gateway is stopping). */
  stop(): void {
    clearInterval(this.timer);
    for (const name of HEALTH_SERVICE_NAMES) this.service.setStatus(name, 'NOT_SERVING');
  }
}
