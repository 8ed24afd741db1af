import { expect } from 'chai';
import { GatewayError } from '../../../src/errors.js';
import { openStore } from '../../../src/store/index.js';
import {
  BACKENDS,
  expectGatewayError,
  freshStore,
  gate,
  rawQuery,
  sampleCase,
  sampleMessage,
  secondConnection,
  type Fresh,
} from './fixtures.js';

const entry = (n: number) => JSON.stringify({ event: 'test', n });

for (const backend of BACKENDS) {
  describe(`store ledger and transactions (${backend})`, () => {
    let fresh: Fresh;
    beforeEach(async () => (fresh = await freshStore(backend)));
    afterEach(() => fresh.dispose());

    describe('appendLedger', () => {
      it('starts at 0 and appends at consecutive indexes', async () => {
        expect(await fresh.store.ledgerSize()).to.equal(0);
        expect(await fresh.store.ledgerRange(0, 10)).to.deep.equal([]);
        expect(await fresh.store.transaction((tx) => tx.appendLedger([entry(0), entry(1)]))).to.deep.equal([
          0, 1,
        ]);
        expect(await fresh.store.transaction((tx) => tx.appendLedger([entry(2)]))).to.deep.equal([2]);
        expect(await fresh.store.transaction((tx) => tx.appendLedger([]))).to.deep.equal([]);
        expect(await fresh.store.ledgerSize()).to.equal(3);
        expect(await fresh.store.ledgerRange(0, 3)).to.deep.equal([
          { index: 0, entry: entry(0) },
          { index: 1, entry: entry(1) },
          { index: 2, entry: entry(2) },
        ]);
      });

      it('reads half-open ranges', async () => {
        await fresh.store.transaction((tx) => tx.appendLedger([0, 1, 2, 3, 4].map(entry)));
        expect((await fresh.store.ledgerRange(1, 3)).map((r) => r.index)).to.deep.equal([1, 2]);
        expect((await fresh.store.ledgerRange(3, 99)).map((r) => r.index)).to.deep.equal([3, 4]);
        expect(await fresh.store.ledgerRange(3, 3)).to.deep.equal([]);
        expect(await fresh.store.ledgerRange(4, 2)).to.deep.equal([]);
        await expectGatewayError(fresh.store.ledgerRange(-1, 2), 'store.failed');
      });

      it('appends a batch larger than one INSERT at consecutive indexes', async () => {
        const entries = Array.from({ length: 450 }, (_, i) => entry(i));
        const indexes = await fresh.store.transaction((tx) => tx.appendLedger(entries));
        expect(indexes).to.deep.equal(entries.map((_, i) => i));
        const rows = await fresh.store.ledgerRange(0, 450);
        expect(rows.map((r) => r.entry)).to.deep.equal(entries);
      });

      it('gives 50 concurrent transactions contiguous indexes, without gaps or duplicates', async () => {
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            fresh.store.transaction(async (tx) => {
              await Promise.resolve(); // yield, so the transactions really overlap in time
              return tx.appendLedger(Array.from({ length: (i % 3) + 1 }, (_, j) => entry(i * 10 + j)));
            }),
          ),
        );
        const all = results.flat().sort((a, b) => a - b);
        const total = results.reduce((n, r) => n + r.length, 0);
        expect(all).to.deep.equal(Array.from({ length: total }, (_, i) => i));
        for (const r of results) expect(r).to.deep.equal(r.map((_, j) => r[0]! + j)); // each batch contiguous
        expect(await fresh.store.ledgerSize()).to.equal(total);
      });

      it('refuses a second entry at an existing index (the primary key, not the sequencer, is the last guard)', async () => {
        await fresh.store.transaction((tx) => tx.appendLedger([entry(0)]));
        let error: unknown;
        try {
          await rawQuery(
            fresh.store,
            "INSERT INTO ledger_entries (idx, entry, created_at) VALUES (0, 'fork', 'now')",
          );
        } catch (err) {
          error = err;
        }
        expect(String(error)).to.match(/UNIQUE|PRIMARY/i);
        expect(await fresh.store.ledgerRange(0, 1)).to.deep.equal([{ index: 0, entry: entry(0) }]);
      });
    });

    describe('when the function given to transaction throws', () => {
      it('leaves nothing behind and passes the error through unchanged', async () => {
        const message = sampleMessage();
        const record = sampleCase({ caseId: message.caseId });
        const thrown = new GatewayError('crypto.bad_receipt', 'on purpose');
        let caught: unknown;
        try {
          await fresh.store.transaction(async (tx) => {
            await tx.appendLedger([entry(0)]);
            await tx.insertMessage(message);
            await tx.insertCase(record);
            throw thrown;
          });
        } catch (err) {
          caught = err;
        }
        expect(caught).to.equal(thrown);
        expect(await fresh.store.findInbound(message.fromFiu, message.messageId)).to.equal(null);
        expect(await fresh.store.getCase(record.caseId)).to.equal(null);
        expect(await fresh.store.ledgerSize()).to.equal(0);
        expect(await fresh.store.ledgerRange(0, 1)).to.deep.equal([]);
      });

      it('passes a plain error through unchanged too', async () => {
        const thrown = new TypeError('a bug in the caller');
        let caught: unknown;
        try {
          await fresh.store.transaction(async (tx) => {
            await tx.appendLedger([entry(0)]);
            throw thrown;
          });
        } catch (err) {
          caught = err;
        }
        expect(caught).to.equal(thrown);
        expect(await fresh.store.ledgerSize()).to.equal(0);
      });
    });

    describe('when a statement fails inside a transaction', () => {
      it('fails with store.failed (cause kept) and rolls back the earlier writes', async () => {
        const first = sampleMessage();
        await fresh.store.transaction((tx) => tx.insertMessage(first));
        const error = await expectGatewayError(
          fresh.store.transaction(async (tx) => {
            await tx.appendLedger([entry(0)]);
            await tx.insertMessage(sampleMessage({ messageId: first.messageId }));
          }),
          'store.failed',
        );
        expect(error.cause).to.be.instanceOf(Error);
        expect(await fresh.store.ledgerSize()).to.equal(0);
      });
    });

    describe('reads while a transaction is open', () => {
      it('do not see its uncommitted rows (they wait for it to end)', async () => {
        const message = sampleMessage();
        const inserted = gate();
        const release = gate();
        const tx = fresh.store.transaction(async (t) => {
          await t.insertMessage(message);
          await t.appendLedger([entry(0)]);
          inserted.open();
          await release.opened;
          throw new Error('roll back');
        });
        await inserted.opened;
        const read = fresh.store.findInbound(message.fromFiu, message.messageId);
        const size = fresh.store.ledgerSize();
        release.open();
        await tx.catch(() => undefined);
        expect(await read).to.equal(null);
        expect(await size).to.equal(0);
      });

      it('run at once, inside it, when called from the transaction itself', async () => {
        const message = sampleMessage();
        const seen = await fresh.store.transaction(async (tx) => {
          await tx.insertMessage(message);
          await tx.appendLedger([entry(0)]);
          return [
            await fresh.store.findInbound(message.fromFiu, message.messageId),
            await fresh.store.ledgerSize(),
          ];
        });
        expect(seen).to.deep.equal([message, 1]);
      });
    });

    describe('when transaction is called inside a transaction', () => {
      it('refuses with store.failed instead of deadlocking', async () => {
        await expectGatewayError(
          fresh.store.transaction(() => fresh.store.transaction((tx) => tx.appendLedger([entry(0)]))),
          'store.failed',
        );
        expect(await fresh.store.ledgerSize()).to.equal(0);
      });
    });

    describe('when a tx is used after its transaction ended', () => {
      it('refuses with store.failed', async () => {
        const kept = await fresh.store.transaction(async (tx) => tx);
        await expectGatewayError(kept.appendLedger([entry(0)]), 'store.failed');
        expect(await fresh.store.ledgerSize()).to.equal(0);
      });
    });
  });
}

