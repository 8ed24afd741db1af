/**
 * TypeORM entity schemas (EntitySchema, not decorators: tests run through esbuild, which emits no
 * decorator metadata). Properties are camelCase, columns snake_case. Column types are the portable
 * subset that TypeORM maps the same way on SQLite and PostgreSQL (varchar, text, integer); times are
 * RFC 3339 strings. The schema itself is created by the migrations, never by `synchronize`: keep these
 * definitions and `migrations/` in step (a unit test checks that they agree).
 */
import { EntitySchema } from 'typeorm';

/** A row of `partners`. */
export interface PartnerEntityRow {
  id: string;
  address: string;
  updatedAt: string;
}

/** A row of `keys`: public keys only (a private `d` is never stored). */
export interface KeyEntityRow {
  kid: string;
  fiu: string;
  use: string;
  notBefore: string;
  notAfter: string;
  /** The public JWK as canonical JSON (RFC 8785). */
  publicJwk: string;
  registeredAt: string;
}

/** A row of `messages`. */
export interface MessageEntityRow {
  rowId: string;
  direction: string;
  messageId: string;
  type: string;
  fromFiu: string;
  toFiu: string;
  createdAt: string;
  digest: string;
  sealed: string;
  caseId: string;
  status: string;
  receipt: string | null;
  ledgerIndex: number;
  storedAt: string;
  localCopy: string | null;
}

/** A row of `cases`. */
export interface CaseEntityRow {
  caseId: string;
  direction: string;
  partner: string;
  state: string;
  messageType: string;
  purpose: string;
  urgency: string;
  deadline: string | null;
  openedAt: string;
  messageId: string;
  assignee: string | null;
}

/** A row of `case_drafts` (migration 0006). */
export interface CaseDraftEntityRow {
  draftId: string;
  caseId: string;
  type: string;
  partner: string;
  state: string;
  draftedBy: string;
  draftedAt: string;
  sealed: string;
  approvalsRequired: number;
  supervisorRequired: number;
  messageId: string | null;
  decidedAt: string | null;
}

/** A row of `case_approvals` (migration 0006). */
export interface CaseApprovalEntityRow {
  draftId: string;
  approver: string;
  roles: string;
  decision: string;
  comment: string | null;
  decidedAt: string;
  position: number;
}

/** A row of `ledger_entries`. */
export interface LedgerEntityRow {
  idx: number;
  entry: string;
  createdAt: string;
}

/** A row of `ledger_nodes`. */
export interface LedgerNodeEntityRow {
  level: number;
  idx: number;
  hash: string;
}

/** A row of `ledger_leaf_index`. */
export interface LedgerLeafIndexEntityRow {
  block: number;
  prefix: string;
  idx: number;
}

/** A row of `rate_usage`. */
export interface RateUsageEntityRow {
  direction: string;
  partner: string;
  /** The UTC day, 'YYYY-MM-DD' (the first 10 characters of the requests' stored_at). */
  day: string;
  count: number;
}

/** A row of `checkpoints`. */
export interface CheckpointEntityRow {
  size: number;
  root: string;
  note: string;
  createdAt: string;
}

/** A row of `partner_checkpoints`. */
export interface PartnerCheckpointEntityRow {
  partner: string;
  size: number;
  root: string;
  note: string;
  seenAt: string;
}

/** A row of `outbox`. */
export interface OutboxEntityRow {
  messageRowId: string;
  messageId: string;
  partner: string;
  state: string;
  attempts: number;
  nextAttemptAt: string;
  giveUpAt: string;
  claimedBy: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  submittedBy: string;
  createdAt: string;
  updatedAt: string;
}

const varchar = (name: string) => ({ name, type: 'varchar' as const });
const text = (name: string) => ({ name, type: 'text' as const });

/** Partner FIUs and their current addresses. */
export const PartnerEntity = new EntitySchema<PartnerEntityRow>({
  name: 'Partner',
  tableName: 'partners',
  columns: {
    id: { ...varchar('id'), primary: true },
    address: varchar('address'),
    updatedAt: varchar('updated_at'),
  },
});

