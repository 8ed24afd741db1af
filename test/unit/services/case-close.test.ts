import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Role } from '../../../src/config.js';
import type { LedgerEntry } from '../../../src/ledger/index.js';
import { silentLogger } from '../../../src/log.js';
import { CaseReports } from '../../../src/services/case-reports.js';
import { CaseWorkService } from '../../../src/services/case-workflow.js';
import { OutboxService } from '../../../src/services/outbox.js';
import {
  openStore,
  type CaseDraft,
  type CaseRecord,
  type OutboxState,
  type Store,
} from '../../../src/store/index.js';
import { testDatabaseUrl } from '../../helpers/database.js';
import { expectCode } from '../../helpers/expect-code.js';
import { makeFius, NOW } from '../../helpers/keys.js';
import { startSequencer } from '../../helpers/sequencer.js';
import { sampleCase, sampleMessage, sampleOutboxItem } from '../store/fixtures.js';

const as = (id: string, ...roles: Role[]) => ({ id, roles });
const LIAISON = as('liaison@FIU-A', 'liaison');
const LIAISON_2 = as('liaison-2@FIU-A', 'liaison');
const SUPERVISOR = as('supervisor@FIU-A', 'supervisor');
const ANALYST = as('analyst@FIU-A', 'analyst');
const AUDITOR = as('auditor@FIU-A', 'auditor');
const OPERATORS = [LIAISON, LIAISON_2, SUPERVISOR, ANALYST, AUDITOR].map((o) => ({
  name: o.id,
  roles: o.roles,
}));

/** A received spontaneous disclosure, by default assigned to LIAISON. */
const disclosure = (o: Partial<CaseRecord> = {}) =>
  sampleCase({ messageType: 'spontaneous_disclosure', state: 'assigned', assignee: LIAISON.id, ...o });

