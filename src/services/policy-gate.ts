/**
 * The policy gate: asks the agreement in force whether a message may go out or come in, with the
 * partner's usage so far (counted from the stored messages, so rate limits survive a restart, plus the
 * requests allowed but not yet committed in this process). Also turns a decision into its ledger event
 * and a refusal into the error the operator or partner receives.
 */
import { GatewayError } from '../errors.js';
import type { LedgerEvent, MessageRef } from '../ledger/index.js';
import {
  evaluate,
  type Decision,
  type InForce,
  type PolicyDirection,
  type PolicyMessage,
} from '../policy/index.js';
import type { Store } from '../store/index.js';
import type { AgreementService } from './agreements.js';
import { KeyedSerial } from './serial.js';

/** A decision, and the function that releases its rate-limit reservation once the message is committed or dropped. */
export interface GateResult {
  decision: Decision;
  release: () => void;
}

const MINUTE_MS = 60_000;

/** The UTC day of `now`, as the RFC 3339 time it starts. */
function dayStart(now: Date): string {
  return `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

export class PolicyGate {
  /** Requests allowed but not yet stored, per `direction:partner`. */
  private readonly reserved = new Map<string, number>();
  /** Decisions per `direction:partner` run one at a time, so none reads usage another is changing. */
  private readonly serial = new KeyedSerial();

  constructor(private readonly d: { store: Store; agreements: AgreementService; graceMs: number }) {}

  /** The agreement in force with `partner`, or null. */
  inForce(partner: string): Promise<InForce | null> {
    return this.d.agreements.inForce(partner);
  }

  /**
   * Evaluates `message` under the agreement in force with `partner`. An allowed request holds a
   * rate-limit reservation until `release` is called (after its commit, or when it is dropped).
   */
  decide(
    direction: PolicyDirection,
    partner: string,
    message: PolicyMessage,
    now: Date,
  ): Promise<GateResult> {
    const key = `${direction}:${partner}`;
    return this.serial.run(key, () => this.decideNow(direction, partner, message, now, key));
  }

  private async decideNow(
    direction: PolicyDirection,
    partner: string,
    message: PolicyMessage,
    now: Date,
    key: string,
  ): Promise<GateResult> {
    const inForce = await this.d.agreements.inForce(partner);
    const counted = message.type === 'request' && inForce !== null;
    const usage = counted ? await this.usage(direction, partner, now, key) : { today: 0, lastMinute: 0 };
    const decision = evaluate(inForce, message, { direction, partner, now, usage, graceMs: this.d.graceMs });
    if (!decision.allow || !counted) return { decision, release: () => undefined };
    this.reserved.set(key, (this.reserved.get(key) ?? 0) + 1);
    let released = false;
    return {
      decision,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.reserved.get(key) ?? 1) - 1;
        if (left > 0) this.reserved.set(key, left);
        else this.reserved.delete(key);
      },
    };
  }

  private async usage(direction: PolicyDirection, partner: string, now: Date, key: string) {
    const dir = direction === 'incoming' ? 'in' : 'out';
    const count = (since: string) =>
      this.d.store.countMessages({ direction: dir, partner, type: 'request', since });
    const pending = this.reserved.get(key) ?? 0;
    const today = (await count(dayStart(now))) + pending;
    const lastMinute = (await count(new Date(now.getTime() - MINUTE_MS).toISOString())) + pending;
    return { today, lastMinute };
  }
}

/** The `policy.decision` ledger event of a decision about `message` (ids and digest only). */
export function decisionEvent(
  decision: Decision,
  direction: PolicyDirection,
  partner: string,
  message: Partial<MessageRef>,
): Extract<LedgerEvent, { event: 'policy.decision' }> {
  return {
    event: 'policy.decision',
    direction,
    partner,
    message,
    agreement: decision.agreement,
    allow: decision.allow,
    reasons: decision.reasons.map((r) => r.code),
    obligations: decision.obligations,
  };
}

/**
 * The error for a refused decision: the first reason's code (the status a partner receives follows
 * from it), and a text naming the agreement and every reason.
 */
export function refusalError(decision: Decision): GatewayError {
  const [first, ...more] = decision.reasons;
  if (!first) throw new Error('refusalError: the decision allows the message');
  const under = decision.agreement
    ? `agreement ${decision.agreement.id} version ${decision.agreement.version}: `
    : '';
  const also = more.length > 0 ? ` (also: ${more.map((r) => r.code).join(', ')})` : '';
  const detail = `${under}${first.detail}${also}`;
  const all = decision.reasons.map((r) => `${r.code}: ${r.detail}`).join('; ');
  return new GatewayError(first.code, `refused by ${under || 'policy: '}${all}`, { publicDetail: detail });
}
