/**
 * What a hostile or buggy peer could send: seals crafted with jose directly, with real keys, that
 * differ from a good seal in one thing each.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { CompactSign } from 'jose';
import {
  canonicalJson,
  openMessage,
  privateKeyObject,
  sealMessage,
  type KeyRing,
  type OpenContext,
} from '../../../src/crypto/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import {
  craftSeal,
  makeFius,
  makeKey,
  NOW,
  ringFor,
  type CraftOptions,
  type FiuKeys,
} from '../../helpers/keys.js';
import { sampleRequest, SAMPLE_ID } from '../../helpers/sample-message.js';

const DAY = 24 * 3600 * 1000;

describe('openMessage, given crafted seals', () => {
  let fius: Record<string, FiuKeys>;
  let ringB: KeyRing;
  let atB: OpenContext;
  /** A good seal from FIU-A to FIU-B, changed by `change`. */
  let good: (change?: Partial<CraftOptions>) => CraftOptions;

  before(async () => {
    fius = await makeFius();
    ringB = await ringFor('FIU-B', fius);
    atB = { self: 'FIU-B', tlsPeer: 'FIU-A', ring: ringB, now: NOW, maxBytes: 1 << 22 };
    good = (change = {}) => ({
      payload: canonicalJson(sampleRequest()),
      signer: fius['FIU-A']!.sig.private,
      recipient: fius['FIU-B']!.enc.public,
      route: { id: SAMPLE_ID, type: 'request', from: 'FIU-A', to: 'FIU-B' },
      ...change,
    });
  });

  describe('when nothing is changed', () => {
    it('opens it (the crafting itself is sound)', async () => {
      const opened = await openMessage(await craftSeal(good()), atB);
      expect(opened.message).to.deep.equal(sampleRequest());
    });
  });

  describe('the signer', () => {
    describe('when the JWS is signed by a key registered for nobody', () => {
      it('refuses it with crypto.unknown_signing_key', async () => {
        const rogue = await makeKey('FIU-A', 'sig');
        const sealed = await craftSeal(good({ signer: rogue.private }));
        await expectCode(openMessage(sealed, atB), 'crypto.unknown_signing_key');
      });
    });

    describe("when the JWS is signed by FIU-C's key but the envelope says FIU-A", () => {
      it('refuses it with crypto.unknown_signing_key', async () => {
        const sealed = await craftSeal(good({ signer: fius['FIU-C']!.sig.private }));
        await expectCode(openMessage(sealed, atB), 'crypto.unknown_signing_key');
      });
    });

    describe("when FIU-C, over its own TLS connection, claims fiu.from FIU-C but signs with FIU-A's key", () => {
      it('refuses it with crypto.unknown_signing_key', async () => {
        const sealed = await craftSeal(
          good({ route: { id: SAMPLE_ID, type: 'request', from: 'FIU-C', to: 'FIU-B' } }),
        );
        await expectCode(openMessage(sealed, { ...atB, tlsPeer: 'FIU-C' }), 'crypto.unknown_signing_key');
      });
    });

    describe('when fiu.skid names another key than the inner JWS kid', () => {
      it('refuses it with crypto.signer_mismatch', async () => {
        const other = await makeKey('FIU-A', 'sig');
        const ring = await ringFor('FIU-B', fius, { partners: [other.public] });
        const sealed = await craftSeal(
          good({
            route: { id: SAMPLE_ID, type: 'request', from: 'FIU-A', to: 'FIU-B', skid: other.public.jwk.kid },
          }),
        );
        await expectCode(openMessage(sealed, { ...atB, ring }), 'crypto.signer_mismatch');
      });
    });

    describe('when the signing key has expired (its window is in the past)', () => {
      it('refuses it with crypto.signing_key_not_valid', async () => {
        const expired = await makeKey(
          'FIU-A',
          'sig',
          new Date(NOW.getTime() - 300 * DAY),
          new Date(NOW.getTime() - DAY),
        );
        const ring = await ringFor('FIU-B', fius, { partners: [expired.public] });
        const sealed = await craftSeal(good({ signer: expired.private }));
        await expectCode(openMessage(sealed, { ...atB, ring }), 'crypto.signing_key_not_valid');
      });
    });

    describe('when the signing key is not valid yet', () => {
      it('refuses it with crypto.signing_key_not_valid', async () => {
        const future = await makeKey(
          'FIU-A',
          'sig',
          new Date(NOW.getTime() + DAY),
          new Date(NOW.getTime() + 300 * DAY),
        );
        const ring = await ringFor('FIU-B', fius, { partners: [future.public] });
        const sealed = await craftSeal(good({ signer: future.private }));
        await expectCode(openMessage(sealed, { ...atB, ring }), 'crypto.signing_key_not_valid');
      });
    });

    describe('when the signature does not verify', () => {
      it('refuses it with crypto.bad_signature', async () => {
        const real = await new CompactSign(new TextEncoder().encode(canonicalJson(sampleRequest())))
          .setProtectedHeader({
            alg: 'EdDSA',
            kid: fius['FIU-A']!.sig.public.jwk.kid,
            typ: 'fiu-message+jws',
          })
          .sign(privateKeyObject(fius['FIU-A']!.sig.private));
        const [h, , s] = real.split('.');
        const otherPayload = Buffer.from(
          canonicalJson(sampleRequest({ header: { urgency: 'normal' } })),
        ).toString('base64url');
        const sealed = await craftSeal(good({ innerJws: `${h}.${otherPayload}.${s}` }));
        await expectCode(openMessage(sealed, atB), 'crypto.bad_signature');
      });
    });
  });

  describe('the inner JWS header', () => {
    it('refuses typ JWT with crypto.unsupported_algorithm', async () => {
      const kid = fius['FIU-A']!.sig.public.jwk.kid;
      const sealed = await craftSeal(good({ jwsHeader: { alg: 'EdDSA', kid, typ: 'JWT' } }));
      await expectCode(openMessage(sealed, atB), 'crypto.unsupported_algorithm');
    });

    it('refuses alg HS256 with crypto.unsupported_algorithm', async () => {
      const kid = fius['FIU-A']!.sig.public.jwk.kid;
      const hs = await new CompactSign(new TextEncoder().encode(canonicalJson(sampleRequest())))
        .setProtectedHeader({ alg: 'HS256', kid, typ: 'fiu-message+jws' })
        .sign(new Uint8Array(32));
      await expectCode(
        openMessage(await craftSeal(good({ innerJws: hs })), atB),
        'crypto.unsupported_algorithm',
      );
    });

    it('refuses an extra member with crypto.malformed_seal', async () => {
      const kid = fius['FIU-A']!.sig.public.jwk.kid;
      const sealed = await craftSeal(
        good({ jwsHeader: { alg: 'EdDSA', kid, typ: 'fiu-message+jws', cty: 'json' } }),
      );
      await expectCode(openMessage(sealed, atB), 'crypto.malformed_seal');
    });

    it('refuses a plaintext that is not a JWS with crypto.malformed_seal', async () => {
      await expectCode(
        openMessage(await craftSeal(good({ innerJws: 'hello' })), atB),
        'crypto.malformed_seal',
      );
    });
  });

  describe('the signed header against the envelope', () => {
    const cases: Array<[string, Parameters<typeof sampleRequest>[0]]> = [
      ['id', { id: randomUUID() }],
      ['to', { to: 'FIU-C' }],
      ['from', { from: 'FIU-C' }],
    ];
    for (const [field, options] of cases) {
      it(`refuses a header.${field} that differs from fiu.${field} with crypto.header_mismatch`, async () => {
        const sealed = await craftSeal(good({ payload: canonicalJson(sampleRequest(options)) }));
        const err = await expectCode(openMessage(sealed, atB), 'crypto.header_mismatch');
        expect(err.publicDetail).to.equal(`header.${field} differs from fiu.${field}`);
      });
    }

    it('refuses a fiu.type that differs from header.type with crypto.header_mismatch', async () => {
      const sealed = await craftSeal(
        good({ route: { id: SAMPLE_ID, type: 'response', from: 'FIU-A', to: 'FIU-B' } }),
      );
      await expectCode(openMessage(sealed, atB), 'crypto.header_mismatch');
    });
  });

  describe('the content inside a valid seal', () => {
    for (const [name, payload] of [
      ['text that is not JSON', 'this is not JSON'],
      ['JSON that is not a message', '{"hello":"world"}'],
      ['a JSON array', '[1,2,3]'],
      ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
    ] as const) {
      it(`refuses ${name} with message.invalid`, async () => {
        await expectCode(openMessage(await craftSeal(good({ payload })), atB), 'message.invalid');
      });
    }

    it('refuses an empty payload (not a JWS of the profile) with crypto.malformed_seal', async () => {
      await expectCode(openMessage(await craftSeal(good({ payload: '' })), atB), 'crypto.malformed_seal');
    });

    it('refuses a schema-invalid message with message.invalid naming the field', async () => {
      const bad = sampleRequest();
      (bad.body.subjects[0] as { birthdate?: string }).birthdate = '1980-02-30';
      const err = await expectCode(
        openMessage(await craftSeal(good({ payload: canonicalJson(bad) })), atB),
        'message.invalid',
      );
      expect(err.publicDetail).to.equal('body.subjects.0.birthdate: expected a date YYYY-MM-DD');
    });

    it('refuses a valid message that is not in canonical form', async () => {
      const pretty = JSON.stringify(sampleRequest(), null, 2);
      await expectCode(openMessage(await craftSeal(good({ payload: pretty })), atB), 'message.invalid');
    });

    it('refuses a message with a duplicated member', async () => {
      const text = canonicalJson(sampleRequest()).replace('"body":{', '"body":{"facts":"first",');
      await expectCode(openMessage(await craftSeal(good({ payload: text })), atB), 'message.invalid');
    });

    it('refuses a request body under the type response (no inReplyTo, another body)', async () => {
      const response = sampleRequest({ header: { type: 'response' } });
      const sealed = await craftSeal(
        good({
          payload: canonicalJson(response),
          route: { id: SAMPLE_ID, type: 'response', from: 'FIU-A', to: 'FIU-B' },
        }),
      );
      await expectCode(openMessage(sealed, atB), 'message.invalid');
    });
  });

  describe('when the envelope is re-addressed after sealing', () => {
    it('refuses it: the protected header is authenticated (crypto.decryption_failed)', async () => {
      const sealed = await sealMessage(sampleRequest(), await ringFor('FIU-A', fius), NOW);
      const parts = sealed.sealed.split('.');
      const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString()) as Record<string, unknown>;
      parts[0] = Buffer.from(JSON.stringify({ ...header, 'fiu.id': randomUUID() })).toString('base64url');
      await expectCode(openMessage(parts.join('.'), atB), 'crypto.decryption_failed');
    });
  });
});