describe('store transactions on a file', () => {
  let fresh: Fresh;
  beforeEach(async () => (fresh = await freshStore('file')));
  afterEach(() => fresh.dispose());

  it('take the write lock when they begin (BEGIN IMMEDIATE semantics), while readers keep reading', async () => {
    await fresh.store.transaction((tx) => tx.appendLedger([entry(0)]));
    const other = secondConnection(fresh.file!);
    const began = gate();
    const release = gate();
    const tx = fresh.store.transaction(async () => {
      began.open();
      await release.opened; // the transaction has not written anything yet
    });
    try {
      await began.opened;
      expect(() => other.exec('BEGIN IMMEDIATE')).to.throw(/locked|busy/i);
      expect(other.prepare('SELECT count(*) AS n FROM ledger_entries').all()).to.deep.equal([{ n: 1 }]);
    } finally {
      release.open();
      await tx;
    }
    try {
      other.exec('BEGIN IMMEDIATE'); // free again once the transaction committed
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });

  it('are durable: what a transaction committed is there after reopening', async () => {
    const indexes = await fresh.store.transaction((tx) => tx.appendLedger([entry(0), entry(1)]));
    await fresh.store.close();
    const reopened = await openStore(fresh.url);
    try {
      expect(await reopened.ledgerSize()).to.equal(2);
      expect(await reopened.transaction((tx) => tx.appendLedger([entry(2)]))).to.deep.equal([indexes.length]);
    } finally {
      await reopened.close();
    }
  });
});
