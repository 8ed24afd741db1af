import path from 'node:path';
import { expect } from 'chai';
import { createDataSource, MIGRATIONS } from '../../../src/store/data-source.js';
import { openStore, type OutboxItem } from '../../../src/store/index.js';
import {
  expectGatewayError,
  freshStore,
  internals,
  OUTBOX_T0,
  rawQuery,
  sampleMessage,
  sampleOutboxItem,
  SHARED_BACKEND,
  tempDir,
  type Fresh,
} from './fixtures.js';
import { onPostgres } from '../../helpers/database.js';

const T0 = OUTBOX_T0;
const at = (ms: number) => new Date(T0.getTime() + ms);
const item = sampleOutboxItem;

describe(`the outbox in the store (${SHARED_BACKEND})`, () => {
  let fresh: Fresh;
  beforeEach(async () => {
    fresh = await freshStore(SHARED_BACKEND);
    await fresh.store.transaction(async (tx) => {
      for (const due of [0, 1000, 5000]) {
        const m = sampleMessage({ direction: 'out' });
        await tx.insertMessage(m);
        await tx.insertOutboxItem(item(m.rowId, m.messageId, { nextAttemptAt: at(due).toISOString() }));
      }
    });
  });
  afterEach(() => fresh.dispose());

  describe('claimDue', () => {
    it('claims the due items only, oldest due first, counting an attempt and setting the lease', async () => {
      const claimed = await fresh.store.claimDue(at(1000), 10, 'one', 30_000);
      expect(claimed.map((c) => c.nextAttemptAt)).to.deep.equal([
        at(0).toISOString(),
        at(1000).toISOString(),
      ]);
      for (const c of claimed) {
        expect(c).to.include({ state: 'delivering', claimedBy: 'one', attempts: 1 });
        expect(c.leaseUntil).to.equal(at(31_000).toISOString());
      }
    });

    it('never gives one item to two claimers while its lease runs', async () => {
      const [first, second] = await Promise.all([
        fresh.store.claimDue(at(10_000), 10, 'one', 30_000),
        fresh.store.claimDue(at(10_000), 10, 'two', 30_000),
      ]);
      expect(first.length + second.length).to.equal(3);
      const ids = [...first, ...second].map((c) => c.messageId);
      expect(new Set(ids).size).to.equal(3);
      expect(await fresh.store.claimDue(at(39_999), 10, 'three', 30_000)).to.deep.equal([]);
    });

    it('takes over an item whose lease ran out (its owner died), counting another attempt', async () => {
      await fresh.store.claimDue(at(0), 1, 'dead', 30_000);
      const again = await fresh.store.claimDue(at(30_001), 1, 'alive', 30_000);
      expect(again).to.have.length(1);
      expect(again[0]).to.include({ claimedBy: 'alive', attempts: 2, nextAttemptAt: at(0).toISOString() });
    });

    it('respects the limit', async () => {
      expect(await fresh.store.claimDue(at(10_000), 2, 'one', 30_000)).to.have.length(2);
    });

    // PostgreSQL only: replicas share a PostgreSQL database; a SQLite file is one process's.
    (onPostgres() ? it : it.skip)(
      'gives each item to one of two processes (replicas) claiming at once on one database',
      async () => {
        await fresh.store.transaction(async (tx) => {
          for (let i = 0; i < 40; i++) {
            const m = sampleMessage({ direction: 'out' });
            await tx.insertMessage(m);
            await tx.insertOutboxItem(item(m.rowId, m.messageId));
          }
        });
        const other = await openStore(fresh.url);
        try {
          const drain = async (store: typeof other, owner: string) => {
            const got: OutboxItem[] = [];
            for (;;) {
              const claimed = await store.claimDue(at(10_000), 3, owner, 30_000);
              if (claimed.length === 0) return got;
              got.push(...claimed);
            }
          };
          const [one, two] = await Promise.all([drain(fresh.store, 'one'), drain(other, 'two')]);
          const ids = [...one, ...two].map((c) => c.messageId);
          expect(ids).to.have.length(43);
          expect(new Set(ids).size).to.equal(43);
          for (const c of [...one, ...two]) expect(c.attempts).to.equal(1);
          const stored = await other.listOutbox({ state: 'delivering' });
          expect(stored).to.have.length(43);
          const owners = new Map<string, string>([
            ...one.map((c): [string, string] => [c.messageId, 'one']),
            ...two.map((c): [string, string] => [c.messageId, 'two']),
          ]);
          for (const s of stored) expect(s.claimedBy).to.equal(owners.get(s.messageId));
        } finally {
          await other.close();
        }
      },
    );

    // SQLite only: the relaxed claim commit is a SQLite pragma.
    (onPostgres() ? it.skip : it)(
      'commits a claim without waiting for the disk, and every other transaction durably again',
      async () => {
        const ds = internals(fresh.store).dataSource;
        const seen: string[] = [];
        const query = ds.query.bind(ds);
        ds.query = (sql: string, ...rest: unknown[]) => {
          if (sql.startsWith('PRAGMA synchronous =')) seen.push(sql);
          return query(sql, ...(rest as []));
        };
        expect(await fresh.store.claimDue(at(10_000), 1, 'one', 30_000)).to.have.length(1);
        expect(seen).to.deep.equal(['PRAGMA synchronous = NORMAL', 'PRAGMA synchronous = FULL']);
        expect(await rawQuery(fresh.store, 'PRAGMA synchronous')).to.deep.equal([{ synchronous: 2 }]);
        await fresh.store.transaction((tx) => tx.insertMessage(sampleMessage()));
        expect(seen, 'other transactions do not touch it').to.have.length(2);
        expect(
          await fresh.store.claimDue(at(-1), 1, 'one', 30_000),
          'nothing due: no transaction',
        ).to.deep.equal([]);
        expect(seen).to.have.length(2);
      },
    );
  });

  describe('updateOutboxItem', () => {
    it('refuses the record of an attempt whose lease ran out and whose item the same owner claimed again', async () => {
      const [first] = await fresh.store.claimDue(at(0), 1, 'one', 30_000);
      const [again] = await fresh.store.claimDue(at(60_000), 1, 'one', 30_000);
      expect(again).to.include({ messageId: first!.messageId, attempts: first!.attempts + 1 });
      const record = (attempts: number) =>
        fresh.store.transaction((tx) =>
          tx.updateOutboxItem(first!.messageRowId, {
            patch: { state: 'delivered' },
            expect: { states: ['delivering'], claimedBy: 'one', attempts },
            now: at(60_001).toISOString(),
          }),
        );
      await expectGatewayError(record(first!.attempts), 'exchange.invalid_state');
      expect(await fresh.store.findOutboxItem(first!.messageId)).to.include({ state: 'delivering' });
      await record(again!.attempts);
      expect(await fresh.store.findOutboxItem(first!.messageId)).to.include({
        state: 'delivered',
        attempts: again!.attempts,
      });
    });

    it('changes an item only while it is as expected: a lost claim fails with exchange.invalid_state', async () => {
      const [c] = await fresh.store.claimDue(at(0), 1, 'one', 30_000);
      const update = {
        patch: { state: 'delivered' as const },
        expect: { states: ['delivering' as const], claimedBy: 'two' },
        now: at(1).toISOString(),
      };
      await expectGatewayError(
        fresh.store.transaction((tx) => tx.updateOutboxItem(c!.messageRowId, update)),
        'exchange.invalid_state',
      );
      await fresh.store.transaction((tx) =>
        tx.updateOutboxItem(c!.messageRowId, { ...update, expect: { ...update.expect, claimedBy: 'one' } }),
      );
      expect(await fresh.store.findOutboxItem(c!.messageId)).to.include({
        state: 'delivered',
        updatedAt: at(1).toISOString(),
      });
    });
  });

  it('lists items by state and partner, oldest first', async () => {
    await fresh.store.claimDue(at(0), 1, 'one', 30_000);
    expect(await fresh.store.listOutbox({ state: 'queued' })).to.have.length(2);
    expect(await fresh.store.listOutbox({ state: 'delivering', partner: 'FIU-B' })).to.have.length(1);
    expect(await fresh.store.listOutbox({ partner: 'FIU-C' })).to.deep.equal([]);
  });
});

