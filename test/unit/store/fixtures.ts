/** Shared helpers for the store tests: fresh databases, sample records, error assertions. */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { KeyRecord } from '../../../src/crypto/key-file.js';
import { GatewayError, type ErrorCode } from '../../../src/errors.js';
import {
  openStore,
  type CaseRecord,
  type MessageRecord,
  type OutboxItem,
  type Store,
} from '../../../src/store/index.js';
import { MessageEntity } from '../../../src/store/entities.js';
import { fromMessageRecord } from '../../../src/store/mappers.js';
import { insertRow } from '../../../src/store/statements.js';
import { TypeOrmStore } from '../../../src/store/store.js';
import { freshPostgresUrl, onPostgres, sqlQuery } from '../../helpers/database.js';

/** The ways the tests open a database: SQLite (a file, in memory), and PostgreSQL in its pass. */
export type Backend = 'file' | 'memory' | 'postgres';

/**
 * The backends that the store tests run on: the two SQLite ones, or in the PostgreSQL pass
 * (test/helpers/database.ts) PostgreSQL alone.
 */
export const BACKENDS: readonly Backend[] = onPostgres() ? ['postgres'] : ['file', 'memory'];

/** A backend that several stores (processes) can open at once: a SQLite file, or PostgreSQL in its pass. */
export const SHARED_BACKEND: Backend = onPostgres() ? 'postgres' : 'file';

/** A fresh temporary folder; `remove` deletes it. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fiugw-store-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A fresh store per test: a file in a new temp folder, a private in-memory database or a fresh schema. */
export interface Fresh {
  store: Store;
  /** The database URL (for reopening a file). */
  url: string;
  /** The database file, or null in memory or on PostgreSQL. */
  file: string | null;
  /** Closes the store and deletes the temp folder. */
  dispose: () => Promise<void>;
}

/** Opens a fresh store on `backend`. */
export async function freshStore(backend: Backend): Promise<Fresh> {
  if (backend === 'postgres') {
    const { url } = await freshPostgresUrl();
    const store = await openStore(url);
    return { store, url, file: null, dispose: () => store.close() };
  }
  if (backend === 'memory') {
    const store = await openStore('sqlite::memory:');
    return { store, url: 'sqlite::memory:', file: null, dispose: () => store.close() };
  }
  const { dir, remove } = await tempDir();
  const file = path.join(dir, 'data', 'gateway.sqlite');
  const url = `sqlite:${file}`;
  const store = await openStore(url);
  return {
    store,
    url,
    file,
    dispose: async () => {
      await store.close();
      await remove();
    },
  };
}

/** The implementation behind a Store, for looking at its data source (pragmas, schema). */
export function internals(store: Store): TypeOrmStore {
  expect(store).to.be.instanceOf(TypeOrmStore);
  return store as TypeOrmStore;
}

/**
 * Runs raw SQL on the store's own connection(s). `?` placeholders are numbered (`$1`...) on PostgreSQL;
 * counts come back as strings there (bigint): wrap them in Number().
 */
export function rawQuery<T = Record<string, unknown>>(
  store: Store,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return sqlQuery(internals(store).dataSource, sql, params);
}

/**
 * Stores a message row alone with a plain INSERT, for a database at an older schema: `insertMessage`
 * also counts a request in `rate_usage`, which exists from migration 0009 on.
 */
export async function insertMessageRow(store: Store, message: MessageRecord): Promise<void> {
  await insertRow(internals(store).dataSource.manager, MessageEntity, fromMessageRecord(message));
}

/** Asserts that `promise` rejects with a GatewayError of `code`; returns the error. */
export async function expectGatewayError(promise: Promise<unknown>, code: ErrorCode): Promise<GatewayError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected a GatewayError ${code}`).to.be.instanceOf(GatewayError);
  expect((caught as GatewayError).code).to.equal(code);
  return caught as GatewayError;
}

/** A sample inbound message record. */
export function sampleMessage(overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    rowId: randomUUID(),
    direction: 'in',
    messageId: randomUUID(),
    type: 'request',
    fromFiu: 'FIU-B',
    toFiu: 'FIU-A',
    createdAt: '2026-01-02T03:04:05.000Z',
    digest: randomBytes(32).toString('base64url'),
    sealed: 'eyJhbGciOiJFQ0RILUVTK0EyNTZLVyJ9.key.iv.ciphertext.tag',
    caseId: randomUUID(),
    status: 'accepted',
    receipt: 'eyJhbGciOiJFZERTQSJ9.payload.signature',
    ledgerIndex: 0,
    storedAt: '2026-01-02T03:04:06.000Z',
    localCopy: null,
    ...overrides,
  };
}

/** The time the outbox samples are submitted at. */
export const OUTBOX_T0 = new Date('2026-03-02T09:00:00.000Z');

/** A queued outbox item of message `messageRowId` / `messageId`, submitted at {@link OUTBOX_T0}, due then. */
export function sampleOutboxItem(
  messageRowId: string,
  messageId: string,
  overrides: Partial<OutboxItem> = {},
): OutboxItem {
  const t0 = OUTBOX_T0.toISOString();
  return {
    messageRowId,
    messageId,
    partner: 'FIU-B',
    state: 'queued',
    attempts: 0,
    nextAttemptAt: t0,
    giveUpAt: new Date(OUTBOX_T0.getTime() + 86_400_000).toISOString(),
    claimedBy: null,
    leaseUntil: null,
    lastError: null,
    submittedBy: 'analyst@FIU-A',
    createdAt: t0,
    updatedAt: t0,
    ...overrides,
  };
}

/** A sample case record. */
export function sampleCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseId: randomUUID(),
    direction: 'in',
    partner: 'FIU-B',
    state: 'open',
    messageType: 'request',
    purpose: 'money-laundering',
    urgency: 'normal',
    deadline: null,
    openedAt: '2026-01-02T03:04:06.000Z',
    messageId: randomUUID(),
    assignee: null,
    ...overrides,
  };
}

/** base64url of 32 random bytes: the shape of an OKP `x` or an RFC 7638 thumbprint. */
const b64u32 = () => randomBytes(32).toString('base64url');

/** A sample public key record (shape-valid; the store does not check thumbprints). */
export function sampleKey(overrides: Partial<KeyRecord> = {}): KeyRecord {
  return {
    fiu: 'FIU-B',
    use: 'sig',
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2027-01-01T00:00:00Z',
    jwk: { kty: 'OKP', crv: 'Ed25519', x: b64u32(), kid: b64u32() },
    ...overrides,
  };
}

/** The little of better-sqlite3 the tests use to open a second connection. */
export interface RawConnection {
  exec(sql: string): void;
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  close(): void;
}

/** A second, independent connection to a database file (busy timeout 0: lock conflicts fail at once). */
export function secondConnection(file: string): RawConnection {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (
    file: string,
    options: { timeout: number },
  ) => RawConnection;
  return new Database(file, { timeout: 0 });
}

/** A promise with its resolve function, to hold a transaction open. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
