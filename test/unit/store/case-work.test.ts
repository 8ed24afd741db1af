import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createDataSource, MIGRATIONS } from '../../../src/store/data-source.js';
import {
  openStore,
  type CaseApproval,
  type CaseDraft,
  type CaseDraftCount,
  type CaseRecord,
} from '../../../src/store/index.js';
import {
  BACKENDS,
  expectGatewayError,
  freshStore,
  internals,
  rawQuery,
  sampleCase,
  sampleMessage,
  tempDir,
  type Fresh,
} from './fixtures.js';

function sampleDraft(caseId: string, overrides: Partial<CaseDraft> = {}): CaseDraft {
  return {
    draftId: randomUUID(),
    caseId,
    type: 'response',
    partner: 'FIU-B',
    state: 'pending',
    draftedBy: 'liaison@FIU-A',
    draftedAt: '2026-01-02T03:04:05.000Z',
    sealed: 'eyJ.sealed.own.copy',
    approvalsRequired: 2,
    supervisorRequired: true,
    messageId: null,
    decidedAt: null,
    ...overrides,
  };
}

function approval(draftId: string, approver: string, position: number): CaseApproval {
  return {
    draftId,
    approver,
    roles: ['supervisor'],
    decision: 'approved',
    comment: null,
    decidedAt: '2026-01-02T04:00:00.000Z',
    position,
  };
}

for (const backend of BACKENDS) {
  describe(`store case work (${backend})`, () => {
    let fresh: Fresh;
    beforeEach(async () => (fresh = await freshStore(backend)));
    afterEach(() => fresh.dispose());

    it('sets a case state and assignee, and lists by assignee', async () => {
      const c = sampleCase();
      await fresh.store.transaction((tx) => tx.insertCase(c));
      await fresh.store.transaction(async (tx) => {
        await tx.setCaseAssignee(c.caseId, 'liaison@FIU-A');
        await tx.setCaseState(c.caseId, 'assigned');
      });
      const read = await fresh.store.getCase(c.caseId);
      expect(read).to.deep.equal({ ...c, state: 'assigned', assignee: 'liaison@FIU-A' });
      expect(await fresh.store.listCases({ assignee: 'liaison@FIU-A' })).to.have.length(1);
      expect(await fresh.store.listCases({ assignee: 'someone-else' })).to.deep.equal([]);
    });

    it('refuses to change a case that does not exist', async () => {
      await expectGatewayError(
        fresh.store.transaction((tx) => tx.setCaseState('no-such-case', 'assigned')),
        'exchange.not_found',
      );
    });

    it('keeps drafts and decisions, one decision per person and draft', async () => {
      const c = sampleCase();
      const d = sampleDraft(c.caseId);
      await fresh.store.transaction(async (tx) => {
        await tx.insertCase(c);
        await tx.insertDraft(d);
        await tx.insertApproval(approval(d.draftId, 'supervisor@FIU-A', 1));
      });
      expect(await fresh.store.pendingDraft(c.caseId)).to.deep.equal(d);
      expect(await fresh.store.draftsOfCase(c.caseId)).to.deep.equal([d]);
      await expectGatewayError(
        fresh.store.transaction((tx) => tx.insertApproval(approval(d.draftId, 'supervisor@FIU-A', 2))),
        'case.already_approved',
      );
      await fresh.store.transaction((tx) => tx.insertApproval(approval(d.draftId, 'supervisor-2@FIU-A', 2)));
      expect((await fresh.store.approvalsOf(d.draftId)).map((a) => a.approver)).to.deep.equal([
        'supervisor@FIU-A',
        'supervisor-2@FIU-A',
      ]);
    });

    it('changes a draft only while it is pending', async () => {
      const c = sampleCase();
      const d = sampleDraft(c.caseId);
      await fresh.store.transaction(async (tx) => {
        await tx.insertCase(c);
        await tx.insertDraft(d);
      });
      const at = '2026-01-03T00:00:00.000Z';
      await fresh.store.transaction((tx) =>
        tx.updateDraft(d.draftId, { state: 'sent', decidedAt: at, messageId: 'm-1' }),
      );
      expect(await fresh.store.pendingDraft(c.caseId)).to.equal(null);
      expect((await fresh.store.draftsOfCase(c.caseId))[0]).to.deep.include({
        state: 'sent',
        decidedAt: at,
        messageId: 'm-1',
      });
      await expectGatewayError(
        fresh.store.transaction((tx) => tx.updateDraft(d.draftId, { state: 'rejected', decidedAt: at })),
        'case.invalid_state',
      );
    });

    it('counts the drafts, and the sent ones, of the cases of one direction and type in one query', async () => {
      const out = (o: Partial<CaseRecord> = {}) => sampleCase({ direction: 'out', state: 'closed', ...o });
      const resent = out();
      const rejected = out();
      const noDraft = out();
      const held = out({ state: 'awaiting_approval' });
      const received = sampleCase({ state: 'responded' });
      const disclosed = out({ messageType: 'spontaneous_disclosure' });
      const request = (c: CaseRecord, state: CaseDraft['state'], at: string) =>
        sampleDraft(c.caseId, { type: 'request', state, draftedAt: at });
      await fresh.store.transaction(async (tx) => {
        for (const c of [resent, rejected, noDraft, held, received, disclosed]) await tx.insertCase(c);
        await tx.insertDraft(request(resent, 'rejected', '2026-01-02T03:04:05.000Z'));
        await tx.insertDraft(request(resent, 'sent', '2026-01-03T03:04:05.000Z'));
        await tx.insertDraft(request(rejected, 'rejected', '2026-01-02T03:04:05.000Z'));
        await tx.insertDraft(request(held, 'pending', '2026-01-02T03:04:05.000Z'));
        await tx.insertDraft(sampleDraft(received.caseId, { state: 'sent' }));
        await tx.insertDraft(
          sampleDraft(disclosed.caseId, { type: 'spontaneous_disclosure', state: 'sent' }),
        );
      });
      // By case id, as the store orders them (UUIDs: lower-case hex, hyphens in the same places).
      const byId = (rows: CaseDraftCount[]) => [...rows].sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
      expect(await fresh.store.draftCounts({ direction: 'out', messageType: 'request' })).to.deep.equal(
        byId([
          { caseId: resent.caseId, drafts: 2, sent: 1 },
          { caseId: rejected.caseId, drafts: 1, sent: 0 },
          { caseId: held.caseId, drafts: 1, sent: 0 },
        ]),
      );
      expect(await fresh.store.draftCounts({ direction: 'in', messageType: 'request' })).to.deep.equal([
        { caseId: received.caseId, drafts: 1, sent: 1 },
      ]);
      expect(
        await fresh.store.draftCounts({ direction: 'in', messageType: 'spontaneous_disclosure' }),
      ).to.deep.equal([]);
    });

    it('gives the time of the first response per case', async () => {
      const caseId = randomUUID();
      await fresh.store.transaction(async (tx) => {
        await tx.insertMessage(
          sampleMessage({ caseId, type: 'request', storedAt: '2026-01-01T00:00:00.000Z' }),
        );
        await tx.insertMessage(
          sampleMessage({ caseId, type: 'response', storedAt: '2026-01-03T00:00:00.000Z', ledgerIndex: 2 }),
        );
        await tx.insertMessage(
          sampleMessage({ caseId, type: 'response', storedAt: '2026-01-02T00:00:00.000Z', ledgerIndex: 1 }),
        );
      });
      expect(await fresh.store.responseTimes()).to.deep.equal([
        { caseId, respondedAt: '2026-01-02T00:00:00.000Z' },
      ]);
    });

    it('counts as overdue the received requests past their deadline not yet responded to', async () => {
      const past = '2026-01-01T00:00:00.000Z';
      const now = new Date('2026-02-01T00:00:00.000Z');
      await fresh.store.transaction(async (tx) => {
        for (const state of ['open', 'assigned', 'awaiting_approval', 'responded'] as const) {
          await tx.insertCase(sampleCase({ state, deadline: past }));
        }
        await tx.insertCase(sampleCase({ state: 'open', deadline: '2026-03-01T00:00:00.000Z' }));
        await tx.insertCase(
          sampleCase({ state: 'open', deadline: past, messageType: 'spontaneous_disclosure' }),
        );
        await tx.insertCase(sampleCase({ direction: 'out', state: 'awaiting_response', deadline: past }));
      });
      expect(await fresh.store.overdueCases(now)).to.deep.equal([{ partner: 'FIU-B', count: 3 }]);
    });
  });
}