describe('migration 0004 (outbox)', () => {
  it('applies on top of 0002 with data, which it keeps, and its down() (after the one of 0005) removes the outbox only', async () => {
    const { dir, remove } = await tempDir();
    const file = path.join(dir, 'gateway.sqlite');
    try {
      const old = createDataSource({ kind: 'sqlite-file', file }, MIGRATIONS.slice(0, 2));
      await old.initialize();
      await old.runMigrations({ transaction: 'all' });
      await old.destroy();
      const store = await openStore(`sqlite:${file}`);
      try {
        const tables = async () =>
          (
            await rawQuery<{ name: string }>(
              store,
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
          ).map((t) => t.name);
        expect(await tables()).to.include('outbox');
        expect(await store.listOutbox({})).to.deep.equal([]);
        const { dataSource } = internals(store);
        // The migrations after 0004 first, newest first; then 0004 itself.
        for (let n = MIGRATIONS.length; n > 4; n--)
          await dataSource.undoLastMigration({ transaction: 'all' });
        expect(await tables()).to.include('outbox');
        await dataSource.undoLastMigration({ transaction: 'all' });
        expect(await tables()).to.not.include('outbox');
        expect(await tables()).to.include.members(['messages', 'ledger_entries', 'checkpoints']);
      } finally {
        await store.close();
      }
    } finally {
      await remove();
    }
  });
});
