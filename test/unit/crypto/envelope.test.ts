import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { CompactEncrypt } from 'jose';
import { claimedType, readEnvelope, sealMessage, type KeyRing } from '../../../src/crypto/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { headerOf, makeFius, NOW, ringFor, withHeader, type FiuKeys } from '../../helpers/keys.js';
import { sampleRequest, SAMPLE_ID } from '../../helpers/sample-message.js';

describe('readEnvelope', () => {
  let fius: Record<string, FiuKeys>;
  let ringA: KeyRing;
  let sealed: string;
  let header: Record<string, unknown>;
  const routing = () => {
    const { alg: _a, enc: _e, epk: _k, ...rest } = header;
    return rest;
  };

  before(async () => {
    fius = await makeFius();
    ringA = await ringFor('FIU-A', fius);
    ({ sealed } = await sealMessage(sampleRequest(), ringA, NOW));
    header = headerOf(sealed);
  });

  describe('when the seal is well formed', () => {
    it('gives the routing fields', () => {
      expect(readEnvelope(sealed)).to.deep.equal({
        kid: fius['FIU-B']!.enc.public.jwk.kid,
        id: SAMPLE_ID,
        type: 'request',
        from: 'FIU-A',
        to: 'FIU-B',
        skid: fius['FIU-A']!.sig.public.jwk.kid,
      });
    });
  });

  describe('when it is not a JWE compact serialization', () => {
    for (const [name, value] of [
      ['empty', ''],
      ['4 parts', 'a.b.c.d'],
      ['6 parts', 'a.b.c.d.e.f'],
      ['an empty part', 'eyJ9..c.d.e'],
      ['padding', 'eyJhIjoxfQ==.b.c.d.e'],
      ['a character outside base64url', 'eyJhIjoxfQ.b+.c.d.e'],
      ['a JWS', 'eyJhbGciOiJFZERTQSJ9.e30.c2ln'],
    ] as const) {
      it(`refuses ${name} as crypto.malformed_seal`, () =>
        expectCode(() => readEnvelope(value), 'crypto.malformed_seal'));
    }

    it('refuses a part in non-canonical base64url (unused bits set)', async () => {
      const parts = sealed.split('.');
      const tag = parts[4]!;
      // 16 bytes = 22 characters; the last one carries 2 bits and 4 unused ones.
      const last = tag.at(-1)!;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
      parts[4] = tag.slice(0, -1) + sibling;
      expect(Buffer.from(parts[4], 'base64url')).to.deep.equal(Buffer.from(tag, 'base64url'));
      await expectCode(() => readEnvelope(parts.join('.')), 'crypto.malformed_seal');
    });

    it('refuses a protected header that is not a JSON object', () => {
      const parts = sealed.split('.');
      parts[0] = Buffer.from('[1,2]').toString('base64url');
      return expectCode(() => readEnvelope(parts.join('.')), 'crypto.malformed_seal');
    });
  });

  describe('when an algorithm or media type is not the profile', () => {
    for (const [name, change] of [
      ['alg dir', { alg: 'dir' }],
      ['alg RSA-OAEP', { alg: 'RSA-OAEP' }],
      ['alg ECDH-ES (direct)', { alg: 'ECDH-ES' }],
      ['enc A128GCM', { enc: 'A128GCM' }],
      ['enc A256CBC-HS512', { enc: 'A256CBC-HS512' }],
      ['typ JWT', { typ: 'JWT' }],
      ['no typ', { typ: undefined }],
      ['cty JWT', { cty: 'JWT' }],
      ['zip', { zip: 'DEF' }],
      ['crit', { crit: ['fiu.id'] }],
    ] as const) {
      it(`refuses ${name} as crypto.unsupported_algorithm`, () =>
        expectCode(
          () => readEnvelope(withHeader(sealed, { ...header, ...change })),
          'crypto.unsupported_algorithm',
        ));
    }

    it('refuses a real dir/A128GCM seal', async () => {
      const jwe = await new CompactEncrypt(new TextEncoder().encode('x.y.z'))
        .setProtectedHeader({ ...routing(), alg: 'dir', enc: 'A128GCM' })
        .encrypt(new Uint8Array(16));
      await expectCode(() => readEnvelope(jwe), 'crypto.unsupported_algorithm');
    });

    it('refuses a real RSA-OAEP seal', async () => {
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const jwe = await new CompactEncrypt(new TextEncoder().encode('x.y.z'))
        .setProtectedHeader({ ...routing(), alg: 'RSA-OAEP', enc: 'A256GCM' })
        .encrypt(publicKey);
      await expectCode(() => readEnvelope(jwe), 'crypto.unsupported_algorithm');
    });
  });

  describe('when a routing field is missing or malformed', () => {
    for (const [name, change, detail] of [
      ['no fiu.from', { 'fiu.from': undefined }, 'fiu.from: expected an FIU id'],
      ['fiu.to not an FIU id', { 'fiu.to': 'fiu-b' }, 'fiu.to: expected an FIU id'],
      ['fiu.id not a UUID', { 'fiu.id': 'msg-1' }, 'fiu.id: expected a lower-case UUID'],
      ['fiu.type unknown', { 'fiu.type': 'chat' }, 'fiu.type: expected a message type'],
      [
        'fiu.skid a number',
        { 'fiu.skid': 42 },
        'fiu.skid: expected a key thumbprint (43 base64url characters)',
      ],
      ['kid too short', { kid: 'abc' }, 'kid: expected a key thumbprint (43 base64url characters)'],
      [
        'epk of another curve',
        { epk: { kty: 'EC', crv: 'P-256', x: 'a', y: 'b' } },
        'epk: expected an X25519 public JWK',
      ],
    ] as const) {
      it(`refuses ${name} as crypto.malformed_seal`, async () => {
        const err = await expectCode(
          () => readEnvelope(withHeader(sealed, { ...header, ...change })),
          'crypto.malformed_seal',
        );
        expect(err.publicDetail).to.equal(`sealed message: ${detail}`);
      });
    }

    it('refuses an unknown member', () =>
      expectCode(
        () => readEnvelope(withHeader(sealed, { ...header, 'fiu.note': 'x' })),
        'crypto.malformed_seal',
      ));
  });
});

