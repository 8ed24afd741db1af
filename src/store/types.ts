/**
 * The store's public face: plain records and the operations the services need. Nothing outside
 * `src/store/` imports TypeORM; everything else sees these types only.
 */
import type { KeyRecord } from '../crypto/key-file.js';

export type Direction = 'in' | 'out';

/** A message as kept at rest: sealed, exactly as sent or received (never decrypted into the database). */
export interface MessageRecord {
  /** Row id (the store's own, a UUID). */
  rowId: string;
  direction: Direction;
  /** The message id from its header (chosen by the sender). */
  messageId: string;
  type: string;
  fromFiu: string;
  toFiu: string;
  /** RFC 3339, from the message header. */
  createdAt: string;
  /** base64url SHA-256 of the sealed bytes. */
  digest: string;
  /** The JWE compact serialization. */
  sealed: string;
  caseId: string;
  /** 'sealed' | 'delivered' | 'failed' for outbound; 'accepted' for inbound. */
  status: string;
  /** The delivery receipt (JWS compact): the one we issued (in) or the one we received (out). */
  receipt: string | null;
  /** Ledger index of the entry that recorded the send (out) or the receipt of the message (in). */
  ledgerIndex: number;
  /** RFC 3339: when this gateway stored it. */
  storedAt: string;
  /**
   * Outbound only: the same message sealed to this gateway's own encryption key, so that operators can
   * read what was sent (the `sealed` copy opens only for the recipient). Absent or null otherwise.
   */
  localCopy?: string | null;
}

import type { CaseState } from '../policy/case-workflow.js';

/** The states of a case (src/policy/case-workflow.ts holds them and the rules that move a case). */
export type { CaseState };

/** A case: the unit of work that a request (or later a disclosure) opens. */
export interface CaseRecord {
  caseId: string;
  direction: Direction;
  partner: string;
  state: CaseState;
  messageType: string;
  purpose: string;
  urgency: string;
  /** RFC 3339 or null. */
  deadline: string | null;
  openedAt: string;
  /** The message that opened it. */
  messageId: string;
  /** The operator the case is assigned to (column from migration 0006); null or absent when none. */
  assignee?: string | null;
}

/** What became of a draft: waiting for approvals, rejected by an approver, or sent. */
export type DraftState = 'pending' | 'rejected' | 'sent';

/**
 * A message drafted by an operator that waits for the approvals its agreement requires (table
 * `case_drafts`, migration 0006): a response, a spontaneous disclosure, or an outgoing request that
 * needs a supervisor.
 */
export interface CaseDraft {
  draftId: string;
  caseId: string;
  type: 'response' | 'spontaneous_disclosure' | 'request';
  partner: string;
  state: DraftState;
  draftedBy: string;
  /** RFC 3339. */
  draftedAt: string;
  /** The draft message, signed and sealed to this gateway's own key (`sealOwnCopy`). */
  sealed: string;
  approvalsRequired: 1 | 2;
  /** Whether the last approval must be a supervisor's. */
  supervisorRequired: boolean;
  /** The id of the message it became, once sent. */
  messageId: string | null;
  /** RFC 3339: when it was rejected or sent. */
  decidedAt: string | null;
}

/** One person's decision on a draft (table `case_approvals`); at most one per person and draft. */
export interface CaseApproval {
  draftId: string;
  approver: string;
  /** The approver's roles when deciding. */
  roles: string[];
  decision: 'approved' | 'rejected';
  /** The comment sealed to this gateway's own key, or null. */
  comment: string | null;
  /** RFC 3339. */
  decidedAt: string;
  /** 1 for the first decision on the draft, 2 for the second. */
  position: number;
}

/** When the first response in a case was stored: the end of its response time. */
export interface CaseResponseTime {
  caseId: string;
  /** RFC 3339. */
  respondedAt: string;
}

/** The drafts of one case, counted: how many there are, and how many of them were sent. */
export interface CaseDraftCount {
  caseId: string;
  /** Drafts of the case, in any state (at least 1). */
  drafts: number;
  /** Those of them in state `sent`. */
  sent: number;
}

