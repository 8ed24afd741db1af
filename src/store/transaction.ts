/**
 * The operations of one transaction ({@link StoreTx}) and how a write transaction starts.
 */
import type { EntityManager } from 'typeorm';
import type { KeyRecord } from '../crypto/key-file.js';
import { GatewayError } from '../errors.js';
import { WRITE_LOCK } from './locks.js';
import * as aq from './agreement-queries.js';
import * as cq from './case-queries.js';
import * as consentq from './consent-queries.js';
import * as outbox from './outbox-queries.js';
import * as q from './queries.js';
import * as tree from './tree-queries.js';
import type {
  AgreementRevision,
  CaseApproval,
  CaseDraft,
  CaseRecord,
  CaseState,
  CheckpointRow,
  ConsentRecord,
  LedgerNode,
  MessageRecord,
  OutboxItem,
  OutboxUpdate,
  PartnerCheckpointRow,
  StoreTx,
  StoredKey,
} from './types.js';

/**
 * Takes SQLite's write lock at the start of a transaction (BEGIN IMMEDIATE semantics). TypeORM always
 * issues a deferred `BEGIN TRANSACTION`, which takes the write lock only at the first write; a
 * transaction that first reads the ledger's end and then writes could then lose the race to another
 * connection and fail with SQLITE_BUSY (in WAL mode without waiting). A write statement that changes
 * nothing still takes the lock, waiting up to busy_timeout.
 *
 * On PostgreSQL, where several processes (replicas) may share the database, the write lock is a
 * transaction-level advisory lock (`pg_advisory_xact_lock`): it waits for the writer holding it, in
 * whatever process, and is released by the commit or rollback. So writers take turns as on SQLite, and
 * a ledger append (READ COMMITTED: each statement sees what was committed before it) always starts from
 * the ledger's true end.
 */
