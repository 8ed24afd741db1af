/**
 * The queries of the ledger's Merkle tree storage (RFC 9162): tree nodes, this gateway's checkpoints
 * and partners' checkpoints. Like `queries.ts`, each runs on a given entity manager, and rows are mapped
 * to plain records before they leave this file.
 *
 * Writes insert with ON CONFLICT DO NOTHING and count the rows inserted; only when some were not (they
 * were there already) do they read the stored rows back to tell a harmless repeat from a conflict. The
 * append path thus costs one multi-row INSERT per 500 nodes (see statements.ts).
 */
import type { EntityManager } from 'typeorm';
import { GatewayError } from '../errors.js';
import {
  CheckpointEntity,
  LedgerNodeEntity,
  PartnerCheckpointEntity,
  type LedgerNodeEntityRow,
} from './entities.js';
import { toCheckpointRow, toIndex, toPartnerCheckpointRow } from './mappers.js';
import { insertRows, runStatement, selectByKeys, selectFirst } from './statements.js';
import type { CheckpointRow, LedgerNode, PartnerCheckpointRow } from './types.js';

/** A loose bound on levels: a tree of at most 2^53 leaves has none above 53. */
const MAX_LEVEL = 63;

/** A tree position. */
interface NodeRef {
  level: number;
  index: number;
}

function invalid(what: string): GatewayError {
  return new GatewayError('store.failed', `store: invalid ${what}`);
}

/**
 * A base64url SHA-256 hash without padding, in its one canonical spelling: 43 characters carry 258
 * bits, so the last one holds 2 bits of nothing, which must be zero (its value a multiple of 4).
 */
const HASH43 = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** Checks a base64url SHA-256 hash without padding, in its one canonical spelling. */
function checkHash(hash: unknown, what: string): void {
  if (typeof hash !== 'string' || !HASH43.test(hash)) {
    throw invalid(`${what}: not a base64url SHA-256 hash`);
  }
}

function checkRef(ref: NodeRef): void {
  const { level, index } = ref;
  if (
    !Number.isSafeInteger(level) ||
    level < 0 ||
    level > MAX_LEVEL ||
    !Number.isSafeInteger(index) ||
    index < 0
  ) {
    throw invalid(`ledger node position (level ${String(level)}, index ${String(index)})`);
  }
}

function checkSize(size: unknown): void {
  if (!Number.isSafeInteger(size) || (size as number) < 0) throw invalid(`tree size ${String(size)}`);
}

function checkText(value: unknown, what: string): void {
  if (typeof value !== 'string' || value === '') throw invalid(what);
}

const refKey = (level: number, index: number) => `${level}/${index}`;

/** The stored hashes of `refs` (already checked), in their order, null where absent. */
async function lookupNodes(m: EntityManager, refs: readonly NodeRef[]): Promise<Array<string | null>> {
  const keys = new Map<string, readonly [number, number]>();
  for (const { level, index } of refs) keys.set(refKey(level, index), [level, index]);
  const rows = await selectByKeys(
    m,
    LedgerNodeEntity,
    ['level', 'idx'],
    [...keys.values()],
    ['level', 'idx', 'hash'],
  );
  const found = new Map(rows.map((row) => [refKey(toIndex(row.level), toIndex(row.idx)), row.hash]));
  return refs.map((ref) => found.get(refKey(ref.level, ref.index)) ?? null);
}

/**
 * Stores tree nodes with one multi-row INSERT per 500. A node already stored with the same hash is left
 * alone; one stored with another hash fails with `store.failed` (after the INSERTs: the transaction is
 * then to be rolled back, which letting the error out does).
 */