/** Registered public message keys (own and partners'). */
export const KeyEntity = new EntitySchema<KeyEntityRow>({
  name: 'Key',
  tableName: 'keys',
  columns: {
    kid: { ...varchar('kid'), primary: true },
    fiu: varchar('fiu'),
    use: varchar('use'),
    notBefore: varchar('not_before'),
    notAfter: varchar('not_after'),
    publicJwk: text('public_jwk'),
    registeredAt: varchar('registered_at'),
  },
  indices: [{ name: 'idx_keys_fiu', columns: ['fiu'] }],
});

/** Messages at rest, sealed. */
export const MessageEntity = new EntitySchema<MessageEntityRow>({
  name: 'Message',
  tableName: 'messages',
  columns: {
    rowId: { name: 'row_id', type: 'varchar', length: 36, primary: true },
    direction: varchar('direction'),
    messageId: varchar('message_id'),
    type: varchar('type'),
    fromFiu: varchar('from_fiu'),
    toFiu: varchar('to_fiu'),
    createdAt: varchar('created_at'),
    digest: varchar('digest'),
    sealed: text('sealed'),
    caseId: varchar('case_id'),
    status: varchar('status'),
    receipt: { ...text('receipt'), nullable: true },
    ledgerIndex: { name: 'ledger_index', type: 'integer' },
    storedAt: varchar('stored_at'),
    localCopy: { ...text('local_copy'), nullable: true },
  },
  uniques: [
    { name: 'uq_messages_direction_from_fiu_message_id', columns: ['direction', 'fromFiu', 'messageId'] },
  ],
  indices: [
    { name: 'idx_messages_case_id', columns: ['caseId'] },
    { name: 'idx_messages_message_id', columns: ['messageId'] },
    { name: 'idx_messages_digest', columns: ['digest'] },
    { name: 'idx_messages_rate_in', columns: ['direction', 'fromFiu', 'type', 'storedAt'] },
    { name: 'idx_messages_rate_out', columns: ['direction', 'toFiu', 'type', 'storedAt'] },
  ],
});

/** Cases. */
export const CaseEntity = new EntitySchema<CaseEntityRow>({
  name: 'Case',
  tableName: 'cases',
  columns: {
    caseId: { ...varchar('case_id'), primary: true },
    direction: varchar('direction'),
    partner: varchar('partner'),
    state: varchar('state'),
    messageType: varchar('message_type'),
    purpose: varchar('purpose'),
    urgency: varchar('urgency'),
    deadline: { ...varchar('deadline'), nullable: true },
    openedAt: varchar('opened_at'),
    messageId: varchar('message_id'),
    assignee: { ...varchar('assignee'), nullable: true },
  },
  indices: [
    { name: 'idx_cases_state', columns: ['state'] },
    { name: 'idx_cases_partner', columns: ['partner'] },
    { name: 'idx_cases_assignee', columns: ['assignee'] },
  ],
});

/** Drafts waiting for approval, and what became of them (migration 0006). */
export const CaseDraftEntity = new EntitySchema<CaseDraftEntityRow>({
  name: 'CaseDraft',
  tableName: 'case_drafts',
  columns: {
    draftId: { name: 'draft_id', type: 'varchar', length: 36, primary: true },
    caseId: varchar('case_id'),
    type: varchar('type'),
    partner: varchar('partner'),
    state: varchar('state'),
    draftedBy: varchar('drafted_by'),
    draftedAt: varchar('drafted_at'),
    sealed: text('sealed'),
    approvalsRequired: { name: 'approvals_required', type: 'integer' },
    supervisorRequired: { name: 'supervisor_required', type: 'integer' },
    messageId: { ...varchar('message_id'), nullable: true },
    decidedAt: { ...varchar('decided_at'), nullable: true },
  },
  indices: [{ name: 'idx_case_drafts_case', columns: ['caseId'] }],
});

