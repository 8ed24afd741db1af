import { createHash } from 'node:crypto';
import path from 'node:path';
import { expect } from 'chai';
import { GatewayError } from '../../../src/errors.js';
import { createDataSource, MIGRATIONS } from '../../../src/store/data-source.js';
import {
  openStore,
  type CheckpointRow,
  type LedgerNode,
  type PartnerCheckpointRow,
  type Store,
} from '../../../src/store/index.js';
import { TypeOrmStore } from '../../../src/store/store.js';
import {
  BACKENDS,
  expectGatewayError,
  freshStore,
  insertMessageRow,
  internals,
  rawQuery,
  sampleMessage,
  secondConnection,
  tempDir,
  type Fresh,
} from './fixtures.js';

/** A base64url SHA-256 hash (no padding), distinct for every label. */
const h = (label: string | number) => createHash('sha256').update(String(label)).digest('base64url');
const entry = (n: number) => JSON.stringify({ event: 'test', n });
const node = (level: number, index: number, label: string | number = `${level}/${index}`): LedgerNode => ({
  level,
  index,
  hash: h(label),
});
const checkpoint = (size: number, overrides: Partial<CheckpointRow> = {}): CheckpointRow => ({
  size,
  root: h(`root ${size}`),
  note: `gateway.example/FIU-A\n${size}\n${h(`root ${size}`)}\n\n— FIU-A sig${size}\n`,
  createdAt: '2026-01-02T03:04:05.000Z',
  ...overrides,
});
const partnerCheckpoint = (
  partner: string,
  size: number,
  overrides: Partial<PartnerCheckpointRow> = {},
): PartnerCheckpointRow => ({
  partner,
  size,
  root: h(`${partner} root ${size}`),
  note: `gateway.example/${partner}\n${size}\n${h(`${partner} root ${size}`)}\n\n— ${partner} sig\n`,
  seenAt: '2026-01-02T03:04:06.000Z',
  ...overrides,
});

