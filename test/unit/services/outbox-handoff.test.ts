/**
 * A submission handed straight to the dispatcher (OutboxDispatcher.reserve): its item is committed
 * already claimed, its attempt runs on the message in memory, slots stay bounded by the concurrency,
 * and an item whose attempt never ran (a stop, a crash) is claimed again once its lease runs out.
 */
import { expect } from 'chai';
import { silentLogger } from '../../../src/log.js';
import type { AttemptOutcome } from '../../../src/services/outbox-delivery.js';
import { OutboxDispatcher, type Handoff } from '../../../src/services/outbox-dispatcher.js';
import type { MessageRecord, OutboxItem, Store } from '../../../src/store/index.js';
import {
  freshStore,
  OUTBOX_T0,
  sampleMessage,
  sampleOutboxItem,
  SHARED_BACKEND,
  type Fresh,
} from '../store/fixtures.js';

const T0 = OUTBOX_T0;
const LEASE_MS = 30_000;

interface Attempt {
  item: OutboxItem;
  owner: string;
  record: MessageRecord | undefined;
}

/** A dispatcher on `store` whose attempts are recorded and end at once (delivered); its clock is `now()`. */
function dispatcherOn(store: Store, now: () => Date, concurrency = 4) {
  const attempts: Attempt[] = [];
  const dispatcher = new OutboxDispatcher({
    store,
    delivery: {
      attempt: async (item, owner, record): Promise<AttemptOutcome> => {
        attempts.push({ item, owner, record });
        return {
          status: 'delivered',
          receipt: { receipt: 'r', digest: 'd', receivedAt: 't', ledgerIndex: 0 },
          attempts: item.attempts,
        };
      },
    },
    leaseMs: LEASE_MS,
    pollMs: 10,
    concurrency,
    clock: now,
    log: silentLogger,
  });
  return { dispatcher, attempts };
}

