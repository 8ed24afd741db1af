/**
 * Submitting a request for information, in order: check the operator's role and the partner, build
 * and validate the message, check it against the sharing agreement in force, seal it, commit it
 * (sealed, with an own copy) with its case, its outbox item, the `policy.decision` and a
 * `message.sent` entry, then hand it to the outbox dispatcher and wait (bounded) for the first
 * delivery attempt: delivered with a verified receipt, failed, or queued for a retry.
 */
import { runWithCorrelation } from '../observability/correlation.js';
import { randomUUID } from 'node:crypto';
import { sealMessage, sealOwnCopy, type KeyRing } from '../crypto/index.js';
import { GatewayError } from '../errors.js';
import { makeEntry, type Actor, type MessageRef } from '../ledger/index.js';
import type { Logger } from '../log.js';
import { buildRequest } from '../messages/index.js';
import { noAgreement, type Decision } from '../policy/index.js';
import type { Store } from '../store/index.js';
import { requireRole, type Operator } from './authorize.js';
import { faultPoint } from './fault-points.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { OutboxDispatcher } from './outbox-dispatcher.js';
import type { AttemptOutcome, ReceiptInfo } from './outbox-delivery.js';
import type { LedgerAlarm } from './partner-ledgers.js';
import type { PartnerDirectory } from './partners.js';
import { decisionEvent, refusalError, type PolicyGate } from './policy-gate.js';
import { caseOf, messageRecord, refOf } from './records.js';

export type { Deliverer } from './outbox-delivery.js';

export interface OutboundDeps {
  self: string;
  store: Store;
  sequencer: LedgerSequencer;
  ring: KeyRing;
  partners: PartnerDirectory;
  gate: PolicyGate;
  dispatcher: Pick<OutboxDispatcher, 'kick' | 'nextOutcome'>;
  /** After this long after submission, give up delivering (config delivery.retry.giveUpAfterMs). */
  giveUpAfterMs: number;
  /** How long a submission waits for the first delivery attempt before answering `queued`. */
  firstAttemptWaitMs: number;
  clock: () => Date;
  log: Logger;
}

/** The outcome of submitting a request, as the operator sees it. */
export interface SubmitResult {
  messageId: string;
  caseId: string;
  /** The sender's own ledger index of the `message.sent` entry. */
  ledgerIndex: number;
  /** `queued`: committed, and the outbox will (re)try; see `nextAttemptAt`. */
  status: 'delivered' | 'failed' | 'queued';
  receipt?: ReceiptInfo;
  error?: { code: string; detail: string };
  /** Set when the partner's ledger checkpoint did not agree with what it showed before. */
  alarm?: LedgerAlarm;
  /** When queued: the time of the next attempt (RFC 3339), if one is scheduled. */
  nextAttemptAt?: string;
  /** Delivery attempts made so far. */
  attempts: number;
}

export class OutboundService {
  constructor(private readonly d: OutboundDeps) {}