/** Records the SQL of every statement the store runs while `fn` runs. */
async function statementsOf(store: Store, fn: () => Promise<unknown>): Promise<string[]> {
  // Every query runner of the driver (better-sqlite3 has one, PostgreSQL one per connection in use).
  const runner = internals(store).dataSource.createQueryRunner();
  const proto = Object.getPrototypeOf(runner) as typeof runner;
  const original = proto.query;
  const seen: string[] = [];
  proto.query = function (this: typeof runner, ...args: Parameters<typeof original>) {
    seen.push(args[0]);
    return original.apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return seen;
}

const countRows = async (store: Store, table: string) =>
  Number((await rawQuery<{ n: number | string }>(store, `SELECT count(*) AS n FROM ${table}`))[0]!.n);

for (const backend of BACKENDS) {
  describe(`store ledger tree (${backend})`, () => {
    let fresh: Fresh;
    beforeEach(async () => (fresh = await freshStore(backend)));
    afterEach(() => fresh.dispose());

    describe('putLedgerNodes and ledgerNodes', () => {
      it('round-trip nodes: in the order asked, null where absent, repeats answered each time', async () => {
        const nodes = [node(0, 0), node(0, 1), node(1, 0), node(0, 2), node(2, 0), node(40, 3)];
        await fresh.store.transaction((tx) => tx.putLedgerNodes(nodes));
        const refs = [
          { level: 2, index: 0 },
          { level: 0, index: 3 }, // absent
          { level: 0, index: 0 },
          { level: 1, index: 1 }, // absent
          { level: 0, index: 0 },
          { level: 40, index: 3 },
          { level: 0, index: 2 },
        ];
        expect(await fresh.store.ledgerNodes(refs)).to.deep.equal([
          h('2/0'),
          null,
          h('0/0'),
          null,
          h('0/0'),
          h('40/3'),
          h('0/2'),
        ]);
        expect(await fresh.store.ledgerNodes([])).to.deep.equal([]);
        expect(await fresh.store.ledgerNodes([{ level: 5, index: 5 }])).to.deep.equal([null]);
      });

      it('answers up to ~64 refs with one statement', async () => {
        const nodes = Array.from({ length: 64 }, (_, i) => node(i % 8, i));
        await fresh.store.transaction((tx) => tx.putLedgerNodes(nodes));
        const statements = await statementsOf(fresh.store, async () => {
          expect(await fresh.store.ledgerNodes(nodes)).to.deep.equal(nodes.map((n) => n.hash));
        });
        expect(statements.filter((sql) => /^\s*SELECT/i.test(sql))).to.have.length(1);
      });

      it('stores a large batch with one multi-row INSERT per 500 nodes, and reads it back in order', async () => {
        const nodes = Array.from({ length: 1234 }, (_, i) => node(i % 3, i));
        const statements = await statementsOf(fresh.store, () =>
          fresh.store.transaction((tx) => tx.putLedgerNodes(nodes)),
        );
        expect(statements.filter((sql) => /INSERT INTO "ledger_nodes"/.test(sql))).to.have.length(3);
        expect(await countRows(fresh.store, 'ledger_nodes')).to.equal(1234);
        const reversed = [...nodes].reverse();
        expect(await fresh.store.ledgerNodes(reversed)).to.deep.equal(reversed.map((n) => n.hash));
      });

      it('leaves a node stored again with the same hash as it is (also twice in one call)', async () => {
        await fresh.store.transaction((tx) => tx.putLedgerNodes([node(0, 0), node(0, 1)]));
        await fresh.store.transaction((tx) =>
          tx.putLedgerNodes([node(0, 1), node(1, 0), node(1, 0), node(0, 0)]),
        );
        await fresh.store.transaction((tx) => tx.putLedgerNodes([]));
        expect(await countRows(fresh.store, 'ledger_nodes')).to.equal(3);
        expect(await fresh.store.ledgerNodes([node(0, 0), node(0, 1), node(1, 0)])).to.deep.equal([
          h('0/0'),
          h('0/1'),
          h('1/0'),
        ]);
      });

      describe('when a position is already stored with another hash', () => {
        it('fails with store.failed, and the transaction leaves nothing behind', async () => {
          await fresh.store.transaction((tx) => tx.putLedgerNodes([node(0, 0)]));
          const error = await expectGatewayError(
            fresh.store.transaction(async (tx) => {
              await tx.appendLedger([entry(0)]);
              await tx.putLedgerNodes([node(0, 1), node(0, 0, 'another'), node(1, 0)]);
            }),
            'store.failed',
          );
          expect(error.message).to.include('level 0, index 0');
          expect(await fresh.store.ledgerNodes([node(0, 0), node(0, 1), node(1, 0)])).to.deep.equal([
            h('0/0'),
            null,
            null,
          ]);
          expect(await fresh.store.ledgerSize()).to.equal(0);
        });

        it('fails too when one call gives two hashes for one position', async () => {
          await expectGatewayError(
            fresh.store.transaction((tx) => tx.putLedgerNodes([node(3, 1), node(3, 1, 'other')])),
            'store.failed',
          );
          expect(await countRows(fresh.store, 'ledger_nodes')).to.equal(0);
        });
      });

      describe('when a node is malformed', () => {
        const good = h('x');
        const cases: Record<string, LedgerNode> = {
          'a padded hash': { level: 0, index: 0, hash: `${good}=` },
          'a standard-base64 hash': { level: 0, index: 0, hash: `${good.slice(0, 42)}+` },
          'a short hash': { level: 0, index: 0, hash: good.slice(0, 42) },
          'a hash in a non-canonical spelling': {
            level: 0,
            index: 0,
            // The last character carries 4 bits and 2 padding bits; setting a padding bit decodes to
            // the same bytes, but is not the hash's one spelling.
            hash: `${h('y').slice(0, 42)}B`,
          },
          'a negative index': { level: 0, index: -1, hash: good },
          'a fractional level': { level: 0.5, index: 0, hash: good },
          'an absurd level': { level: 64, index: 0, hash: good },
        };
        for (const [name, bad] of Object.entries(cases)) {
          it(`refuses ${name} with store.failed and stores nothing`, async () => {
            await expectGatewayError(
              fresh.store.transaction((tx) => tx.putLedgerNodes([node(0, 5), bad])),
              'store.failed',
            );
            expect(await countRows(fresh.store, 'ledger_nodes')).to.equal(0);
          });
        }

        it('refuses malformed refs in ledgerNodes with store.failed', async () => {
          await expectGatewayError(fresh.store.ledgerNodes([{ level: 0, index: -1 }]), 'store.failed');
          await expectGatewayError(fresh.store.ledgerNodes([{ level: NaN, index: 0 }]), 'store.failed');
        });
      });
    });

    describe('checkpoints', () => {
      it('are stored and read back: latest, at a size, absent', async () => {
        expect(await fresh.store.latestCheckpoint()).to.equal(null);
        await fresh.store.transaction(async (tx) => {
          await tx.putCheckpoint(checkpoint(0));
          await tx.putCheckpoint(checkpoint(7));
          await tx.putCheckpoint(checkpoint(3));
        });
        expect(await fresh.store.latestCheckpoint()).to.deep.equal(checkpoint(7));
        expect(await fresh.store.checkpointAt(3)).to.deep.equal(checkpoint(3));
        expect(await fresh.store.checkpointAt(0)).to.deep.equal(checkpoint(0));
        expect(await fresh.store.checkpointAt(4)).to.equal(null);
        await expectGatewayError(fresh.store.checkpointAt(-1), 'store.failed');
      });

      it('are idempotent: the same size and root again change nothing (the first note stays)', async () => {
        await fresh.store.transaction((tx) => tx.putCheckpoint(checkpoint(5)));
        await fresh.store.transaction((tx) =>
          tx.putCheckpoint(checkpoint(5, { note: 'another note', createdAt: '2027-01-01T00:00:00Z' })),
        );
        expect(await fresh.store.listCheckpoints()).to.deep.equal([checkpoint(5)]);
      });

      describe('when a size is already stored with another root', () => {
        it('fails with ledger.fork naming both roots, and the transaction leaves nothing behind', async () => {
          await fresh.store.transaction((tx) => tx.putCheckpoint(checkpoint(5)));
          const other = checkpoint(5, { root: h('forked') });
          const error = await expectGatewayError(
            fresh.store.transaction(async (tx) => {
              await tx.appendLedger([entry(0)]);
              await tx.putCheckpoint(checkpoint(6));
              await tx.putCheckpoint(other);
            }),
            'ledger.fork',
          );
          expect(error.kind).to.equal('internal');
          expect(error.message).to.include(checkpoint(5).root).and.to.include(other.root);
          expect(await fresh.store.listCheckpoints()).to.deep.equal([checkpoint(5)]);
          expect(await fresh.store.ledgerSize()).to.equal(0);
        });

        it('refuses without disturbing the transaction: caught inside it, the rest commits', async () => {
          await fresh.store.transaction((tx) => tx.putCheckpoint(checkpoint(5)));
          await fresh.store.transaction(async (tx) => {
            await tx.putCheckpoint(checkpoint(6));
            await expectGatewayError(tx.putCheckpoint(checkpoint(5, { root: h('forked') })), 'ledger.fork');
            await tx.putCheckpoint(checkpoint(7));
          });
          expect((await fresh.store.listCheckpoints()).map((c) => c.size)).to.deep.equal([5, 6, 7]);
          expect(await fresh.store.checkpointAt(5)).to.deep.equal(checkpoint(5));
        });

        it('is refused by the primary key too, whatever the code does', async () => {
          await fresh.store.transaction((tx) => tx.putCheckpoint(checkpoint(5)));
          let error: unknown;
          try {
            await rawQuery(
              fresh.store,
              "INSERT INTO checkpoints (size, root, note, created_at) VALUES (5, ?, 'n', 'now')",
              [h('forked')],
            );
          } catch (err) {
            error = err;
          }
          expect(String(error)).to.match(/UNIQUE|PRIMARY/i);
        });
      });

      it('are listed by ascending size, from a size, in pages', async () => {
        const sizes = [64, 1, 16, 2, 32, 4, 8];
        await fresh.store.transaction(async (tx) => {
          for (const size of sizes) await tx.putCheckpoint(checkpoint(size));
        });
        const sizesOf = (rows: CheckpointRow[]) => rows.map((c) => c.size);
        expect(sizesOf(await fresh.store.listCheckpoints())).to.deep.equal([1, 2, 4, 8, 16, 32, 64]);
        expect(await fresh.store.listCheckpoints()).to.deep.equal(
          [1, 2, 4, 8, 16, 32, 64].map((s) => checkpoint(s)),
        );
        expect(sizesOf(await fresh.store.listCheckpoints(5))).to.deep.equal([8, 16, 32, 64]);
        expect(sizesOf(await fresh.store.listCheckpoints(8, 2))).to.deep.equal([8, 16]);
        expect(sizesOf(await fresh.store.listCheckpoints(65))).to.deep.equal([]);
        expect(await fresh.store.listCheckpoints(0, 0)).to.deep.equal([]);

        const paged: number[] = [];
        let from = 0;
        for (;;) {
          const page = await fresh.store.listCheckpoints(from, 3);
          if (page.length === 0) break;
          paged.push(...sizesOf(page));
          from = page[page.length - 1]!.size + 1;
        }
        expect(paged).to.deep.equal([1, 2, 4, 8, 16, 32, 64]);

        await expectGatewayError(fresh.store.listCheckpoints(-1), 'store.failed');
        await expectGatewayError(fresh.store.listCheckpoints(0, 1.5), 'store.failed');
      });

      it('refuses a malformed checkpoint with store.failed', async () => {
        for (const bad of [
          checkpoint(1, { root: 'not a hash' }),
          checkpoint(-1),
          checkpoint(1, { note: '' }),
        ]) {
          await expectGatewayError(
            fresh.store.transaction((tx) => tx.putCheckpoint(bad)),
            'store.failed',
          );
        }
        expect(await fresh.store.latestCheckpoint()).to.equal(null);
      });
    });

    describe('partner checkpoints', () => {
      it('are kept per partner: the latest is the largest size', async () => {
        expect(await fresh.store.latestPartnerCheckpoint('FIU-B')).to.equal(null);
        await fresh.store.transaction(async (tx) => {
          await tx.putPartnerCheckpoint(partnerCheckpoint('FIU-B', 10));
          await tx.putPartnerCheckpoint(partnerCheckpoint('FIU-B', 30));
          await tx.putPartnerCheckpoint(partnerCheckpoint('FIU-B', 20));
          await tx.putPartnerCheckpoint(partnerCheckpoint('FIU-C', 5));
          await tx.putPartnerCheckpoint(partnerCheckpoint('FIU-C', 30)); // same size, other partner
        });
        expect(await fresh.store.latestPartnerCheckpoint('FIU-B')).to.deep.equal(
          partnerCheckpoint('FIU-B', 30),
        );
        expect(await fresh.store.latestPartnerCheckpoint('FIU-C')).to.deep.equal(
          partnerCheckpoint('FIU-C', 30),
        );
        expect(await fresh.store.latestPartnerCheckpoint('FIU-D')).to.equal(null);
      });

      it('are idempotent: the same partner, size and root again change nothing', async () => {
        await fresh.store.transaction((tx) => tx.putPartnerCheckpoint(partnerCheckpoint('FIU-B', 10)));
        await fresh.store.transaction((tx) =>
          tx.putPartnerCheckpoint(partnerCheckpoint('FIU-B', 10, { seenAt: '2027-01-01T00:00:00Z' })),
        );
        expect(await fresh.store.latestPartnerCheckpoint('FIU-B')).to.deep.equal(
          partnerCheckpoint('FIU-B', 10),
        );
        expect(await countRows(fresh.store, 'partner_checkpoints')).to.equal(1);
      });

      describe('when a partner and size are already stored with another root', () => {
        it('fails with ledger.fork, and the transaction leaves nothing behind', async () => {
          await fresh.store.transaction((tx) => tx.putPartnerCheckpoint(partnerCheckpoint('FIU-B', 10)));
          const forked = partnerCheckpoint('FIU-B', 10, { root: h('forked') });
          const error = await expectGatewayError(
            fresh.store.transaction(async (tx) => {
              await tx.putPartnerCheckpoint(partnerCheckpoint('FIU-B', 11));
              await tx.putPartnerCheckpoint(forked);
            }),
            'ledger.fork',
          );
          expect(error.message).to.include('FIU-B').and.to.include(forked.root);
          expect(await fresh.store.latestPartnerCheckpoint('FIU-B')).to.deep.equal(
            partnerCheckpoint('FIU-B', 10),
          );
        });
      });

      it('refuses a malformed partner checkpoint with store.failed', async () => {
        await expectGatewayError(
          fresh.store.transaction((tx) => tx.putPartnerCheckpoint(partnerCheckpoint('', 1))),
          'store.failed',
        );
        await expectGatewayError(
          fresh.store.transaction((tx) =>
            tx.putPartnerCheckpoint(partnerCheckpoint('FIU-B', 1, { root: h('x').slice(1) })),
          ),
          'store.failed',
        );
        await expectGatewayError(fresh.store.latestPartnerCheckpoint(''), 'store.failed');
      });
    });

    describe('when the function given to transaction throws after storing tree data', () => {
      it('leaves nothing behind and passes the error through unchanged', async () => {
        const thrown = new GatewayError('ledger.bad_input', 'on purpose');
        let caught: unknown;
        try {
          await fresh.store.transaction(async (tx) => {
            await tx.appendLedger([entry(0), entry(1)]);
            await tx.putLedgerNodes([node(0, 0), node(0, 1), node(1, 0)]);
            await tx.putCheckpoint(checkpoint(2));
            await tx.putPartnerCheckpoint(partnerCheckpoint('FIU-B', 9));
            // Reads from inside the transaction see its writes...
            expect(await fresh.store.ledgerNodes([{ level: 1, index: 0 }])).to.deep.equal([h('1/0')]);
            expect(await fresh.store.latestCheckpoint()).to.deep.equal(checkpoint(2));
            throw thrown;
          });
        } catch (err) {
          caught = err;
        }
        expect(caught).to.equal(thrown);
        // ...and nothing of it outlives the rollback.
        expect(await fresh.store.ledgerSize()).to.equal(0);
        expect(await fresh.store.ledgerNodes([node(0, 0), node(0, 1), node(1, 0)])).to.deep.equal([
          null,
          null,
          null,
        ]);
        expect(await fresh.store.latestCheckpoint()).to.equal(null);
        expect(await fresh.store.latestPartnerCheckpoint('FIU-B')).to.equal(null);
      });
    });

    describe('appendLedger', () => {
      it('writes a batch with one multi-row INSERT per 500 entries', async () => {
        const entries = Array.from({ length: 1001 }, (_, i) => entry(i));
        const statements = await statementsOf(fresh.store, () =>
          fresh.store.transaction((tx) => tx.appendLedger(entries)),
        );
        expect(statements.filter((sql) => /INSERT INTO "ledger_entries"/.test(sql))).to.have.length(3);
        expect((await fresh.store.ledgerRange(0, 2000)).map((r) => r.entry)).to.deep.equal(entries);
      });
    });
  });
}

describe('migration 0002 (ledger tree)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let file: string;
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
    file = path.join(dir, 'gateway.sqlite');
  });
  afterEach(() => remove());

  /** A database file at schema 0001 only, holding a ledger entry, a message and a partner. */
  async function databaseAt0001(): Promise<ReturnType<typeof sampleMessage>> {
    const dataSource = createDataSource({ kind: 'sqlite-file', file }, MIGRATIONS.slice(0, 1));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
    const old = new TypeOrmStore(dataSource);
    const message = sampleMessage();
    await old.transaction(async (tx) => {
      await tx.appendLedger([entry(0), entry(1)]);
    });
    await insertMessageRow(old, message);
    await old.upsertPartner({ id: 'FIU-B', address: 'fiu-b:7443', updatedAt: '2026-01-01T00:00:00Z' });
    await old.close();
    return message;
  }

  const tablesIn = (check: ReturnType<typeof secondConnection>) =>
    (
      check
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as Array<{ name: string }>
    ).map((t) => t.name);

  it('is listed after 0001', () => {
    // Later migrations follow (test/unit/store/open-store.test.ts lists them all).
    expect(MIGRATIONS.slice(0, 2).map((m) => m.name)).to.deep.equal([
      'Initial1764200000000',
      'LedgerTree1764900000000',
    ]);
  });

  it('applies on top of 0001 on a file with data, which it keeps', async () => {
    const message = await databaseAt0001();
    const store = await openStore(`sqlite:${file}`);
    try {
      expect(await store.ledgerRange(0, 10)).to.deep.equal([
        { index: 0, entry: entry(0) },
        { index: 1, entry: entry(1) },
      ]);
      expect(await store.findInbound(message.fromFiu, message.messageId)).to.deep.equal(message);
      expect((await store.listPartners()).map((p) => p.id)).to.deep.equal(['FIU-B']);
      const migrations = await rawQuery<{ name: string }>(store, 'SELECT name FROM migrations ORDER BY id');
      expect(migrations.map((m) => m.name)).to.deep.equal(MIGRATIONS.map((m) => m.name));
      await store.transaction(async (tx) => {
        await tx.putLedgerNodes([node(0, 0), node(0, 1), node(1, 0)]);
        await tx.putCheckpoint(checkpoint(2));
      });
    } finally {
      await store.close();
    }
    const reopened = await openStore(`sqlite:${file}`);
    try {
      expect(await reopened.ledgerNodes([{ level: 1, index: 0 }])).to.deep.equal([h('1/0')]);
      expect(await reopened.latestCheckpoint()).to.deep.equal(checkpoint(2));
      expect(await reopened.ledgerSize()).to.equal(2);
    } finally {
      await reopened.close();
    }
  });

  it('creates the tables with their primary keys (ledger_nodes without rowid)', async () => {
    const store = await openStore(`sqlite:${file}`);
    await store.close();
    const check = secondConnection(file);
    try {
      const primaryKey = (table: string) =>
        (check.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; pk: number }>)
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name);
      expect(primaryKey('ledger_nodes')).to.deep.equal(['level', 'idx']);
      expect(primaryKey('checkpoints')).to.deep.equal(['size']);
      expect(primaryKey('partner_checkpoints')).to.deep.equal(['partner', 'size']);
      const [{ sql }] = check
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'ledger_nodes'")
        .all() as Array<{ sql: string }>;
      expect(sql).to.match(/WITHOUT ROWID$/);
    } finally {
      check.close();
    }
  });

  describe('when it fails', () => {
    it('fails with store.migration_failed and leaves the database at 0001, data kept', async () => {
      await databaseAt0001();
      // A stray table with the name of the last one 0002 creates makes it fail late.
      const db = secondConnection(file);
      db.exec('CREATE TABLE partner_checkpoints (x integer)');
      db.close();

      await expectGatewayError(openStore(`sqlite:${file}`), 'store.migration_failed');

      const check = secondConnection(file);
      try {
        expect(tablesIn(check)).to.deep.equal([
          'cases',
          'keys',
          'ledger_entries',
          'messages',
          'migrations',
          'partner_checkpoints',
          'partners',
        ]);
        expect(check.prepare('SELECT name FROM migrations').all()).to.deep.equal([
          { name: 'Initial1764200000000' },
        ]);
        expect(check.prepare('SELECT count(*) AS n FROM ledger_entries').all()).to.deep.equal([{ n: 2 }]);
      } finally {
        check.close();
      }
    });
  });

  it('is undone by its down(): the three tables go, the rest stays', async () => {
    await databaseAt0001();
    // Migrated up to 0002 only, so that 0002 is the last migration to undo.
    const dataSource = createDataSource({ kind: 'sqlite-file', file }, MIGRATIONS.slice(0, 2));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
    const store = new TypeOrmStore(dataSource);
    try {
      await dataSource.undoLastMigration({ transaction: 'all' });
      const tables = await rawQuery<{ name: string }>(
        store,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      );
      expect(tables.map((t) => t.name)).to.deep.equal([
        'cases',
        'keys',
        'ledger_entries',
        'messages',
        'migrations',
        'partners',
      ]);
      expect(await store.ledgerSize()).to.equal(2);
    } finally {
      await store.close();
    }
  });
});
