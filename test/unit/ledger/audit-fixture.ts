/**
 * A fixed ledger key and small ledgers with their exports, for the checkpoint, export and verifier
 * tests (and the worked example of docs/AUDIT.md). The key is the secret key of RFC 8032 section 7.1,
 * TEST 1: public, for tests only.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../src/crypto/canonical.js';
import {
  TreeBuilder,
  exportLines,
  exportTextSource,
  leafHash,
  makeEntry,
  noteVerifier,
  signCheckpoint,
  type LedgerExportSource,
  type NoteSigner,
  type VerifySource,
} from '../../../src/ledger/index.js';

/** RFC 8032 section 7.1, TEST 1: SECRET KEY. */
export const TEST_SEED_HEX = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
/** RFC 8032 section 7.1, TEST 1: PUBLIC KEY. */
export const TEST_PUBLIC_HEX = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
export const ORIGIN = 'fiu-gateway/FIU-A';

/** An Ed25519 private key from its 32-byte seed (PKCS#8: a fixed DER prefix, then the seed). */
export function keyFromSeed(seedHex: string): KeyObject {
  const der = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(seedHex, 'hex'),
  ]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** The test ledger key under `name` (default {@link ORIGIN}). */
export function testSigner(name = ORIGIN, seedHex = TEST_SEED_HEX): NoteSigner {
  return { name, privateKey: keyFromSeed(seedHex) };
}

/** The vkey string of a signer. */
export function vkeyOf(signer: NoteSigner): string {
  return noteVerifier({ name: signer.name, publicKey: createPublicKey(signer.privateKey) }).vkey;
}

/** `n` entries as canonical JSON, one second apart from 2026-03-02T09:30:00Z. */
export function sampleEntries(n: number, first = 0): string[] {
  return Array.from({ length: n }, (_, k) => {
    const i = first + k;
    const at = new Date(Date.UTC(2026, 2, 2, 9, 30, i));
    const message = { id: `msg-${i}`, type: 'request', from: 'FIU-A', to: 'FIU-B', digest: `digest-${i}` };
    return canonicalJson(makeEntry(at, { kind: 'system' }, { event: 'message.sent', message }));
  });
}

/** The root of the tree of the first `size` of `entries`. */
export function rootOf(entries: readonly string[], size = entries.length): Buffer {
  const tree = new TreeBuilder();
  for (const entry of entries.slice(0, size)) tree.append(leafHash(Buffer.from(entry, 'utf8')));
  return tree.root();
}

/** Signed checkpoints of `entries` at each of `sizes` (origin: the signer's name). */
export function checkpointsOf(
  entries: readonly string[],
  sizes: readonly number[],
  signer = testSigner(),
): string[] {
  return sizes.map((size) =>
    signCheckpoint({ origin: signer.name, size, root: rootOf(entries, size) }, signer),
  );
}

/** An in-memory export source: entries and signed checkpoints. */
export function memoryLedger(
  entries: readonly string[],
  notes: readonly string[],
  signer = testSigner(),
): LedgerExportSource {
  return {
    origin: ORIGIN,
    vkey: vkeyOf(signer),
    size: entries.length,
    async *entries(start, end) {
      for (let i = start; i < Math.min(end, entries.length); i += 1) yield { index: i, entry: entries[i]! };
    },
    checkpoints: () => notes,
  };
}

/** All lines of an export of `source`. */
export async function exportOf(source: LedgerExportSource): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of exportLines(source)) lines.push(line);
  return lines;
}

/** The export of `n` sample entries with a checkpoint at each of `sizes` (default: every 4 and at n). */
export async function sampleExport(n: number, sizes?: readonly number[]): Promise<string[]> {
  const entries = sampleEntries(n);
  const at =
    sizes ??
    [...Array.from({ length: Math.floor(n / 4) }, (_, k) => 4 * (k + 1)), n].filter(
      (s, i, all) => s > 0 && all.indexOf(s) === i,
    );
  return exportOf(memoryLedger(entries, checkpointsOf(entries, at)));
}

/** A verify source over export lines, read in chunks of `chunk` bytes (to split lines and characters). */
export function linesSource(lines: readonly string[], chunk = 97): VerifySource {
  const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  return exportTextSource(async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  });
}

/** The three entries of the worked example in docs/AUDIT.md, as canonical JSON. */
export function exampleEntries(): string[] {
  const message = {
    id: '7f3c2a9e-5b1d-4c8a-9e2f-0a1b2c3d4e5f',
    type: 'rfi',
    from: 'FIU-A',
    to: 'FIU-B',
    digest: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg',
  };
  const operator = { kind: 'operator' as const, id: 'analyst-1', roles: ['analyst'] };
  return [
    makeEntry(new Date('2026-03-02T09:30:00Z'), operator, { event: 'message.sent', message }),
    makeEntry(
      new Date('2026-03-02T09:30:01Z'),
      { kind: 'peer', fiu: 'FIU-B' },
      {
        event: 'delivery.receipt',
        message,
        receipt: { ledgerIndex: 41, receivedAt: '2026-03-02T09:30:01.250Z' },
      },
    ),
    makeEntry(
      new Date('2026-03-02T09:31:00Z'),
      { kind: 'system' },
      {
        event: 'delivery.failed',
        message: { ...message, id: '0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f' },
        reason: 'transport.partner_unreachable',
      },
    ),
  ].map((entry) => canonicalJson(entry));
}
