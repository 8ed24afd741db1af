/**
 * The {@link Store} on a TypeORM data source. On SQLite every operation queues on one {@link Exclusive}
 * (see there for why); on PostgreSQL operations run at once, each transaction on a connection of its
 * own. Every error that leaves is a GatewayError.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { GatewayError } from '../errors.js';
import type { KeyRecord } from '../crypto/key-file.js';
import { Exclusive } from './exclusive.js';
import * as aq from './agreement-queries.js';
import * as cq from './case-queries.js';
import * as consentq from './consent-queries.js';
import * as outbox from './outbox-queries.js';
import * as q from './queries.js';
import { takeWriteLock, TypeOrmTx } from './transaction.js';
import * as tree from './tree-queries.js';
import type {
  AgreementRevision,
  CaseApproval,
  CaseDraft,
  CaseDraftCount,
  CaseFilter,
  CaseResponseTime,
  CaseRecord,
  CheckpointRow,
  ConsentRecord,
  Direction,
  DraftCountFilter,
  LedgerRow,
  MessageUsageQuery,
  MessageRecord,
  OutboxFilter,
  OutboxItem,
  OutboxStats,
  OverdueCount,
  PartnerCheckpointRow,
  PartnerRow,
  Store,
  StoreTx,
  StoredKey,
} from './types.js';

/** The store implementation. Build it with `openStore`; it owns (and closes) the data source. */
export class TypeOrmStore implements Store {
  private readonly exclusive: Exclusive;
  /** The running transaction's manager, for store reads made inside it (they must see its writes). */
  private readonly current = new AsyncLocalStorage<{ manager: EntityManager; open: boolean }>();
  private closed = false;

  /**
   * @param dataSource initialised and migrated; exposed for tests (pragmas, schema), not for services.
   * @param shared true on PostgreSQL: other processes may write the same database.
   */
  constructor(
    readonly dataSource: DataSource,
    readonly shared = false,
  ) {
    this.exclusive = new Exclusive(!shared);
  }

