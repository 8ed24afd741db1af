/** The node:crypto JWS (EdDSA, Ed25519) against jose: byte-identical, verified both ways, and refusals. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { CompactSign, compactVerify } from 'jose';
import { JwsVerificationError, signCompact, verifyCompact } from '../../../src/crypto/jws.js';

const HEADER = { alg: 'EdDSA', kid: 'k'.repeat(43), typ: 'fiu-message+jws' };

describe('JWS EdDSA on node:crypto', () => {
  const signer = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const payload = randomBytes(2500);

  const joseSign = (p: Uint8Array, header: Record<string, unknown> = HEADER) =>
    new CompactSign(p).setProtectedHeader(header as { alg: string }).sign(signer.privateKey);
  const refuses = (jws: string) =>
    expect(() => verifyCompact(jws, signer.publicKey)).to.throw(JwsVerificationError);

  it('makes byte for byte the JWS that jose makes (Ed25519 is deterministic)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 800 }), async (p) => {
        expect(signCompact(p, HEADER, signer.privateKey)).to.equal(await joseSign(p));
      }),
      { numRuns: 40 },
    );
  });

  it('is verified by jose, and verifies what jose signed', async () => {
    const ours = signCompact(payload, HEADER, signer.privateKey);
    const { payload: out, protectedHeader } = await compactVerify(ours, signer.publicKey);
    expect(Buffer.from(out).equals(payload)).to.equal(true);
    expect(protectedHeader).to.deep.equal(HEADER);
    expect(verifyCompact(await joseSign(payload), signer.publicKey).equals(payload)).to.equal(true);
  });

  it('refuses a changed header, payload or signature', () => {
    const jws = signCompact(payload, HEADER, signer.privateKey);
    for (const n of [0, 1, 2]) {
      const parts = jws.split('.');
      const b = Buffer.from(parts[n]!, 'base64url');
      b[3]! ^= 0x01;
      parts[n] = b.toString('base64url');
      refuses(parts.join('.'));
    }
  });

  it('refuses another key, another alg, crit, and malformed input', async () => {
    const jws = signCompact(payload, HEADER, signer.privateKey);
    expect(() => verifyCompact(jws, other.publicKey)).to.throw(JwsVerificationError);
    const es256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    refuses(await new CompactSign(payload).setProtectedHeader({ alg: 'ES256' }).sign(es256.privateKey));
    refuses(await joseSign(payload, { ...HEADER, crit: ['b64'], b64: true }));
    refuses(signCompact(payload, { alg: 'EdDSA' }, signer.privateKey).split('.').slice(0, 2).join('.'));
    refuses(`WzFd.${jws.split('.').slice(1).join('.')}`);
    refuses('');
  });
});