/** Approvals and rejections of drafts, one per person and draft (migration 0006). */
export const CaseApprovalEntity = new EntitySchema<CaseApprovalEntityRow>({
  name: 'CaseApproval',
  tableName: 'case_approvals',
  columns: {
    draftId: { name: 'draft_id', type: 'varchar', length: 36, primary: true },
    approver: { ...varchar('approver'), primary: true },
    roles: varchar('roles'),
    decision: varchar('decision'),
    comment: { ...text('comment'), nullable: true },
    decidedAt: varchar('decided_at'),
    position: { name: 'position', type: 'integer' },
  },
});

/**
 * The audit ledger. `idx` is assigned by the store's sequencer (consecutive from 0), never by the
 * database: no auto-increment, so a duplicate index fails on the primary key instead of forking.
 */
export const LedgerEntity = new EntitySchema<LedgerEntityRow>({
  name: 'LedgerEntry',
  tableName: 'ledger_entries',
  columns: {
    idx: { name: 'idx', type: 'integer', primary: true },
    entry: text('entry'),
    createdAt: varchar('created_at'),
  },
});

/** A base64url SHA-256 hash without padding: 43 characters. */
const hash43 = (name: string) => ({ name, type: 'varchar' as const, length: 43 });

/**
 * The stored nodes of the ledger's Merkle tree: level 0 holds the leaf hashes (idx = entry index), level
 * l the hash of the perfect subtree of 2^l leaves from leaf idx·2^l. Without rowid on SQLite: the rows
 * are small and are only ever found by their primary key, which then is the table itself.
 */
export const LedgerNodeEntity = new EntitySchema<LedgerNodeEntityRow>({
  name: 'LedgerNode',
  tableName: 'ledger_nodes',
  withoutRowid: true,
  columns: {
    level: { name: 'level', type: 'integer', primary: true },
    idx: { name: 'idx', type: 'integer', primary: true },
    hash: hash43('hash'),
  },
});

/**
 * Leaves by the first 8 characters of their hash, for every complete subtree of 4,096 leaves (migration
 * 0008): `block` is `idx / 65536`, so that a subtree's rows go into one part of the key. Written and
 * read only by the raw SQL in tree-queries.ts (`findLeaf`).
 */
export const LedgerLeafIndexEntity = new EntitySchema<LedgerLeafIndexEntityRow>({
  name: 'LedgerLeafIndex',
  tableName: 'ledger_leaf_index',
  withoutRowid: true,
  columns: {
    block: { name: 'block', type: 'integer', primary: true },
    prefix: { name: 'prefix', type: 'varchar', length: 8, primary: true },
    idx: { name: 'idx', type: 'integer', primary: true },
  },
});

/**
 * The requests stored per direction, partner and UTC day (migration 0009): the daily rate-limit count
 * without counting `messages`. Written and read only by the raw SQL of agreement-queries.ts
 * (`countRequest`, which `insertMessage` calls; `messageUsage`; `repairRateUsage`).
 */
export const RateUsageEntity = new EntitySchema<RateUsageEntityRow>({
  name: 'RateUsage',
  tableName: 'rate_usage',
  withoutRowid: true,
  columns: {
    direction: { name: 'direction', type: 'varchar', primary: true },
    partner: { name: 'partner', type: 'varchar', primary: true },
    day: { name: 'day', type: 'varchar', length: 10, primary: true },
    count: { name: 'count', type: 'integer' },
  },
});

/** This gateway's signed checkpoints; the primary key allows one root per tree size. */
export const CheckpointEntity = new EntitySchema<CheckpointEntityRow>({
  name: 'Checkpoint',
  tableName: 'checkpoints',
  columns: {
    size: { name: 'size', type: 'integer', primary: true },
    root: hash43('root'),
    note: text('note'),
    createdAt: varchar('created_at'),
  },
});

/** Checkpoints received from partners; one root per partner and tree size. */
export const PartnerCheckpointEntity = new EntitySchema<PartnerCheckpointEntityRow>({
  name: 'PartnerCheckpoint',
  tableName: 'partner_checkpoints',
  columns: {
    partner: { ...varchar('partner'), primary: true },
    size: { name: 'size', type: 'integer', primary: true },
    root: hash43('root'),
    note: text('note'),
    seenAt: varchar('seen_at'),
  },
});