/** Which cases' drafts {@link Store.draftCounts} counts: those of cases in this direction, of this type. */
export interface DraftCountFilter {
  direction: Direction;
  /** The type of the message that opened the case (`CaseRecord.messageType`). */
  messageType: string;
}

/** One ledger entry as stored: its index and its canonical JSON (RFC 8785) text. */
export interface LedgerRow {
  index: number;
  /** Canonical JSON of the entry; the Merkle leaf is its UTF-8 bytes. */
  entry: string;
}

/** A registered key (own or partner), as the store keeps it. Keys are never deleted. */
export interface StoredKey {
  record: KeyRecord;
  registeredAt: string;
}

/** A partner FIU as the store keeps it. */
export interface PartnerRow {
  id: string;
  address: string;
  updatedAt: string;
}

/**
 * One stored node of the ledger's Merkle tree (RFC 9162). Level 0 holds the leaf hashes (`index` is
 * the entry index); the node at level l and index i is the hash of the perfect subtree of 2^l leaves
 * that starts at leaf i·2^l.
 */
export interface LedgerNode {
  level: number;
  index: number;
  /** base64url SHA-256, no padding (43 characters). */
  hash: string;
}

/** A checkpoint of this gateway's ledger: the tree head at one size, and the signed note over it. */
export interface CheckpointRow {
  /** Tree size (number of entries); at most one checkpoint per size. */
  size: number;
  /** base64url SHA-256 root hash, no padding (43 characters). */
  root: string;
  /** The signed checkpoint note. */
  note: string;
  /** RFC 3339. */
  createdAt: string;
}

/** A checkpoint of a partner's ledger, as received from it. */
export interface PartnerCheckpointRow {
  partner: string;
  size: number;
  /** base64url SHA-256 root hash, no padding (43 characters). */
  root: string;
  /** The partner's signed checkpoint note. */
  note: string;
  /** RFC 3339: when this gateway first saw it. */
  seenAt: string;
}

/** One revision of a sharing agreement: a new version, or a change of status. Never updated or deleted. */
export interface AgreementRevision {
  /** The ledger index of the `agreement.changed` entry that recorded it; orders the revisions. */
  ledgerIndex: number;
  agreementId: string;
  version: number;
  partner: string;
  status: string;
  /** The agreement document (src/policy) as canonical JSON, its `status` equal to `status` above. */
  document: string;
  /** base64url SHA-256 of the canonical JSON of the revision without `ledgerIndex` (as logged). */
  digest: string;
  /** RFC 3339. */
  appliedAt: string;
  /** The operator who made the change. */
  appliedBy: string;
  /** Why (for a suspension), or null. */
  reason: string | null;
}

/**
 * Two counts of one partner's requests of one direction at once (rate limits): those stored at or after
 * `day`, and at or after `minute`.
 */
export interface MessageUsageQuery {
  direction: Direction;
  partner: string;
  /** The start of a UTC day, 'YYYY-MM-DDT00:00:00.000Z' (the store counts requests per UTC day). */
  day: string;
  /** RFC 3339 (compared as text: the store writes UTC with milliseconds). */
  minute: string;
}

/** Where an outbox item is: waiting, being delivered, or done one way or another. */
export type OutboxState = 'queued' | 'delivering' | 'delivered' | 'failed' | 'cancelled';

