import { expect } from 'chai';
import type { EntityManager } from 'typeorm';
import { MessageEntity } from '../../../src/store/entities.js';
import { countSince } from '../../../src/store/statements.js';
import { BACKENDS, freshStore, internals, sampleMessage, type Fresh } from './fixtures.js';

for (const backend of BACKENDS) {
  describe(`countSince (${backend})`, () => {
    let fresh: Fresh;
    let m: EntityManager;
    beforeEach(async () => {
      fresh = await freshStore(backend);
      m = internals(fresh.store).dataSource.manager;
      await fresh.store.transaction(async (tx) => {
        for (const [fromFiu, type, storedAt] of [
          ['FIU-B', 'request', '2026-01-02T00:00:00.000Z'],
          ['FIU-B', 'request', '2026-01-02T00:00:01.000Z'],
          ['FIU-B', 'request', '2026-01-03T00:00:00.000Z'],
          ['FIU-B', 'response', '2026-01-03T00:00:00.000Z'],
          ['FIU-C', 'request', '2026-01-03T00:00:00.000Z'],
        ] as const) {
          await tx.insertMessage(sampleMessage({ fromFiu, type, storedAt }));
        }
      });
    });
    afterEach(() => fresh.dispose());

    it('gives one count per value, of the rows matching where at or after it', async () => {
      const where = { direction: 'in' as const, fromFiu: 'FIU-B', type: 'request' };
      const since = ['2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.001Z', '2026-01-04T00:00:00.000Z'];
      expect(await countSince(m, MessageEntity, where, 'storedAt', since)).to.deep.equal([3, 2, 0]);
    });

    it('takes a list of values in where, and no values at all', async () => {
      const where = { fromFiu: ['FIU-B', 'FIU-C'] };
      expect(
        await countSince(m, MessageEntity, where, 'storedAt', ['2026-01-03T00:00:00.000Z']),
      ).to.deep.equal([3]);
      expect(await countSince(m, MessageEntity, where, 'storedAt', [])).to.deep.equal([]);
    });

    it('runs one statement whose text does not depend on the values', async () => {
      const seen: string[] = [];
      const query = m.query.bind(m);
      const spy = Object.create(m) as EntityManager;
      spy.query = (sql: string, parameters?: unknown[]) => {
        seen.push(sql);
        return query(sql, parameters);
      };
      await countSince(spy, MessageEntity, { fromFiu: 'FIU-B' }, 'storedAt', ['2026-01-01', '2026-01-02']);
      await countSince(spy, MessageEntity, { fromFiu: 'FIU-C' }, 'storedAt', ['2026-02-01', '2026-02-02']);
      expect(seen).to.have.length(2);
      expect(seen[1]).to.equal(seen[0]);
    });
  });
}
