/**
 * Gauges of the work a gateway still owes: the outbox (items per state, age of the oldest undelivered
 * one) and received cases past their deadline. Read at scrape time from aggregate store queries.
 */
import { Gauge } from 'prom-client';
import type { OutboxState, Store } from '../store/index.js';
import type { GatewayMetrics } from './metrics.js';

/** Registers `fiugw_outbox_items`, `fiugw_outbox_oldest_age_seconds` and `fiugw_cases_overdue`. */
export function registerBacklogGauges(
  metrics: GatewayMetrics,
  d: { store: Store; clock: () => Date; partners: () => string[] },
): void {
  metrics.registerGauge(
    'fiugw_outbox_items',
    'Outbox items per state (queued, delivering, delivered, failed, cancelled)',
    async () => {
      const { counts } = await d.store.outboxStats(d.clock());
      return (Object.entries(counts) as Array<[OutboxState, number]>).map(([state, value]) => ({
        labels: { state },
        value,
      }));
    },
    ['state'],
  );
  // Not through registerGauge: a gauge without labels that prom-client resets comes back as 0, and
  // "0 s old" would claim an item that does not exist. Removing the unlabelled sample leaves it absent.
  new Gauge({
    name: 'fiugw_outbox_oldest_age_seconds',
    help: 'Seconds since the oldest queued or delivering outbox item was submitted (absent when none)',
    registers: [metrics.registry],
    async collect() {
      const now = d.clock();
      const { pending } = await d.store.outboxStats(now);
      this.reset();
      if (pending === null) this.remove({});
      else this.set((now.getTime() - Date.parse(pending.oldestCreatedAt)) / 1000);
    },
  });
  metrics.registerGauge(
    'fiugw_cases_overdue',
    'Received cases still open after their deadline, per partner',
    async () => {
      const overdue = await d.store.overdueCases(d.clock());
      const byPartner = new Map(d.partners().map((p) => [p, 0]));
      for (const o of overdue) byPartner.set(o.partner, o.count);
      return [...byPartner].map(([partner, value]) => ({ labels: { partner }, value }));
    },
    ['partner'],
  );
}
