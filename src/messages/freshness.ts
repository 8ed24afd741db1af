/**
 * The freshness rule of a received message (docs/PROTOCOL.md section 5, step 15): the signed
 * `header.createdAt` must lie within a window around the receiver's clock. It is applied on the
 * first receipt of a message id only; a repeated delivery of an accepted message is answered with
 * its original receipt however old it is (step 14), so a sender's retry after a lost receipt is safe.
 */
import { GatewayError } from '../errors.js';

/** How far `header.createdAt` may lie behind or ahead of the receiver's clock. */
export interface FreshnessWindow {
  /** The largest age accepted, in milliseconds (must cover the partners' delivery give-up time). */
  maxAgeMs: number;
  /** How far in the future `createdAt` may be (clock skew), in milliseconds. */
  maxFutureMs: number;
}

/** The default window: three days back (a weekend's outage with retries), two minutes ahead. */
export const DEFAULT_FRESHNESS: FreshnessWindow = { maxAgeMs: 72 * 3600 * 1000, maxFutureMs: 2 * 60 * 1000 };

/**
 * Checks that `createdAt` (an RFC 3339 time, already validated) lies within `window` of `now`.
 *
 * @throws GatewayError `message.stale` when it is older than `maxAgeMs`, `message.not_yet_valid`
 *   when it is more than `maxFutureMs` ahead, `message.invalid` when it is not a time at all.
 */
export function checkFreshness(createdAt: string, now: Date, window: FreshnessWindow): void {
  const created = Date.parse(createdAt);
  if (!Number.isFinite(created)) {
    throw new GatewayError('message.invalid', 'header.createdAt is not a time', {
      publicDetail: 'header.createdAt: expected an RFC 3339 date-time',
    });
  }
  const age = now.getTime() - created;
  if (age > window.maxAgeMs) {
    throw new GatewayError(
      'message.stale',
      `header.createdAt ${createdAt} is ${age} ms old, more than ${window.maxAgeMs} ms`,
      { publicDetail: `header.createdAt is older than the ${window.maxAgeMs} ms this gateway accepts` },
    );
  }
  if (-age > window.maxFutureMs) {
    throw new GatewayError(
      'message.not_yet_valid',
      `header.createdAt ${createdAt} is ${-age} ms ahead of this gateway's clock, more than ${window.maxFutureMs} ms`,
      {
        publicDetail: `header.createdAt is more than ${window.maxFutureMs} ms ahead of this gateway's clock`,
      },
    );
  }
}
