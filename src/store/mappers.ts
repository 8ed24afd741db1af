/**
 * Entity rows to the plain records of `types.ts` and back. Values read from the database are checked
 * where the record type is narrower than the column (a tampered or corrupt row fails loudly).
 */
import canonicalize from 'canonicalize';
import { keyRecordSchema, type KeyRecord } from '../crypto/key-file.js';
import { GatewayError } from '../errors.js';
import { CASE_STATES as ALL_CASE_STATES } from '../policy/case-workflow.js';
import type {
  CaseEntityRow,
  CheckpointEntityRow,
  KeyEntityRow,
  LedgerEntityRow,
  MessageEntityRow,
  PartnerCheckpointEntityRow,
  PartnerEntityRow,
} from './entities.js';
import type {
  CaseRecord,
  CaseState,
  CheckpointRow,
  Direction,
  LedgerRow,
  MessageRecord,
  PartnerCheckpointRow,
  PartnerRow,
  StoredKey,
} from './types.js';

const DIRECTIONS: readonly string[] = ['in', 'out'] satisfies Direction[];
const CASE_STATES: readonly string[] = ALL_CASE_STATES satisfies readonly CaseState[];

function corrupt(what: string): GatewayError {
  return new GatewayError('store.failed', `the database holds an invalid ${what}`);
}

function toDirection(value: string): Direction {
  if (!DIRECTIONS.includes(value)) throw corrupt(`direction "${value}"`);
  return value as Direction;
}

/** Numbers come back as numbers from SQLite and may come back as strings from other drivers. */
export function toIndex(value: number | string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw corrupt(`index "${String(value)}"`);
  return n;
}

/** A message row as a record. */
export function toMessageRecord(row: MessageEntityRow): MessageRecord {
  return {
    rowId: row.rowId,
    direction: toDirection(row.direction),
    messageId: row.messageId,
    type: row.type,
    fromFiu: row.fromFiu,
    toFiu: row.toFiu,
    createdAt: row.createdAt,
    digest: row.digest,
    sealed: row.sealed,
    caseId: row.caseId,
    status: row.status,
    receipt: row.receipt ?? null,
    ledgerIndex: toIndex(row.ledgerIndex),
    storedAt: row.storedAt,
    localCopy: row.localCopy ?? null,
  };
}

/** A message record as a row. */
export function fromMessageRecord(m: MessageRecord): MessageEntityRow {
  return {
    rowId: m.rowId,
    direction: m.direction,
    messageId: m.messageId,
    type: m.type,
    fromFiu: m.fromFiu,
    toFiu: m.toFiu,
    createdAt: m.createdAt,
    digest: m.digest,
    sealed: m.sealed,
    caseId: m.caseId,
    status: m.status,
    receipt: m.receipt ?? null,
    ledgerIndex: m.ledgerIndex,
    storedAt: m.storedAt,
    localCopy: m.localCopy ?? null,
  };
}

/** A case row as a record. */
export function toCaseRecord(row: CaseEntityRow): CaseRecord {
  if (!CASE_STATES.includes(row.state)) throw corrupt(`case state "${row.state}"`);
  return {
    caseId: row.caseId,
    direction: toDirection(row.direction),
    partner: row.partner,
    state: row.state as CaseState,
    messageType: row.messageType,
    purpose: row.purpose,
    urgency: row.urgency,
    deadline: row.deadline ?? null,
    openedAt: row.openedAt,
    messageId: row.messageId,
    assignee: row.assignee ?? null,
  };
}

/** A case record as a row. */
export function fromCaseRecord(c: CaseRecord): CaseEntityRow {
  const { caseId, direction, partner, state, messageType, purpose, urgency, openedAt, messageId } = c;
  return {
    caseId,
    direction,
    partner,
    state,
    messageType,
    purpose,
    urgency,
    deadline: c.deadline ?? null,
    openedAt,
    messageId,
    assignee: c.assignee ?? null,
  };
}

/** A ledger row as stored, without its creation time. */
export function toLedgerRow(row: Pick<LedgerEntityRow, 'idx' | 'entry'>): LedgerRow {
  return { index: toIndex(row.idx), entry: row.entry };
}

/** A checkpoint row as a record. */
export function toCheckpointRow(row: CheckpointEntityRow): CheckpointRow {
  return { size: toIndex(row.size), root: row.root, note: row.note, createdAt: row.createdAt };
}

/** A partner checkpoint row as a record. */
export function toPartnerCheckpointRow(row: PartnerCheckpointEntityRow): PartnerCheckpointRow {
  return {
    partner: row.partner,
    size: toIndex(row.size),
    root: row.root,
    note: row.note,
    seenAt: row.seenAt,
  };
}

/** A partner row as a record. */
export function toPartnerRow(row: PartnerEntityRow): PartnerRow {
  return { id: row.id, address: row.address, updatedAt: row.updatedAt };
}

/** The public part of a key record's JWK, as canonical JSON (the private `d` is dropped). */
export function publicJwkJson(key: KeyRecord): string {
  const { d: _private, ...publicJwk } = key.jwk;
  const json = canonicalize(publicJwk);
  if (json === undefined) throw new GatewayError('store.failed', `key ${key.jwk.kid} has no JSON form`);
  return json;
}

/** A key record as a row (public part only). */
export function fromKeyRecord(key: KeyRecord, registeredAt: string): KeyEntityRow {
  return {
    kid: key.jwk.kid,
    fiu: key.fiu,
    use: key.use,
    notBefore: key.notBefore,
    notAfter: key.notAfter,
    publicJwk: publicJwkJson(key),
    registeredAt,
  };
}

/** A key row as a stored key, checked against the key record schema. */
export function toStoredKey(row: KeyEntityRow): StoredKey {
  let jwk: unknown;
  try {
    jwk = JSON.parse(row.publicJwk);
  } catch {
    throw corrupt(`JWK for key ${row.kid}`);
  }
  const parsed = keyRecordSchema.safeParse({
    fiu: row.fiu,
    use: row.use,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    jwk,
  });
  if (!parsed.success || parsed.data.jwk.kid !== row.kid || parsed.data.jwk.d !== undefined) {
    throw corrupt(`key record for key ${row.kid}`);
  }
  return { record: parsed.data, registeredAt: row.registeredAt };
}

/** True when two key rows describe the same key: same owner, use, window (as instants) and public JWK. */
export function sameKey(a: KeyEntityRow, b: KeyEntityRow): boolean {
  return (
    a.kid === b.kid &&
    a.fiu === b.fiu &&
    a.use === b.use &&
    Date.parse(a.notBefore) === Date.parse(b.notBefore) &&
    Date.parse(a.notAfter) === Date.parse(b.notAfter) &&
    a.publicJwk === b.publicJwk
  );
}
