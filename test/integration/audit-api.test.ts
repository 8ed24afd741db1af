/**
 * The audit API of a live gateway, as an auditor uses it (docs/AUDIT.md 6.1): FIU-A sends requests to
 * FIU-B, then auditor@FIU-A reads FIU-A's ledger through the API and checks every answer on its own,
 * with the ledger key from the PKI's keys/public.json: the checkpoint's signature, the entries against
 * the store, inclusion and consistency proofs, refusals, and the streamed export against the export
 * `fiugw audit export --config` writes from the database. Then the auditor commands of the CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import type { ErrorCode } from '../../src/errors.js';
import {
  leafHash,
  parseCheckpoint,
  parseExportLine,
  verifyConsistency,
  verifyInclusion,
  type NoteVerifier,
} from '../../src/ledger/index.js';
import type { LedgerRow } from '../../src/store/index.js';
import type { AuditConnection } from '../../src/transport/audit-client.js';
import {
  auditConnection,
  boundProfileFile,
  collect,
  publishedLedgerKey,
  readLines,
  writeLines,
} from '../helpers/audit.js';
import { fiugw, showRun } from '../helpers/cli-run.js';
import { expectCode } from '../helpers/expect-code.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { sampleInput } from '../helpers/live-data.js';
import { expectStatus } from '../helpers/refusals.js';

/** Standard base64 (with padding) of a 32-byte hash, as the audit API answers hashes. */
const STD_HASH = /^[A-Za-z0-9+/]{43}=$/;
const unb64 = (s: string) => Buffer.from(s, 'base64');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/**
 * FIU-A's ledger after `before`, one checkpoint per batch: the `agreement.changed` entry of its
 * agreement with FIU-B (applied by startNetwork), then per request a batch of `policy.decision` and
 * `message.sent`, and one of `delivery.receipt`.
 */
const REQUESTS = 4;
const SIZE = 1 + REQUESTS * 3;
const CHECKPOINT_SIZES = [1, 3, 4, 6, 7, 9, 10, 12, 13];

/** Awaits an audit API call that must be refused: the GatewayError code, and the gRPC status under it. */
async function expectAuditRefusal(
  call: Promise<unknown>,
  status: grpc.status,
  reason: ErrorCode,
  detail?: string | RegExp,
): Promise<void> {
  const err = await expectCode(call, reason);
  const cause = err.cause as grpc.ServiceError;
  expect(cause, `the ServiceError under ${err.message}`).to.have.property('code');
  expectStatus(cause, { status, reason, ...(detail === undefined ? {} : { detail }) });
}

