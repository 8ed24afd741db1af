/**
 * Waiting on the outbox in tests: its dispatcher works in the background, so tests wait for a state
 * (polling the store, with a generous limit that only ends a hung test) instead of sleeping.
 */
import { isGatewayError } from '../../src/errors.js';
import type { Gateway } from '../../src/gateway.js';
import type { OutboxActionResponse__Output } from '../../src/generated/fiu/exchange/v1/OutboxActionResponse.js';
import type { OutboxItem, OutboxState, Store } from '../../src/store/index.js';
import type { Network } from './gateways.js';

/** How long a wait may take before the test fails: far above any real delay. */
export const WAIT_LIMIT_MS = 60_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the outbox item of `messageId` once it is in `state`; rejects after WAIT_LIMIT_MS. */
export async function waitForState(
  where: Gateway | Store,
  messageId: string,
  state: OutboxState,
): Promise<OutboxItem> {
  const store = 'store' in where ? where.store : where;
  const until = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const item = await store.findOutboxItem(messageId);
    if (item?.state === state) return item;
    if (Date.now() > until) {
      throw new Error(`outbox item ${messageId} is ${item?.state ?? 'missing'}, not ${state}`);
    }
    await pause(50);
  }
}

/** Resolves once `check` resolves to a value other than undefined; rejects after WAIT_LIMIT_MS. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await pause(50);
  }
}

/** Cancels an item as analyst@FIU-A, waiting out a dispatcher attempt that holds it right then. */
export async function cancelWhenQueued(
  net: Network,
  messageId: string,
  fiu = 'FIU-A',
  role = 'analyst',
): Promise<OutboxActionResponse__Output> {
  return waitFor(`cancelling ${messageId}`, async () => {
    try {
      return await net.operator(fiu, role).cancelDelivery(messageId);
    } catch (err) {
      if (isGatewayError(err, 'exchange.invalid_state') && /is delivering/.test(err.message))
        return undefined;
      throw err;
    }
  });
}
