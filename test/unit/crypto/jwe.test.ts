/**
 * The node:crypto JWE (ECDH-ES+A256KW on X25519, A256GCM) against jose, in both directions, and the
 * changes it must refuse.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { CompactEncrypt, compactDecrypt } from 'jose';
import { decryptCompact, encryptCompact, JweDecryptionError } from '../../../src/crypto/jwe.js';

const HEADER = {
  alg: 'ECDH-ES+A256KW',
  enc: 'A256GCM',
  kid: 'k'.repeat(43),
  typ: 'fiu-sealed+jwe',
  cty: 'fiu-message+jws',
  'fiu.id': '3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b',
};

function joseEncrypt(plaintext: Uint8Array, to: KeyObject, header: Record<string, unknown> = HEADER) {
  return new CompactEncrypt(plaintext).setProtectedHeader(header as { alg: string; enc: string }).encrypt(to);
}

/** `jwe` with part `n` changed by `change`. */
function withPart(jwe: string, n: number, change: (b: Buffer) => Buffer): string {
  const parts = jwe.split('.');
  parts[n] = change(Buffer.from(parts[n]!, 'base64url')).toString('base64url');
  return parts.join('.');
}

const flipByte = (i: number) => (b: Buffer) => {
  const c = Buffer.from(b);
  c[i % c.length]! ^= 0x01;
  return c;
};

function refuses(jwe: string, key: KeyObject): void {
  expect(() => decryptCompact(jwe, key)).to.throw(JweDecryptionError, 'decryption operation failed');
}

describe('JWE ECDH-ES+A256KW / A256GCM on node:crypto', () => {
  const recipient = generateKeyPairSync('x25519');
  const other = generateKeyPairSync('x25519');
  const plaintext = randomBytes(3000);

  describe('when jose encrypts', () => {
    it('decrypts to the same bytes', async () => {
      const jwe = await joseEncrypt(plaintext, recipient.publicKey);
      expect(decryptCompact(jwe, recipient.privateKey).equals(plaintext)).to.equal(true);
    });

    it('decrypts an empty and a one-byte plaintext', async () => {
      for (const p of [new Uint8Array(0), new Uint8Array([7])]) {
        const jwe = await joseEncrypt(p, recipient.publicKey);
        expect([...decryptCompact(jwe, recipient.privateKey)]).to.deep.equal([...p]);
      }
    });
  });

  describe('when it encrypts', () => {
    it('is decrypted by jose to the same bytes, with the same protected header plus epk', async () => {
      const jwe = encryptCompact(plaintext, HEADER, recipient.publicKey);
      const { plaintext: out, protectedHeader } = await compactDecrypt(jwe, recipient.privateKey, {
        keyManagementAlgorithms: ['ECDH-ES+A256KW'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      expect(Buffer.from(out).equals(plaintext)).to.equal(true);
      const { epk, ...rest } = protectedHeader as Record<string, unknown>;
      expect(rest).to.deep.equal(HEADER);
      expect(epk).to.include({ kty: 'OKP', crv: 'X25519' });
    });

    it('uses a fresh ephemeral key, content key and iv for every message', () => {
      const a = encryptCompact(plaintext, HEADER, recipient.publicKey).split('.');
      const b = encryptCompact(plaintext, HEADER, recipient.publicKey).split('.');
      for (const n of [0, 1, 2, 3, 4]) expect(a[n]).to.not.equal(b[n]);
    });

    it('round-trips any plaintext, checked by jose and by itself (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (p) => {
          const jwe = encryptCompact(p, HEADER, recipient.publicKey);
          const { plaintext: out } = await compactDecrypt(jwe, recipient.privateKey);
          expect([...out]).to.deep.equal([...p]);
          expect([...decryptCompact(jwe, recipient.privateKey)]).to.deep.equal([...p]);
        }),
        { numRuns: 30 },
      );
    });

    it('refuses another algorithm pair', () => {
      expect(() => encryptCompact(plaintext, { ...HEADER, enc: 'A128GCM' }, recipient.publicKey)).to.throw();
    });
  });

  describe('when decrypting', () => {
    let jwe: string;
    before(() => {
      jwe = encryptCompact(plaintext, HEADER, recipient.publicKey);
    });

    const parts = ['protected header', 'encrypted key', 'iv', 'ciphertext', 'tag'];
    for (const [n, name] of parts.entries()) {
      it(`refuses a changed ${name}, as jose does`, async () => {
        for (const i of [0, 5, 11]) {
          const bad = withPart(jwe, n, flipByte(i));
          refuses(bad, recipient.privateKey);
          const joseErr = await compactDecrypt(bad, recipient.privateKey).then(
            () => null,
            (e: unknown) => e,
          );
          expect(joseErr, `jose accepted a changed ${name}`).to.be.instanceOf(Error);
        }
      });
    }

    it('refuses a truncated tag (12 of 16 bytes)', () => {
      refuses(
        withPart(jwe, 4, (b) => b.subarray(0, 12)),
        recipient.privateKey,
      );
    });

    it('refuses a truncated ciphertext and an extended tag', () => {
      refuses(
        withPart(jwe, 3, (b) => b.subarray(1)),
        recipient.privateKey,
      );
      refuses(
        withPart(jwe, 4, (b) => Buffer.concat([b, Buffer.from([0])])),
        recipient.privateKey,
      );
    });

    it('refuses the wrong private key', () => {
      refuses(jwe, other.privateKey);
    });

    it('refuses other algorithms, zip and crit, even when jose made them validly', async () => {
      const direct = await new CompactEncrypt(plaintext)
        .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM' })
        .encrypt(recipient.publicKey);
      refuses(direct, recipient.privateKey);
      const a128 = await joseEncrypt(plaintext, recipient.publicKey, { ...HEADER, enc: 'A128GCM' });
      refuses(a128, recipient.privateKey);
      const header = (extra: Record<string, unknown>) => {
        const p = jwe.split('.');
        const h = JSON.parse(Buffer.from(p[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
        p[0] = Buffer.from(JSON.stringify({ ...h, ...extra })).toString('base64url');
        return p.join('.');
      };
      refuses(header({ zip: 'DEF' }), recipient.privateKey);
      refuses(header({ crit: ['x'], x: 1 }), recipient.privateKey);
      refuses(header({ epk: { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43) } }), recipient.privateKey);
      refuses(header({ epk: 'not a key' }), recipient.privateKey);
    });

    it('refuses what is not five parts, or a header that is not a JSON object', () => {
      refuses(jwe.split('.').slice(0, 4).join('.'), recipient.privateKey);
      refuses(`${jwe}.x`, recipient.privateKey);
      refuses(['WzFd', ...jwe.split('.').slice(1)].join('.'), recipient.privateKey);
      refuses('', recipient.privateKey);
    });
  });
});