export async function putLedgerNodes(m: EntityManager, nodes: readonly LedgerNode[]): Promise<void> {
  for (const node of nodes) {
    checkRef(node);
    checkHash(node.hash, `hash of ledger node (level ${node.level}, index ${node.index})`);
  }
  // In key order: each level's nodes then go to the end of the primary key's B-tree one after the
  // other, instead of alternating between levels (measured alone: ~8 % less time per batch).
  const rows = nodes
    .map((n): LedgerNodeEntityRow => ({ level: n.level, idx: n.index, hash: n.hash }))
    .sort((a, b) => a.level - b.level || a.idx - b.idx);
  const inserted = await insertRows(m, LedgerNodeEntity, ['level', 'idx', 'hash'], rows, 'ignore');
  if (inserted !== nodes.length) {
    // Some positions were taken (before, or twice in this call): each must hold the hash given.
    const stored = await lookupNodes(m, nodes);
    nodes.forEach((node, k) => {
      if (stored[k] !== node.hash) {
        throw new GatewayError(
          'store.failed',
          `store: ledger node (level ${node.level}, index ${node.index}) is already stored with another hash`,
        );
      }
    });
  }
  for (const node of rows) if (node.level === CHUNK_LEVEL) await indexLeafChunk(m, node.idx);
}

/**
 * The leaf index (migration 0008): the leaves under every stored node of level 12, a complete subtree
 * of 4,096 leaves (a chunk), are in `ledger_leaf_index`, keyed by (block, hash prefix, index), where a
 * block is 65,536 leaves. The leaves after the last complete chunk (the tail, fewer than 4,096 unless a
 * batch is being written) are not. Both numbers are fixed by the migration.
 */
const CHUNK_LEVEL = 12;
const CHUNK = 2 ** CHUNK_LEVEL;
const BLOCK = 65_536;
/** The leaf hash's first characters kept in the index: 48 bits. */
const PREFIX_CHARS = 8;

/** The driver's placeholder for the `i`-th bound value (`?` on SQLite, `$i+1` on PostgreSQL). */
const placeholder = (m: EntityManager, i: number) => m.dataSource.driver.createParameter(`p${i}`, i);

/** Indexes the stored leaves [start, end) not indexed yet, in key order; returns how many it added. */
async function indexLeaves(m: EntityManager, start: number, end: number): Promise<number> {
  const p = (i: number) => placeholder(m, i);
  const inserted = await runStatement(
    m,
    'INSERT INTO "ledger_leaf_index" ("block", "prefix", "idx") ' +
      `SELECT "idx" / ${BLOCK}, substr("hash", 1, ${PREFIX_CHARS}), "idx" FROM "ledger_nodes" ` +
      `WHERE "level" = 0 AND "idx" >= ${p(0)} AND "idx" < ${p(1)} ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING`,
    [start, end],
  );
  return inserted.affected ?? 0;
}

/**
 * Indexes the leaves of chunk `chunk` (the level-12 node just stored), in the transaction that stored
 * it: one INSERT … SELECT from `ledger_nodes`, in key order. Every one of the chunk's 4,096 leaves must
 * be stored by then (the sequencer stores a subtree's node with or after its leaves); a chunk indexed
 * before (a repeated node) is left as it is.
 */
async function indexLeafChunk(m: EntityManager, chunk: number): Promise<void> {
  const p = (i: number) => placeholder(m, i);
  const [start, end] = [chunk * CHUNK, (chunk + 1) * CHUNK];
  if ((await indexLeaves(m, start, end)) === CHUNK) return;
  const rows: Array<{ n: number | string }> = await m.query(
    `SELECT COUNT(*) AS n FROM "ledger_leaf_index" WHERE "block" = ${p(0)} AND "idx" >= ${p(1)} AND "idx" < ${p(2)}`,
    [Math.floor(start / BLOCK), start, end],
  );
  if (Number(rows[0]?.n) !== CHUNK) {
    throw new GatewayError(
      'store.failed',
      `store: ledger leaves [${start}, ${end}) are not all stored with their subtree (level ${CHUNK_LEVEL}, index ${chunk})`,
    );
  }
}

/** The stored hashes at `refs`, in their order, null where none is stored. */
export function ledgerNodes(m: EntityManager, refs: readonly NodeRef[]): Promise<Array<string | null>> {
  for (const ref of refs) checkRef(ref);
  if (refs.length === 0) return Promise.resolve([]);
  return lookupNodes(m, refs);
}

function fork(what: string, size: number, stored: string, given: string): GatewayError {
  return new GatewayError(
    'ledger.fork',
    `${what} of size ${size} is already stored with root ${stored}; refusing root ${given}`,
  );
}