describe('CaseWorkService.close', () => {
  let store: Store;
  let work: CaseWorkService;
  let reports: CaseReports;
  const clock = () => NOW;

  beforeEach(async () => {
    const keys = (await makeFius(['FIU-A']))['FIU-A']!;
    store = await openStore(await testDatabaseUrl('sqlite::memory:'));
    const sequencer = await startSequencer(store, keys, clock);
    // Closing touches the store and the ledger only: the rest of case work is not wired here.
    work = new CaseWorkService({
      self: 'FIU-A',
      store,
      sequencer,
      operators: OPERATORS,
      clock,
      log: silentLogger,
      ring: undefined as never,
      gate: undefined as never,
      sender: undefined as never,
      caseMessages: undefined as never,
      outbound: undefined as never,
    });
    reports = new CaseReports({ store, ring: undefined as never, clock });
  });
  afterEach(() => store.close());

  const insert = async (c: CaseRecord): Promise<string> => {
    await store.transaction((tx) => tx.insertCase(c));
    return c.caseId;
  };
  const entries = async (): Promise<LedgerEntry[]> => {
    const rows = await store.ledgerRange(0, await store.ledgerSize());
    return rows.map((r) => JSON.parse(r.entry) as LedgerEntry);
  };
  const stateOf = async (caseId: string) => (await store.getCase(caseId))!.state;

  /** Asserts that a refused close changed neither the case nor the ledger. */
  const expectUntouched = async (caseId: string, state: string) => {
    expect(await stateOf(caseId)).to.equal(state);
    expect(await entries()).to.deep.equal([]);
  };

  describe('a received spontaneous disclosure', () => {
    it('is closed by its assignee, with case.closed in the ledger', async () => {
      const id = await insert(disclosure());
      const r = await work.close(LIAISON, id, 'handled');
      expect(r).to.deep.equal({ caseId: id, state: 'closed', reason: 'handled' });
      expect(await stateOf(id)).to.equal('closed');
      expect(await entries()).to.deep.equal([
        {
          v: 1,
          at: NOW.toISOString(),
          actor: { kind: 'operator', id: LIAISON.id, roles: ['liaison'] },
          event: 'case.closed',
          caseId: id,
          from: 'assigned',
          reason: 'handled',
        },
      ]);
    });

    it('records no reason when none is given', async () => {
      const id = await insert(disclosure());
      expect(await work.close(LIAISON, id)).to.deep.equal({ caseId: id, state: 'closed' });
      const [entry] = await entries();
      expect(entry).to.include({ event: 'case.closed', caseId: id, from: 'assigned' });
      expect(entry).not.to.have.property('reason');
    });

    it('is closed by a supervisor, though assigned to someone else', async () => {
      const id = await insert(disclosure());
      await work.close(SUPERVISOR, id, 'duplicate');
      expect(await stateOf(id)).to.equal('closed');
      expect((await entries())[0]!.actor).to.deep.equal({
        kind: 'operator',
        id: SUPERVISOR.id,
        roles: ['supervisor'],
      });
    });

    it('is refused while still open (not assigned): case.invalid_state, nothing changes', async () => {
      const id = await insert(disclosure({ state: 'open', assignee: null }));
      const err = await expectCode(work.close(SUPERVISOR, id, 'handled'), 'case.invalid_state');
      expect(err.publicDetail).to.contain('is open');
      await expectUntouched(id, 'open');
    });

    it('is refused to another liaison officer: case.not_assignee', async () => {
      const id = await insert(disclosure());
      await expectCode(work.close(LIAISON_2, id), 'case.not_assignee');
      await expectUntouched(id, 'assigned');
    });

    it('is refused to an analyst and an auditor: transport.operator_forbidden', async () => {
      const id = await insert(disclosure());
      await expectCode(() => work.close(ANALYST, id), 'transport.operator_forbidden');
      await expectCode(() => work.close(AUDITOR, id), 'transport.operator_forbidden');
      await expectUntouched(id, 'assigned');
    });

    it('refuses a reason that is not a code (free text would reach the ledger)', async () => {
      const id = await insert(disclosure());
      const err = await expectCode(() => work.close(LIAISON, id, 'spoke to Mr Smith'), 'message.invalid');
      expect(err.publicDetail).to.equal('reason: expected one of handled, no_response, duplicate, other');
      await expectUntouched(id, 'assigned');
    });

    it('is closed once: a second close, even at the same time, is case.invalid_state', async () => {
      const id = await insert(disclosure());
      const both = await Promise.allSettled([work.close(LIAISON, id), work.close(SUPERVISOR, id)]);
      expect(both.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
      const failed = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(failed.reason).to.have.property('code', 'case.invalid_state');
      expect((await entries()).filter((e) => e.event === 'case.closed')).to.have.length(1);
      await expectCode(work.close(LIAISON, id), 'case.invalid_state');
    });
  });

  describe('a received request', () => {
    it('is closed once responded to', async () => {
      const id = await insert(sampleCase({ state: 'responded', assignee: LIAISON.id }));
      await work.close(LIAISON, id, 'handled');
      expect(await stateOf(id)).to.equal('closed');
      expect((await entries())[0]).to.include({ event: 'case.closed', from: 'responded' });
    });

    it('is refused before it is responded to', async () => {
      for (const state of ['open', 'assigned', 'awaiting_approval'] as const) {
        const id = await insert(sampleCase({ state, assignee: state === 'open' ? null : LIAISON.id }));
        await expectCode(work.close(SUPERVISOR, id), 'case.invalid_state');
        await expectUntouched(id, state);
      }
    });
  });

  describe('a request we sent', () => {
    const sent = (state: 'awaiting_response' | 'answered') =>
      sampleCase({ direction: 'out', state, partner: 'FIU-B' });

    it('is closed by an analyst when we stop waiting (no_response), or once answered', async () => {
      const waiting = await insert(sent('awaiting_response'));
      const answered = await insert(sent('answered'));
      await work.close(ANALYST, waiting, 'no_response');
      await work.close(LIAISON_2, answered, 'handled');
      expect(await stateOf(waiting)).to.equal('closed');
      expect(await stateOf(answered)).to.equal('closed');
      expect(
        (await entries()).map((e) => e.event === 'case.closed' && [e.caseId, e.from, e.reason]),
      ).to.deep.equal([
        [waiting, 'awaiting_response', 'no_response'],
        [answered, 'answered', 'handled'],
      ]);
    });

    /** A sent request's case whose outbox item is in `state`. */
    const inDelivery = async (state: OutboxState): Promise<{ caseId: string; messageId: string }> => {
      const c = sent('awaiting_response');
      const message = sampleMessage({
        direction: 'out',
        fromFiu: 'FIU-A',
        toFiu: 'FIU-B',
        messageId: c.messageId,
        caseId: c.caseId,
      });
      await store.transaction(async (tx) => {
        await tx.insertCase(c);
        await tx.insertMessage(message);
        await tx.insertOutboxItem(sampleOutboxItem(message.rowId, message.messageId, { state }));
      });
      return { caseId: c.caseId, messageId: c.messageId };
    };

    it('is refused while its request is queued or in an attempt, and closed once its delivery ended', async () => {
      for (const state of ['queued', 'delivering'] as const) {
        const { caseId, messageId } = await inDelivery(state);
        const err = await expectCode(work.close(ANALYST, caseId, 'no_response'), 'case.invalid_state');
        expect(err.message).to.include(
          state === 'queued'
            ? `cancel the delivery first (fiugw outbox cancel ${messageId})`
            : 'being delivered',
        );
        await expectUntouched(caseId, 'awaiting_response');
      }
      for (const state of ['delivered', 'failed', 'cancelled'] as const) {
        const { caseId } = await inDelivery(state);
        await work.close(ANALYST, caseId, 'no_response');
        expect(await stateOf(caseId), state).to.equal('closed');
      }
    });

    it('is not sent again once closed: the outbox refuses to retry its message', async () => {
      const { caseId, messageId } = await inDelivery('cancelled');
      const outbox = new OutboxService({
        store,
        sequencer: undefined as never,
        dispatcher: undefined as never,
        giveUpAfterMs: 86_400_000,
        waitMs: 0,
        clock,
        log: silentLogger,
      });
      await work.close(ANALYST, caseId, 'no_response');
      const err = await expectCode(outbox.retry(ANALYST, messageId), 'exchange.invalid_state');
      expect(err.message).to.include('is closed: it is not sent again');
      expect((await store.findOutboxItem(messageId))!.state).to.equal('cancelled');
    });

    it('is refused to an auditor, and while it waits for approval', async () => {
      const id = await insert(sent('awaiting_response'));
      await expectCode(() => work.close(AUDITOR, id), 'transport.operator_forbidden');
      const held = await insert(sampleCase({ direction: 'out', state: 'awaiting_approval' }));
      await expectCode(work.close(SUPERVISOR, held), 'case.invalid_state');
      expect(await entries()).to.deep.equal([]);
    });
  });

  describe('a disclosure we sent', () => {
    it('is closed by a liaison officer once disclosed, not by an analyst', async () => {
      const id = await insert(disclosure({ direction: 'out', state: 'disclosed', assignee: null }));
      await expectCode(work.close(ANALYST, id), 'transport.operator_forbidden');
      await work.close(LIAISON_2, id);
      expect(await stateOf(id)).to.equal('closed');
    });
  });

  it('refuses an unknown case: exchange.not_found', async () => {
    await expectCode(work.close(LIAISON, randomUUID()), 'exchange.not_found');
  });

  describe('the inbox and the summary', () => {
    it('leave closed cases out of the inbox unless a state is asked for', async () => {
      const open = await insert(disclosure({ state: 'open', assignee: null }));
      const done = await insert(disclosure());
      await work.close(LIAISON, done, 'handled');
      const ids = async (state?: string) =>
        (await reports.inbox(LIAISON, state ? { state } : {})).map((c) => c.caseId);
      expect(await ids()).to.deep.equal([open]);
      expect(await ids('closed')).to.deep.equal([done]);
    });

    it('still count a request we sent and closed unanswered, not one whose draft was rejected', async () => {
      const gaveUp = await insert(sampleCase({ direction: 'out', state: 'awaiting_response' }));
      await work.close(ANALYST, gaveUp, 'no_response');
      const rejected = sampleCase({ direction: 'out', state: 'closed' });
      await insert(rejected);
      await store.transaction((tx) => tx.insertDraft(draftOf(rejected.caseId, 'rejected')));
      const [line] = await reports.summary(SUPERVISOR);
      expect(line).to.include({ partner: 'FIU-B', requestsOut: 1, requestsIn: 0 });
    });

    it('count a closed request of ours that was answered or whose held draft was sent, not one still held', async () => {
      const closed = (partner: string) => sampleCase({ direction: 'out', state: 'closed', partner });
      const heldThenSent = closed('FIU-B');
      const answered = closed('FIU-B');
      const rejected = closed('FIU-B');
      const held = sampleCase({ direction: 'out', state: 'awaiting_approval', partner: 'FIU-B' });
      const otherSent = closed('FIU-C');
      const otherRejected = closed('FIU-C');
      for (const c of [heldThenSent, answered, rejected, held, otherSent, otherRejected]) await insert(c);
      await store.transaction(async (tx) => {
        await tx.insertDraft(draftOf(heldThenSent.caseId, 'sent'));
        await tx.insertDraft(draftOf(rejected.caseId, 'rejected'));
        await tx.insertDraft(draftOf(held.caseId, 'pending'));
        await tx.insertDraft(draftOf(otherSent.caseId, 'sent'));
        await tx.insertDraft(draftOf(otherRejected.caseId, 'rejected'));
        // Answered an hour after it was opened (sampleCase's openedAt).
        await tx.insertMessage(
          sampleMessage({ caseId: answered.caseId, type: 'response', storedAt: '2026-01-02T04:04:06.000Z' }),
        );
      });
      expect(await reports.summary(SUPERVISOR)).to.deep.equal([
        {
          partner: 'FIU-B',
          requestsIn: 0,
          requestsOut: 2,
          medianResponseMs: null,
          partnerMedianResponseMs: 3_600_000,
          overdue: 0,
        },
        {
          partner: 'FIU-C',
          requestsIn: 0,
          requestsOut: 1,
          medianResponseMs: null,
          partnerMedianResponseMs: null,
          overdue: 0,
        },
      ]);
    });
  });
});

function draftOf(caseId: string, state: CaseDraft['state']): CaseDraft {
  return {
    draftId: randomUUID(),
    caseId,
    type: 'request',
    partner: 'FIU-B',
    state,
    draftedBy: 'analyst@FIU-A',
    draftedAt: NOW.toISOString(),
    sealed: 'eyJ.sealed.own.copy',
    approvalsRequired: 1,
    supervisorRequired: true,
    messageId: null,
    decidedAt: NOW.toISOString(),
  };
}
