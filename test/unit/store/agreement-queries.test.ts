import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { AgreementRevision, MessageUsageQuery } from '../../../src/store/index.js';
import { BACKENDS, expectGatewayError, freshStore, rawQuery, sampleMessage, type Fresh } from './fixtures.js';

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
      const since = '2026-01-02T00:00:00.000Z';
      type Count = Omit<MessageUsageQuery, 'day' | 'minute'> & { since: string };
      /** One count: both windows from the same time. */
      const count = async (c: Partial<Count> = {}) => {
        const { since: from, ...q } = {
          direction: 'in' as const,
          partner: 'FIU-B',
          type: 'request',
          since,
          ...c,
        };
        const usage = await fresh.store.messageUsage({ ...q, day: from, minute: from });
        expect(usage.lastMinute).to.equal(usage.today);
        return usage.today;
      };

      beforeEach(async () => {
        const messages = [
          // Counted by the default query (in, from FIU-B, request, at or after `since`): 3.
          sampleMessage({ storedAt: since }),
          sampleMessage({ storedAt: '2026-01-02T00:00:00.001Z' }),
          sampleMessage({ storedAt: '2026-01-03T12:00:00.000Z' }),
          // Each differs from a counted one in one thing.
          sampleMessage({ storedAt: '2026-01-01T23:59:59.999Z' }),
          sampleMessage({ type: 'response', storedAt: since }),
          sampleMessage({ fromFiu: 'FIU-C', storedAt: since }),
          sampleMessage({ fromFiu: 'FIU-A', toFiu: 'FIU-B', storedAt: since }),
          // Outgoing: to FIU-B twice (one before `since`), to FIU-C once.
          sampleMessage({ direction: 'out', fromFiu: 'FIU-A', toFiu: 'FIU-B', storedAt: since }),
          sampleMessage({
            direction: 'out',
            fromFiu: 'FIU-A',
            toFiu: 'FIU-B',
            storedAt: '2026-01-01T00:00:00.000Z',
          }),
          sampleMessage({ direction: 'out', fromFiu: 'FIU-A', toFiu: 'FIU-C', storedAt: since }),
        ];
        await fresh.store.transaction(async (tx) => {
          for (const m of messages) await tx.insertMessage(m);
        });
      });

      it('counts the incoming messages of a partner by their sender, type and time, `since` included', async () => {
        expect(await count()).to.equal(3);
        expect(await count({ since: '2026-01-02T00:00:00.001Z' })).to.equal(2);
        expect(await count({ since: '2026-01-01T23:59:59.999Z' })).to.equal(4);
        expect(await count({ since: '2026-01-04T00:00:00.000Z' })).to.equal(0);
        expect(await count({ type: 'response' })).to.equal(1);
        expect(await count({ type: 'feedback' })).to.equal(0);
        expect(await count({ partner: 'FIU-C' })).to.equal(1);
        expect(await count({ partner: 'FIU-D' })).to.equal(0);
      });

      it('counts the outgoing messages of a partner by their recipient', async () => {
        expect(await count({ direction: 'out' })).to.equal(1);
        expect(await count({ direction: 'out', since: '2026-01-01T00:00:00.000Z' })).to.equal(2);
        expect(await count({ direction: 'out', partner: 'FIU-C' })).to.equal(1);
        expect(await count({ direction: 'out', partner: 'FIU-A' })).to.equal(0);
      });

      it('gives both counts, each as a count of its own window would', async () => {
        const usage = (u: { direction?: 'in' | 'out'; partner?: string; day: string; minute: string }) =>
          fresh.store.messageUsage({ direction: 'in', partner: 'FIU-B', type: 'request', ...u });
        const cases = [
          { day: since, minute: '2026-01-02T00:00:00.001Z' },
          { day: '2026-01-02T00:00:00.001Z', minute: since },
          { day: '2026-01-01T23:59:59.999Z', minute: '2026-01-04T00:00:00.000Z' },
          { day: since, minute: since, partner: 'FIU-C' },
          { day: since, minute: '2026-01-01T00:00:00.000Z', direction: 'out' as const },
          { day: since, minute: since, partner: 'FIU-D' },
        ];
        for (const u of cases) {
          const c = { direction: u.direction ?? ('in' as const), partner: u.partner ?? 'FIU-B' };
          expect(await usage(u), JSON.stringify(u)).to.deep.equal({
            today: await count({ ...c, since: u.day }),
            lastMinute: await count({ ...c, since: u.minute }),
          });
        }
        expect(await usage(cases[0]!)).to.deep.equal({ today: 3, lastMinute: 2 });
        expect(await usage(cases[5]!)).to.deep.equal({ today: 0, lastMinute: 0 });
      });
    });
  });
}