describe('migration 0006 (case work)', () => {
  it('applies on top of 0004 with data, which it keeps, and its down() removes what it added', async () => {
    const { dir, remove } = await tempDir();
    const file = path.join(dir, 'gateway.sqlite');
    try {
      const old = createDataSource({ kind: 'sqlite-file', file }, MIGRATIONS.slice(0, 4));
      await old.initialize();
      await old.runMigrations({ transaction: 'all' });
      const c = sampleCase();
      await old.query(
        'INSERT INTO cases (case_id, direction, partner, state, message_type, purpose, urgency, deadline, opened_at, message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          c.caseId,
          c.direction,
          c.partner,
          c.state,
          c.messageType,
          c.purpose,
          c.urgency,
          null,
          c.openedAt,
          c.messageId,
        ],
      );
      await old.destroy();
      const store = await openStore(`sqlite:${file}`);
      try {
        expect(await store.getCase(c.caseId)).to.deep.equal({ ...c, assignee: null });
        const { dataSource } = internals(store);
        // The migrations after 0006 first, newest first; then 0006 itself.
        for (let n = MIGRATIONS.length; n > 5; n--)
          await dataSource.undoLastMigration({ transaction: 'all' });
        const tables = (
          await rawQuery<{ name: string }>(store, "SELECT name FROM sqlite_master WHERE type = 'table'")
        ).map((t) => t.name);
        expect(tables).to.not.include.members(['case_drafts']);
        expect(tables).to.not.include.members(['case_approvals']);
        const columns = await rawQuery<{ name: string }>(store, 'PRAGMA table_info(cases)');
        expect(columns.map((col) => col.name)).to.not.include('assignee');
        expect((await rawQuery(store, 'SELECT case_id FROM cases')).length).to.equal(1);
      } finally {
        await store.close();
      }
    } finally {
      await remove();
    }
  });
});
