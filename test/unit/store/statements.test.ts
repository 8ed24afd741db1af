import { expect } from 'chai';
import type { EntityManager } from 'typeorm';
import { MessageEntity, type MessageEntityRow } from '../../../src/store/entities.js';
import { selectFirst, updateWhere } from '../../../src/store/statements.js';
import { BACKENDS, freshStore, internals, sampleMessage, type Fresh } from './fixtures.js';

for (const backend of BACKENDS) {
  describe(`statements (${backend})`, () => {
    let fresh: Fresh;
    let m: EntityManager;
    /** `m`, recording the SQL of what runs through its `query`. */
    const recording = (seen: string[]): EntityManager => {
      const query = m.query.bind(m);
      const spy = Object.create(m) as EntityManager;
      spy.query = (sql: string, parameters?: unknown[]) => {
        seen.push(sql);
        return query(sql, parameters);
      };
      return spy;
    };
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

    describe('selectFirst and updateWhere, their text built once per shape', () => {
      it('find and change the right rows whatever shape came first', async () => {
        const seen: string[] = [];
        const spy = recording(seen);
        const first = (where: Parameters<typeof selectFirst<MessageEntityRow>>[2]) =>
          selectFirst(spy, MessageEntity, where, ['storedAt'], 'DESC');
        expect((await first({ fromFiu: 'FIU-B', type: 'request' }))?.storedAt).to.equal(
          '2026-01-03T00:00:00.000Z',
        );
        expect((await first({ fromFiu: 'FIU-C', type: 'request' }))?.fromFiu).to.equal('FIU-C');
        expect(await first({ fromFiu: ['FIU-D'], type: 'request' })).to.equal(null);
        expect((await first({ fromFiu: ['FIU-D', 'FIU-C'], type: 'request' }))?.fromFiu).to.equal('FIU-C');
        expect((await first({ type: 'response' }))?.type).to.equal('response');
        // The same shape, the same text; a list of another length, or other properties, another.
        expect(seen[1]).to.equal(seen[0]);
        expect(new Set(seen).size).to.equal(4);

        const changed = await updateWhere(
          spy,
          MessageEntity,
          { status: 'delivered' },
          { fromFiu: ['FIU-B', 'FIU-C'], type: 'request' },
        );
        expect(changed).to.equal(4);
        expect(
          await updateWhere(spy, MessageEntity, { status: 'failed', receipt: null }, { type: 'response' }),
        ).to.equal(1);
        expect((await first({ type: 'response' }))?.status).to.equal('failed');
        expect((await first({ fromFiu: 'FIU-C' }))?.status).to.equal('delivered');
      });
    });
  });
}
