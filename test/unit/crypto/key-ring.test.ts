import { expect } from 'chai';
import { KeyRing, type KeyRecord } from '../../../src/crypto/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { makeFius, makeKey, NOW, ringFor, type FiuKeys } from '../../helpers/keys.js';

const DAY = 24 * 3600 * 1000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

describe('KeyRing', () => {
  let fius: Record<string, FiuKeys>;
  let ringA: KeyRing;
  before(async () => {
    fius = await makeFius();
    ringA = await ringFor('FIU-A', fius);
  });

  describe('signingKey and encryptionKey', () => {
    it('give the own keys valid now, with their private parts', () => {
      expect(ringA.signingKey(NOW).jwk.kid).to.equal(fius['FIU-A']!.sig.private.jwk.kid);
      expect(ringA.signingKey(NOW).jwk.d).to.be.a('string');
      expect(ringA.encryptionKey(NOW).jwk.kid).to.equal(fius['FIU-A']!.enc.private.jwk.kid);
    });

    describe('when keys overlap during a rotation', () => {
      it('gives the newest (latest notBefore)', async () => {
        const newer = await makeKey('FIU-A', 'sig', at(-1), at(300));
        const ring = await ringFor('FIU-A', fius, { own: [newer.private] });
        expect(ring.signingKey(NOW).jwk.kid).to.equal(newer.private.jwk.kid);
        expect(ring.signingKey(at(-2)).jwk.kid).to.equal(fius['FIU-A']!.sig.private.jwk.kid);
      });
    });

    describe('when no own key is valid at that time', () => {
      it('refuses with crypto.no_valid_key', async () => {
        await expectCode(() => ringA.signingKey(at(400)), 'crypto.no_valid_key');
        await expectCode(() => ringA.encryptionKey(at(-400)), 'crypto.no_valid_key');
      });
    });
  });

  describe('ledgerKey', () => {
    it('gives the own ledger key valid now, with its private part', () => {
      const key = ringA.ledgerKey(NOW);
      expect(key.jwk.kid).to.equal(fius['FIU-A']!.ledger.private.jwk.kid);
      expect([key.use, key.jwk.crv]).to.deep.equal(['ledger', 'Ed25519']);
      expect(key.jwk.d).to.be.a('string');
    });

    describe('when ledger keys overlap during a rotation', () => {
      it('gives the newest (latest notBefore)', async () => {
        const newer = await makeKey('FIU-A', 'ledger', at(-1), at(300));
        const ring = await ringFor('FIU-A', fius, { own: [newer.private] });
        expect(ring.ledgerKey(NOW).jwk.kid).to.equal(newer.private.jwk.kid);
        expect(ring.ledgerKey(at(-2)).jwk.kid).to.equal(fius['FIU-A']!.ledger.private.jwk.kid);
      });
    });

    describe('when no own ledger key is valid at that time', () => {
      it('refuses with crypto.no_valid_key, naming the ledger key', async () => {
        const err = await expectCode(() => ringA.ledgerKey(at(400)), 'crypto.no_valid_key');
        expect(err.message).to.contain('no own ledger key of FIU-A');
      });
    });

    describe('when the ring was built without a ledger key', () => {
      it('still signs and encrypts, and refuses only the ledger key', async () => {
        const ring = await ringFor('FIU-A', fius, { ledger: false });
        expect(ring.signingKey(NOW).jwk.kid).to.equal(fius['FIU-A']!.sig.private.jwk.kid);
        expect(ring.encryptionKey(NOW).jwk.kid).to.equal(fius['FIU-A']!.enc.private.jwk.kid);
        await expectCode(() => ring.ledgerKey(NOW), 'crypto.no_valid_key');
        expect(ring.partnerLedgerKeys('FIU-B')).to.deep.equal([]);
      });
    });
  });

  describe('partnerLedgerKeys', () => {
    it('gives every registered ledger key of the partner (public), whatever its validity', async () => {
      const expired = await makeKey('FIU-B', 'ledger', at(-400), at(-200));
      const ring = await ringFor('FIU-A', fius, { partners: [expired.public] });
      const keys = ring.partnerLedgerKeys('FIU-B');
      expect(keys.map((k) => k.jwk.kid)).to.deep.equal([
        fius['FIU-B']!.ledger.public.jwk.kid,
        expired.public.jwk.kid,
      ]);
      for (const k of keys) {
        expect(k.use).to.equal('ledger');
        expect(k.fiu).to.equal('FIU-B');
        expect(k.jwk).not.to.have.property('d');
      }
    });

    it('gives nothing for an unknown FIU or for the own FIU', () => {
      expect(ringA.partnerLedgerKeys('FIU-Z')).to.deep.equal([]);
      expect(ringA.partnerLedgerKeys('FIU-A')).to.deep.equal([]);
    });
  });

  describe('keeps message keys and ledger keys apart', () => {
    it('never gives a ledger key as a signing key, even when it is newer', async () => {
      const newerLedger = await makeKey('FIU-A', 'ledger', at(-1), at(300));
      const ring = await ringFor('FIU-A', fius, { own: [newerLedger.private] });
      expect(ring.signingKey(NOW).use).to.equal('sig');
      expect(ring.signingKey(NOW).jwk.kid).to.equal(fius['FIU-A']!.sig.private.jwk.kid);
    });

    it('never gives a signing key as a ledger key, even when it is newer', async () => {
      const newerSig = await makeKey('FIU-A', 'sig', at(-1), at(300));
      const ring = await ringFor('FIU-A', fius, { own: [newerSig.private] });
      expect(ring.ledgerKey(NOW).jwk.kid).to.equal(fius['FIU-A']!.ledger.private.jwk.kid);
    });

    it('never finds a ledger key by kid as a signing or encryption key, nor the other way round', () => {
      const ledgerB = fius['FIU-B']!.ledger.public.jwk.kid;
      const sigB = fius['FIU-B']!.sig.public.jwk.kid;
      expect(ringA.findPartnerKey('FIU-B', 'sig', ledgerB)).to.equal(undefined);
      expect(ringA.findPartnerKey('FIU-B', 'enc', ledgerB)).to.equal(undefined);
      expect(ringA.findPartnerKey('FIU-B', 'ledger', ledgerB)?.jwk.kid).to.equal(ledgerB);
      expect(ringA.findPartnerKey('FIU-B', 'ledger', sigB)).to.equal(undefined);
      const ledgerA = fius['FIU-A']!.ledger.public.jwk.kid;
      expect(ringA.findOwnKey('sig', ledgerA)).to.equal(undefined);
      expect(ringA.findOwnEncryptionKey(ledgerA)).to.equal(undefined);
      expect(ringA.findOwnKey('ledger', ledgerA)?.jwk.d).to.be.a('string');
      expect(ringA.findOwnKey('ledger', fius['FIU-A']!.sig.public.jwk.kid)).to.equal(undefined);
    });

    it('never gives a partner ledger key to encrypt to', async () => {
      const ring = await ringFor('FIU-A', fius);
      expect(ring.partnerEncryptionKey('FIU-B', NOW).use).to.equal('enc');
    });
  });

  describe('partnerEncryptionKey', () => {
    it("gives the partner's newest encryption key valid then (public)", async () => {
      const newer = await makeKey('FIU-B', 'enc', at(-1), at(300));
      const ring = await ringFor('FIU-A', fius, { partners: [newer.public] });
      expect(ring.partnerEncryptionKey('FIU-B', NOW).jwk.kid).to.equal(newer.public.jwk.kid);
      expect(ring.partnerEncryptionKey('FIU-B', NOW).jwk.d).to.equal(undefined);
    });
    describe('when the partner is unknown or has no valid key', () => {
      it('refuses with crypto.no_valid_key', async () => {
        await expectCode(() => ringA.partnerEncryptionKey('FIU-Z', NOW), 'crypto.no_valid_key');
        await expectCode(() => ringA.partnerEncryptionKey('FIU-B', at(400)), 'crypto.no_valid_key');
      });
    });
  });

  describe('findOwnEncryptionKey', () => {
    it('finds an own encryption key by kid', () => {
      expect(ringA.findOwnEncryptionKey(fius['FIU-A']!.enc.public.jwk.kid)?.jwk.d).to.be.a('string');
    });
    it('does not find an own signing key, a partner key or an unknown kid', () => {
      expect(ringA.findOwnEncryptionKey(fius['FIU-A']!.sig.public.jwk.kid)).to.equal(undefined);
      expect(ringA.findOwnEncryptionKey(fius['FIU-B']!.enc.public.jwk.kid)).to.equal(undefined);
      expect(ringA.findOwnEncryptionKey('__proto__')).to.equal(undefined);
    });
  });

  describe('findPartnerKey', () => {
    it('finds a key only for its FIU and use', () => {
      const kid = fius['FIU-B']!.sig.public.jwk.kid;
      expect(ringA.findPartnerKey('FIU-B', 'sig', kid)?.jwk.kid).to.equal(kid);
      expect(ringA.findPartnerKey('FIU-C', 'sig', kid)).to.equal(undefined);
      expect(ringA.findPartnerKey('FIU-B', 'enc', kid)).to.equal(undefined);
      expect(ringA.findPartnerKey('FIU-A', 'sig', fius['FIU-A']!.sig.public.jwk.kid)).to.equal(undefined);
    });
  });

  describe('ownPublicKeys', () => {
    it('gives the own keys without private parts', () => {
      const keys = ringA.ownPublicKeys();
      expect(keys.map((k) => k.jwk.kid)).to.have.members([
        fius['FIU-A']!.sig.public.jwk.kid,
        fius['FIU-A']!.enc.public.jwk.kid,
        fius['FIU-A']!.ledger.public.jwk.kid,
      ]);
      for (const k of keys) expect(k.jwk).not.to.have.property('d');
    });
  });

  describe('create', () => {
    const own = () => [fius['FIU-A']!.sig.private, fius['FIU-A']!.enc.private];
    const refuses = (o: KeyRecord[], p: KeyRecord[], self = 'FIU-A') =>
      expectCode(KeyRing.create(self, o, p), 'crypto.key_invalid');

    it('refuses an own key of another FIU', () => refuses([fius['FIU-B']!.sig.private], []));
    it('refuses an own key without its private part', () => refuses([fius['FIU-A']!.sig.public], []));
    it('refuses an own key whose private part does not match', () => {
      const other = fius['FIU-C']!.sig.private.jwk.d!;
      const k = fius['FIU-A']!.sig.private;
      return refuses([{ ...k, fiu: 'FIU-A', jwk: { ...k.jwk, d: other } }], []);
    });
    it('refuses a partner key with a private part', () => refuses(own(), [fius['FIU-B']!.sig.private]));
    it("refuses a partner key of the gateway's own FIU", () => refuses(own(), [fius['FIU-A']!.sig.public]));
    it('refuses a key whose kid is not its thumbprint', () => {
      const k = fius['FIU-B']!.sig.public;
      return refuses(own(), [{ ...k, jwk: { ...k.jwk, kid: fius['FIU-C']!.sig.public.jwk.kid } }]);
    });
    it('refuses a key listed twice', () =>
      refuses(own(), [fius['FIU-B']!.sig.public, fius['FIU-B']!.sig.public]));
    it('refuses a self that is not an FIU id', () => refuses(own(), [], 'fiu a'));
    it('accepts own and partner ledger keys', async () => {
      const ring = await KeyRing.create(
        'FIU-A',
        [...own(), fius['FIU-A']!.ledger.private],
        [fius['FIU-B']!.ledger.public, fius['FIU-B']!.sig.public],
      );
      expect(ring.ledgerKey(NOW).jwk.kid).to.equal(fius['FIU-A']!.ledger.public.jwk.kid);
      expect(ring.partnerLedgerKeys('FIU-B')).to.have.length(1);
    });
    it('refuses one key pair used both as a signing key and as a ledger key', async () => {
      const { use: _use, ...jwk } = fius['FIU-A']!.sig.private.jwk;
      const asLedger: KeyRecord = { ...fius['FIU-A']!.sig.private, use: 'ledger', jwk };
      const err = await refuses([...own(), asLedger], []);
      expect(err.message).to.contain('is listed twice');
    });
    it('refuses a ledger key that is an X25519 JWK', async () => {
      const enc = fius['FIU-B']!.enc.public;
      const { use: _use, ...jwk } = enc.jwk;
      const err = await refuses(own(), [{ ...enc, use: 'ledger', jwk }]);
      expect(err.message).to.contain('jwk.crv: a sig or ledger key must be an Ed25519 JWK');
    });
    it('refuses a ledger key whose JWK says it is a signing key', async () => {
      const ledger = fius['FIU-B']!.ledger.public;
      const err = await refuses(own(), [{ ...ledger, jwk: { ...ledger.jwk, use: 'sig' } }]);
      expect(err.message).to.contain('jwk.use: ');
    });
  });
});
