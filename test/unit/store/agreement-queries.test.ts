import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { messageUsage } from '../../../src/store/agreement-queries.js';
import {
  openStore,
  type AgreementRevision,
  type MessageUsageQuery,
  type Store,
} from '../../../src/store/index.js';
import { insertMessage } from '../../../src/store/queries.js';
import {
  BACKENDS,
  expectGatewayError,
  freshStore,
  internals,
  rawQuery,
  sampleMessage,
  type Fresh,
} from './fixtures.js';

/** A revision recorded at ledger index `ledgerIndex` (shape-valid; the store does not parse documents). */
const revision = (ledgerIndex: number, overrides: Partial<AgreementRevision> = {}): AgreementRevision => ({
  ledgerIndex,
  agreementId: 'MOU-FIU-A-FIU-B',
  version: 1,
  partner: 'FIU-B',
  status: 'active',
  document: JSON.stringify({ id: 'MOU-FIU-A-FIU-B', n: ledgerIndex }),
  digest: createHash('sha256').update(`revision ${ledgerIndex}`).digest('base64url'),
  appliedAt: '2026-01-02T03:04:05.000Z',
  appliedBy: 'admin@FIU-A',
  reason: null,
  ...overrides,
});

for (const backend of BACKENDS) {
  describe(`store agreement queries (${backend})`, () => {
    let fresh: Fresh;
    beforeEach(async () => (fresh = await freshStore(backend)));
    afterEach(() => fresh.dispose());

    describe('insertAgreementRevision and agreementRevisions', () => {
      // Stored out of order, across transactions: two agreements with FIU-B (versions and a
      // suspension) and one with FIU-C.
      const ab1 = revision(3);
      const ac1 = revision(5, { agreementId: 'MOU-FIU-A-FIU-C', partner: 'FIU-C' });
      const ab2 = revision(9, { version: 2 });
      const ab2Suspended = revision(12, { version: 2, status: 'suspended', reason: 'under review' });
      const other = revision(7, { agreementId: 'MOU-FIU-A-FIU-B-2', partner: 'FIU-B' });

      beforeEach(async () => {
        await fresh.store.transaction(async (tx) => {
          await tx.insertAgreementRevision(ab2);
          await tx.insertAgreementRevision(ab1);
        });
        await fresh.store.transaction((tx) => tx.insertAgreementRevision(ab2Suspended));
        await fresh.store.transaction(async (tx) => {
          await tx.insertAgreementRevision(other);
          await tx.insertAgreementRevision(ac1);
        });
      });

      it('give every revision back exactly as stored, ordered by ledger index', async () => {
        expect(await fresh.store.agreementRevisions()).to.deep.equal([ab1, ac1, other, ab2, ab2Suspended]);
        expect(await fresh.store.agreementRevisions({})).to.deep.equal([ab1, ac1, other, ab2, ab2Suspended]);
      });

      it('filter by agreement id', async () => {
        expect(await fresh.store.agreementRevisions({ agreementId: 'MOU-FIU-A-FIU-B' })).to.deep.equal([
          ab1,
          ab2,
          ab2Suspended,
        ]);
        expect(await fresh.store.agreementRevisions({ agreementId: 'MOU-FIU-A-FIU-C' })).to.deep.equal([ac1]);
        expect(await fresh.store.agreementRevisions({ agreementId: 'MOU-FIU-A' })).to.deep.equal([]);
      });

      it('filter by partner', async () => {
        expect(await fresh.store.agreementRevisions({ partner: 'FIU-B' })).to.deep.equal([
          ab1,
          other,
          ab2,
          ab2Suspended,
        ]);
        expect(await fresh.store.agreementRevisions({ partner: 'FIU-C' })).to.deep.equal([ac1]);
        expect(await fresh.store.agreementRevisions({ partner: 'FIU-D' })).to.deep.equal([]);
      });

      it('filter by agreement id and partner together', async () => {
        expect(
          await fresh.store.agreementRevisions({ agreementId: 'MOU-FIU-A-FIU-B-2', partner: 'FIU-B' }),
        ).to.deep.equal([other]);
        expect(
          await fresh.store.agreementRevisions({ agreementId: 'MOU-FIU-A-FIU-C', partner: 'FIU-B' }),
        ).to.deep.equal([]);
      });

      describe('when a second revision has the same ledger index', () => {
        it('fails with store.failed, and the transaction leaves nothing behind', async () => {
          const before = await fresh.store.agreementRevisions();
          await expectGatewayError(
            fresh.store.transaction(async (tx) => {
              await tx.insertAgreementRevision(revision(20, { version: 3 }));
              await tx.insertAgreementRevision(revision(9, { version: 4, digest: ab1.digest }));
            }),
            'store.failed',
          );
          expect(await fresh.store.agreementRevisions()).to.deep.equal(before);
        });

        it('is refused by the primary key too, whatever the code does', async () => {
          let error: unknown;
          try {
            await rawQuery(
              fresh.store,
              `INSERT INTO agreement_revisions (ledger_index, agreement_id, version, partner, status,
                 document, digest, applied_at, applied_by) VALUES (3, 'X', 1, 'FIU-B', 'active', '{}', ?, 'now', 'a')`,
              [ab1.digest],
            );
          } catch (err) {
            error = err;
          }
          expect(String(error)).to.match(/UNIQUE|PRIMARY/i);
        });
      });
    });

    it('agreementRevisions is empty on a fresh store', async () => {
      expect(await fresh.store.agreementRevisions()).to.deep.equal([]);
    });

    describe('messageUsage', () => {
      const day = '2026-01-02T00:00:00.000Z';
      type Usage = Partial<MessageUsageQuery>;
      const usage = (u: Usage = {}) =>
        fresh.store.messageUsage({ direction: 'in', partner: 'FIU-B', day, minute: day, ...u });
      /** The count that the day's count replaced (before migration 0009): requests in `messages`. */
      const countedInMessages = async (direction: 'in' | 'out', partner: string, since: string) => {
        const column = direction === 'in' ? 'from_fiu' : 'to_fiu';
        const rows = await rawQuery<{ n: number | string }>(
          fresh.store,
          `SELECT COUNT(*) AS n FROM messages WHERE direction = ? AND ${column} = ? AND type = 'request' AND stored_at >= ?`,
          [direction, partner, since],
        );
        return Number(rows[0]!.n);
      };

      beforeEach(async () => {
        const messages = [
          // Counted by the default query (in, from FIU-B, request, at or after `day`): 3.
          sampleMessage({ storedAt: day }),
          sampleMessage({ storedAt: '2026-01-02T00:00:00.001Z' }),
          sampleMessage({ storedAt: '2026-01-03T12:00:00.000Z' }),
          // Each differs from a counted one in one thing.
          sampleMessage({ storedAt: '2026-01-01T23:59:59.999Z' }),
          sampleMessage({ type: 'response', storedAt: day }),
          sampleMessage({ fromFiu: 'FIU-C', storedAt: day }),
          sampleMessage({ fromFiu: 'FIU-A', toFiu: 'FIU-B', storedAt: day }),
          // Outgoing: to FIU-B twice (one before `day`), to FIU-C once.
          sampleMessage({ direction: 'out', fromFiu: 'FIU-A', toFiu: 'FIU-B', storedAt: day }),
          sampleMessage({
            direction: 'out',
            fromFiu: 'FIU-A',
            toFiu: 'FIU-B',
            storedAt: '2026-01-01T00:00:00.000Z',
          }),
          sampleMessage({ direction: 'out', fromFiu: 'FIU-A', toFiu: 'FIU-C', storedAt: day }),
          sampleMessage({
            direction: 'out',
            fromFiu: 'FIU-A',
            toFiu: 'FIU-C',
            type: 'feedback',
            storedAt: day,
          }),
        ];
        await fresh.store.transaction(async (tx) => {
          for (const m of messages) await tx.insertMessage(m);
        });
      });

      it('counts the incoming requests of a partner by their sender, since the day and since the minute', async () => {
        expect(await usage()).to.deep.equal({ today: 3, lastMinute: 3 });
        expect(await usage({ minute: '2026-01-02T00:00:00.001Z' })).to.deep.equal({
          today: 3,
          lastMinute: 2,
        });
        expect(
          await usage({ day: '2026-01-01T00:00:00.000Z', minute: '2026-01-01T23:59:59.999Z' }),
        ).to.deep.equal({ today: 4, lastMinute: 4 });
        expect(
          await usage({ day: '2026-01-04T00:00:00.000Z', minute: '2026-01-04T00:00:00.000Z' }),
        ).to.deep.equal({ today: 0, lastMinute: 0 });
        expect(await usage({ partner: 'FIU-C' })).to.deep.equal({ today: 1, lastMinute: 1 });
        expect(await usage({ partner: 'FIU-D' })).to.deep.equal({ today: 0, lastMinute: 0 });
      });

      it('counts the outgoing requests of a partner by their recipient', async () => {
        expect(await usage({ direction: 'out' })).to.deep.equal({ today: 1, lastMinute: 1 });
        const since0101 = { day: '2026-01-01T00:00:00.000Z', minute: '2026-01-01T00:00:00.000Z' };
        expect(await usage({ direction: 'out', ...since0101 })).to.deep.equal({ today: 2, lastMinute: 2 });
        expect(await usage({ direction: 'out', partner: 'FIU-C' })).to.deep.equal({
          today: 1,
          lastMinute: 1,
        });
        expect(await usage({ direction: 'out', partner: 'FIU-A' })).to.deep.equal({
          today: 0,
          lastMinute: 0,
        });
      });

      it('gives the counts of the requests in messages, for every partner, direction and day', async () => {
        const days = ['2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'];
        const minutes = ['2026-01-01T23:59:59.999Z', '2026-01-02T00:00:00.001Z', '2026-01-03T12:00:00.000Z'];
        for (const direction of ['in', 'out'] as const) {
          for (const partner of ['FIU-A', 'FIU-B', 'FIU-C', 'FIU-D']) {
            for (const d of days) {
              for (const minute of minutes) {
                const u = { direction, partner, day: `${d}T00:00:00.000Z`, minute };
                expect(await fresh.store.messageUsage(u), JSON.stringify(u)).to.deep.equal({
                  today: await countedInMessages(direction, partner, u.day),
                  lastMinute: await countedInMessages(direction, partner, minute),
                });
              }
            }
          }
        }
      });

      it('repairRateUsage puts back the counts from the day of `now` on, and leaves earlier days alone', async () => {
        const repair = (now: string) =>
          fresh.store.transaction(() => fresh.store.repairRateUsage(new Date(now)));
        const rows = async () =>
          (
            await rawQuery<{ direction: string; partner: string; day: string; n: number | string }>(
              fresh.store,
              'SELECT direction, partner, day, count AS n FROM rate_usage ORDER BY direction, partner, day',
            )
          ).map((r) => `${r.direction} ${r.partner} ${r.day} ${Number(r.n)}`);
        const whole = await rows();
        expect(await repair('2026-01-02T10:00:00.000Z')).to.equal(0);
        expect(await rows()).to.deep.equal(whole);
        // A lost row and a wrong count (today), a stray row (a later day), a wrong count (an earlier day).
        await rawQuery(fresh.store, "DELETE FROM rate_usage WHERE direction = 'out' AND partner = 'FIU-C'");
        await rawQuery(
          fresh.store,
          "UPDATE rate_usage SET count = 1 WHERE direction = 'in' AND partner = 'FIU-B' AND day = '2026-01-02'",
        );
        await rawQuery(
          fresh.store,
          "INSERT INTO rate_usage (direction, partner, day, count) VALUES ('in', 'FIU-D', '2026-01-05', 7)",
        );
        await rawQuery(
          fresh.store,
          "UPDATE rate_usage SET count = 9 WHERE direction = 'out' AND partner = 'FIU-B' AND day = '2026-01-01'",
        );
        expect(await usage()).to.deep.equal({ today: 2, lastMinute: 3 });
        expect(await repair('2026-01-02T10:00:00.000Z')).to.equal(3);
        expect(await rows()).to.deep.equal(
          whole.map((r) => (r === 'out FIU-B 2026-01-01 1' ? 'out FIU-B 2026-01-01 9' : r)),
        );
        expect(await usage()).to.deep.equal({ today: 3, lastMinute: 3 });
        expect(await repair('2026-01-02T23:59:59.999Z')).to.equal(0);
      });

      it('keeps no count of a request whose transaction rolls back', async () => {
        const copy = sampleMessage({ storedAt: day });
        await fresh.store.transaction((tx) => tx.insertMessage(copy));
        await expectGatewayError(
          fresh.store.transaction(async (tx) => {
            await tx.insertMessage(sampleMessage({ storedAt: day }));
            await tx.insertMessage({ ...copy, rowId: sampleMessage().rowId }); // the same inbound copy again
          }),
          'store.failed',
        );
        expect(await usage()).to.deep.equal({ today: 4, lastMinute: 4 });
        expect(await countedInMessages('in', 'FIU-B', day)).to.equal(4);
      });

      // PostgreSQL only: replicas share a PostgreSQL database; a SQLite file is one process's.
      (backend === 'postgres' ? it : it.skip)(
        'loses no count when two replicas store requests at once, with the write lock and without it',
        async () => {
          const other = await openStore(fresh.url);
          try {
            const at = '2026-01-05T10:00:00.000Z';
            const request = () => sampleMessage({ storedAt: at });
            const locked = (s: Store) => s.transaction((tx) => tx.insertMessage(request()));
            // The upsert alone decides here: transactions without the write lock run at the same time.
            const unlocked = (s: Store) =>
              internals(s).dataSource.transaction((m) => insertMessage(m, request()));
            const stores = [fresh.store, other];
            await Promise.all(
              Array.from({ length: 25 }, () => stores.flatMap((s) => [locked(s), unlocked(s)])).flat(),
            );
            for (const s of stores) {
              expect(
                await s.messageUsage({
                  direction: 'in',
                  partner: 'FIU-B',
                  day: '2026-01-05T00:00:00.000Z',
                  minute: at,
                }),
              ).to.deep.equal({ today: 100, lastMinute: 100 });
            }
            expect(await countedInMessages('in', 'FIU-B', '2026-01-05T00:00:00.000Z')).to.equal(100);
          } finally {
            await other.close();
          }
        },
      );

      it('refuses a day that is not the start of a UTC day', async () => {
        for (const notADay of ['2026-01-02T00:00:00.001Z', '2026-01-02', '2026-01-02T00:00:00Z']) {
          await expectGatewayError(usage({ day: notADay }), 'store.failed');
        }
      });

      it('runs one statement whose text depends on the direction only', async () => {
        const m = internals(fresh.store).dataSource.manager;
        const seen: string[] = [];
        const query = m.query.bind(m);
        const spy = Object.create(m) as typeof m;
        spy.query = (sql: string, parameters?: unknown[]) => (seen.push(sql), query(sql, parameters));
        await messageUsage(spy, { direction: 'in', partner: 'FIU-B', day, minute: day });
        await messageUsage(spy, {
          direction: 'in',
          partner: 'FIU-C',
          day: '2026-02-01T00:00:00.000Z',
          minute: day,
        });
        await messageUsage(spy, { direction: 'out', partner: 'FIU-B', day, minute: day });
        expect(seen).to.have.length(3);
        expect(seen[1]).to.equal(seen[0]);
        expect(seen[2]).to.not.equal(seen[0]);
      });
    });
  });
}
