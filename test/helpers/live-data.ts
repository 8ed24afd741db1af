/**
 * Data for tests against live gateways: requests created now (so that deadlines and key windows hold
 * at the real time), public parts of key records, and ledger entries read back and parsed.
 */
import { randomUUID } from 'node:crypto';
import { SAMPLE_REQUEST } from '../../src/cli/demo-sample.js';
import type { KeyRecord } from '../../src/crypto/index.js';
import { buildRequest, type RequestMessage } from '../../src/messages/index.js';
import { devAgreementId } from '../../src/pki/agreements.js';
import type { Store } from '../../src/store/index.js';

const DAY_MS = 24 * 3600 * 1000;

/** A parsed ledger entry (see src/ledger/entry.ts). */
export interface ParsedEntry {
  index: number;
  v: number;
  at: string;
  actor: { kind: string; fiu?: string; id?: string };
  event: string;
  message?: { id?: string; type?: string; from?: string; to?: string; digest: string };
  reason?: string;
  receipt?: { ledgerIndex: number; receivedAt: string };
  /** Case work entries (case.assigned, case.drafted, case.approved, case.rejected, case.closed). */
  caseId?: string;
  assignee?: string;
  /** case.closed: the state the case was closed from. */
  from?: string;
}

/** The ledger entries of a store from `start` (default: all), parsed. */
export async function ledgerEntries(store: Store, start = 0): Promise<ParsedEntry[]> {
  const rows = await store.ledgerRange(start, await store.ledgerSize());
  return rows.map((r) => ({ index: r.index, ...(JSON.parse(r.entry) as Omit<ParsedEntry, 'index'>) }));
}

/** What an analyst submits: the demo's sample request with a deadline a month from now. */
export function sampleInput(): typeof SAMPLE_REQUEST & { deadline: string } {
  return { ...structuredClone(SAMPLE_REQUEST), deadline: new Date(Date.now() + 30 * DAY_MS).toISOString() };
}

/**
 * A valid request from `from` to `to`, created now, with a fresh id (or `id`); `input` replaces fields.
 * A mutable copy of what the builder returns (that is frozen): tests change it to forge bad messages.
 */
export function freshRequest(
  from: string,
  to: string,
  options: { id?: string; input?: Record<string, unknown> } = {},
): RequestMessage {
  const built = buildRequest(
    { ...sampleInput(), ...options.input },
    {
      id: options.id ?? randomUUID(),
      from,
      to,
      createdAt: new Date().toISOString(),
      agreement: { id: devAgreementId(from, to), version: 1 },
    },
  );
  return structuredClone(built);
}

/** Strips the private part of a key record. */
export function publicRecord(k: KeyRecord): KeyRecord {
  const { d: _d, ...jwk } = k.jwk;
  return { ...k, jwk };
}
