/**
 * Tampering with a gateway's ledger directly in its SQLite file, and the auditor catching it
 * (docs/AUDIT.md sections 5, 6 and 6.3): FIU-A sends five requests to FIU-B (16 ledger entries, a
 * checkpoint after each batch), the gateways stop, and each case edits its own copy of FIU-A's database
 * with better-sqlite3. `fiugw audit verify --config` on the copy, and `fiugw audit verify --export` on
 * the export `fiugw audit export --config` writes from it, must both exit 1 and print the same verdict:
 * the first bad entry (or checkpoint) and the kind docs/AUDIT.md promises for that change. Cases that
 * only an export can show (lines out of order, a second checkpoint for one size) edit an export file.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import { canonicalJson, privateKeyObject, type KeyRecord } from '../../src/crypto/index.js';
import type { GatewayError } from '../../src/errors.js';
import { runDoctor } from '../../src/cli/doctor-command.js';
import { Gateway } from '../../src/gateway.js';
import { silentLogger } from '../../src/log.js';
import { leafHash, rootFromLeafHashes, signCheckpoint } from '../../src/ledger/index.js';
import type { CheckpointRow, LedgerRow } from '../../src/store/index.js';
import { readLines, writeLines } from '../helpers/audit.js';
import { fiugw, showRun, type CliRun } from '../helpers/cli-run.js';
import { onPostgres } from '../helpers/database.js';
import { expectCode } from '../helpers/expect-code.js';
import { startNetwork } from '../helpers/gateways.js';
import { sampleInput } from '../helpers/live-data.js';
import { requestsPerDay } from '../helpers/rate-usage.js';

/** The little of better-sqlite3 these edits use (the package ships no types). */
interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  transaction(fn: () => void): () => void;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => SqliteDatabase;

const ORIGIN = 'fiu-gateway/FIU-A';
/**
 * Entries in FIU-A's ledger: the `agreement.changed` of its agreement with FIU-B (applied by
 * startNetwork), then per request a batch of `policy.decision` and `message.sent`, and a batch of
 * `delivery.receipt`. A checkpoint follows each batch, so the agreement's entry and each receipt are
 * alone between two checkpoints: a change to one of them is pinned to it exactly.
 */
const REQUESTS = 5;
const SIZE = 1 + 3 * REQUESTS;
const CHECKPOINT_SIZES = [1, ...Array.from({ length: REQUESTS }, (_, r) => [3 * r + 3, 3 * r + 4]).flat()];
/** Verdicts name a checkpoint by its position among the checkpoints (from 1). */
const ordinal = (size: number) => CHECKPOINT_SIZES.indexOf(size) + 1;

/** A stored (base64url) or API (base64) hash as standard base64, as verdicts print roots. */
const std = (hash: string | Uint8Array) =>
  (typeof hash === 'string' ? Buffer.from(hash, 'base64url') : Buffer.from(hash)).toString('base64');

