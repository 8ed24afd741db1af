import { expect } from 'chai';
import {
  BACKENDS,
  expectGatewayError,
  freshStore,
  rawQuery,
  sampleCase,
  sampleMessage,
  type Fresh,
} from './fixtures.js';

for (const backend of BACKENDS) {
  describe(`store messages and cases (${backend})`, () => {
    let fresh: Fresh;
    beforeEach(async () => (fresh = await freshStore(backend)));
    afterEach(() => fresh.dispose());

    describe('insertMessage and findInbound', () => {
      it('give back the record exactly as stored', async () => {
        const message = sampleMessage({ localCopy: null });
        await fresh.store.transaction((tx) => tx.insertMessage(message));
        expect(await fresh.store.findInbound('FIU-B', message.messageId)).to.deep.equal(message);
        expect(
          await fresh.store.transaction((tx) => tx.findInbound('FIU-B', message.messageId)),
        ).to.deep.equal(message);
      });

      it('keep a null receipt and an outbound local copy', async () => {
        const message = sampleMessage({
          direction: 'out',
          fromFiu: 'FIU-A',
          toFiu: 'FIU-B',
          status: 'sealed',
          receipt: null,
          localCopy: 'eyJsb2NhbCI6dHJ1ZX0.a.b.c.d',
        });
        await fresh.store.transaction((tx) => tx.insertMessage(message));
        expect(await fresh.store.findMessage('out', message.messageId)).to.deep.equal(message);
      });

      it('store a missing local copy as null', async () => {
        const { localCopy: _absent, ...withoutCopy } = sampleMessage();
        await fresh.store.transaction((tx) => tx.insertMessage(withoutCopy));
        const found = await fresh.store.findInbound('FIU-B', withoutCopy.messageId);
        expect(found).to.deep.equal({ ...withoutCopy, localCopy: null });
      });

      it('find nothing for an unknown id, another sender or an outbound message', async () => {
        const outbound = sampleMessage({ direction: 'out', fromFiu: 'FIU-B' });
        await fresh.store.transaction((tx) => tx.insertMessage(outbound));
        expect(await fresh.store.findInbound('FIU-B', outbound.messageId)).to.equal(null);
        expect(await fresh.store.findInbound('FIU-C', outbound.messageId)).to.equal(null);
        expect(await fresh.store.findMessage('in', 'no-such-id')).to.equal(null);
      });
    });

    describe('when an inbound message id from the same sender is stored twice', () => {
      it('refuses the second insert with store.failed and keeps the first', async () => {
        const first = sampleMessage();
        await fresh.store.transaction((tx) => tx.insertMessage(first));
        const second = sampleMessage({ messageId: first.messageId, digest: 'other' });
        const error = await expectGatewayError(
          fresh.store.transaction((tx) => tx.insertMessage(second)),
          'store.failed',
        );
        expect(error.message).to.match(/UNIQUE/i);
        expect(error.cause).to.be.instanceOf(Error);
        expect(await fresh.store.findInbound('FIU-B', first.messageId)).to.deep.equal(first);
      });

      it('still accepts the same id from another sender, or in the other direction', async () => {
        const first = sampleMessage();
        await fresh.store.transaction(async (tx) => {
          await tx.insertMessage(first);
          await tx.insertMessage(sampleMessage({ messageId: first.messageId, fromFiu: 'FIU-C' }));
          await tx.insertMessage(sampleMessage({ messageId: first.messageId, direction: 'out' }));
        });
        expect(await fresh.store.findInbound('FIU-C', first.messageId)).not.to.equal(null);
        expect(await fresh.store.findMessage('out', first.messageId)).not.to.equal(null);
      });
    });

    describe('updateMessage', () => {
      it('changes status and receipt only', async () => {
        const message = sampleMessage({ direction: 'out', status: 'sealed', receipt: null });
        await fresh.store.transaction((tx) => tx.insertMessage(message));
        await fresh.store.transaction((tx) =>
          tx.updateMessage(message.rowId, { status: 'delivered', receipt: 'r.e.c' }),
        );
        expect(await fresh.store.findMessage('out', message.messageId)).to.deep.equal({
          ...message,
          status: 'delivered',
          receipt: 'r.e.c',
        });
        await fresh.store.transaction((tx) => tx.updateMessage(message.rowId, { status: 'failed' }));
        expect(await fresh.store.findMessage('out', message.messageId)).to.include({
          status: 'failed',
          receipt: 'r.e.c',
        });
        await fresh.store.transaction((tx) => tx.updateMessage(message.rowId, {}));
      });

      it('fails for an unknown row id', async () => {
        await expectGatewayError(
          fresh.store.transaction((tx) =>
            tx.updateMessage('00000000-0000-0000-0000-000000000000', { status: 'x' }),
          ),
          'store.failed',
        );
      });
    });

    describe('cases', () => {
      it('round-trip through insertCase and getCase', async () => {
        const record = sampleCase({ deadline: '2026-02-01T00:00:00.000Z' });
        await fresh.store.transaction((tx) => tx.insertCase(record));
        expect(await fresh.store.getCase(record.caseId)).to.deep.equal(record);
        expect(await fresh.store.getCase('no-such-case')).to.equal(null);
      });

      it('are listed newest first, with every given filter applied', async () => {
        const older = sampleCase({ openedAt: '2026-01-01T00:00:00.000Z' });
        const newer = sampleCase({ openedAt: '2026-01-03T00:00:00.000Z', state: 'answered' });
        const otherPartner = sampleCase({ openedAt: '2026-01-02T00:00:00.000Z', partner: 'FIU-C' });
        const outbound = sampleCase({ direction: 'out', state: 'awaiting_response' });
        await fresh.store.transaction(async (tx) => {
          for (const c of [older, newer, otherPartner, outbound]) await tx.insertCase(c);
        });
        const ids = (cases: { caseId: string }[]) => cases.map((c) => c.caseId);
        expect(ids(await fresh.store.listCases({ direction: 'in' }))).to.deep.equal(
          ids([newer, otherPartner, older]),
        );
        expect(ids(await fresh.store.listCases({ direction: 'in', partner: 'FIU-B' }))).to.deep.equal(
          ids([newer, older]),
        );
        expect(ids(await fresh.store.listCases({ state: 'answered' }))).to.deep.equal(ids([newer]));
        expect(await fresh.store.listCases({})).to.have.length(4);
      });

      it('give their messages in ledger order', async () => {
        const record = sampleCase();
        const request = sampleMessage({ caseId: record.caseId, ledgerIndex: 1 });
        const response = sampleMessage({ caseId: record.caseId, ledgerIndex: 5, direction: 'out' });
        const unrelated = sampleMessage({ ledgerIndex: 3 });
        await fresh.store.transaction(async (tx) => {
          await tx.insertMessage(response);
          await tx.insertMessage(unrelated);
          await tx.insertMessage(request);
          await tx.insertCase(record);
        });
        expect(await fresh.store.messagesOfCase(record.caseId)).to.deep.equal([request, response]);
        expect(await fresh.store.messagesOfCase('no-such-case')).to.deep.equal([]);
      });
    });

    describe('when a stored row holds a value the records do not allow', () => {
      it('fails with store.failed instead of passing it on', async () => {
        const message = sampleMessage();
        const record = sampleCase();
        await fresh.store.transaction(async (tx) => {
          await tx.insertMessage(message);
          await tx.insertCase(record);
        });
        await rawQuery(fresh.store, "UPDATE messages SET direction = 'sideways'");
        await rawQuery(fresh.store, "UPDATE cases SET state = 'lost'");
        await expectGatewayError(fresh.store.messagesOfCase(message.caseId), 'store.failed');
        await expectGatewayError(fresh.store.getCase(record.caseId), 'store.failed');
      });
    });
  });
}
