/**
 * The ledger sequencer of one FIU, as service tests set it up: on a store the test opened, signing
 * checkpoints with the FIU's ledger key, logging nowhere, started.
 */
import { ledgerOrigin, privateKeyObject } from '../../src/crypto/index.js';
import { silentLogger } from '../../src/log.js';
import { LedgerSequencer } from '../../src/services/ledger-sequencer.js';
import type { Store } from '../../src/store/index.js';
import { NOW, type FiuKeys } from './keys.js';

/**
 * `keys.fiu`'s sequencer on `store` (origin and ledger key from `keys`), reading the time from `clock`
 * (default: always {@link NOW}), after its `init()`.
 */
export async function startSequencer(
  store: Store,
  keys: FiuKeys,
  clock: () => Date = () => NOW,
): Promise<LedgerSequencer> {
  const sequencer = new LedgerSequencer({
    store,
    origin: ledgerOrigin(keys.fiu),
    ledgerKey: privateKeyObject(keys.ledger.private),
    clock,
    log: silentLogger,
  });
  await sequencer.init();
  return sequencer;
}
