import { expect } from 'chai';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import {
  canonicalJson,
  openMessage,
  privateKeyObject,
  sealMessage,
  sha256b64u,
  type KeyRing,
  type OpenContext,
} from '../../../src/crypto/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { headerOf, makeFius, makeKey, NOW, ringFor, withHeader, type FiuKeys } from '../../helpers/keys.js';
import { sampleRequest, SAMPLE_ID } from '../../helpers/sample-message.js';

const DAY = 24 * 3600 * 1000;

describe('sealMessage and openMessage', () => {
  let fius: Record<string, FiuKeys>;
  let ringA: KeyRing;
  let ringB: KeyRing;
  let sealed: string;
  let digest: string;
  /** How FIU-B opens what the TLS peer FIU-A delivered. */
  let atB: OpenContext;

  before(async () => {
    fius = await makeFius();
    ringA = await ringFor('FIU-A', fius);
    ringB = await ringFor('FIU-B', fius);
    ({ sealed, digest } = await sealMessage(sampleRequest(), ringA, NOW));
    atB = { self: 'FIU-B', tlsPeer: 'FIU-A', ring: ringB, now: NOW, maxBytes: 4 * 1024 * 1024 };
  });

  describe('when FIU-A seals a request for FIU-B', () => {
    it('FIU-B opens it and gets the same message, digest, envelope and signer', async () => {
      const opened = await openMessage(sealed, atB);
      expect(opened.message).to.deep.equal(sampleRequest());
      expect(opened.digest).to.equal(digest).and.to.equal(sha256b64u(sealed));
      expect(opened.signerKid).to.equal(fius['FIU-A']!.sig.public.jwk.kid);
      expect(opened.envelope).to.deep.include({ id: SAMPLE_ID, type: 'request', from: 'FIU-A', to: 'FIU-B' });
    });

    it('sets exactly the protected headers of the profile', async () => {
      const header = headerOf(sealed);
      expect(Object.keys(header).sort()).to.deep.equal(
        [
          'alg',
          'cty',
          'enc',
          'epk',
          'fiu.from',
          'fiu.id',
          'fiu.skid',
          'fiu.to',
          'fiu.type',
          'kid',
          'typ',
        ].sort(),
      );
      expect(header).to.deep.include({
        alg: 'ECDH-ES+A256KW',
        enc: 'A256GCM',
        kid: fius['FIU-B']!.enc.public.jwk.kid,
        typ: 'fiu-sealed+jwe',
        cty: 'fiu-message+jws',
        'fiu.id': SAMPLE_ID,
        'fiu.type': 'request',
        'fiu.from': 'FIU-A',
        'fiu.to': 'FIU-B',
        'fiu.skid': fius['FIU-A']!.sig.public.jwk.kid,
      });
      const { plaintext } = await compactDecrypt(sealed, privateKeyObject(ringB.encryptionKey(NOW)));
      const jws = new TextDecoder().decode(plaintext);
      expect(decodeProtectedHeader(jws)).to.deep.equal({
        alg: 'EdDSA',
        kid: fius['FIU-A']!.sig.public.jwk.kid,
        typ: 'fiu-message+jws',
      });
      const payload = Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8');
      expect(payload).to.equal(canonicalJson(sampleRequest()));
    });

    it('uses a fresh ephemeral key each time, so two seals differ', async () => {
      const again = await sealMessage(sampleRequest(), ringA, NOW);
      expect(again.sealed).not.to.equal(sealed);
      expect((headerOf(again.sealed).epk as { x: string }).x).not.to.equal(
        (headerOf(sealed).epk as { x: string }).x,
      );
    });
  });

  describe('sealMessage', () => {
    describe('when the message is invalid', () => {
      it('refuses it with message.invalid', () =>
        expectCode(
          sealMessage(sampleRequest({ header: { urgency: 'later' } }), ringA, NOW),
          'message.invalid',
        ));
    });
    describe('when header.from is not this gateway', () => {
      it('refuses it', () =>
        expectCode(sealMessage(sampleRequest({ from: 'FIU-C' }), ringA, NOW), 'message.invalid'));
    });
    describe('when the partner has no encryption key valid now', () => {
      it('refuses with crypto.no_valid_key', () =>
        expectCode(sealMessage(sampleRequest({ to: 'FIU-Z' }), ringA, NOW), 'crypto.no_valid_key'));
    });
    describe('when this gateway has no signing key valid now', () => {
      it('refuses with crypto.no_valid_key', () =>
        expectCode(
          sealMessage(sampleRequest(), ringA, new Date(NOW.getTime() + 400 * DAY)),
          'crypto.no_valid_key',
        ));
    });
  });

  describe('openMessage', () => {
    describe('when the sealed string is larger than maxBytes', () => {
      it('refuses it with message.too_large', () =>
        expectCode(openMessage(sealed, { ...atB, maxBytes: sealed.length - 1 }), 'message.too_large'));
      it('accepts it at exactly maxBytes', async () => {
        await openMessage(sealed, { ...atB, maxBytes: sealed.length });
      });
    });

    describe("when FIU-C's TLS connection delivers an envelope from FIU-A", () => {
      it('refuses it with crypto.sender_mismatch', () =>
        expectCode(openMessage(sealed, { ...atB, tlsPeer: 'FIU-C' }), 'crypto.sender_mismatch'));
    });

    describe('when the message is addressed to FIU-C', () => {
      it('FIU-B refuses it with crypto.wrong_recipient', async () => {
        const toC = await sealMessage(sampleRequest({ to: 'FIU-C' }), ringA, NOW);
        await expectCode(openMessage(toC.sealed, atB), 'crypto.wrong_recipient');
      });
    });

    describe('when the kid is not an own encryption key', () => {
      it('refuses a kid FIU-B does not hold with crypto.unknown_encryption_key', () => {
        const h = headerOf(sealed);
        return expectCode(
          openMessage(withHeader(sealed, { ...h, kid: fius['FIU-C']!.enc.public.jwk.kid }), atB),
          'crypto.unknown_encryption_key',
        );
      });
      it("refuses FIU-B's signing key kid with crypto.unknown_encryption_key", () => {
        const h = headerOf(sealed);
        return expectCode(
          openMessage(withHeader(sealed, { ...h, kid: fius['FIU-B']!.sig.public.jwk.kid }), atB),
          'crypto.unknown_encryption_key',
        );
      });
      it('refuses an own encryption key that has expired', async () => {
        const old = await makeKey(
          'FIU-B',
          'enc',
          new Date(NOW.getTime() - 170 * DAY),
          new Date(NOW.getTime() - DAY),
        );
        const ringBWithOld = await ringFor('FIU-B', fius, { own: [old.private] });
        const ringAWithOld = await ringFor('FIU-A', fius, { partners: [old.public] });
        // A seals at a time when the old key was FIU-B's newest valid key.
        const earlier = new Date(NOW.getTime() - 100 * DAY);
        const stale = await craftAt(ringAWithOld, earlier);
        expect(headerOf(stale).kid).to.equal(old.public.jwk.kid);
        await expectCode(openMessage(stale, { ...atB, ring: ringBWithOld }), 'crypto.unknown_encryption_key');
      });
    });

    describe('when the message was opened earlier, with keys valid then', () => {
      it('opens it at that time', async () => {
        await openMessage(sealed, { ...atB, now: new Date(NOW.getTime() - 100 * DAY) });
      });
      it('refuses it once the keys have expired', () =>
        expectCode(
          openMessage(sealed, { ...atB, now: new Date(NOW.getTime() + 400 * DAY) }),
          'crypto.unknown_encryption_key',
        ));
    });
  });

  /** Seals the sample request at time `at`, with the keys `ring` holds valid then. */
  async function craftAt(ring: KeyRing, at: Date): Promise<string> {
    return (await sealMessage(sampleRequest({ createdAt: at.toISOString() }), ring, at)).sealed;
  }
});
