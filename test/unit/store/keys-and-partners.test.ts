import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { BACKENDS, expectGatewayError, freshStore, rawQuery, sampleKey, type Fresh } from './fixtures.js';

for (const backend of BACKENDS) {
  describe(`store keys and partners (${backend})`, () => {
    let fresh: Fresh;
    beforeEach(async () => (fresh = await freshStore(backend)));
    afterEach(() => fresh.dispose());

    describe('registerKeys', () => {
      it('stores new keys, returned by keysOf with their registration time, oldest window first', async () => {
        const later = sampleKey({ notBefore: '2026-06-01T00:00:00Z', notAfter: '2027-06-01T00:00:00Z' });
        const earlier = sampleKey();
        const enc = sampleKey({ use: 'enc', jwk: { ...sampleKey().jwk, crv: 'X25519' } });
        const before = Date.now();
        await fresh.store.registerKeys([later, earlier, enc]);
        const stored = await fresh.store.keysOf('FIU-B');
        expect(stored.map((k) => k.record.jwk.kid)).to.have.members([
          later.jwk.kid,
          earlier.jwk.kid,
          enc.jwk.kid,
        ]);
        expect(stored[stored.length - 1]!.record).to.deep.equal(later);
        for (const k of stored) expect(Date.parse(k.registeredAt)).to.be.at.least(before - 1000);
        expect(await fresh.store.keysOf('FIU-C')).to.deep.equal([]);
      });

      it('is idempotent: the same key again changes nothing', async () => {
        const key = sampleKey();
        await fresh.store.registerKeys([key]);
        const first = await fresh.store.keysOf('FIU-B');
        await new Promise((resolve) => setTimeout(resolve, 5));
        await fresh.store.registerKeys([key, key]);
        // Same window written another way, same JWK with members in another order: the same key.
        const { kid, x, ...rest } = key.jwk;
        await fresh.store.registerKeys([
          { ...key, notBefore: '2026-01-01T00:00:00.000Z', jwk: { x, kid, ...rest } },
        ]);
        expect(await fresh.store.keysOf('FIU-B')).to.deep.equal(first);
      });

      it('never stores a private key', async () => {
        const publicKey = sampleKey();
        const withPrivate = {
          ...publicKey,
          jwk: { ...publicKey.jwk, d: randomBytes(32).toString('base64url') },
        };
        await fresh.store.registerKeys([withPrivate]);
        const [stored] = await fresh.store.keysOf('FIU-B');
        expect(stored!.record).to.deep.equal(publicKey);
        const rows = await rawQuery<{ public_jwk: string }>(fresh.store, 'SELECT public_jwk FROM keys');
        expect(rows[0]!.public_jwk).not.to.include(withPrivate.jwk.d);
        expect(JSON.parse(rows[0]!.public_jwk)).not.to.have.property('d');
      });

      describe('when a kid is already registered with different content', () => {
        const changes = {
          'another window': { notAfter: '2028-01-01T00:00:00Z' },
          'another owner': { fiu: 'FIU-C' },
          'another public key': { x: randomBytes(32).toString('base64url') },
        };
        for (const [name, change] of Object.entries(changes)) {
          it(`refuses ${name}`, async () => {
            const key = sampleKey();
            await fresh.store.registerKeys([key]);
            const changed =
              'x' in change ? { ...key, jwk: { ...key.jwk, x: change.x } } : { ...key, ...change };
            const error = await expectGatewayError(fresh.store.registerKeys([changed]), 'store.failed');
            expect(error.message).to.equal(`key ${key.jwk.kid} is already registered with different content`);
            expect((await fresh.store.keysOf('FIU-B')).map((k) => k.record)).to.deep.equal([key]);
          });
        }

        it('registers none of the batch', async () => {
          const key = sampleKey();
          await fresh.store.registerKeys([key]);
          const fresh2 = sampleKey();
          await expectGatewayError(
            fresh.store.registerKeys([fresh2, { ...key, notAfter: '2028-01-01T00:00:00Z' }]),
            'store.failed',
          );
          expect((await fresh.store.keysOf('FIU-B')).map((k) => k.record.jwk.kid)).to.deep.equal([
            key.jwk.kid,
          ]);
        });
      });

      describe('when a key record is malformed', () => {
        it('refuses it with crypto.key_invalid', async () => {
          const bad = sampleKey({ notBefore: '2027-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z' });
          await expectGatewayError(fresh.store.registerKeys([bad]), 'crypto.key_invalid');
          expect(await fresh.store.keysOf('FIU-B')).to.deep.equal([]);
        });
      });

      describe('when a stored key was tampered with', () => {
        it('fails with store.failed when read', async () => {
          await fresh.store.registerKeys([sampleKey()]);
          await rawQuery(fresh.store, `UPDATE keys SET public_jwk = '{"kty":"RSA"}'`);
          await expectGatewayError(fresh.store.keysOf('FIU-B'), 'store.failed');
        });
      });
    });

    describe('keysOf inside a transaction', () => {
      it('sees the keys stored before and those the transaction registered, and nothing after a rollback', async () => {
        const [old, added] = [sampleKey(), sampleKey({ notBefore: '2026-06-01T00:00:00Z' })];
        await fresh.store.registerKeys([old]);
        const seen = await fresh.store.transaction(async (tx) => {
          const before = (await tx.keysOf('FIU-B')).map((k) => k.record.jwk.kid);
          await tx.registerKeys([added]);
          return { before, after: (await tx.keysOf('FIU-B')).map((k) => k.record.jwk.kid) };
        });
        expect(seen).to.deep.equal({ before: [old.jwk.kid], after: [old.jwk.kid, added.jwk.kid] });
        const rolledBack = sampleKey({ notBefore: '2026-07-01T00:00:00Z' });
        const failure = new Error('roll back');
        const outcome = await fresh.store
          .transaction(async (tx) => {
            await tx.registerKeys([rolledBack]);
            throw failure;
          })
          .catch((e: unknown) => e);
        expect(outcome).to.equal(failure);
        expect((await fresh.store.keysOf('FIU-B')).map((k) => k.record.jwk.kid)).to.not.include(
          rolledBack.jwk.kid,
        );
      });
    });

    describe('upsertPartner and listPartners', () => {
      it('insert, then update the address, listing by id', async () => {
        await fresh.store.upsertPartner({
          id: 'FIU-C',
          address: 'c:1',
          updatedAt: '2026-01-01T00:00:00.000Z',
        });
        await fresh.store.upsertPartner({
          id: 'FIU-B',
          address: 'b:1',
          updatedAt: '2026-01-01T00:00:00.000Z',
        });
        await fresh.store.upsertPartner({
          id: 'FIU-C',
          address: 'c:2',
          updatedAt: '2026-01-02T00:00:00.000Z',
        });
        expect(await fresh.store.listPartners()).to.deep.equal([
          { id: 'FIU-B', address: 'b:1', updatedAt: '2026-01-01T00:00:00.000Z' },
          { id: 'FIU-C', address: 'c:2', updatedAt: '2026-01-02T00:00:00.000Z' },
        ]);
      });
    });
  });
}