/** The first slot the dispatcher gives, once it has had its first look at the store. */
async function firstSlot(dispatcher: OutboxDispatcher): Promise<Handoff> {
  for (;;) {
    const slot = dispatcher.reserve();
    if (slot) return slot;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Commits an outbound message with its item claimed through `slot` at `now`, as MessageSender does. */
async function commitHanded(store: Store, slot: Handoff, now: Date) {
  const record = sampleMessage({ direction: 'out', fromFiu: 'FIU-A', toFiu: 'FIU-B', status: 'sealed' });
  const item = sampleOutboxItem(record.rowId, record.messageId, slot.claim(now));
  await store.transaction(async (tx) => {
    await tx.insertMessage(record);
    await tx.insertOutboxItem(item);
  });
  return { record, item };
}

/** Resolves once `attempts` has `n` entries (the attempt runs after the current turn). */
async function attemptsReach(attempts: Attempt[], n: number): Promise<void> {
  while (attempts.length < n) await new Promise((r) => setTimeout(r, 5));
}

describe(`OutboxDispatcher: a submission handed straight over (${SHARED_BACKEND})`, () => {
  let fresh: Fresh;
  const stops: OutboxDispatcher[] = [];
  beforeEach(async () => {
    fresh = await freshStore(SHARED_BACKEND);
  });
  afterEach(async () => {
    for (const d of stops.splice(0)) await d.stop(1000);
    await fresh.dispose();
  });

  it('commits the item claimed by this dispatcher and attempts it once, on the message in memory, never claiming it', async () => {
    const { dispatcher, attempts } = dispatcherOn(fresh.store, () => T0);
    stops.push(dispatcher);
    dispatcher.start();
    const slot = await firstSlot(dispatcher);
    const { record, item } = await commitHanded(fresh.store, slot, T0);
    const stored = (await fresh.store.findOutboxItem(item.messageId))!;
    expect(stored).to.include({ state: 'delivering', attempts: 1, claimedBy: dispatcher.owner });
    expect(stored.leaseUntil).to.equal(new Date(T0.getTime() + LEASE_MS).toISOString());

    const outcome = dispatcher.nextOutcome(item.messageId, 60_000);
    slot.start(item, record);
    expect((await outcome)?.status).to.equal('delivered');
    await attemptsReach(attempts, 1);
    expect(attempts).to.have.length(1);
    expect(attempts[0]!.record, 'the message as committed, not read back').to.equal(record);
    expect(attempts[0]!.item).to.include({ attempts: 1, claimedBy: dispatcher.owner });
    // No other claimer takes it while its lease runs: not this dispatcher's passes, not a replica.
    expect(
      await fresh.store.claimDue(new Date(T0.getTime() + LEASE_MS - 1), 10, 'replica', LEASE_MS),
    ).to.deep.equal([]);
    slot.start(item, record); // a second start of the same slot starts nothing
    await new Promise((r) => setTimeout(r, 30));
    expect(attempts).to.have.length(1);
  });

  it('gives no slot before its first look, when stopped, or beyond its concurrency', async () => {
    const { dispatcher } = dispatcherOn(fresh.store, () => T0, 2);
    expect(dispatcher.reserve(), 'not running').to.equal(null);
    dispatcher.start();
    expect(dispatcher.reserve(), 'not looked at the store yet').to.equal(null);
    const one = await firstSlot(dispatcher);
    const two = dispatcher.reserve();
    expect(two).to.not.equal(null);
    expect(dispatcher.reserve(), 'both slots held').to.equal(null);
    one.release();
    one.release(); // a second release gives nothing back twice
    expect(dispatcher.reserve(), 'a submission was queued meanwhile: not before the next look').to.equal(
      null,
    );
    await firstSlot(dispatcher); // the freed slot, once the next look has run
    expect(dispatcher.reserve(), 'both slots held again').to.equal(null);
    await dispatcher.stop(1000);
    two!.release();
    expect(dispatcher.reserve(), 'stopped').to.equal(null);
  });

  it('queues the item when no slot is free; the dispatcher claims it once a slot frees', async () => {
    const { dispatcher, attempts } = dispatcherOn(fresh.store, () => T0, 1);
    stops.push(dispatcher);
    dispatcher.start();
    const held = await firstSlot(dispatcher);
    expect(dispatcher.reserve()).to.equal(null);
    // What MessageSender commits without a slot: a queued item.
    const record = sampleMessage({ direction: 'out', fromFiu: 'FIU-A', toFiu: 'FIU-B', status: 'sealed' });
    await fresh.store.transaction(async (tx) => {
      await tx.insertMessage(record);
      await tx.insertOutboxItem(sampleOutboxItem(record.rowId, record.messageId));
    });
    const outcome = dispatcher.nextOutcome(record.messageId, 60_000);
    held.release();
    dispatcher.kick();
    expect((await outcome)?.status).to.equal('delivered');
    expect(attempts).to.have.length(1);
    expect(attempts[0]!.item).to.include({ messageId: record.messageId, attempts: 1 });
    expect(attempts[0]!.record, 'claimed from the queue: the message is read back').to.equal(undefined);
  });

  it('starts nothing once stopped; the item is claimed again after its lease (a second attempt), not before', async () => {
    let now = T0;
    const first = dispatcherOn(fresh.store, () => now);
    first.dispatcher.start();
    const slot = await firstSlot(first.dispatcher);
    const { record, item } = await commitHanded(fresh.store, slot, T0);
    await first.dispatcher.stop(1000);
    slot.start(item, record);
    await new Promise((r) => setTimeout(r, 30));
    expect(first.attempts, 'stopped between the commit and the start').to.have.length(0);

    // The gateway restarted (or a replica): a new dispatcher, its clock before, then after the lease.
    now = new Date(T0.getTime() + LEASE_MS - 1);
    const second = dispatcherOn(fresh.store, () => now);
    stops.push(second.dispatcher);
    second.dispatcher.start();
    (await firstSlot(second.dispatcher)).release();
    expect(second.attempts, 'the lease still runs').to.have.length(0);
    now = new Date(T0.getTime() + LEASE_MS + 1);
    second.dispatcher.kick();
    await attemptsReach(second.attempts, 1);
    expect(second.attempts[0]!.item).to.include({
      messageId: item.messageId,
      attempts: 2,
      claimedBy: second.dispatcher.owner,
    });
  });
});