/** A row of `agreement_revisions`. */
export interface AgreementRevisionEntityRow {
  ledgerIndex: number;
  agreementId: string;
  version: number;
  partner: string;
  status: string;
  document: string;
  digest: string;
  appliedAt: string;
  appliedBy: string;
  reason: string | null;
}

/** Every version and status change of every sharing agreement, in the order they took effect. */
export const AgreementRevisionEntity = new EntitySchema<AgreementRevisionEntityRow>({
  name: 'AgreementRevision',
  tableName: 'agreement_revisions',
  columns: {
    ledgerIndex: { name: 'ledger_index', type: 'integer', primary: true },
    agreementId: varchar('agreement_id'),
    version: { name: 'version', type: 'integer' },
    partner: varchar('partner'),
    status: varchar('status'),
    document: text('document'),
    digest: hash43('digest'),
    appliedAt: varchar('applied_at'),
    appliedBy: varchar('applied_by'),
    reason: { ...text('reason'), nullable: true },
  },
  indices: [
    { name: 'idx_agreement_revisions_partner', columns: ['partner', 'ledgerIndex'] },
    { name: 'idx_agreement_revisions_id', columns: ['agreementId', 'ledgerIndex'] },
  ],
});

/** The durable outbox (migration 0004): outbound messages that the dispatcher must deliver. */
export const OutboxEntity = new EntitySchema<OutboxEntityRow>({
  name: 'OutboxItem',
  tableName: 'outbox',
  columns: {
    messageRowId: { name: 'message_row_id', type: 'varchar', length: 36, primary: true },
    messageId: varchar('message_id'),
    partner: varchar('partner'),
    state: varchar('state'),
    attempts: { name: 'attempts', type: 'integer' },
    nextAttemptAt: varchar('next_attempt_at'),
    giveUpAt: varchar('give_up_at'),
    claimedBy: { ...varchar('claimed_by'), nullable: true },
    leaseUntil: { ...varchar('lease_until'), nullable: true },
    lastError: { ...varchar('last_error'), nullable: true },
    submittedBy: varchar('submitted_by'),
    createdAt: varchar('created_at'),
    updatedAt: varchar('updated_at'),
  },
  uniques: [{ name: 'uq_outbox_message_id', columns: ['messageId'] }],
  indices: [{ name: 'idx_outbox_state_next', columns: ['state', 'nextAttemptAt'] }],
});

/** A row of `consents`. */
export interface ConsentEntityRow {
  consentId: string;
  direction: string;
  caseId: string;
  partner: string;
  state: string;
  requestedAt: string;
  decisionMessageId: string | null;
  decidedAt: string | null;
}

/** Consent requests and their decisions (migration 0005): ids, states and times only. */
export const ConsentEntity = new EntitySchema<ConsentEntityRow>({
  name: 'Consent',
  tableName: 'consents',
  columns: {
    consentId: { name: 'consent_id', type: 'varchar', length: 36, primary: true },
    direction: varchar('direction'),
    caseId: varchar('case_id'),
    partner: varchar('partner'),
    state: varchar('state'),
    requestedAt: varchar('requested_at'),
    decisionMessageId: { ...varchar('decision_message_id'), nullable: true },
    decidedAt: { ...varchar('decided_at'), nullable: true },
  },
  indices: [{ name: 'idx_consents_case_id', columns: ['caseId'] }],
});

/** Every entity, for the data source. */
export const ENTITIES = [
  PartnerEntity,
  KeyEntity,
  MessageEntity,
  CaseEntity,
  LedgerEntity,
  LedgerNodeEntity,
  LedgerLeafIndexEntity,
  RateUsageEntity,
  CheckpointEntity,
  PartnerCheckpointEntity,
  AgreementRevisionEntity,
  OutboxEntity,
  ConsentEntity,
  CaseDraftEntity,
  CaseApprovalEntity,
];