export async function takeWriteLock(m: EntityManager): Promise<void> {
  if (m.connection.options.type === 'postgres') {
    await m.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK.sql})`);
    return;
  }
  await m.query('DELETE FROM "ledger_entries" WHERE 1 = 0');
}

/** A {@link StoreTx} bound to one transaction's entity manager; unusable once that transaction ends. */
export class TypeOrmTx implements StoreTx {
  private open = true;

  constructor(private readonly manager: EntityManager) {}

  /** Called when the transaction commits or rolls back. */
  end(): void {
    this.open = false;
  }

  appendLedger(entries: string[]): Promise<number[]> {
    return this.run('appending to the ledger', (m) => q.appendLedger(m, entries, new Date().toISOString()));
  }

  insertMessage(m: MessageRecord): Promise<void> {
    return this.run(`storing message ${m.messageId}`, (em) => q.insertMessage(em, m));
  }

  updateMessage(rowId: string, patch: Partial<Pick<MessageRecord, 'status' | 'receipt'>>): Promise<void> {
    return this.run(`updating message row ${rowId}`, (m) => q.updateMessage(m, rowId, patch));
  }

  insertCase(c: CaseRecord): Promise<void> {
    return this.run(`storing case ${c.caseId}`, (m) => q.insertCase(m, c));
  }

  setCaseState(caseId: string, state: CaseState): Promise<void> {
    return this.run(`setting the state of case ${caseId}`, (m) => q.setCaseState(m, caseId, state));
  }

  insertConsent(c: ConsentRecord): Promise<void> {
    return this.run(`storing consent ${c.consentId}`, (m) => consentq.insertConsent(m, c));
  }

  decideConsent(
    consentId: string,
    decision: Pick<ConsentRecord, 'state' | 'decisionMessageId' | 'decidedAt'>,
  ): Promise<void> {
    return this.run(`deciding consent ${consentId}`, (m) => consentq.decideConsent(m, consentId, decision));
  }

  insertOutboxItem(item: OutboxItem): Promise<void> {
    return this.run(`queueing message ${item.messageId}`, (m) => outbox.insertOutboxItem(m, item));
  }

  updateOutboxItem(messageRowId: string, update: OutboxUpdate): Promise<void> {
    return this.run(`updating outbox item ${messageRowId}`, (m) =>
      outbox.updateOutboxItem(m, messageRowId, update),
    );
  }

  /** Claims due outbox items (not part of StoreTx: the store's `claimDue` runs it in its own transaction). */
  claimDue(now: Date, limit: number, owner: string, leaseMs: number): Promise<OutboxItem[]> {
    return this.run('claiming outbox items', (m) => outbox.claimDue(m, now, limit, owner, leaseMs));
  }

  findInbound(fromFiu: string, messageId: string): Promise<MessageRecord | null> {
    return this.run('finding an inbound message', (m) => q.findInbound(m, fromFiu, messageId));
  }

  insertAgreementRevision(r: AgreementRevision): Promise<void> {
    return this.run(`storing agreement ${r.agreementId} version ${r.version}`, (m) =>
      aq.insertAgreementRevision(m, r),
    );
  }

  putLedgerNodes(nodes: LedgerNode[]): Promise<void> {
    return this.run('storing ledger tree nodes', (m) => tree.putLedgerNodes(m, nodes));
  }

  putCheckpoint(c: CheckpointRow): Promise<void> {
    return this.run(`storing checkpoint ${c.size}`, (m) => tree.putCheckpoint(m, c));
  }

  putPartnerCheckpoint(c: PartnerCheckpointRow): Promise<void> {
    return this.run(`storing checkpoint ${c.size} of ${c.partner}`, (m) => tree.putPartnerCheckpoint(m, c));
  }

  getCase(caseId: string): Promise<CaseRecord | null> {
    return this.run(`reading case ${caseId}`, (m) => q.getCase(m, caseId));
  }

  setCaseAssignee(caseId: string, assignee: string): Promise<void> {
    return this.run(`assigning case ${caseId}`, (m) => cq.setCaseAssignee(m, caseId, assignee));
  }

  insertDraft(d: CaseDraft): Promise<void> {
    return this.run(`storing draft ${d.draftId}`, (m) => cq.insertDraft(m, d));
  }

  updateDraft(
    draftId: string,
    patch: Pick<CaseDraft, 'state' | 'decidedAt'> & { messageId?: string },
  ): Promise<void> {
    return this.run(`updating draft ${draftId}`, (m) => cq.updateDraft(m, draftId, patch));
  }

  insertApproval(a: CaseApproval): Promise<void> {
    return this.run(`recording a decision on draft ${a.draftId}`, (m) => cq.insertApproval(m, a));
  }

  approvalsOf(draftId: string): Promise<CaseApproval[]> {
    return this.run(`reading the decisions on draft ${draftId}`, (m) => cq.approvalsOf(m, draftId));
  }

  pendingDraft(caseId: string): Promise<CaseDraft | null> {
    return this.run(`reading the draft of case ${caseId}`, (m) => cq.pendingDraft(m, caseId));
  }

  recordSentMessage(draftId: string, messageId: string, openedCase?: string): Promise<void> {
    return this.run(`recording the message of draft ${draftId}`, (m) =>
      cq.recordSentMessage(m, draftId, messageId, openedCase),
    );
  }

  /** Registers keys (the store's `registerKeys` runs it in its own transaction). */
  registerKeys(keys: KeyRecord[]): Promise<void> {
    return this.run('registering keys', async (m) => {
      const now = new Date().toISOString();
      for (const key of keys) await q.registerKey(m, key, now);
    });
  }

  keysOf(fiu: string): Promise<StoredKey[]> {
    return this.run(`reading the keys of ${fiu}`, (m) => q.keysOf(m, fiu));
  }

  private run<T>(what: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    // A tx kept past its transaction would write outside any transaction: refuse.
    if (!this.open) {
      return Promise.reject(
        new GatewayError('store.failed', `store: ${what}: the transaction has already ended`),
      );
    }
    return q.guarded(what, () => fn(this.manager));
  }
}