describe('the audit API of a live gateway', function () {
  this.timeout(30_000);
  let net: Network;
  let dir: string;
  let auditor: AuditConnection;
  let key: NoteVerifier;
  let auditorProfile: string;
  const others: AuditConnection[] = [];
  /** The ledger size after the exchanges of `before`; nothing is added to FIU-A's ledger after them. */
  let size: number;
  let rows: LedgerRow[];

  before(async function () {
    this.timeout(120_000); // a fresh PKI on a loaded machine
    dir = mkdtempSync(path.join(tmpdir(), 'fiugw-audit-api-'));
    net = await startNetwork(['FIU-A', 'FIU-B']);
    const analyst = net.operator('FIU-A', 'analyst');
    for (let i = 0; i < REQUESTS; i += 1) {
      const sent = await analyst.submitRequest('FIU-B', sampleInput());
      expect(sent.status, `${sent.errorCode} ${sent.errorDetail}`).to.equal('delivered');
    }
    auditor = auditConnection(net, 'FIU-A', 'auditor');
    auditorProfile = boundProfileFile(net, 'FIU-A', 'auditor');
    key = publishedLedgerKey(net, 'FIU-A');
    const store = net.gw['FIU-A']!.store;
    size = await store.ledgerSize();
    rows = await store.ledgerRange(0, size);
  });
  after(async () => {
    auditor?.close();
    for (const c of others.splice(0)) c.close();
    await net?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('FIU-A’s ledger has the agreement’s entry, then a decision, a send and a receipt per request (setup)', async () => {
    expect(size).to.equal(SIZE);
    expect(rows.map((r) => r.index)).to.deep.equal([...Array(SIZE).keys()]);
    const perRequest = ['policy.decision', 'message.sent', 'delivery.receipt'];
    expect(rows.map((r) => (JSON.parse(r.entry) as { event: string }).event)).to.deep.equal([
      'agreement.changed',
      ...Array.from({ length: REQUESTS }, () => perRequest).flat(),
    ]);
    const checkpoints = await net.gw['FIU-A']!.store.listCheckpoints(0);
    expect(checkpoints.map((c) => c.size)).to.deep.equal(CHECKPOINT_SIZES);
  });

  describe('GetCheckpoint', () => {
    it('answers a note signed with the ledger key of keys/public.json, of the store’s ledger size', async () => {
      const cp = await auditor.checkpoint();
      const parsed = parseCheckpoint(cp.note, key);
      expect(parsed.origin).to.equal('fiu-gateway/FIU-A');
      expect(parsed.size).to.equal(await net.gw['FIU-A']!.store.ledgerSize());
      expect(Number(cp.size)).to.equal(parsed.size);
      expect(cp.root).to.match(STD_HASH);
      expect(cp.root).to.equal(b64(parsed.root));
    });

    it('is refused by a key other than FIU-A’s own (FIU-B’s published ledger key)', async () => {
      const cp = await auditor.checkpoint();
      await expectCode(
        () => parseCheckpoint(cp.note, publishedLedgerKey(net, 'FIU-B')),
        'ledger.bad_checkpoint',
      );
    });
  });

  describe('GetEntries', () => {
    it('returns exactly the stored entries, byte for byte', async () => {
      const r = await auditor.entries(0, size);
      expect(r.entries).to.deep.equal(rows.map((row) => ({ index: String(row.index), entry: row.entry })));
    });

    it('returns a sub-range [start, end), and nothing for an empty one', async () => {
      const r = await auditor.entries(2, 5);
      expect(r.entries.map((e) => [Number(e.index), e.entry])).to.deep.equal(
        rows.slice(2, 5).map((row) => [row.index, row.entry]),
      );
      expect((await auditor.entries(size, size)).entries).to.deep.equal([]);
    });

    for (const [what, start, end] of [
      ['end before start', 3, 2],
      ['end beyond the ledger', 0, SIZE + 1],
      ['start beyond the ledger', SIZE + 1, SIZE + 2],
    ] as const) {
      it(`refuses ${what} with INVALID_ARGUMENT ledger.bad_input`, async () => {
        await expectAuditRefusal(
          auditor.entries(start, end),
          grpc.status.INVALID_ARGUMENT,
          'ledger.bad_input',
          `entries [${start}, ${end}) outside the ledger of ${size}`,
        );
      });
    }

    it('refuses a negative start with INVALID_ARGUMENT ledger.bad_input', async () => {
      await expectAuditRefusal(
        auditor.entries(-1, 2),
        grpc.status.INVALID_ARGUMENT,
        'ledger.bad_input',
        'start: expected a non-negative integer',
      );
    });
  });

  describe('GetInclusionProof', () => {
    it('proves every entry by index: the proof verifies against the checkpoint’s root', async () => {
      const cp = await auditor.checkpoint();
      for (const row of rows) {
        const r = await auditor.inclusion({ index: row.index });
        expect(Number(r.index)).to.equal(row.index);
        expect(Number(r.treeSize)).to.equal(size);
        expect(r.root).to.equal(cp.root);
        expect(r.checkpoint).to.equal(cp.note);
        expect(r.leafHash).to.equal(b64(leafHash(Buffer.from(row.entry, 'utf8'))));
        for (const h of [r.leafHash, r.root, ...r.proof]) expect(h).to.match(STD_HASH);
        verifyInclusion(unb64(r.leafHash), row.index, size, r.proof.map(unb64), unb64(cp.root));
        // The root is the one the signed checkpoint in the answer vouches for.
        expect(b64(parseCheckpoint(r.checkpoint, key).root)).to.equal(r.root);
      }
    });

    it('proves an entry by its leaf hash (standard base64), naming its index', async () => {
      const cp = await auditor.checkpoint();
      for (const row of [rows[0]!, rows[5]!, rows.at(-1)!]) {
        const hash = b64(leafHash(Buffer.from(row.entry, 'utf8')));
        const r = await auditor.inclusion({ leafHash: hash });
        expect(Number(r.index)).to.equal(row.index);
        expect(r.leafHash).to.equal(hash);
        verifyInclusion(unb64(hash), row.index, Number(r.treeSize), r.proof.map(unb64), unb64(cp.root));
      }
    });

    it('a proof for another entry does not verify (the check is not vacuous)', async () => {
      const cp = await auditor.checkpoint();
      const r = await auditor.inclusion({ index: 3 });
      const other = leafHash(Buffer.from(rows[4]!.entry, 'utf8'));
      await expectCode(
        () => verifyInclusion(other, 3, size, r.proof.map(unb64), unb64(cp.root)),
        'ledger.invalid_proof',
      );
    });

    it('refuses an index beyond the checkpoint with INVALID_ARGUMENT ledger.bad_input', async () => {
      await expectAuditRefusal(
        auditor.inclusion({ index: size }),
        grpc.status.INVALID_ARGUMENT,
        'ledger.bad_input',
        `entry ${size} is not in the tree of size ${size}`,
      );
    });

    it('answers NOT_FOUND exchange.not_found for a leaf hash no entry has', async () => {
      const unknown = b64(leafHash(Buffer.from('{"v":1,"at":"never","event":"none"}', 'utf8')));
      await expectAuditRefusal(
        auditor.inclusion({ leafHash: unknown }),
        grpc.status.NOT_FOUND,
        'exchange.not_found',
        'no ledger entry with this leaf hash',
      );
    });
  });

  describe('GetConsistencyProof', () => {
    it('proves (3, size): the proof verifies from the root of checkpoint 3 to the latest root', async () => {
      const cp = await auditor.checkpoint();
      const store = net.gw['FIU-A']!.store;
      const three = (await store.checkpointAt(3))!;
      const r = await auditor.consistency(3, size);
      expect(r.root1).to.equal(b64(parseCheckpoint(three.note, key).root));
      expect(r.root2).to.equal(cp.root);
      for (const h of [r.root1, r.root2, ...r.proof]) expect(h).to.match(STD_HASH);
      verifyConsistency(3, size, r.proof.map(unb64), unb64(r.root1), unb64(r.root2));
    });

    it('proves every size1 from 1 to size against the latest root', async () => {
      const cp = await auditor.checkpoint();
      for (let size1 = 1; size1 <= size; size1 += 1) {
        const r = await auditor.consistency(size1, size);
        expect(r.root2).to.equal(cp.root);
        verifyConsistency(size1, size, r.proof.map(unb64), unb64(r.root1), unb64(r.root2));
        if (size1 === size) expect(r.proof).to.deep.equal([]);
      }
    });

    for (const [what, size1, size2] of [
      ['size1 0', 0, SIZE],
      ['size1 above size2', 5, 3],
      ['size2 beyond the ledger', 2, SIZE + 1],
    ] as const) {
      it(`refuses ${what} with INVALID_ARGUMENT ledger.bad_input`, async () => {
        await expectAuditRefusal(
          auditor.consistency(size1, size2),
          grpc.status.INVALID_ARGUMENT,
          'ledger.bad_input',
          `sizes must satisfy 0 < size1 <= size2 <= ${size}`,
        );
      });
    }
  });

  describe('operators without the auditor role', () => {
    for (const role of ['analyst', 'liaison', 'supervisor', 'admin']) {
      it(`${role}@FIU-A is refused every audit RPC with PERMISSION_DENIED transport.operator_forbidden`, async () => {
        const conn = auditConnection(net, 'FIU-A', role);
        others.push(conn);
        const calls: Array<[string, () => Promise<unknown>]> = [
          ['GetCheckpoint', () => conn.checkpoint()],
          ['GetEntries', () => conn.entries(0, 1)],
          ['GetInclusionProof', () => conn.inclusion({ index: 0 })],
          ['GetConsistencyProof', () => conn.consistency(1, 2)],
          ['Export', () => collect(conn.exportLines())],
        ];
        for (const [name, call] of calls) {
          await expectAuditRefusal(
            call(),
            grpc.status.PERMISSION_DENIED,
            'transport.operator_forbidden',
            `${role}@FIU-A has ${role}`,
          ).catch((err: Error) => {
            err.message = `${name}: ${err.message}`;
            throw err;
          });
        }
      });
    }
  });

  describe('the auditor commands of the CLI (run in-process)', () => {
    it('`audit proof inclusion --index 0` prints a proof that `audit verify-proof --json` accepts', async () => {
      const r = await fiugw('audit', 'proof', 'inclusion', '--index', '0', '--profile', auditorProfile);
      expect(r.code, showRun(r)).to.equal(0);
      const doc = JSON.parse(r.out) as { leafIdx: number; treeSize: number; root: string; leafHash: string };
      const cp = await auditor.checkpoint();
      expect(doc).to.include({
        leafIdx: 0,
        treeSize: size,
        root: cp.root,
        leafHash: b64(leafHash(Buffer.from(rows[0]!.entry, 'utf8'))),
      });
      const file = path.join(dir, 'inclusion-0.json');
      writeFileSync(file, r.out);
      const verdict = await fiugw('audit', 'verify-proof', '--json', file);
      expect(verdict.out, showRun(verdict)).to.equal(`valid: inclusion of leaf 0 in tree of size ${size}`);
      expect(verdict.code).to.equal(0);
    });

    it('`audit proof inclusion --leaf-hash` and `audit proof consistency` print proofs that verify', async () => {
      const hash = b64(leafHash(Buffer.from(rows[5]!.entry, 'utf8')));
      const byHash = await fiugw(
        'audit',
        'proof',
        'inclusion',
        '--leaf-hash',
        hash,
        '--profile',
        auditorProfile,
      );
      expect(byHash.code, showRun(byHash)).to.equal(0);
      expect(JSON.parse(byHash.out)).to.include({ leafIdx: 5, leafHash: hash });
      const consistency = await fiugw(
        'audit',
        'proof',
        'consistency',
        '--size1',
        '2',
        '--size2',
        String(size),
        '--profile',
        auditorProfile,
      );
      expect(consistency.code, showRun(consistency)).to.equal(0);
      for (const [name, text] of [
        ['by-hash.json', byHash.out],
        ['consistency.json', consistency.out],
      ] as const) {
        const file = path.join(dir, name);
        writeFileSync(file, text);
        const verdict = await fiugw('audit', 'verify-proof', '--json', file);
        expect(verdict.code, showRun(verdict)).to.equal(0);
        expect(verdict.out).to.match(/^valid: /);
      }
    });

    it('a proof doctored after printing is refused by `audit verify-proof` (exit 1)', async () => {
      const r = await fiugw('audit', 'proof', 'inclusion', '--index', '3', '--profile', auditorProfile);
      const doc = JSON.parse(r.out) as { leafHash: string };
      doc.leafHash = b64(leafHash(Buffer.from(rows[4]!.entry, 'utf8')));
      const file = path.join(dir, 'doctored.json');
      writeFileSync(file, JSON.stringify(doc));
      const verdict = await fiugw('audit', 'verify-proof', '--json', file);
      expect(verdict.out, showRun(verdict)).to.match(/^invalid: /);
      expect(verdict.code).to.equal(1);
    });

    it('`audit checkpoint` prints the size, root and the signed note', async () => {
      const r = await fiugw('audit', 'checkpoint', '--profile', auditorProfile);
      expect(r.code, showRun(r)).to.equal(0);
      const cp = await auditor.checkpoint();
      expect(r.out).to.include(cp.root);
      expect(r.out).to.include(cp.note.trimEnd());
    });

    it('`audit entries --json` prints the stored entries as JSON lines', async () => {
      const r = await fiugw(
        'audit',
        'entries',
        '--from',
        '1',
        '--to',
        '4',
        '--json',
        '--profile',
        auditorProfile,
      );
      expect(r.code, showRun(r)).to.equal(0);
      expect(r.out.split('\n').map((l) => JSON.parse(l) as unknown)).to.deep.equal(
        rows.slice(1, 4).map((row) => ({ index: row.index, entry: JSON.parse(row.entry) as unknown })),
      );
    });

    it('an analyst’s profile is refused: exit 1, the reason printed', async () => {
      const r = await fiugw('audit', 'checkpoint', '--profile', boundProfileFile(net, 'FIU-A', 'analyst'));
      expect(r.code, showRun(r)).to.equal(1);
      expect(r.err).to.match(/\[transport\.operator_forbidden\]$/);
    });
  });

  // Last: stops FIU-A's gateway.
  describe('Export', () => {
    let apiLines: string[];
    let apiFile: string;

    before(async () => {
      apiLines = await collect(auditor.exportLines());
      apiFile = path.join(dir, 'api.jsonl');
      writeLines(apiFile, apiLines);
    });

    it('streams the header, every entry and every checkpoint', async () => {
      const records = apiLines.map((line, i) => parseExportLine(line, i + 1));
      expect(records[0]).to.deep.include({
        type: 'header',
        origin: 'fiu-gateway/FIU-A',
        vkey: key.vkey,
        size,
      });
      const entries = records.filter((r) => r.type === 'entry');
      expect(entries.map((e) => [e.index, e.leaf.toString('utf8')])).to.deep.equal(
        rows.map((row) => [row.index, row.entry]),
      );
      const checkpoints = records.filter((r) => r.type === 'checkpoint');
      const stored = await net.gw['FIU-A']!.store.listCheckpoints(0);
      expect(checkpoints.map((c) => c.note)).to.deep.equal(stored.map((c) => c.note));
      expect(records.map((r) => r.type)).to.deep.equal([
        'header',
        ...entries.map(() => 'entry'),
        ...checkpoints.map(() => 'checkpoint'),
      ]);
    });

    it('`audit verify --export` of the API export, pinned to the published key, exits 0', async () => {
      const cp = await auditor.checkpoint();
      const r = await fiugw('audit', 'verify', '--export', apiFile, '--vkey', key.vkey);
      expect(r.out, showRun(r)).to.equal(
        `ok: ${size} entries, root ${cp.root}, ${CHECKPOINT_SIZES.length} checkpoints verified`,
      );
      expect(r.code).to.equal(0);
    });

    it('`audit export --profile` (through the API) writes the same lines', async () => {
      const out = path.join(dir, 'cli-api.jsonl');
      const r = await fiugw('audit', 'export', '--profile', auditorProfile, '--out', out);
      expect(r.code, showRun(r)).to.equal(0);
      expect(readLines(out)).to.deep.equal(apiLines);
    });

    it('equals, line by line, `audit export --config` from the database once the gateway is stopped', async () => {
      await net.gw['FIU-A']!.stop();
      const out = path.join(dir, 'db.jsonl');
      const r = await fiugw('audit', 'export', '--config', net.pki.fius['FIU-A']!.configFile, '--out', out);
      expect(r.code, showRun(r)).to.equal(0);
      expect(r.err).to.include(key.vkey);
      expect(readLines(out)).to.deep.equal(apiLines);
      const key2 = await fiugw('audit', 'key', '--config', net.pki.fius['FIU-A']!.configFile);
      expect(key2.out, showRun(key2)).to.equal(key.vkey);
    });
  });
});