/** Stores a checkpoint: new size inserted, same root again ignored, another root `ledger.fork`. */
export async function putCheckpoint(m: EntityManager, c: CheckpointRow): Promise<void> {
  checkSize(c.size);
  checkHash(c.root, `root of checkpoint ${c.size}`);
  checkText(c.note, `note of checkpoint ${c.size}`);
  checkText(c.createdAt, `creation time of checkpoint ${c.size}`);
  const row = { size: c.size, root: c.root, note: c.note, createdAt: c.createdAt };
  const columns = ['size', 'root', 'note', 'createdAt'] as const;
  if ((await insertRows(m, CheckpointEntity, columns, [row], 'ignore')) === 1) return;
  const stored = await checkpointAt(m, c.size);
  if (!stored)
    throw new GatewayError(
      'store.failed',
      `store: checkpoint ${c.size} was not inserted, yet none is stored`,
    );
  if (stored.root !== c.root) throw fork('a checkpoint', c.size, stored.root, c.root);
}

/** Stores a partner's checkpoint, like {@link putCheckpoint} but per partner. */
export async function putPartnerCheckpoint(m: EntityManager, c: PartnerCheckpointRow): Promise<void> {
  checkText(c.partner, 'partner of a partner checkpoint');
  checkSize(c.size);
  checkHash(c.root, `root of checkpoint ${c.size} of ${c.partner}`);
  checkText(c.note, `note of checkpoint ${c.size} of ${c.partner}`);
  checkText(c.seenAt, `time checkpoint ${c.size} of ${c.partner} was seen`);
  const row = { partner: c.partner, size: c.size, root: c.root, note: c.note, seenAt: c.seenAt };
  const columns = ['partner', 'size', 'root', 'note', 'seenAt'] as const;
  if ((await insertRows(m, PartnerCheckpointEntity, columns, [row], 'ignore')) === 1) return;
  const stored = await m.findOne(PartnerCheckpointEntity, { where: { partner: c.partner, size: c.size } });
  if (!stored) {
    throw new GatewayError(
      'store.failed',
      `store: checkpoint ${c.size} of ${c.partner} was not inserted, yet none is stored`,
    );
  }
  if (stored.root !== c.root) throw fork(`${c.partner}'s checkpoint`, c.size, stored.root, c.root);
}

/** The checkpoint of the largest size, or null. */
export async function latestCheckpoint(m: EntityManager): Promise<CheckpointRow | null> {
  // Read before every proof (audit and peer API): a prepared statement, not the query builder, whose
  // allocations made the young-generation collections that showed in the proofs' p99.
  const row = await selectFirst(m, CheckpointEntity, {}, ['size'], 'DESC');
  return row ? toCheckpointRow(row) : null;
}

/** The checkpoint for tree size `size`, or null. */
export async function checkpointAt(m: EntityManager, size: number): Promise<CheckpointRow | null> {
  checkSize(size);
  const row = await selectFirst(m, CheckpointEntity, { size });
  return row ? toCheckpointRow(row) : null;
}

/** Checkpoints with size >= fromSize, ascending, at most `limit` of them (all when undefined). */
export async function listCheckpoints(
  m: EntityManager,
  fromSize = 0,
  limit?: number,
): Promise<CheckpointRow[]> {
  checkSize(fromSize);
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) throw invalid(`limit ${limit}`);
  if (limit === 0) return [];
  let query = m
    .createQueryBuilder(CheckpointEntity, 'c')
    .where('c.size >= :fromSize', { fromSize })
    .orderBy('c.size', 'ASC');
  if (limit !== undefined) query = query.limit(limit);
  return (await query.getMany()).map(toCheckpointRow);
}

/** The partner's checkpoint of the largest size, or null. */
export async function latestPartnerCheckpoint(
  m: EntityManager,
  partner: string,
): Promise<PartnerCheckpointRow | null> {
  checkText(partner, 'partner');
  const row = await m.findOne(PartnerCheckpointEntity, { where: { partner }, order: { size: 'DESC' } });
  return row ? toPartnerCheckpointRow(row) : null;
}

/**
 * The index of the first entry whose leaf hash is `hash` (base64url), or null: the leaf index for the
 * complete chunks (one search per block of 65,536 leaves, each on the primary key), then a scan of the
 * tail in index order. A chunk indexed between the two statements is in the scanned range, since the
 * scan starts where the index ended when it was read.
 */
