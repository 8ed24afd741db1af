import { expect } from 'chai';
import { formatAge, judgeOutbox, type OutboxLimits } from '../../../src/observability/outbox-check.js';
import type { OutboxStats } from '../../../src/store/index.js';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MIN = 60_000;
const HOUR = 3_600_000;
const LIMITS: OutboxLimits = { warnAfterMs: HOUR, leaseMs: MIN, retryMaxMs: 5 * MIN };

function stats(overrides: Partial<OutboxStats> = {}): OutboxStats {
  return {
    counts: { queued: 2, delivering: 1, delivered: 7, failed: 1, cancelled: 0 },
    pending: { oldestCreatedAt: ago(10 * MIN), earliestNextAttemptAt: ago(0), earliestGiveUpAt: ago(-HOUR) },
    expiredLeases: { count: 0, earliestLeaseUntil: null },
    ...overrides,
  };
}

describe('judgeOutbox', () => {
  describe('when nothing waits', () => {
    it('is ok and gives the counts', () => {
      const r = judgeOutbox(
        stats({ counts: { queued: 0, delivering: 0, delivered: 3, failed: 0, cancelled: 1 }, pending: null }),
        NOW,
        LIMITS,
      );
      expect(r).to.deep.equal({
        status: 'ok',
        detail: 'nothing waits for delivery (0 queued, 0 delivering, 0 failed)',
        fix: '',
      });
    });
  });

  describe('when items wait less than the threshold', () => {
    it('is ok with the depth and the oldest age', () => {
      const r = judgeOutbox(stats(), NOW, LIMITS);
      expect(r.status).to.equal('ok');
      expect(r.detail).to.equal(
        '2 queued, 1 delivering, 1 failed; the oldest undelivered item is 10 min old',
      );
    });
  });

  describe('when the oldest item is older than the threshold', () => {
    it('warns with its age and submission time, and says where to look', () => {
      const oldest = ago(2 * HOUR);
      const r = judgeOutbox(
        stats({
          pending: { oldestCreatedAt: oldest, earliestNextAttemptAt: ago(0), earliestGiveUpAt: ago(-HOUR) },
        }),
        NOW,
        LIMITS,
      );
      expect(r.status).to.equal('warn');
      expect(r.detail).to.include('2 h ago').and.include(oldest).and.include('2 queued');
      expect(r.fix).to.include('fiugw outbox list --state queued');
    });
  });

  describe('past an item give-up time', () => {
    const pastGiveUp = (ms: number) =>
      stats({
        pending: { oldestCreatedAt: ago(10 * MIN), earliestNextAttemptAt: ago(0), earliestGiveUpAt: ago(ms) },
      });

    it('stays ok within one backoff and one lease (the last retry may still be due)', () => {
      expect(judgeOutbox(pastGiveUp(LIMITS.retryMaxMs + LIMITS.leaseMs), NOW, LIMITS).status).to.equal('ok');
    });

    it('fails beyond that: the dispatcher is not ending items', () => {
      const r = judgeOutbox(pastGiveUp(LIMITS.retryMaxMs + LIMITS.leaseMs + 1000), NOW, LIMITS);
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include('after its give-up time').and.include('the dispatcher is not ending items');
      expect(r.fix).to.include('restart the gateway');
    });

    it('fails rather than warns when the item is also old', () => {
      const r = judgeOutbox(
        stats({
          pending: {
            oldestCreatedAt: ago(48 * HOUR),
            earliestNextAttemptAt: ago(0),
            earliestGiveUpAt: ago(HOUR),
          },
        }),
        NOW,
        LIMITS,
      );
      expect(r.status).to.equal('fail');
    });
  });

  describe('with a delivering item whose lease ended', () => {
    const expired = (ms: number) => stats({ expiredLeases: { count: 1, earliestLeaseUntil: ago(ms) } });

    it('stays ok within one lease (another dispatcher may take it over at its next poll)', () => {
      expect(judgeOutbox(expired(LIMITS.leaseMs), NOW, LIMITS).status).to.equal('ok');
    });

    it('fails more than one lease later: no dispatcher takes it over', () => {
      const r = judgeOutbox(expired(LIMITS.leaseMs + 1), NOW, LIMITS);
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include('1 delivering item(s)').and.include('no dispatcher is taking them over');
      expect(r.fix).to.include('--state delivering');
    });

    it('reports both failures at once', () => {
      const r = judgeOutbox(
        stats({
          pending: {
            oldestCreatedAt: ago(10 * MIN),
            earliestNextAttemptAt: ago(0),
            earliestGiveUpAt: ago(HOUR),
          },
          expiredLeases: { count: 2, earliestLeaseUntil: ago(HOUR) },
        }),
        NOW,
        LIMITS,
      );
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include('give-up time').and.include('2 delivering item(s)');
      expect(r.fix).to.include('restart the gateway').and.include('--state delivering');
    });
  });
});

describe('formatAge', () => {
  it('uses the largest unit that keeps at least two of it', () => {
    expect(
      [0, 59_999, 119_999, 120_000, 7_199_999, 7_200_000, 172_799_999, 172_800_000].map(formatAge),
    ).to.deep.equal(['0 s', '59 s', '119 s', '2 min', '119 min', '2 h', '47 h', '2 d']);
  });
});
