/**
 * Per-partner admission control on the peer API (docs/PROTOCOL.md section 9): at most
 * `maxConcurrentPerPartner` calls of one partner at a time, and a token bucket of `ratePerSecond`
 * with room for `burst` calls. Both are in memory, per gateway process. A refused call is answered
 * RESOURCE_EXHAUSTED before anything of it is read, and is not recorded in the ledger: a flood would
 * otherwise grow the ledger, which can never be pruned. The local log gets one line per partner per
 * `logEveryMs` with the number of calls refused since the last line.
 */
import { GatewayError } from '../errors.js';
import type { Logger } from '../log.js';

/** The limits of one partner's calls (config `peer.limits`). */
export interface PeerLimits {
  maxConcurrentPerPartner: number;
  /** Tokens added per second. */
  ratePerSecond: number;
  /** The bucket's size: how many calls may come at once after a quiet time. */
  burst: number;
}

/** A token bucket: `take` spends one token when there is one. Time is passed in, so it is testable. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.last = nowMs;
  }

  /** Refills for the time since the last call, then spends one token; false when none is left. */
  take(nowMs: number): boolean {
    const elapsed = Math.max(0, nowMs - this.last);
    this.last = Math.max(this.last, nowMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface PartnerState {
  bucket: TokenBucket;
  running: number;
  refused: number;
  lastLogMs: number;
}

/** Admits or refuses peer calls, per partner; see the module comment. */
export class PeerLimiter {
  private readonly partners = new Map<string, PartnerState>();

  constructor(
    private readonly limits: PeerLimits,
    private readonly log: Logger,
    private readonly nowMs: () => number = Date.now,
    private readonly logEveryMs = 10_000,
  ) {}

  /**
   * Admits one call of `partner` (the FIU named by its TLS certificate); returns the function that
   * ends it. Throws `transport.too_many_calls` or `transport.rate_limited` (RESOURCE_EXHAUSTED).
   */
  admit(partner: string): () => void {
    const now = this.nowMs();
    const state = this.stateOf(partner, now);
    if (state.running >= this.limits.maxConcurrentPerPartner) {
      throw this.refuse(
        state,
        partner,
        now,
        new GatewayError('transport.too_many_calls', `${partner} has too many calls in progress`, {
          publicDetail: `more than ${this.limits.maxConcurrentPerPartner} calls in progress from ${partner}; retry later`,
        }),
      );
    }
    if (!state.bucket.take(now)) {
      throw this.refuse(
        state,
        partner,
        now,
        new GatewayError('transport.rate_limited', `${partner} exceeds its call rate`, {
          publicDetail: `more than ${this.limits.ratePerSecond} calls per second from ${partner}; retry later`,
        }),
      );
    }
    state.running += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      state.running -= 1;
    };
  }

  private stateOf(partner: string, now: number): PartnerState {
    let state = this.partners.get(partner);
    if (!state) {
      state = {
        bucket: new TokenBucket(this.limits.ratePerSecond, this.limits.burst, now),
        running: 0,
        refused: 0,
        lastLogMs: -Infinity,
      };
      this.partners.set(partner, state);
    }
    return state;
  }

  /** Counts the refusal and logs at most one line per partner per `logEveryMs`. */
  private refuse(state: PartnerState, partner: string, now: number, err: GatewayError): GatewayError {
    state.refused += 1;
    if (now - state.lastLogMs >= this.logEveryMs) {
      this.log.warn('peer calls refused by a limit', { partner, code: err.code, refused: state.refused });
      state.refused = 0;
      state.lastLogMs = now;
    }
    return err;
  }
}
