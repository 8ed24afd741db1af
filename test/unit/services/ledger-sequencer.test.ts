import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalJson, ledgerOrigin, privateKeyObject, publicKeyObject } from '../../../src/crypto/index.js';
import { leafHash, makeEntry, parseCheckpoint, rootFromLeafHashes } from '../../../src/ledger/index.js';
import { silentLogger } from '../../../src/log.js';
import { LedgerSequencer } from '../../../src/services/ledger-sequencer.js';
import { openStore, type Store } from '../../../src/store/index.js';
import type { TypeOrmStore } from '../../../src/store/store.js';
import { testDatabaseUrl } from '../../helpers/database.js';
import { expectCode } from '../../helpers/expect-code.js';
import { makeFius, NOW, type FiuKeys } from '../../helpers/keys.js';

const ORIGIN = ledgerOrigin('FIU-A');

describe('LedgerSequencer', () => {
  let keys: FiuKeys;
  let dir: string;
  /** A SQLite file, or (PostgreSQL pass) a fresh schema. */
  let url: string;
  let store: Store;

  before(async () => {
    keys = (await makeFius(['FIU-A']))['FIU-A']!;
  });

  const sequencer = (s: Store) =>
    new LedgerSequencer({
      store: s,
      origin: ORIGIN,
      ledgerKey: privateKeyObject(keys.ledger.private),
      clock: () => NOW,
      log: silentLogger,
    });
  const entry = (n: number) =>
    makeEntry(
      NOW,
      { kind: 'system' },
      {
        event: 'delivery.failed',
        message: { id: `m${n}`, type: 'request', from: 'FIU-A', to: 'FIU-B', digest: 'd' },
        reason: 'x',
      },
    );

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fiugw-seq-'));
    url = await testDatabaseUrl(`sqlite:${path.join(dir, 'l.sqlite')}`);
    store = await openStore(url);
  });
  afterEach(() => store.close());

  it('commits 64 concurrent appends in fewer batches, contiguous, each covered by a signed checkpoint', async () => {
    const seq = sequencer(store);
    await seq.init();
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => seq.append({ entries: [entry(i)] })),
    );
    const indexes = results.map((r) => r.indexes[0]).sort((a, b) => a! - b!);
    expect(indexes).to.deep.equal(Array.from({ length: 64 }, (_, i) => i));
    for (const r of results) expect(r.head.size).to.be.greaterThan(r.indexes[0]!);
    const checkpoints = await store.listCheckpoints();
    expect(checkpoints.length, 'group commit: fewer checkpoints than appends').to.be.lessThan(64);
    const rows = await store.ledgerRange(0, 64);
    const root = rootFromLeafHashes(rows.map((r) => leafHash(Buffer.from(r.entry, 'utf8'))));
    const latest = checkpoints.at(-1)!;
    const cp = parseCheckpoint(latest.note, { name: ORIGIN, publicKey: publicKeyObject(keys.ledger.public) });
    expect(cp.size).to.equal(64);
    expect(cp.root).to.deep.equal(root);
    expect(rows[5]!.entry).to.equal(canonicalJson(entry(results.findIndex((r) => r.indexes[0] === 5))));
  });

  it('commits a job without entries with the batch it joins, and alone without a new checkpoint', async () => {
    const seq = sequencer(store);
    await seq.init();
    await seq.append({ entries: [entry(0)] });
    const cp = (size: number) => ({ partner: 'FIU-B', size, root: 'A'.repeat(43), note: 'n', seenAt: 'now' });
    const [withEntry, alone] = await Promise.all([
      seq.append({ entries: [entry(1)] }),
      seq.append({ entries: [], work: (tx) => tx.putPartnerCheckpoint(cp(3)) }),
    ]);
    expect(alone.indexes).to.deep.equal([]);
    expect(alone.head).to.deep.equal(withEntry.head);
    expect((await store.latestPartnerCheckpoint('FIU-B'))!.size).to.equal(3);
    const before = await store.listCheckpoints();
    const later = await seq.append({ entries: [], work: (tx) => tx.putPartnerCheckpoint(cp(4)) });
    expect(later.head.size, 'the tree is as it was').to.equal(2);
    expect(await store.listCheckpoints(), 'no checkpoint for an unchanged tree').to.deep.equal(before);
    expect(await store.ledgerSize()).to.equal(2);
    expect((await store.latestPartnerCheckpoint('FIU-B'))!.size).to.equal(4);
  });

  it('fails only the job whose work fails, and commits the others of its batch', async () => {
    const seq = sequencer(store);
    await seq.init();
    const ok1 = seq.append({ entries: [entry(1)] });
    const bad = seq.append({
      entries: [entry(2)],
      work: () => Promise.reject(new Error('boom')),
    });
    const ok2 = seq.append({ entries: [entry(3)] });
    await Promise.all([ok1, ok2]);
    let failed: unknown;
    await bad.catch((e: unknown) => (failed = e));
    expect(String(failed)).to.contain('boom');
    expect(await store.ledgerSize()).to.equal(2);
    expect((await store.latestCheckpoint())!.size).to.equal(2);
  });

  it('resumes after a restart and keeps one tree', async () => {
    const seq = sequencer(store);
    await seq.init();
    for (let i = 0; i < 5; i += 1) await seq.append({ entries: [entry(i)] });
    await store.close();
    store = await openStore(url);
    const again = sequencer(store);
    await again.init();
    expect(again.latest()!.size).to.equal(5);
    const r = await again.append({ entries: [entry(5), entry(6)] });
    expect(r.indexes).to.deep.equal([5, 6]);
    const rows = await store.ledgerRange(0, 7);
    const root = rootFromLeafHashes(rows.map((x) => leafHash(Buffer.from(x.entry, 'utf8'))));
    expect(Buffer.from(r.head.root, 'base64url')).to.deep.equal(root);
  });

  describe('with two processes on one database (replicas: here two stores, each with its sequencer)', () => {
    let other: Store;
    beforeEach(async () => (other = await openStore(url)));
    afterEach(() => other.close());

    it('interleaves their batches into one ledger: no gap, no duplicate index, no forked checkpoint', async () => {
      const [a, b] = [sequencer(store), sequencer(other)];
      await a.init();
      await b.init();
      const jobs = Array.from({ length: 60 }, (_, i) =>
        (i % 2 === 0 ? a : b).append({ entries: [entry(i)] }),
      );
      const results = await Promise.all(jobs);
      const indexes = results.map((r) => r.indexes[0]!).sort((x, y) => x - y);
      expect(indexes).to.deep.equal(Array.from({ length: 60 }, (_, i) => i));
      const rows = await store.ledgerRange(0, 60);
      // Each entry is the one whose append was given that index.
      results.forEach((r, i) => expect(rows[r.indexes[0]!]!.entry).to.equal(canonicalJson(entry(i))));
      const leaves = rows.map((r) => leafHash(Buffer.from(r.entry, 'utf8')));
      const checkpoints = await store.listCheckpoints();
      expect(checkpoints.at(-1)!.size).to.equal(60);
      // Every checkpoint, whichever process signed it, is the root of the ledger's first `size` entries:
      // each extends the one before it.
      for (const c of checkpoints) {
        const signed = parseCheckpoint(c.note, {
          name: ORIGIN,
          publicKey: publicKeyObject(keys.ledger.public),
        });
        expect(signed.size).to.equal(c.size);
        expect(signed.root).to.deep.equal(rootFromLeafHashes(leaves.slice(0, c.size)));
      }
      expect(checkpoints.length).to.be.greaterThan(1);
    });

    it('goes on from what the other appended after it started', async () => {
      const [a, b] = [sequencer(store), sequencer(other)];
      await a.init();
      await b.init();
      await a.append({ entries: [entry(0), entry(1)] });
      const r = await b.append({ entries: [entry(2)] });
      expect(r.indexes).to.deep.equal([2]);
      expect(r.head.size).to.equal(3);
      const rows = await other.ledgerRange(0, 3);
      expect(Buffer.from(r.head.root, 'base64url')).to.deep.equal(
        rootFromLeafHashes(rows.map((x) => leafHash(Buffer.from(x.entry, 'utf8')))),
      );
    });

    it('refuses to go on from a tail the other left without a matching checkpoint', async () => {
      const [a, b] = [sequencer(store), sequencer(other)];
      await a.init();
      await b.init();
      await a.append({ entries: [entry(0)] });
      await (store as TypeOrmStore).dataSource.query(
        `UPDATE checkpoints SET root = '${'A'.repeat(43)}' WHERE size = 1`,
      );
      await expectCode(b.append({ entries: [entry(1)] }), 'ledger.tail_mismatch');
      expect(await other.ledgerSize()).to.equal(1);
    });
  });

  describe('when the ledger tail was altered behind its back', () => {
    const tamper = async (sql: string) => {
      const seq = sequencer(store);
      await seq.init();
      for (let i = 0; i < 4; i += 1) await seq.append({ entries: [entry(i)] });
      await store.close();
      store = await openStore(url);
      await (store as TypeOrmStore).dataSource.query(sql);
      return sequencer(store).init();
    };

    it('refuses to start when the last entry was edited', async () => {
      await expectCode(
        tamper(`UPDATE ledger_entries SET entry = replace(entry, 'm3', 'mX') WHERE idx = 3`),
        'ledger.tail_mismatch',
      );
    });

    it('refuses to start when an entry was appended without a checkpoint', async () => {
      await expectCode(
        tamper(`INSERT INTO ledger_entries (idx, entry, created_at) VALUES (4, '{}', 'x')`),
        'ledger.tail_mismatch',
      );
    });

    it('refuses to start when the last checkpoint note was altered', async () => {
      await expectCode(
        tamper(
          `UPDATE checkpoints SET note = replace(note, 'fiu-gateway/FIU-A\n4', 'fiu-gateway/FIU-A\n5') WHERE size = 4`,
        ),
        'ledger.tail_mismatch',
      );
    });

    it('refuses to start when the last entry was deleted', async () => {
      await expectCode(tamper(`DELETE FROM ledger_entries WHERE idx = 3`), 'ledger.tail_mismatch');
    });
  });
});
