import { expect } from 'chai';
import { silentLogger } from '../../../src/log.js';
import type { AttemptOutcome } from '../../../src/services/outbox-delivery.js';
import { OutboxDispatcher } from '../../../src/services/outbox-dispatcher.js';
import type { OutboxItem, Store } from '../../../src/store/index.js';

const ITEM = { messageId: 'm-1', messageRowId: 'r-1' } as OutboxItem;
const DELIVERED: AttemptOutcome = {
  status: 'delivered',
  receipt: { receipt: 'r', digest: 'd', receivedAt: 't', ledgerIndex: 0 },
  attempts: 1,
};

/** A dispatcher over a store that hands out `items` once, and attempts that end when released. */
function dispatcherWith(items: OutboxItem[]) {
  let release!: (o: AttemptOutcome) => void;
  const attempt = new Promise<AttemptOutcome>((resolve) => (release = resolve));
  let claims = 0;
  const store = {
    claimDue: async () => (claims++ === 0 ? items : []),
  } as unknown as Store;
  const dispatcher = new OutboxDispatcher({
    store,
    delivery: { attempt: () => attempt },
    leaseMs: 60_000,
    pollMs: 10,
    concurrency: 4,
    clock: () => new Date(),
    log: silentLogger,
  });
  return { dispatcher, release };
}

describe('OutboxDispatcher', () => {
  it('answers null at once when not running', async () => {
    const { dispatcher } = dispatcherWith([]);
    expect(await dispatcher.nextOutcome('m-1', 60_000)).to.equal(null);
  });

  it('on stop, lets the attempt in flight end and gives its outcome to the waiter; others get null', async () => {
    const { dispatcher, release } = dispatcherWith([ITEM]);
    dispatcher.start();
    const mine = dispatcher.nextOutcome('m-1', 60_000);
    const other = dispatcher.nextOutcome('m-2', 60_000);
    while (dispatcher.busy === 0) await new Promise((r) => setTimeout(r, 5));
    const stopped = dispatcher.stop(60_000);
    expect(await other).to.equal(null);
    release(DELIVERED);
    expect(await mine).to.deep.equal(DELIVERED);
    expect(await stopped).to.equal(true);
  });

  it('on stop, gives up waiting after drainMs and answers the waiter null', async () => {
    const { dispatcher, release } = dispatcherWith([ITEM]);
    dispatcher.start();
    const mine = dispatcher.nextOutcome('m-1', 60_000);
    while (dispatcher.busy === 0) await new Promise((r) => setTimeout(r, 5));
    expect(await dispatcher.stop(0)).to.equal(false);
    expect(await mine).to.equal(null);
    release(DELIVERED);
  });
});
