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
  });
});
