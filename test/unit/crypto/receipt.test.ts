import { expect } from 'chai';
import fc from 'fast-check';
import { CompactSign, decodeProtectedHeader } from 'jose';
import {
  canonicalJson,
  privateKeyObject,
  sha256b64u,
  signReceipt,
  verifyReceipt,
  type KeyRecord,
  type KeyRing,
  type ReceiptExpectation,
} from '../../../src/crypto/index.js';
import { GatewayError } from '../../../src/errors.js';
import { expectCode } from '../../helpers/expect-code.js';
import { makeFius, makeKey, NOW, ringFor, type FiuKeys } from '../../helpers/keys.js';
import { SAMPLE_ID } from '../../helpers/sample-message.js';

const DAY = 24 * 3600 * 1000;

describe('signReceipt and verifyReceipt', () => {
  let fius: Record<string, FiuKeys>;
  let ringA: KeyRing;
  let ringB: KeyRing;
  let ringC: KeyRing;
  let receipt: string;
  const digest = sha256b64u('the sealed bytes');
  const claims = {
    messageId: SAMPLE_ID,
    from: 'FIU-A',
    to: 'FIU-B',
    digest,
    receivedAt: NOW.toISOString(),
    ledgerIndex: 7,
    checkpoint: 'fiu-gateway/FIU-B\n8\nAAAA\n\n\u2014 fiu-gateway/FIU-B sig\n',
  };
  const expected: ReceiptExpectation = { messageId: SAMPLE_ID, from: 'FIU-A', to: 'FIU-B', digest };
  const verifyAtA = (r: string, e: Partial<ReceiptExpectation> = {}, now = NOW, ring?: KeyRing) =>
    verifyReceipt(r, { expected: { ...expected, ...e }, ring: ring ?? ringA, now });

  /** A receipt signed with jose directly: any header, any payload, any key. */
  async function craftReceipt(
    key: KeyRecord,
    payload: string,
    header?: Record<string, unknown>,
  ): Promise<string> {
    return new CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader({ alg: 'EdDSA', kid: key.jwk.kid, typ: 'fiu-receipt+jws', ...header })
      .sign(privateKeyObject(key));
  }

  before(async () => {
    fius = await makeFius();
    ringA = await ringFor('FIU-A', fius);
    ringB = await ringFor('FIU-B', fius);
    ringC = await ringFor('FIU-C', fius);
    receipt = await signReceipt(claims, ringB, NOW);
  });

  describe('when FIU-B signs a receipt for a message from FIU-A', () => {
    it('FIU-A verifies it and gets the claims', async () => {
      expect(await verifyAtA(receipt)).to.deep.equal({ v: 1, ...claims });
    });

    it('has exactly the header and canonical payload of the profile', () => {
      expect(decodeProtectedHeader(receipt)).to.deep.equal({
        alg: 'EdDSA',
        kid: fius['FIU-B']!.sig.public.jwk.kid,
        typ: 'fiu-receipt+jws',
      });
      const payload = Buffer.from(receipt.split('.')[1]!, 'base64url').toString('utf8');
      expect(payload).to.equal(canonicalJson({ v: 1, ...claims }));
    });

    it('is the same receipt when signed again (EdDSA is deterministic)', async () => {
      expect(await signReceipt(claims, ringB, NOW)).to.equal(receipt);
    });
  });

  describe('signReceipt', () => {
    it('refuses to sign for another receiver', () =>
      expectCode(signReceipt(claims, ringA, NOW), 'internal.unexpected'));
    it('refuses malformed claims', () =>
      expectCode(signReceipt({ ...claims, ledgerIndex: -1 }, ringB, NOW), 'internal.unexpected'));
  });

  describe('verifyReceipt', () => {
    describe('when the receipt was tampered with', () => {
      for (const [n, part] of [
        [0, 'header'],
        [1, 'payload'],
        [2, 'signature'],
      ] as const) {
        it(`refuses a flipped character in the ${part} with crypto.bad_receipt`, () => {
          const parts = receipt.split('.');
          const i = Math.floor(parts[n]!.length / 2);
          parts[n] = parts[n]!.slice(0, i) + (parts[n]![i] === 'A' ? 'B' : 'A') + parts[n]!.slice(i + 1);
          return expectCode(verifyAtA(parts.join('.')), 'crypto.bad_receipt');
        });
      }

      it('refuses any single-byte change (property)', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.nat({ max: receipt.length - 1 }),
            fc.integer({ min: 0, max: 255 }),
            async (i, byte) => {
              fc.pre(receipt.charCodeAt(i) !== byte);
              const mutated = receipt.slice(0, i) + String.fromCharCode(byte) + receipt.slice(i + 1);
              const outcome = await verifyAtA(mutated).then(
                () => 'accepted',
                (e: unknown) => e,
              );
              expect(outcome).to.be.instanceOf(GatewayError);
              expect((outcome as GatewayError).code).to.equal('crypto.bad_receipt');
            },
          ),
          { numRuns: 100 },
        );
      });
    });

    describe('when it is signed by another FIU than the receiver', () => {
      it("refuses FIU-C's receipt where FIU-B's is expected", async () => {
        const fromC = await signReceipt({ ...claims, to: 'FIU-C' }, ringC, NOW);
        await expectCode(verifyAtA(fromC), 'crypto.bad_receipt');
      });
      it("refuses claims about FIU-B signed with FIU-C's key", async () => {
        const forged = await craftReceipt(fius['FIU-C']!.sig.private, canonicalJson({ v: 1, ...claims }));
        const err = await expectCode(verifyAtA(forged), 'crypto.bad_receipt');
        expect(err.publicDetail).to.equal('receipt: not signed by a key of FIU-B');
      });
      it("refuses claims signed with FIU-B's encryption key id", async () => {
        const forged = await craftReceipt(fius['FIU-A']!.sig.private, canonicalJson({ v: 1, ...claims }), {
          kid: fius['FIU-B']!.enc.public.jwk.kid,
        });
        await expectCode(verifyAtA(forged), 'crypto.bad_receipt');
      });
    });

    describe('when a claim differs from what was sent', () => {
      for (const [claim, value] of [
        ['digest', sha256b64u('other bytes')],
        ['messageId', '0b7c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4'],
        ['from', 'FIU-C'],
      ] as const) {
        it(`refuses a mismatched ${claim} and says which`, async () => {
          const err = await expectCode(verifyAtA(receipt, { [claim]: value }), 'crypto.bad_receipt');
          expect(err.publicDetail).to.equal(`receipt: claim ${claim} differs from what was sent`);
        });
      }
    });

    describe('when the header is not the profile', () => {
      it('refuses typ JWT', async () => {
        const r = await craftReceipt(fius['FIU-B']!.sig.private, canonicalJson({ v: 1, ...claims }), {
          typ: 'JWT',
        });
        await expectCode(verifyAtA(r), 'crypto.bad_receipt');
      });
      it('refuses an extra header member', async () => {
        const r = await craftReceipt(fius['FIU-B']!.sig.private, canonicalJson({ v: 1, ...claims }), {
          cty: 'json',
        });
        await expectCode(verifyAtA(r), 'crypto.bad_receipt');
      });
      it('refuses alg HS256', async () => {
        const r = await new CompactSign(new TextEncoder().encode(canonicalJson({ v: 1, ...claims })))
          .setProtectedHeader({
            alg: 'HS256',
            kid: fius['FIU-B']!.sig.public.jwk.kid,
            typ: 'fiu-receipt+jws',
          })
          .sign(new Uint8Array(32));
        await expectCode(verifyAtA(r), 'crypto.bad_receipt');
      });
    });

    describe('when the payload is not right', () => {
      it('refuses claims that are not canonical JSON', async () => {
        const r = await craftReceipt(
          fius['FIU-B']!.sig.private,
          JSON.stringify({ v: 1, ...claims }, null, 1),
        );
        await expectCode(verifyAtA(r), 'crypto.bad_receipt');
      });
      it('refuses an unknown claim', async () => {
        const r = await craftReceipt(
          fius['FIU-B']!.sig.private,
          canonicalJson({ v: 1, ...claims, note: 'x' }),
        );
        await expectCode(verifyAtA(r), 'crypto.bad_receipt');
      });
      it('refuses another version', async () => {
        const r = await craftReceipt(fius['FIU-B']!.sig.private, canonicalJson({ ...claims, v: 2 }));
        await expectCode(verifyAtA(r), 'crypto.bad_receipt');
      });
      it('refuses text that is not JSON', async () => {
        const r = await craftReceipt(fius['FIU-B']!.sig.private, 'received, thanks');
        await expectCode(verifyAtA(r), 'crypto.bad_receipt');
      });
    });

    describe("when the receiver's key validity is checked", () => {
      it('accepts a receipt verified later, after the key expired, if it was valid at receivedAt', async () => {
        await verifyAtA(receipt, {}, new Date(NOW.getTime() + 400 * DAY));
      });
      it('refuses a key valid neither at receivedAt nor now', async () => {
        const expired = await makeKey(
          'FIU-B',
          'sig',
          new Date(NOW.getTime() - 300 * DAY),
          new Date(NOW.getTime() - DAY),
        );
        const ring = await ringFor('FIU-A', fius, { partners: [expired.public] });
        const r = await craftReceipt(expired.private, canonicalJson({ v: 1, ...claims }));
        await expectCode(verifyAtA(r, {}, NOW, ring), 'crypto.bad_receipt');
      });
    });

    describe('when it is not a JWS', () => {
      for (const value of ['', 'a.b', 'not a receipt', `${'A'.repeat(9000)}.B.C`]) {
        it(`refuses ${JSON.stringify(value.slice(0, 20))}`, () =>
          expectCode(verifyAtA(value), 'crypto.bad_receipt'));
      }
    });
  });
});