  /**
   * Builds, checks against the agreement in force, seals and logs a request for information from
   * operator `op` to partner `to`, and queues it. A refusal by the agreement is logged
   * (`policy.decision`) and thrown before anything is sealed.
   */
  async submitRequest(op: Operator, to: string, input: unknown): Promise<SubmitResult> {
    const { self, ring, partners, clock, gate } = this.d;
    requireRole(op, ['analyst'], 'submitting a request for information');
    partners.address(to); // an unknown partner is refused before anything is sealed
    const now = clock();
    const actor: Actor = { kind: 'operator', id: op.id, roles: op.roles };
    const id = randomUUID();
    const unsealed = { id, type: 'request', from: self, to };
    const inForce = await gate.inForce(to);
    if (!inForce) throw await this.refuse(noAgreement(to), actor, unsealed);
    const { id: agreementId, version } = inForce.agreement;
    const message = buildRequest(input, {
      id,
      from: self,
      to,
      createdAt: now.toISOString(),
      agreement: { id: agreementId, version },
    });
    const { decision, release } = await gate.decide('outgoing', to, message.header, now);
    let ledgerIndex: number;
    let ref: MessageRef;
    let caseId: string;
    try {
      if (!decision.allow) throw await this.refuse(decision, actor, unsealed);
      if (decision.obligations.some((o) => o.kind === 'approvals')) {
        throw await this.refuseUnapproved(decision, actor, unsealed);
      }
      const { sealed, digest, signed } = await sealMessage(message, ring, now);
      ref = refOf(message, digest);
      caseId = randomUUID();
      const record = messageRecord(message, {
        direction: 'out',
        sealed,
        digest,
        caseId,
        status: 'sealed',
        ledgerIndex: -1,
        storedAt: now,
        localCopy: await sealOwnCopy(signed, ring, now),
      });
      faultPoint('outbound.before_commit');
      const { indexes } = await this.d.sequencer.append({
        entries: [
          makeEntry(now, actor, decisionEvent(decision, 'outgoing', to, ref)),
          makeEntry(now, actor, { event: 'message.sent', message: ref }),
        ],
        work: async (tx, [, index]) => {
          await tx.insertMessage({ ...record, ledgerIndex: index! });
          await tx.insertCase(
            caseOf(message, {
              caseId,
              direction: 'out',
              partner: to,
              state: 'awaiting_response',
              openedAt: now,
            }),
          );
          await tx.insertOutboxItem({
            messageRowId: record.rowId,
            messageId: id,
            partner: to,
            state: 'queued',
            attempts: 0,
            nextAttemptAt: now.toISOString(),
            giveUpAt: new Date(now.getTime() + this.d.giveUpAfterMs).toISOString(),
            claimedBy: null,
            leaseUntil: null,
            lastError: null,
            submittedBy: op.id,
            createdAt: now.toISOString(),
            updatedAt: now.toISOString(),
          });
        },
      });
      ledgerIndex = indexes[1]!;
    } finally {
      release();
    }
    runWithCorrelation(id, () =>
      this.d.log.info('message sealed, logged and queued', { id, to, digest: ref.digest, ledgerIndex }),
    );
    const first = this.d.dispatcher.nextOutcome(id, this.d.firstAttemptWaitMs);
    this.d.dispatcher.kick();
    return { messageId: id, caseId, ledgerIndex, ...(await this.outcomeOf(id, await first)) };
  }

  /** Logs a refused decision about an outgoing message and returns the error for the operator. */
  private async refuse(
    decision: Decision,
    actor: Actor,
    message: Partial<MessageRef>,
  ): Promise<GatewayError> {
    const to = message.to!;
    await this.d.sequencer.append({
      entries: [makeEntry(this.d.clock(), actor, decisionEvent(decision, 'outgoing', to, message))],
    });
    const error = refusalError(decision);
    this.d.log.warn('request refused by the agreement', { id: message.id, to, code: error.code });
    return error;
  }

  /**
   * The agreement asks for a supervisor's approval before a request leaves, which this version cannot
   * record yet (the approval workflow is docs/OPERATIONS.md's case work): refused, and logged as such.
   */
  private async refuseUnapproved(
    decision: Decision,
    actor: Actor,
    message: Partial<MessageRef>,
  ): Promise<GatewayError> {
    const to = message.to!;
    const event = {
      ...decisionEvent(decision, 'outgoing', to, message),
      allow: false,
      reasons: ['policy.approval_required'],
    };
    await this.d.sequencer.append({ entries: [makeEntry(this.d.clock(), actor, event)] });
    const a = decision.agreement!;
    const detail = `agreement ${a.id} version ${a.version} requires a supervisor's approval of outgoing requests, which this gateway cannot record yet`;
    this.d.log.warn('request refused: approval required', { id: message.id, to });
    return new GatewayError('policy.approval_required', detail, { publicDetail: detail });
  }

  /** The operator's view of the first attempt; when none ended in time, the item as it stands. */
  private async outcomeOf(
    messageId: string,
    outcome: AttemptOutcome | null,
  ): Promise<Omit<SubmitResult, 'messageId' | 'caseId' | 'ledgerIndex'>> {
    if (outcome) return outcome;
    const item = (await this.d.store.findOutboxItem(messageId))!;
    const status = item.state === 'delivered' || item.state === 'failed' ? item.state : 'queued';
    return {
      status,
      attempts: item.attempts,
      ...(item.state === 'queued' ? { nextAttemptAt: item.nextAttemptAt } : {}),
      ...(item.lastError ? { error: { code: item.lastError, detail: 'see the outbox' } } : {}),
    };
  }
}
