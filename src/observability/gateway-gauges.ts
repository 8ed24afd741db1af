/**
 * The gauges a gateway has from the start: ledger size, age of the last checkpoint, and days until
 * its own TLS certificate expires. Read at scrape time from the store and the certificate.
 */
import { X509Certificate } from 'node:crypto';
import type { Store } from '../store/index.js';
import type { GatewayMetrics } from './metrics.js';

/** Days from `now` until `cert` expires (negative once expired). */
export function daysUntilExpiry(cert: X509Certificate, now: Date): number {
  return (new Date(cert.validTo).getTime() - now.getTime()) / 86_400_000;
}

/** Registers the ledger and certificate gauges of one gateway. */
export function registerGatewayGauges(
  metrics: GatewayMetrics,
  d: { store: Store; tlsCert: Buffer; clock: () => Date },
): void {
  const cert = new X509Certificate(d.tlsCert);
  metrics.registerGauge('fiugw_ledger_entries', 'Entries in the audit ledger', () => d.store.ledgerSize());
  metrics.registerGauge(
    'fiugw_ledger_checkpoint_age_seconds',
    'Seconds since the last ledger checkpoint was signed (absent while the ledger is empty)',
    async () => {
      const latest = await d.store.latestCheckpoint();
      if (!latest) return [];
      return [{ value: (d.clock().getTime() - Date.parse(latest.createdAt)) / 1000 }];
    },
  );
  metrics.registerGauge(
    'fiugw_tls_certificate_expiry_days',
    "Days until the gateway's own TLS certificate expires (negative once expired)",
    () => daysUntilExpiry(cert, d.clock()),
  );
}