export async function findLeaf(m: EntityManager, hash: string): Promise<number | null> {
  const prefix = hash.slice(0, PREFIX_CHARS);
  const indexed = await indexedLeaves(m);
  if (indexed > 0) {
    const rows: Array<{ idx: number | string }> = await m.query(findIndexedLeafSql(m, indexed), [
      prefix,
      hash,
    ]);
    if (rows.length > 0) return Number(rows[0]!.idx);
  }
  const tail: Array<{ idx: number | string }> = await m.query(findTailLeafSql(m), [indexed, hash]);
  return tail.length > 0 ? Number(tail[0]!.idx) : null;
}

/**
 * The leaf index against what it should hold: `expected` leaves (4,096 per stored level-12 node) and
 * the rows it has. They differ only when the table was changed behind the gateway's back (a restore of
 * some tables, a hand repair): then `findLeaf` would miss leaves, silently.
 */
export async function leafIndexCoverage(m: EntityManager): Promise<{ expected: number; indexed: number }> {
  const rows: Array<{ n: number | string }> = await m.query('SELECT COUNT(*) AS n FROM "ledger_leaf_index"');
  return { expected: await indexedLeaves(m), indexed: Number(rows[0]?.n ?? 0) };
}

/**
 * Puts back what the leaf index lacks: every leaf under a stored level-12 node, with the SQL of a new
 * chunk (rows already there are left alone; stray rows, of leaves beyond, are deleted). Returns how
 * many rows were added or deleted; 0 when the index was whole. Run under the write lock (at start-up).
 */
export async function repairLeafIndex(m: EntityManager): Promise<number> {
  const { expected, indexed } = await leafIndexCoverage(m);
  if (expected === indexed) return 0;
  const p = (i: number) => placeholder(m, i);
  const removed = await runStatement(m, `DELETE FROM "ledger_leaf_index" WHERE "idx" >= ${p(0)}`, [expected]);
  return (removed.affected ?? 0) + (await indexLeaves(m, 0, expected));
}

/** How many leaves the leaf index covers: 4,096 for each stored node of level 12. */
async function indexedLeaves(m: EntityManager): Promise<number> {
  const rows: Array<{ max: number | string | null }> = await m.query(
    `SELECT MAX("idx") AS max FROM "ledger_nodes" WHERE "level" = ${CHUNK_LEVEL}`,
  );
  const max = rows[0]?.max;
  return max === null || max === undefined ? 0 : (Number(max) + 1) * CHUNK;
}

/**
 * The leaf index's statement for the first `indexed` leaves (exported for the test of its query plan):
 * the blocks written out, so that each is one search on the key (block, prefix, idx); the full hash is
 * compared in `ledger_nodes`. CROSS JOIN makes SQLite loop over the leaf index outside and search
 * `ledger_nodes` inside: with a plain JOIN and no statistics it chose the other order on a large
 * ledger, a scan of every leaf (75 ms at 1,000,000 entries, against 0.02 ms). PostgreSQL reads CROSS
 * JOIN with the conditions in WHERE as an inner join and plans it by its statistics.
 */
export function findIndexedLeafSql(m: EntityManager, indexed: number): string {
  const { driver } = m.dataSource;
  const blocks = Array.from({ length: Math.ceil(indexed / BLOCK) }, (_, b) => b).join(', ');
  return (
    'SELECT l."idx" AS "idx" FROM "ledger_leaf_index" l CROSS JOIN "ledger_nodes" n ' +
    `WHERE n."level" = 0 AND n."idx" = l."idx" AND l."block" IN (${blocks}) ` +
    `AND l."prefix" = ${driver.createParameter('prefix', 0)} ` +
    `AND n."hash" = ${driver.createParameter('hash', 1)} ORDER BY l."idx" LIMIT 1`
  );
}

/** The scan of the leaves from index $1 on (the tail), for the first with hash $2. */
export function findTailLeafSql(m: EntityManager): string {
  const { driver } = m.dataSource;
  return (
    `SELECT "idx" FROM "ledger_nodes" WHERE "level" = 0 AND "idx" >= ${driver.createParameter('from', 0)} ` +
    `AND "hash" = ${driver.createParameter('hash', 1)} ORDER BY "idx" LIMIT 1`
  );
}
