/** The aggregate queries behind the outbox and overdue-case gauges and the `outbox` health check. */
import { expect } from 'chai';
import type { OutboxItem, OutboxState } from '../../../src/store/index.js';
import {
  freshStore,
  OUTBOX_T0,
  sampleCase,
  sampleMessage,
  sampleOutboxItem,
  BACKENDS,
  type Fresh,
} from './fixtures.js';

const T0 = OUTBOX_T0;
const at = (ms: number) => new Date(T0.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();
const item = sampleOutboxItem;

for (const backend of BACKENDS) {
  describe(`aggregate backlog queries (${backend})`, () => {
    let fresh: Fresh;
    beforeEach(async () => {
      fresh = await freshStore(backend);
    });
    afterEach(() => fresh.dispose());

    const addItems = (items: Array<Partial<OutboxItem>>) =>
      fresh.store.transaction(async (tx) => {
        for (const o of items) {
          const m = sampleMessage({ direction: 'out', fromFiu: 'FIU-A', toFiu: 'FIU-B' });
          await tx.insertMessage(m);
          await tx.insertOutboxItem(item(m.rowId, m.messageId, o));
        }
      });

    describe('outboxStats', () => {
      it('reports every state at 0 and nothing pending for an empty outbox', async () => {
        const stats = await fresh.store.outboxStats(T0);
        expect(stats).to.deep.equal({
          counts: { queued: 0, delivering: 0, delivered: 0, failed: 0, cancelled: 0 },
          pending: null,
          expiredLeases: { count: 0, earliestLeaseUntil: null },
        });
      });

      it('counts per state and takes the minima over queued and delivering items only', async () => {
        await addItems([
          // Done items are older than any pending one: they must not count as the oldest.
          { state: 'delivered', createdAt: iso(-9000), giveUpAt: iso(-1) },
          { state: 'failed', createdAt: iso(-8000), giveUpAt: iso(-1) },
          { state: 'cancelled', createdAt: iso(-7000) },
          { state: 'queued', createdAt: iso(-3000), nextAttemptAt: iso(500), giveUpAt: iso(4000) },
          { state: 'queued', createdAt: iso(-1000), nextAttemptAt: iso(200), giveUpAt: iso(9000) },
          {
            state: 'delivering',
            createdAt: iso(-2000),
            giveUpAt: iso(2000),
            claimedBy: 'one',
            leaseUntil: iso(60_000),
          },
        ]);
        const stats = await fresh.store.outboxStats(T0);
        expect(stats.counts).to.deep.equal({
          queued: 2,
          delivering: 1,
          delivered: 1,
          failed: 1,
          cancelled: 1,
        } satisfies Record<OutboxState, number>);
        expect(stats.pending).to.deep.equal({
          oldestCreatedAt: iso(-3000),
          earliestNextAttemptAt: iso(0),
          earliestGiveUpAt: iso(2000),
        });
        expect(stats.expiredLeases).to.deep.equal({ count: 0, earliestLeaseUntil: null });
      });

      it('counts delivering items whose lease ended before now, with the earliest end', async () => {
        const delivering = (leaseUntil: string) => ({
          state: 'delivering' as const,
          claimedBy: 'gone',
          leaseUntil,
        });
        await addItems([delivering(iso(-5000)), delivering(iso(-1000)), delivering(iso(1000))]);
        const stats = await fresh.store.outboxStats(T0);
        expect(stats.expiredLeases).to.deep.equal({ count: 2, earliestLeaseUntil: iso(-5000) });
        expect(stats.counts.delivering).to.equal(3);
      });
    });

    describe('overdueCases', () => {
      it('counts received open cases past their deadline, per partner', async () => {
        await fresh.store.transaction(async (tx) => {
          const cases = [
            sampleCase({ partner: 'FIU-B', deadline: iso(-1) }),
            sampleCase({ partner: 'FIU-B', deadline: iso(-86_400_000) }),
            sampleCase({ partner: 'FIU-C', deadline: iso(-1000) }),
            // Not overdue: due later, no deadline, answered or closed, or sent by us.
            sampleCase({ partner: 'FIU-B', deadline: iso(1) }),
            sampleCase({ partner: 'FIU-B', deadline: iso(0) }),
            sampleCase({ partner: 'FIU-B', deadline: null }),
            sampleCase({ partner: 'FIU-B', deadline: iso(-1000), state: 'answered' }),
            sampleCase({ partner: 'FIU-C', deadline: iso(-1000), state: 'closed' }),
            sampleCase({ partner: 'FIU-C', deadline: iso(-1000), direction: 'out' }),
          ];
          for (const c of cases) await tx.insertCase(c);
        });
        expect(await fresh.store.overdueCases(T0)).to.deep.equal([
          { partner: 'FIU-B', count: 2 },
          { partner: 'FIU-C', count: 1 },
        ]);
      });

      it('is empty when nothing is overdue', async () => {
        expect(await fresh.store.overdueCases(T0)).to.deep.equal([]);
      });
    });
  });
}