  /**
   * Runs `fn` in one transaction that holds the write lock from its start; commits (durably, with
   * synchronous=FULL) when `fn` resolves and rolls back when it throws. What `fn` throws passes through
   * unchanged; failures of the transaction itself (begin, lock, commit) become `store.failed`.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.inTransaction(fn);
  }

  findInbound(fromFiu: string, messageId: string): Promise<MessageRecord | null> {
    return this.run('finding an inbound message', () => q.findInbound(this.manager, fromFiu, messageId));
  }

  findMessage(direction: Direction, messageId: string): Promise<MessageRecord | null> {
    return this.run('finding a message', () => q.findMessage(this.manager, direction, messageId));
  }

  listCases(filter: CaseFilter): Promise<CaseRecord[]> {
    return this.run('listing cases', () => q.listCases(this.manager, filter));
  }

  getCase(caseId: string): Promise<CaseRecord | null> {
    return this.run('reading a case', () => q.getCase(this.manager, caseId));
  }

  getConsent(consentId: string): Promise<ConsentRecord | null> {
    return this.run('reading a consent', () => consentq.getConsent(this.manager, consentId));
  }

  consentsOfCase(caseId: string): Promise<ConsentRecord[]> {
    return this.run('reading the consents of a case', () => consentq.consentsOfCase(this.manager, caseId));
  }

  messagesOfCase(caseId: string): Promise<MessageRecord[]> {
    return this.run('reading the messages of a case', () => q.messagesOfCase(this.manager, caseId));
  }

  ledgerRange(start: number, end: number): Promise<LedgerRow[]> {
    return this.run('reading the ledger', () => q.ledgerRange(this.manager, start, end));
  }

  ledgerSize(): Promise<number> {
    return this.run('reading the ledger size', () => q.nextLedgerIndex(this.manager));
  }

  ledgerNodes(refs: Array<{ level: number; index: number }>): Promise<Array<string | null>> {
    return this.run('reading ledger tree nodes', () => tree.ledgerNodes(this.manager, refs));
  }

  latestCheckpoint(): Promise<CheckpointRow | null> {
    return this.run('reading the latest checkpoint', () => tree.latestCheckpoint(this.manager));
  }

  checkpointAt(size: number): Promise<CheckpointRow | null> {
    return this.run(`reading checkpoint ${size}`, () => tree.checkpointAt(this.manager, size));
  }

  listCheckpoints(fromSize?: number, limit?: number): Promise<CheckpointRow[]> {
    return this.run('listing checkpoints', () => tree.listCheckpoints(this.manager, fromSize, limit));
  }

  latestPartnerCheckpoint(partner: string): Promise<PartnerCheckpointRow | null> {
    return this.run(`reading the latest checkpoint of ${partner}`, () =>
      tree.latestPartnerCheckpoint(this.manager, partner),
    );
  }

  findLeaf(hash: string): Promise<number | null> {
    return this.run('finding a leaf', () => tree.findLeaf(this.manager, hash));
  }

  leafIndexCoverage(): Promise<{ expected: number; indexed: number }> {
    return this.run('checking the leaf index', () => tree.leafIndexCoverage(this.manager));
  }

  repairLeafIndex(): Promise<number> {
    return this.run('repairing the leaf index', () => tree.repairLeafIndex(this.manager));
  }

  findMessageByDigest(digest: string): Promise<MessageRecord | null> {
    return this.run('finding a message by digest', () => q.findMessageByDigest(this.manager, digest));
  }

  /**
   * Looks first with a plain read, so that an idle dispatcher's poll never takes the write lock. On
   * PostgreSQL the claim does not take the write lock at all: it locks the rows it claims (FOR UPDATE
   * SKIP LOCKED), so replicas claim different items at the same time. On SQLite the claim is committed
   * without waiting for the disk (`synchronous = NORMAL` for this one transaction; WAL keeps the order,
   * and the next durable commit, such as the attempt's receipt, flushes it too): a claim is a lease,
   * not a promise. Lost in a crash, it only means that the item is claimed again, and a repeated
   * delivery is answered with the original receipt.
   */
  async claimDue(now: Date, limit: number, owner: string, leaseMs: number): Promise<OutboxItem[]> {
    if (!(await this.anyDue(now))) return [];
    return this.inTransaction((tx) => tx.claimDue(now, limit, owner, leaseMs), {
      durable: false,
      writeLock: !this.shared,
    });
  }

  anyDue(now: Date): Promise<boolean> {
    return this.run('looking for due outbox items', () => outbox.anyDue(this.manager, now));
  }

  listOutbox(filter: OutboxFilter): Promise<OutboxItem[]> {
    return this.run('listing the outbox', () => outbox.listOutbox(this.manager, filter));
  }

  findOutboxItem(messageId: string): Promise<OutboxItem | null> {
    return this.run('finding an outbox item', () => outbox.findOutboxItem(this.manager, messageId));
  }

  outboxStats(now: Date): Promise<OutboxStats> {
    return this.run('summing up the outbox', () => outbox.outboxStats(this.manager, now));
  }

  draftsOfCase(caseId: string): Promise<CaseDraft[]> {
    return this.run('reading the drafts of a case', () => cq.draftsOfCase(this.manager, caseId));
  }

  approvalsOf(draftId: string): Promise<CaseApproval[]> {
    return this.run('reading the decisions on a draft', () => cq.approvalsOf(this.manager, draftId));
  }

  pendingDraft(caseId: string): Promise<CaseDraft | null> {
    return this.run('reading the draft of a case', () => cq.pendingDraft(this.manager, caseId));
  }

  draftCounts(filter: DraftCountFilter): Promise<CaseDraftCount[]> {
    return this.run('counting the drafts of cases', () => cq.draftCounts(this.manager, filter));
  }

  responseTimes(): Promise<CaseResponseTime[]> {
    return this.run('reading response times', () => cq.responseTimes(this.manager));
  }

  overdueCases(now: Date): Promise<OverdueCount[]> {
    return this.run('counting overdue cases', () => q.overdueCases(this.manager, now));
  }

  upsertPartner(p: PartnerRow): Promise<void> {
    return this.run(`recording partner ${p.id}`, () => q.upsertPartner(this.manager, p));
  }

  listPartners(): Promise<PartnerRow[]> {
    return this.run('listing partners', () => q.listPartners(this.manager));
  }

