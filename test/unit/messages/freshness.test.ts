import { expect } from 'chai';
import { checkFreshness, DEFAULT_FRESHNESS } from '../../../src/messages/index.js';
import { expectCode } from '../../helpers/expect-code.js';

const NOW = new Date('2026-03-02T09:30:00.000Z');
const WINDOW = { maxAgeMs: 600_000, maxFutureMs: 120_000 };
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

describe('checkFreshness', () => {
  it('accepts createdAt equal to now, at the oldest age and at the furthest skew', () => {
    for (const t of [at(0), at(-600_000), at(120_000)])
      expect(() => checkFreshness(t, NOW, WINDOW)).not.to.throw();
  });

  describe('when createdAt is one millisecond older than maxAgeMs', () => {
    it('refuses it as message.stale, naming the limit but not the time', async () => {
      const err = await expectCode(() => checkFreshness(at(-600_001), NOW, WINDOW), 'message.stale');
      expect(err.publicDetail).to.include('600000 ms').and.not.include('2026');
    });
  });

  describe('when createdAt is one millisecond beyond maxFutureMs', () => {
    it('refuses it as message.not_yet_valid', async () => {
      await expectCode(() => checkFreshness(at(120_001), NOW, WINDOW), 'message.not_yet_valid');
    });
  });

  describe('when createdAt is not a time', () => {
    it('refuses it as message.invalid', async () => {
      await expectCode(() => checkFreshness('yesterday', NOW, WINDOW), 'message.invalid');
    });
  });

  it('has defaults of three days back and two minutes ahead', () => {
    expect(DEFAULT_FRESHNESS).to.deep.equal({ maxAgeMs: 259_200_000, maxFutureMs: 120_000 });
  });
});
