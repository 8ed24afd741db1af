import { expect } from 'chai';
import fc from 'fast-check';
import { GatewayError } from '../../../src/errors.js';
import { isTransient, retryDelay } from '../../../src/services/backoff.js';

describe('retryDelay', () => {
  const retry = { initialMs: 1000, maxMs: 300_000 };

  it('doubles per attempt, between half and all of the base delay', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, retry, () => 0))).to.deep.equal([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, retry, () => 1))).to.deep.equal([1000, 2000, 4000, 8000]);
  });

  it('never exceeds maxMs, however many attempts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const d = retryDelay(n, retry, () => r);
        return d >= 0 && d <= retry.maxMs;
      }),
    );
  });
});

describe('isTransient', () => {
  const e = (code: ConstructorParameters<typeof GatewayError>[0]) => new GatewayError(code, 'x');

  it('retries an unreachable or unavailable partner and internal errors', () => {
    for (const code of [
      'transport.partner_unreachable',
      'transport.peer_refused',
      'internal.unexpected',
    ] as const) {
      expect(isTransient(e(code)), code).to.equal(true);
    }
  });

  it('stops on refusals: duplicate id, unknown partner, invalid message, bad receipt, too large', () => {
    for (const code of [
      'exchange.duplicate_id',
      'transport.unknown_partner',
      'crypto.decryption_failed',
      'crypto.bad_receipt',
      'message.too_large',
    ] as const) {
      expect(isTransient(e(code)), code).to.equal(false);
    }
  });
});