  /** Registers keys in one transaction: all of them, or none when one conflicts. */
  registerKeys(keys: KeyRecord[]): Promise<void> {
    return this.inTransaction((tx) => tx.registerKeys(keys));
  }

  keysOf(fiu: string): Promise<StoredKey[]> {
    return this.run(`reading the keys of ${fiu}`, () => q.keysOf(this.manager, fiu));
  }

  agreementRevisions(filter: { agreementId?: string; partner?: string } = {}): Promise<AgreementRevision[]> {
    return this.run('reading agreement revisions', () => aq.agreementRevisions(this.manager, filter));
  }

  latestAgreementChange(partner: string): Promise<number | null> {
    return this.run('reading the latest agreement change', () =>
      aq.latestAgreementChange(this.manager, partner),
    );
  }

  repairRateUsage(now: Date): Promise<number> {
    return this.run('repairing the request counts', () => aq.repairRateUsage(this.manager, now));
  }

  messageUsage(u: MessageUsageQuery): Promise<{ today: number; lastMinute: number }> {
    return this.run('counting messages', () => aq.messageUsage(this.manager, u));
  }

  /** Waits for queued operations, then closes the database. Later calls fail with `store.failed`. */
  async close(): Promise<void> {
    if (this.exclusive.inside) {
      // Closing waits for the running section, which is the caller: it would never end.
      throw new GatewayError('store.failed', 'store.close() called inside a store operation');
    }
    if (this.closed) return;
    this.closed = true;
    await this.exclusive.drain();
    try {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    } catch (error) {
      throw new GatewayError('store.failed', 'store: closing the database failed', { cause: error });
    }
  }

  /** The running transaction's manager when called inside one, else the data source's. */
  private get manager(): EntityManager {
    const tx = this.current.getStore();
    return tx?.open ? tx.manager : this.dataSource.manager;
  }

  /** Queues `fn` and turns what it throws into GatewayErrors. */
  private run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return this.queue(what, () => q.guarded(what, fn));
  }

  private queue<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed && !this.exclusive.inside) {
      return Promise.reject(new GatewayError('store.failed', `store: ${what}: the store is closed`));
    }
    return this.exclusive.run(fn);
  }

  /**
   * See {@link transaction}; `fn` gets the full tx, with the operations that are not part of StoreTx.
   * `writeLock` false: without the write lock (PostgreSQL's outbox claim, which locks rows instead);
   * `durable` false: on SQLite, commit without waiting for the disk (the outbox claim).
   */
  private inTransaction<T>(
    fn: (tx: TypeOrmTx) => Promise<T>,
    o: { durable?: boolean; writeLock?: boolean } = {},
  ): Promise<T> {
    const writeLock = o.writeLock ?? true;
    if (this.exclusive.inside) {
      // Nesting would deadlock on the queue (or, without it, become a savepoint): refuse loudly.
      return Promise.reject(
        new GatewayError(
          'store.failed',
          'store.transaction() called inside a transaction; use its tx instead',
        ),
      );
    }
    const relaxed = o.durable === false && this.dataSource.options.type === 'better-sqlite3';
    return this.queue('transaction', async () => {
      let thrownByFn: { error: unknown } | undefined;
      try {
        if (relaxed) await this.dataSource.query('PRAGMA synchronous = NORMAL');
        return await this.dataSource.transaction(async (manager) => {
          if (writeLock) await takeWriteLock(manager);
          const tx = new TypeOrmTx(manager);
          const scope = { manager, open: true };
          try {
            return await this.current.run(scope, () => fn(tx));
          } catch (error) {
            thrownByFn = { error };
            throw error;
          } finally {
            scope.open = false;
            tx.end();
          }
        });
      } catch (error) {
        if (thrownByFn && thrownByFn.error === error) throw error;
        throw error instanceof GatewayError
          ? error
          : new GatewayError('store.failed', 'store: transaction failed', { cause: error });
      } finally {
        // Inside the queue: no other transaction runs before every commit is durable again.
        if (relaxed) await this.dataSource.query('PRAGMA synchronous = FULL');
      }
    });
  }
}
