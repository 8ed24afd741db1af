import { expect } from 'chai';
import type { LogFields } from '../../../src/log.js';
import { PeerLimiter, TokenBucket } from '../../../src/transport/peer-limits.js';
import { expectCode } from '../../helpers/expect-code.js';

describe('TokenBucket', () => {
  it('lets a burst through, then one call per 1/rate seconds', () => {
    const bucket = new TokenBucket(2, 3, 0);
    expect([0, 0, 0, 0].map((t) => bucket.take(t))).to.deep.equal([true, true, true, false]);
    expect(bucket.take(499)).to.equal(false);
    expect(bucket.take(500)).to.equal(true);
    expect(bucket.take(500)).to.equal(false);
  });

  it('never holds more than the burst after a long quiet time', () => {
    const bucket = new TokenBucket(10, 2, 0);
    const t = 3_600_000;
    expect([t, t, t].map((x) => bucket.take(x))).to.deep.equal([true, true, false]);
  });

  it('does not refill when the clock goes back', () => {
    const bucket = new TokenBucket(1, 1, 10_000);
    expect(bucket.take(10_000)).to.equal(true);
    expect(bucket.take(0)).to.equal(false);
    expect(bucket.take(10_999)).to.equal(false);
    expect(bucket.take(11_000)).to.equal(true);
  });
});

describe('PeerLimiter', () => {
  const logged: Array<[string, LogFields | undefined]> = [];
  const log = { info() {}, error() {}, warn: (m: string, f?: LogFields) => void logged.push([m, f]) };
  let now = 0;
  beforeEach(() => {
    logged.length = 0;
    now = 0;
  });

  describe('when a partner reaches its concurrency limit', () => {
    it('refuses with transport.too_many_calls until a call ends; other partners are not affected', async () => {
      const limiter = new PeerLimiter(
        { maxConcurrentPerPartner: 2, ratePerSecond: 1000, burst: 1000 },
        log,
        () => now,
      );
      const a1 = limiter.admit('FIU-A');
      limiter.admit('FIU-A');
      const err = await expectCode(() => limiter.admit('FIU-A'), 'transport.too_many_calls');
      expect(err.kind).to.equal('exhausted');
      limiter.admit('FIU-C');
      a1();
      a1(); // ending twice frees one slot only
      limiter.admit('FIU-A');
      await expectCode(() => limiter.admit('FIU-A'), 'transport.too_many_calls');
    });
  });

  describe('when a partner exceeds its rate', () => {
    it('refuses with transport.rate_limited and logs one line per ten seconds with the count', async () => {
      const limiter = new PeerLimiter(
        { maxConcurrentPerPartner: 100, ratePerSecond: 1, burst: 1 },
        log,
        () => now,
      );
      limiter.admit('FIU-A')();
      for (let i = 0; i < 5; i++) await expectCode(() => limiter.admit('FIU-A'), 'transport.rate_limited');
      now = 9_999;
      limiter.admit('FIU-A')();
      for (let i = 0; i < 3; i++) await expectCode(() => limiter.admit('FIU-A'), 'transport.rate_limited');
      now = 10_000;
      await expectCode(() => limiter.admit('FIU-A'), 'transport.rate_limited');
      expect(logged.map(([, f]) => [f?.partner, f?.code, f?.refused])).to.deep.equal([
        ['FIU-A', 'transport.rate_limited', 1],
        ['FIU-A', 'transport.rate_limited', 8],
      ]);
    });
  });
});
