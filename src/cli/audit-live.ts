/**
 * The live ledger of a gateway, read straight from its database with the gateway's config: for
 * `fiugw audit verify --config` and `fiugw audit export --config`. It does not start the gateway (which
 * refuses to run on a ledger that disagrees with its checkpoint: that is exactly when an auditor
 * needs to look), and it writes nothing.
 */
import { loadConfig } from '../config.js';
import { KeyRing } from '../crypto/index.js';
import { loadOwnKeys } from '../gateway-material.js';
import type { LedgerExportSource } from '../ledger/index.js';
import { storeExportSource } from '../services/audit.js';
import { openStore } from '../store/index.js';

/** Opens the ledger of the gateway configured in `configFile`; `close` when done. */
export async function openLiveLedger(
  configFile: string,
): Promise<{ source: LedgerExportSource; close: () => Promise<void> }> {
  const config = loadConfig(configFile);
  const own = await loadOwnKeys(config);
  const ring = await KeyRing.create(config.fiu, own, []);
  const store = await openStore(config.databaseUrl);
  try {
    return { source: await storeExportSource(store, config.fiu, ring), close: () => store.close() };
  } catch (err) {
    await store.close();
    throw err;
  }
}
