/** Tampering with a sealed message in transit: every change is refused, none accepted. */
import { expect } from 'chai';
import fc from 'fast-check';
import { openMessage, sealMessage, type OpenContext } from '../../../src/crypto/index.js';
import { GatewayError } from '../../../src/errors.js';
import { expectCode } from '../../helpers/expect-code.js';
import { makeFius, NOW, ringFor } from '../../helpers/keys.js';
import { sampleRequest } from '../../helpers/sample-message.js';

/** `s` with the character at `i` replaced by another base64url character (keeps the part canonical). */
function flipAt(s: string, i: number): string {
  return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
}

/** `sealed` with a character in the middle of part `n` flipped. */
function flipPart(sealed: string, n: number): string {
  const parts = sealed.split('.');
  parts[n] = flipAt(parts[n]!, Math.floor(parts[n]!.length / 2));
  return parts.join('.');
}

describe('openMessage, given a tampered seal', () => {
  let sealed: string;
  let atB: OpenContext;

  before(async () => {
    const fius = await makeFius(['FIU-A', 'FIU-B']);
    ({ sealed } = await sealMessage(sampleRequest(), await ringFor('FIU-A', fius), NOW));
    atB = {
      self: 'FIU-B',
      tlsPeer: 'FIU-A',
      ring: await ringFor('FIU-B', fius),
      now: NOW,
      maxBytes: 1 << 22,
    };
  });

  describe('when a character of the protected header is flipped', () => {
    it('refuses it', async () => {
      const err = await openMessage(flipPart(sealed, 0), atB).then(
        () => expect.fail('a tampered header was accepted'),
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(GatewayError);
      expect((err as GatewayError).code).to.match(/^crypto\./);
    });
  });

  for (const [n, part] of [
    [1, 'encrypted key'],
    [2, 'iv'],
    [3, 'ciphertext'],
    [4, 'tag'],
  ] as const) {
    describe(`when a character of the ${part} is flipped`, () => {
      it('refuses it with crypto.decryption_failed, and says nothing more', async () => {
        const err = await expectCode(openMessage(flipPart(sealed, n), atB), 'crypto.decryption_failed');
        expect(err.publicDetail).to.equal('decryption failed');
      });
    });
  }

  describe('when a part is truncated or extended', () => {
    it('refuses a shorter ciphertext', () => {
      const parts = sealed.split('.');
      parts[3] = parts[3]!.slice(4);
      return expectCode(openMessage(parts.join('.'), atB), 'crypto.decryption_failed');
    });
    it('refuses a longer tag', () => {
      const parts = sealed.split('.');
      parts[4] = `${parts[4]}AAAA`;
      return expectCode(openMessage(parts.join('.'), atB), 'crypto.decryption_failed');
    });
  });

  describe('as a property: any single-byte change', () => {
    it('is never accepted, and always refused with a GatewayError', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: sealed.length - 1 }),
          fc.integer({ min: 0, max: 255 }),
          async (i, byte) => {
            fc.pre(sealed.charCodeAt(i) !== byte);
            const mutated = sealed.slice(0, i) + String.fromCharCode(byte) + sealed.slice(i + 1);
            const outcome = await openMessage(mutated, atB).then(
              () => 'accepted',
              (e: unknown) => e,
            );
            expect(outcome).to.be.instanceOf(GatewayError);
          },
        ),
        { numRuns: 100 },
      );
    });
  });
});
