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

export type CaseState = 'open' | 'awaiting_response' | 'answered' | 'closed';

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

/** Operations inside one transaction. */
export interface StoreTx {
  /** Appends ledger entries (already canonical JSON) at the next indexes; returns their indexes. */
  appendLedger(entries: string[]): Promise<number[]>;
  insertMessage(m: MessageRecord): Promise<void>;
  updateMessage(rowId: string, patch: Partial<Pick<MessageRecord, 'status' | 'receipt'>>): Promise<void>;
  insertCase(c: CaseRecord): Promise<void>;
  findInbound(fromFiu: string, messageId: string): Promise<MessageRecord | null>;
}

/** Filters for listing cases. */
export interface CaseFilter {
  direction?: Direction;
  state?: string;
  partner?: string;
}

/** The store. Open it with `openStore` (store/index.ts). */
export interface Store {
  /** Runs `fn` in one transaction; commits when it resolves (durably), rolls back when it throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  findInbound(fromFiu: string, messageId: string): Promise<MessageRecord | null>;
  findMessage(direction: Direction, messageId: string): Promise<MessageRecord | null>;
  listCases(filter: CaseFilter): Promise<CaseRecord[]>;
  getCase(caseId: string): Promise<CaseRecord | null>;
  messagesOfCase(caseId: string): Promise<MessageRecord[]>;
  /** Entries from `start` (inclusive) to `end` (exclusive), in index order. */
  ledgerRange(start: number, end: number): Promise<LedgerRow[]>;
  ledgerSize(): Promise<number>;
  /** Records a partner and its current address (insert or update). */
  upsertPartner(p: PartnerRow): Promise<void>;
  listPartners(): Promise<PartnerRow[]>;
  /** Registers keys (idempotent by kid); a kid already stored with other content is an error. */
  registerKeys(keys: KeyRecord[]): Promise<void>;
  /** All registered keys of one FIU. */
  keysOf(fiu: string): Promise<StoredKey[]>;
  close(): Promise<void>;
}