/** One outbound message that the dispatcher must deliver (table `outbox`, migration 0004). */
export interface OutboxItem {
  /** The row id of the message (messages.row_id). */
  messageRowId: string;
  /** The message id from its header: the operators' handle on the item. */
  messageId: string;
  partner: string;
  state: OutboxState;
  /** Delivery attempts started so far (counted when an attempt claims the item). */
  attempts: number;
  /** RFC 3339: when the next attempt is due (state queued). */
  nextAttemptAt: string;
  /** RFC 3339: after this, a transient failure ends the item (failed, `delivery.expired`). */
  giveUpAt: string;
  /** The dispatcher (replica) that holds the item while it is delivering, and until when. */
  claimedBy: string | null;
  leaseUntil: string | null;
  /** The error code of the last failed attempt. */
  lastError: string | null;
  /** The operator who submitted the message. */
  submittedBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A change to an outbox item, made only if the item is still as `expect` says. */
export interface OutboxUpdate {
  patch: Partial<
    Pick<OutboxItem, 'state' | 'nextAttemptAt' | 'giveUpAt' | 'claimedBy' | 'leaseUntil' | 'lastError'>
  >;
  /** The item must be in one of these states (and, when given, be claimed by this owner). */
  /**
   * `attempts`: the claim this attempt holds. An attempt whose lease ran out and whose item was claimed
   * again (a later claim counts one attempt more) records nothing: the later attempt records its own.
   */
  expect: { states: OutboxState[]; claimedBy?: string; attempts?: number };
  now: string;
}

/** Filters for listing the outbox. */
export interface OutboxFilter {
  state?: OutboxState;
  partner?: string;
}

/** The outbox summed up in the database (metrics, health): one aggregate query, no rows read out. */
export interface OutboxStats {
  /** Items per state (0 for a state with none). */
  counts: Record<OutboxState, number>;
  /** Over the queued and delivering items (RFC 3339 minima), or null when there are none. */
  pending: { oldestCreatedAt: string; earliestNextAttemptAt: string; earliestGiveUpAt: string } | null;
  /** Delivering items whose lease ended before `now`, and the earliest lease end among them. */
  expiredLeases: { count: number; earliestLeaseUntil: string | null };
}

/** Received cases still open after their deadline, for one partner. */
export interface OverdueCount {
  partner: string;
  count: number;
}

/** Where a consent stands: asked, or decided one way or another (DOMAIN.md rule 3). */
export type ConsentState = 'pending' | 'granted' | 'granted_with_conditions' | 'refused';

/**
 * A consent request and its decision (table `consents`, migration 0005). `out`: this gateway asked the
 * partner (the FIU that provided the information); `in`: the partner asked this gateway. The terms stay
 * in the sealed consent request and decision messages.
 */
export interface ConsentRecord {
  /** The id of the consent request message. */
  consentId: string;
  direction: Direction;
  /** The local case that holds the information and the consent messages. */
  caseId: string;
  partner: string;
  state: ConsentState;
  /** RFC 3339. */
  requestedAt: string;
  /** The id of the consent decision message, once there is one. */
  decisionMessageId: string | null;
  decidedAt: string | null;
}

/** Operations inside one transaction. */
export interface StoreTx {
  /** Appends ledger entries (already canonical JSON) at the next indexes; returns their indexes. */
  appendLedger(entries: string[]): Promise<number[]>;
  insertMessage(m: MessageRecord): Promise<void>;
  updateMessage(rowId: string, patch: Partial<Pick<MessageRecord, 'status' | 'receipt'>>): Promise<void>;
  insertCase(c: CaseRecord): Promise<void>;
  /** Sets the state of case `caseId`; fails with `exchange.not_found` when there is no such case. */
  setCaseState(caseId: string, state: CaseState): Promise<void>;
  insertConsent(c: ConsentRecord): Promise<void>;
  /**
   * Records the decision on a pending consent; fails with `exchange.invalid_state` when the consent is
   * not pending (decided already) and `exchange.not_found` when there is none.
   */
  decideConsent(
    consentId: string,
    decision: Pick<ConsentRecord, 'state' | 'decisionMessageId' | 'decidedAt'>,
  ): Promise<void>;
  insertOutboxItem(item: OutboxItem): Promise<void>;
  /**
   * Changes an outbox item if it is still as `update.expect` says; otherwise fails with
   * `exchange.invalid_state` (and changes nothing).
   */
  updateOutboxItem(messageRowId: string, update: OutboxUpdate): Promise<void>;
  findInbound(fromFiu: string, messageId: string): Promise<MessageRecord | null>;
  insertAgreementRevision(r: AgreementRevision): Promise<void>;
  /** Registers public keys (idempotent by kid; a kid known with other content fails). */
  registerKeys(keys: KeyRecord[]): Promise<void>;
  /** The registered keys of one FIU, as this transaction sees them (under the write lock: all of them). */
  keysOf(fiu: string): Promise<StoredKey[]>;
  /**
   * Stores Merkle tree nodes (in chunks of multi-row INSERTs). A node already stored with the same hash
   * is left as it is; one stored with another hash fails the call with `store.failed`.
   */
  putLedgerNodes(nodes: LedgerNode[]): Promise<void>;
  /**
   * Stores a checkpoint. One already stored for this size with the same root is left as it is (its
   * note too); one with another root fails with `ledger.fork`.
   */
  putCheckpoint(c: CheckpointRow): Promise<void>;
  /**
   * Stores a partner's checkpoint. One already stored for this partner and size with the same root is
   * left as it is; one with another root fails with `ledger.fork`.
   */
  putPartnerCheckpoint(c: PartnerCheckpointRow): Promise<void>;
  /** One case, read inside the transaction, or null. */
  getCase(caseId: string): Promise<CaseRecord | null>;
  /** Sets a case's assignee (fails with `exchange.not_found` when there is no such case). */
  setCaseAssignee(caseId: string, assignee: string): Promise<void>;
  insertDraft(d: CaseDraft): Promise<void>;
  /** Changes a draft still pending (otherwise fails with `case.invalid_state`). */
  updateDraft(
    draftId: string,
    patch: Pick<CaseDraft, 'state' | 'decidedAt'> & { messageId?: string },
  ): Promise<void>;
  /** Records a decision on a draft; a second one by the same person fails with `case.already_approved`. */
  insertApproval(a: CaseApproval): Promise<void>;
  /** The decisions on a draft, in the order they were given. */
  approvalsOf(draftId: string): Promise<CaseApproval[]>;
  /** The pending draft of a case, or null. */
  pendingDraft(caseId: string): Promise<CaseDraft | null>;
  /** Records the message a sent draft became (and, for a case the draft opened, the case's message). */
  recordSentMessage(draftId: string, messageId: string, openedCase?: string): Promise<void>;
}

/** Filters for listing cases. */
export interface CaseFilter {
  direction?: Direction;
  state?: string;
  partner?: string;
  /** Only cases assigned to this operator. */
  assignee?: string;
}

/** The store. Open it with `openStore` (store/index.ts). */
export interface Store {
  /**
   * True when other processes may write this database at the same time (PostgreSQL, shared by
   * replicas): what a process keeps in memory about the database must be checked for changes.
   */
  readonly shared: boolean;
  /** Runs `fn` in one transaction; commits when it resolves (durably), rolls back when it throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  findInbound(fromFiu: string, messageId: string): Promise<MessageRecord | null>;
  findMessage(direction: Direction, messageId: string): Promise<MessageRecord | null>;
  listCases(filter: CaseFilter): Promise<CaseRecord[]>;
  getCase(caseId: string): Promise<CaseRecord | null>;
  /** The consent with this id (the consent request's message id), or null. */
  getConsent(consentId: string): Promise<ConsentRecord | null>;
  /** The consents of a case, oldest first. */
  consentsOfCase(caseId: string): Promise<ConsentRecord[]>;
  messagesOfCase(caseId: string): Promise<MessageRecord[]>;
  /** Entries from `start` (inclusive) to `end` (exclusive), in index order. */
  ledgerRange(start: number, end: number): Promise<LedgerRow[]>;
  ledgerSize(): Promise<number>;
  /**
   * The hashes of the Merkle tree nodes at `refs`, in the order asked, null where none is stored.
   * Up to a few hundred refs take one query.
   */
  ledgerNodes(refs: Array<{ level: number; index: number }>): Promise<Array<string | null>>;
  /** This gateway's checkpoint of the largest size, or null when there is none. */
  latestCheckpoint(): Promise<CheckpointRow | null>;
  /** This gateway's checkpoint for tree size `size`, or null. */
  checkpointAt(size: number): Promise<CheckpointRow | null>;
  /** Checkpoints with size >= `fromSize` (default 0), ascending by size, at most `limit` (default all). */
  listCheckpoints(fromSize?: number, limit?: number): Promise<CheckpointRow[]>;
  /** The partner's checkpoint of the largest size, or null when none was stored. */
  latestPartnerCheckpoint(partner: string): Promise<PartnerCheckpointRow | null>;
  /** The index of the ledger entry whose leaf hash (base64url) is `hash`, or null. */
  findLeaf(hash: string): Promise<number | null>;
  /**
   * The leaf index (migration 0008) against what it should hold: `expected` leaves (every leaf under a
   * stored level-12 node) and the rows it has (`indexed`).
   */
  leafIndexCoverage(): Promise<{ expected: number; indexed: number }>;
  /**
   * Puts the leaf index back to what it should hold; returns how many rows that took (0: it was
   * whole). Run where the write lock is held (the sequencer's start-up).
   */
  repairLeafIndex(): Promise<number>;
  /** The (first stored) message whose sealed bytes have this digest, or null. */
  findMessageByDigest(digest: string): Promise<MessageRecord | null>;
  /**
   * Claims up to `limit` outbox items that are due at `now` for `owner`, in one transaction: queued
   * items whose next attempt is due, and delivering items whose lease ran out (their owner died). Each
   * becomes delivering, claimed by `owner` until now + `leaseMs`, with one more attempt counted. The
   * one place that decides who delivers what; on PostgreSQL it is `FOR UPDATE SKIP LOCKED`, so that
   * replicas sharing the database never claim the same item.
   */
  claimDue(now: Date, limit: number, owner: string, leaseMs: number): Promise<OutboxItem[]>;
  /** True when some outbox item is due at `now` (as claimDue counts due; a read, no lock). */
  anyDue(now: Date): Promise<boolean>;
  /** Outbox items matching the filter, oldest first. */
  listOutbox(filter: OutboxFilter): Promise<OutboxItem[]>;
  /** The outbox item of outbound message `messageId`, or null. */
  findOutboxItem(messageId: string): Promise<OutboxItem | null>;
  /** The outbox summed up at `now` (see OutboxStats). */
  outboxStats(now: Date): Promise<OutboxStats>;
  /**
   * Per partner, received requests not yet responded to (open, assigned or awaiting approval) whose
   * deadline is before `now`.
   */
  overdueCases(now: Date): Promise<OverdueCount[]>;
  /** The drafts of a case, oldest first. */
  draftsOfCase(caseId: string): Promise<CaseDraft[]>;
  /** The decisions on a draft, in the order they were given. */
  approvalsOf(draftId: string): Promise<CaseApproval[]>;
  /** The pending draft of a case, or null. */
  pendingDraft(caseId: string): Promise<CaseDraft | null>;
  /**
   * Per case matching the filter that has drafts, by case id: how many, and how many were sent. One
   * query for all cases (the summary's check of closed requests); cases with no draft are left out.
   */
  draftCounts(filter: DraftCountFilter): Promise<CaseDraftCount[]>;
  /** For every case with a response message (sent or received), when the first one was stored. */
  responseTimes(): Promise<CaseResponseTime[]>;
  /** Records a partner and its current address (insert or update). */
  upsertPartner(p: PartnerRow): Promise<void>;
  listPartners(): Promise<PartnerRow[]>;
  /** Registers keys (idempotent by kid); a kid already stored with other content is an error. */
  registerKeys(keys: KeyRecord[]): Promise<void>;
  /** All registered keys of one FIU. */
  keysOf(fiu: string): Promise<StoredKey[]>;
  /** Revisions of agreements, oldest first: all, or those of one agreement id or one partner. */
  agreementRevisions(filter?: { agreementId?: string; partner?: string }): Promise<AgreementRevision[]>;
  /** The ledger index of the latest agreement revision with `partner`, or null (a cache's check). */
  latestAgreementChange(partner: string): Promise<number | null>;
  /**
   * Puts back the request counts (`rate_usage`) from the UTC day of `now` on where they disagree with
   * the requests stored; returns how many rows were wrong (0: none). Run where the write lock is held.
   */
  repairRateUsage(now: Date): Promise<number>;
  /** Both rate-limit counts in one query: `{ today: since day, lastMinute: since minute }`. */
  messageUsage(q: MessageUsageQuery): Promise<{ today: number; lastMinute: number }>;
  close(): Promise<void>;
}