describe('claimedType', () => {
  let sealed: string;
  before(async () => {
    const fius = await makeFius();
    ({ sealed } = await sealMessage(sampleRequest(), await ringFor('FIU-A', fius), NOW));
  });

  it('gives the type the protected header claims, as readEnvelope does', () => {
    expect(claimedType(sealed)).to.equal('request');
    expect(claimedType(sealed)).to.equal(readEnvelope(sealed).type);
    expect(claimedType(withHeader(sealed, { ...headerOf(sealed), 'fiu.type': 'feedback' }))).to.equal(
      'feedback',
    );
  });

  it('gives null for a type that is not a message type, or none', () => {
    for (const type of ['invoice', 'REQUEST', 1, null, ['request'], { request: true }]) {
      expect(
        claimedType(withHeader(sealed, { ...headerOf(sealed), 'fiu.type': type })),
        String(type),
      ).to.equal(null);
    }
    const { 'fiu.type': _t, ...without } = headerOf(sealed);
    expect(claimedType(withHeader(sealed, without))).to.equal(null);
  });

  it('gives null for what is not a sealed message, without throwing', () => {
    const notJson = Buffer.from('{"fiu.type":"request"').toString('base64url');
    const jsonNull = Buffer.from('null').toString('base64url');
    const long = Buffer.from(JSON.stringify({ 'fiu.type': 'request', pad: 'x'.repeat(4000) })).toString(
      'base64url',
    );
    for (const value of [
      '',
      'not sealed',
      '.a.b.c.d',
      `${notJson}.b.c.d.e`,
      `${jsonNull}.b.c.d.e`,
      `${long}.b.c.d.e`,
    ]) {
      expect(claimedType(value), value.slice(0, 20)).to.equal(null);
    }
  });
});
