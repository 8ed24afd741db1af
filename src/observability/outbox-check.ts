/**
 * The `outbox` health check ("outbox not stuck", issue 9): a pure judgement over the outbox's
 * summary (Store.outboxStats), so that it can be tested without a database or a dispatcher.
 */
import type { GatewayConfig } from '../config.js';
import type { OutboxStats, Store } from '../store/index.js';
import { fail, ok, warn, type CheckResult, type NamedCheck } from './check.js';
import { combine } from './gateway-checks.js';

/** The limits of the `outbox` check, from the configuration. */
export interface OutboxLimits {
  /** Warn when an undelivered item is older than this (health.outboxWarnAfterMs). */
  warnAfterMs: number;
  /** delivery.leaseMs: a lease that ended more than this long ago has not been taken over. */
  leaseMs: number;
  /**
   * delivery.retry.maxMs: an item may stay queued past its give-up time until its last retry is due
   * (at most one backoff), then be held for one lease by that attempt; only beyond that is it stuck.
   */
  retryMaxMs: number;
}

/** The check's limits as a gateway's configuration sets them (the gateway and `fiugw doctor`). */
export function outboxLimits(config: GatewayConfig): OutboxLimits {
  return {
    warnAfterMs: config.health.outboxWarnAfterMs,
    leaseMs: config.delivery.leaseMs,
    retryMaxMs: config.delivery.retry.maxMs,
  };
}

/** A duration in words, rounded down: `42 s`, `17 min`, `5 h`, `3 d`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.floor(s / 60)} min`;
  if (s < 172_800) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** Judges the outbox at `now`: fail when it is stuck, warn when an item waits too long, ok otherwise. */
export function judgeOutbox(stats: OutboxStats, now: Date, limits: OutboxLimits): CheckResult {
  const { queued, delivering, failed } = stats.counts;
  const depth = `${queued} queued, ${delivering} delivering, ${failed} failed`;
  const pending = stats.pending;
  if (pending === null) return ok(`nothing waits for delivery (${depth})`);
  const at = now.getTime();
  const oldestAge = at - Date.parse(pending.oldestCreatedAt);
  const results: CheckResult[] = [];

  const pastGiveUp = at - Date.parse(pending.earliestGiveUpAt);
  if (pastGiveUp > limits.retryMaxMs + limits.leaseMs) {
    results.push(
      fail(
        `an item is still waiting ${formatAge(pastGiveUp)} after its give-up time ${pending.earliestGiveUpAt} (${depth}): the dispatcher is not ending items`,
        'look in the gateway log for dispatcher and database errors and restart the gateway; `fiugw outbox list --state queued` shows the items',
      ),
    );
  }
  const lease = stats.expiredLeases.earliestLeaseUntil;
  if (lease !== null && at - Date.parse(lease) > limits.leaseMs) {
    results.push(
      fail(
        `${stats.expiredLeases.count} delivering item(s) with a lease that ended at ${lease}, more than one lease (${formatAge(limits.leaseMs)}) ago: no dispatcher is taking them over`,
        'make sure a gateway (replica) with a running dispatcher can reach the database, and restart the one that held the lease; `fiugw outbox list --state delivering` shows the items',
      ),
    );
  }
  if (results.length === 0 && oldestAge > limits.warnAfterMs) {
    results.push(
      warn(
        `the oldest undelivered item was submitted ${formatAge(oldestAge)} ago, at ${pending.oldestCreatedAt} (${depth})`,
        'see `fiugw outbox list --state queued` for the partner and last error, and check that the partner is reachable (`fiugw doctor`)',
      ),
    );
  }
  if (results.length === 0) {
    return ok(`${depth}; the oldest undelivered item is ${formatAge(oldestAge)} old`);
  }
  return combine(results);
}

/** The `outbox` check of a running gateway. */
export function outboxCheck(d: { store: Store; clock: () => Date; limits: OutboxLimits }): NamedCheck {
  return {
    name: 'outbox',
    async run() {
      const now = d.clock();
      return judgeOutbox(await d.store.outboxStats(now), now, d.limits);
    },
  };
}