// SQLite only: it edits the database file with a second SQLite connection while the gateway is stopped.
// The same checks on PostgreSQL data are made by the sequencer, doctor and health tests of that pass.
(onPostgres() ? describe.skip : describe)(
  'tampering with the ledger in the SQLite file, caught by the auditor',
  function () {
    this.timeout(30_000);
    /** Temp folder: a copy of the PKI (with FIU-A's stopped database), the tampered copies, exports. */
    let work: string;
    let fiuDir: string;
    let pristine: string;
    let baseConfig: string;
    let rows: LedgerRow[];
    let checkpoints: CheckpointRow[];
    let ledgerKey: KeyRecord;
    let vkey: string;
    const savedDatabaseUrl = process.env.FIUGW_DATABASE_URL;

    before(async function () {
      this.timeout(120_000); // a fresh PKI on a loaded machine
      delete process.env.FIUGW_DATABASE_URL; // the configs written below name their databases
      work = mkdtempSync(path.join(tmpdir(), 'fiugw-tamper-'));
      const net = await startNetwork(['FIU-A', 'FIU-B']);
      try {
        const analyst = net.operator('FIU-A', 'analyst');
        for (let i = 0; i < REQUESTS; i += 1) {
          const sent = await analyst.submitRequest('FIU-B', sampleInput());
          expect(sent.status, `${sent.errorCode} ${sent.errorDetail}`).to.equal('delivered');
        }
        const store = net.gw['FIU-A']!.store;
        rows = await store.ledgerRange(0, await store.ledgerSize());
        checkpoints = await store.listCheckpoints(0);
        ledgerKey = net.messageKeys('FIU-A').ledger;
        // Stopped gateways: the store is closed and the WAL checkpointed into the database file.
        await net.gw['FIU-B']!.stop();
        await net.gw['FIU-A']!.stop();
        cpSync(net.pki.root, path.join(work, 'pki'), { recursive: true });
      } finally {
        await net.stop();
      }
      fiuDir = path.join(work, 'pki', 'FIU-A');
      pristine = path.join(fiuDir, 'data', 'gateway.sqlite');
      baseConfig = readFileSync(path.join(fiuDir, 'config.yaml'), 'utf8');
      expect(baseConfig, 'the PKI config names no database of its own').to.not.match(/^database:/m);
      mkdirSync(path.join(work, 'db'));
      mkdirSync(path.join(work, 'export'));
      const key = await fiugw('audit', 'key', '--config', path.join(fiuDir, 'config.yaml'));
      expect(key.code, showRun(key)).to.equal(0);
      vkey = key.out;
    });
    after(() => {
      if (savedDatabaseUrl !== undefined) process.env.FIUGW_DATABASE_URL = savedDatabaseUrl;
      if (work) rmSync(work, { recursive: true, force: true });
    });

    /**
     * Copies the untouched database (and its -wal and -shm files, if any) to `db/<name>.sqlite`, applies
     * `edit` in one transaction, and writes a config naming that copy; returns the config file.
     */
    function tamperedCopy(name: string, edit?: (db: SqliteDatabase) => void): string {
      const file = path.join(work, 'db', `${name}.sqlite`);
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(pristine + suffix)) copyFileSync(pristine + suffix, file + suffix);
      }
      if (edit) {
        const db = new Database(file);
        try {
          db.transaction(() => edit(db))();
        } finally {
          db.close();
        }
      }
      const config = path.join(fiuDir, `config-${name}.yaml`);
      writeFileSync(config, `${baseConfig}\ndatabase:\n  url: 'sqlite:${file}'\n`);
      return config;
    }

    /** `audit export --config`; returns the export file. */
    async function exportOf(config: string, name: string): Promise<string> {
      const out = path.join(work, 'export', `${name}.jsonl`);
      const r = await fiugw('audit', 'export', '--config', config, '--out', out);
      expect(r.code, showRun(r)).to.equal(0);
      return out;
    }

    /** `audit verify --export FILE`, pinned to FIU-A's ledger key. */
    const verifyExport = (file: string) => fiugw('audit', 'verify', '--export', file, '--vkey', vkey);

    /**
     * Verifies the database of `config` live and through its export: both must exit 1 with the same
     * verdict, which must start with `verdict` (and, when given, equal `whole`). Returns the verdict line.
     */
    async function expectFailure(
      config: string,
      name: string,
      verdict: string,
      whole?: string,
    ): Promise<string> {
      const live = await fiugw('audit', 'verify', '--config', config);
      const offline = await verifyExport(await exportOf(config, name));
      const both = `--- audit verify --config: ${showRun(live)}\n--- audit verify --export: ${showRun(offline)}`;
      for (const [how, r] of [
        ['audit verify --config', live],
        ['audit verify --export', offline],
      ] as Array<[string, CliRun]>) {
        expect(r.out.startsWith(verdict), `${how} should print "${verdict}..."\n${both}`).to.equal(true);
        if (whole !== undefined) expect(r.out, how).to.equal(whole);
        expect(r.code, how).to.equal(1);
      }
      expect(offline.out, 'the same verdict on the export').to.equal(live.out);
      return live.out;
    }

    /** The root the checkpoint of `size` signs, standard base64. */
    const signedRoot = (size: number) => std(checkpoints.find((c) => c.size === size)!.root);

    /** The root of the first `size` of `texts`, standard base64. */
    const rootOf = (texts: readonly string[], size: number) =>
      std(rootFromLeafHashes(texts.slice(0, size).map((t) => leafHash(Buffer.from(t, 'utf8')))));

    const texts = () => rows.map((r) => r.entry);

    /** Entry `i` with its `at` moved by one millisecond: still the canonical JSON of an entry. */
    function retimed(i: number): string {
      const entry = JSON.parse(rows[i]!.entry) as { at: string };
      return canonicalJson({ ...entry, at: new Date(Date.parse(entry.at) + 1).toISOString() });
    }

    /** A well-formed entry that the gateway never wrote. */
    function forgedEntry(): string {
      const last = JSON.parse(rows.at(-1)!.entry) as { at: string; message: unknown };
      return canonicalJson({
        v: 1,
        at: new Date(Date.parse(last.at) + 1000).toISOString(),
        actor: { kind: 'system' },
        event: 'delivery.failed',
        message: last.message,
        reason: 'transport.partner_unreachable',
      });
    }

    /** A checkpoint of `size` over `root`, signed with FIU-A's real ledger key: another history. */
    const forgedCheckpoint = (size: number, root: Buffer) =>
      signCheckpoint(
        { origin: ORIGIN, size, root },
        { name: ORIGIN, privateKey: privateKeyObject(ledgerKey) },
      );
    const otherRoot = createHash('sha256').update('another history').digest();

    /**
     * `Gateway.open` on the database of `config` must refuse with `ledger.tail_mismatch`; a gateway that
     * opens anyway is closed before the test fails. Returns the error.
     */
    async function expectOpenRefused(config: string): Promise<GatewayError> {
      const opened = await Gateway.open(loadConfig(config, {})).catch((err: unknown) => err);
      if (opened instanceof Gateway) {
        await opened.stop();
        expect.fail('the gateway opened a ledger whose tail disagrees with its last checkpoint');
      }
      return expectCode(Promise.reject(opened), 'ledger.tail_mismatch');
    }

    const setEntry = (db: SqliteDatabase, idx: number, entry: string) =>
      expect(
        db.prepare('UPDATE ledger_entries SET entry = ? WHERE idx = ?').run(entry, idx).changes,
      ).to.equal(1);
    const insertEntry = (db: SqliteDatabase, idx: number, entry: string) =>
      db
        .prepare('INSERT INTO ledger_entries (idx, entry, created_at) VALUES (?, ?, ?)')
        .run(idx, entry, new Date().toISOString());

    it(`FIU-A’s ledger has ${SIZE} entries and a checkpoint after each batch (setup)`, () => {
      expect(rows.map((r) => r.index)).to.deep.equal([...Array(SIZE).keys()]);
      const perRequest = ['policy.decision', 'message.sent', 'delivery.receipt'];
      expect(rows.map((r) => (JSON.parse(r.entry) as { event: string }).event)).to.deep.equal([
        'agreement.changed',
        ...Array.from({ length: REQUESTS }, () => perRequest).flat(),
      ]);
      expect(checkpoints.map((c) => c.size)).to.deep.equal(CHECKPOINT_SIZES);
      expect(vkey).to.match(/^fiu-gateway\/FIU-A\+[0-9a-f]{8}\+/);
    });

    it('the untouched copy verifies, live and through its export (exit 0)', async () => {
      const config = tamperedCopy('untouched');
      const ok = `ok: ${SIZE} entries, root ${signedRoot(SIZE)}, ${CHECKPOINT_SIZES.length} checkpoints verified`;
      const live = await fiugw('audit', 'verify', '--config', config);
      expect(live.out, showRun(live)).to.equal(ok);
      expect(live.code).to.equal(0);
      const offline = await verifyExport(await exportOf(config, 'untouched'));
      expect(offline.out, showRun(offline)).to.equal(ok);
      expect(offline.code).to.equal(0);
    });

    describe('(a) one entry’s JSON text changed', () => {
      it('a changed `at`, still canonical JSON: modified, at that entry (a receipt, alone between two checkpoints)', async () => {
        const changed = retimed(3);
        const config = tamperedCopy('modified', (db) => setEntry(db, 3, changed));
        const tampered = texts();
        tampered[3] = changed;
        await expectFailure(
          config,
          'modified',
          'FAILED at entry 3: modified: ',
          `FAILED at entry 3: modified: entry 3 was changed: checkpoint ${ordinal(4)} signs root ${signedRoot(4)} for size 4, ` +
            `the entries give ${rootOf(tampered, 4)}`,
        );
      });

      it('a changed reason that breaks the canonical form: modified, and says why', async () => {
        const changed = rows[6]!.entry.replace('"v":1}', '"v": 1}');
        expect(changed).to.not.equal(rows[6]!.entry);
        const config = tamperedCopy('non-canonical', (db) => setEntry(db, 6, changed));
        const verdict = await expectFailure(
          config,
          'non-canonical',
          'FAILED at entry 6: modified: entry 6 was changed (',
        );
        expect(verdict).to.include('not canonical');
        expect(verdict).to.include(`checkpoint ${ordinal(7)} signs root ${signedRoot(7)} for size 7`);
      });

      it('a changed `message.sent`, logged in one batch with its decision: modified, at the batch’s first entry', async () => {
        const config = tamperedCopy('modified-batch', (db) => setEntry(db, 5, retimed(5)));
        const verdict = await expectFailure(config, 'modified-batch', 'FAILED at entry 4: modified: ');
        expect(verdict).to.include(
          `one or more of entries 4 to 5 were changed: checkpoint ${ordinal(6)} signs`,
        );
      });

      it('the gateway still starts: its start-up check covers the ledger’s tail only (docs/AUDIT.md 6.3)', async () => {
        const config = tamperedCopy('modified-open', (db) => setEntry(db, 3, retimed(3)));
        const gateway = await Gateway.open(loadConfig(config, {}));
        await gateway.stop();
      });
    });

    it('a row slipped into the leaf index: doctor warns, and the gateway puts the index back at start-up', async () => {
      const config = tamperedCopy('leaf-index', (db) =>
        expect(
          db.prepare(`INSERT INTO ledger_leaf_index (block, prefix, idx) VALUES (0, 'AAAAAAAA', 3)`).run()
            .changes,
        ).to.equal(1),
      );
      const ledger = (await runDoctor(config)).find((r) => r.name === 'ledger')!;
      expect(ledger.status).to.equal('warn');
      expect(ledger.detail).to.include('the leaf index holds 1 rows for the 0 leaves it should');
      expect(ledger.fix).to.include('restart the gateway');
      const gateway = await Gateway.open(loadConfig(config, {}));
      try {
        expect(await gateway.store.leafIndexCoverage()).to.deep.equal({ expected: 0, indexed: 0 });
      } finally {
        await gateway.stop();
      }
      const again = (await runDoctor(config)).find((r) => r.name === 'ledger')!;
      expect(again.status, again.detail).to.equal('ok');
    });

    it('request counts lost in a partial restore: the gateway recounts them at start-up', async () => {
      let day = '';
      const config = tamperedCopy('rate-usage', (db) => {
        day = (
          db.prepare('SELECT substr(stored_at, 1, 10) AS d FROM messages LIMIT 1').get() as { d: string }
        ).d;
        expect(db.prepare('DELETE FROM rate_usage').run().changes).to.be.greaterThan(0);
      });
      const logged: string[] = [];
      const log = { ...silentLogger, warn: (msg: string) => void logged.push(msg) };
      const gateway = await Gateway.open(loadConfig(config, {}), {
        log,
        clock: () => new Date(`${day}T12:00:00.000Z`),
      });
      try {
        const { counted, stored } = await requestsPerDay(gateway.store);
        expect(counted).to.deep.equal(stored);
        expect(stored.join()).to.match(/^out FIU-B \d{4}-\d\d-\d\d 5$/);
      } finally {
        await gateway.stop();
      }
      expect(logged).to.include('request counts disagreed with the stored requests: recounted');
    });

    it('(b) an entry row deleted: missing, at its index', async () => {
      const config = tamperedCopy('deleted', (db) =>
        expect(db.prepare('DELETE FROM ledger_entries WHERE idx = 4').run().changes).to.equal(1),
      );
      await expectFailure(
        config,
        'deleted',
        'FAILED at entry 4: missing: ',
        'FAILED at entry 4: missing: no entry has index 4: entry 3 is followed by entry 5',
      );
    });

    describe('(c) two entries swapped', () => {
      it('their texts swapped in the database (the index is the row’s key): modified, at the first', async () => {
        // Two receipts, each alone between two checkpoints, so that the verdict can name the first.
        const config = tamperedCopy('swapped', (db) => {
          setEntry(db, 3, rows[9]!.entry);
          setEntry(db, 9, rows[3]!.entry);
        });
        const tampered = texts();
        [tampered[3], tampered[9]] = [tampered[9]!, tampered[3]!];
        await expectFailure(
          config,
          'swapped',
          'FAILED at entry 3: modified: ',
          `FAILED at entry 3: modified: entry 3 was changed: checkpoint ${ordinal(4)} signs root ${signedRoot(4)} for size 4, ` +
            `the entries give ${rootOf(tampered, 4)}`,
        );
      });

      it('their lines swapped in an export: reordered, at the first', async () => {
        const lines = readLines(await exportOf(tamperedCopy('swapped-lines'), 'swapped-lines-source'));
        // Line 1 is the header: entry i is line i + 1 (0-based i + 1 in the array).
        [lines[3], lines[7]] = [lines[7]!, lines[3]!];
        const file = path.join(work, 'export', 'swapped-lines.jsonl');
        writeLines(file, lines);
        const r = await verifyExport(file);
        expect(r.out, showRun(r)).to.equal(
          'FAILED at entry 2: reordered: entry 2 is stored at position 6, and position 2 holds entry 6',
        );
        expect(r.code).to.equal(1);
      });
    });

    describe('(d) an extra row inserted at the end (idx = size)', () => {
      let config: string;
      before(() => {
        config = tamperedCopy('appended', (db) => insertEntry(db, SIZE, forgedEntry()));
      });

      it('inserted, at the first entry no checkpoint covers', async () => {
        await expectFailure(
          config,
          'appended',
          `FAILED at entry ${SIZE}: inserted: `,
          `FAILED at entry ${SIZE}: inserted: entries ${SIZE} to ${SIZE} are covered by no checkpoint ` +
            `(the largest checkpoint signs a tree of ${SIZE}): nothing vouches for them`,
        );
      });

      it('--allow-unsigned-tail accepts it, and says that nothing covers it', async () => {
        const r = await fiugw('audit', 'verify', '--config', config, '--allow-unsigned-tail');
        expect(r.out, showRun(r)).to.match(
          new RegExp(
            `^ok: ${SIZE + 1} entries, root \\S+, ${CHECKPOINT_SIZES.length} checkpoints verified; the last 1 entries are covered by no checkpoint$`,
          ),
        );
        expect(r.code).to.equal(0);
      });

      it('the gateway refuses to start: ledger.tail_mismatch', async () => {
        // The row has no tree nodes, so the start-up check stops there, before comparing with the checkpoint.
        const err = await expectOpenRefused(config);
        expect(err.message).to.include(`the ledger has ${SIZE + 1} entries`);
        expect(err.message).to.include('fiugw audit verify --config');
      });
    });

    describe('(e) an entry inserted in the middle', () => {
      it('in the database, the later indexes renumbered: modified, at the inserted entry', async () => {
        const extra = forgedEntry();
        // Inserted between checkpoints 6 and 7 (where a receipt was), so that the verdict can name it.
        const config = tamperedCopy('inserted', (db) => {
          // idx > 5 moves up by one, through negative values so that no step collides on the key.
          db.prepare('UPDATE ledger_entries SET idx = -idx - 1 WHERE idx > 5').run();
          db.prepare('UPDATE ledger_entries SET idx = -idx WHERE idx < 0').run();
          insertEntry(db, 6, extra);
        });
        const tampered = texts();
        tampered.splice(6, 0, extra);
        await expectFailure(
          config,
          'inserted',
          'FAILED at entry 6: modified: ',
          `FAILED at entry 6: modified: entry 6 was changed: checkpoint ${ordinal(7)} signs root ${signedRoot(7)} for size 7, ` +
            `the entries give ${rootOf(tampered, 7)}`,
        );
        await expectOpenRefused(config);
      });

      it('in an export, a line repeating an index: inserted, at that index', async () => {
        const lines = readLines(await exportOf(tamperedCopy('repeated-line'), 'repeated-line-source'));
        lines.splice(6, 0, lines[5]!); // entry 4 again, after itself
        const file = path.join(work, 'export', 'repeated-line.jsonl');
        writeLines(file, lines);
        const r = await verifyExport(file);
        expect(r.out, showRun(r)).to.equal(
          'FAILED at entry 4: inserted: entry 4 appears twice, at positions 4 and 5: an entry was inserted',
        );
        expect(r.code).to.equal(1);
      });
    });

    it('(f) a checkpoint’s signature broken (one character of it changed): bad_checkpoint_signature, naming it', async () => {
      const note = checkpoints.find((c) => c.size === 6)!.note;
      const sigLine = note.trimEnd().split('\n').at(-1)!;
      const at = sigLine.lastIndexOf(' ') + 1 + 20; // well inside the 64 signature bytes, past the key ID
      const broken = `${sigLine.slice(0, at)}${sigLine[at] === 'A' ? 'B' : 'A'}${sigLine.slice(at + 1)}`;
      const config = tamperedCopy('bad-signature', (db) =>
        expect(
          db.prepare('UPDATE checkpoints SET note = ? WHERE size = 6').run(note.replace(sigLine, broken))
            .changes,
        ).to.equal(1),
      );
      await expectFailure(
        config,
        'bad-signature',
        `FAILED at checkpoint ${ordinal(6)}: bad_checkpoint_signature: `,
        `FAILED at checkpoint ${ordinal(6)}: bad_checkpoint_signature: the signature of ${vkey} does not verify`,
      );
    });

    describe('(g) a fork: a checkpoint validly signed by FIU-A’s ledger key over another root', () => {
      it('in an export, beside the real one of the same size: fork, at the second', async () => {
        const lines = readLines(await exportOf(tamperedCopy('fork-export'), 'fork-export-source'));
        const real = lines.findIndex((l) =>
          l.includes(`"note":${JSON.stringify(`${ORIGIN}\n6\n`).slice(0, -1)}`),
        );
        expect(real, 'the checkpoint line of size 6').to.equal(1 + SIZE + ordinal(6) - 1);
        lines.splice(
          real + 1,
          0,
          JSON.stringify({ type: 'checkpoint', note: forgedCheckpoint(6, otherRoot) }),
        );
        const file = path.join(work, 'export', 'fork.jsonl');
        writeLines(file, lines);
        const r = await verifyExport(file);
        expect(r.out, showRun(r)).to.equal(
          `FAILED at checkpoint ${ordinal(6) + 1}: fork: checkpoints ${ordinal(6)} and ${ordinal(6) + 1} both sign a tree of size 6, with different roots ` +
            `(${signedRoot(6)} and ${std(otherRoot)}): the ledger key signed two histories`,
        );
        expect(r.code).to.equal(1);
      });

      it('in the database, in place of the real one: fork, as the next checkpoint matches the entries', async () => {
        const config = tamperedCopy('fork-db', (db) =>
          expect(
            db
              .prepare('UPDATE checkpoints SET note = ?, root = ? WHERE size = 6')
              .run(forgedCheckpoint(6, otherRoot), otherRoot.toString('base64url')).changes,
          ).to.equal(1),
        );
        await expectFailure(
          config,
          'fork-db',
          `FAILED at checkpoint ${ordinal(6)}: fork: `,
          `FAILED at checkpoint ${ordinal(6)}: fork: checkpoint ${ordinal(6)} (size 6, root ${std(otherRoot)}) is not consistent with ` +
            `checkpoint ${ordinal(7)} (size 7), which the entries match: the ledger key signed two histories`,
        );
      });
    });

    describe('(h) the last entry deleted', () => {
      let config: string;
      before(() => {
        config = tamperedCopy('truncated', (db) =>
          expect(db.prepare('DELETE FROM ledger_entries WHERE idx = ?').run(SIZE - 1).changes).to.equal(1),
        );
      });

      it('the gateway refuses to start (ledger.tail_mismatch), pointing to `fiugw audit verify`', async () => {
        const err = await expectOpenRefused(config);
        expect(err.message).to.include(
          `the ledger has ${SIZE - 1} entries but its last checkpoint covers ${SIZE}`,
        );
        expect(err.message).to.include('fiugw audit verify --config');
      });

      it('so does `fiugw serve`: exit 1, the reason and the hint on stderr', async () => {
        await expectOpenRefused(config); // else `serve` would run until interrupted
        const r = await fiugw('serve', '--config', config);
        expect(r.code, showRun(r)).to.equal(1);
        expect(r.err).to.include('[ledger.tail_mismatch]');
        expect(r.err).to.include('fiugw audit verify --config');
      });

      it('`audit verify` finds it: missing, at the first index the last checkpoint covers but no entry has', async () => {
        // docs/AUDIT.md section 5, step 4, rule 1: "a checkpoint covers more than n (... entries were
        // removed from its end)". The export takes the larger of the signed size and the stored rows.
        await expectFailure(
          config,
          'truncated',
          `FAILED at entry ${SIZE - 1}: missing: `,
          `FAILED at entry ${SIZE - 1}: missing: a checkpoint signs a tree of ${SIZE} entries, but the entries end ` +
            `after ${SIZE - 1}: entries ${SIZE - 1} and after are missing`,
        );
      });
    });
  },
);
