/**
 * Sending any message to a partner, in order: check the partner, build the message under the agreement
 * in force, ask the agreement (a refusal is logged as `policy.decision` and thrown before anything is
 * sealed), seal it, commit it (sealed, with an own copy) with its outbox item, the `policy.decision`,
 * the caller's extra entries and a `message.sent` entry, then hand it to the outbox dispatcher and wait
 * (bounded) for the first delivery attempt: delivered with a verified receipt, failed, or queued. When
 * the dispatcher has a free slot, the item is committed already claimed by it and its attempt starts at
 * once on the sealed bytes in memory; otherwise it is committed queued and claimed as usual.
 *
 * Shared by requests (outbound.ts) and the case messages (case-messages.ts). Roles are the callers'.
 */
import { randomUUID } from 'node:crypto';
import { sealMessage, sealOwnCopy, type KeyRing } from '../crypto/index.js';
import type { GatewayError } from '../errors.js';
import { makeEntry, type Actor, type LedgerEvent, type MessageRef } from '../ledger/index.js';
import type { Logger } from '../log.js';
import type { EnvelopeFields, Message } from '../messages/index.js';
import { runWithCorrelation } from '../observability/correlation.js';
import { noAgreement, type Decision } from '../policy/index.js';
import type { CaseState, MessageRecord, OutboxItem, Store, StoreTx } from '../store/index.js';
import type { Operator } from './authorize.js';
import { faultPoint } from './fault-points.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { Claim, OutboxDispatcher } from './outbox-dispatcher.js';
import type { AttemptOutcome, ReceiptInfo } from './outbox-delivery.js';
import type { LedgerAlarm } from './partner-ledgers.js';
import type { PartnerDirectory } from './partners.js';
import { decisionEvent, refusalError, type PolicyGate } from './policy-gate.js';
import { caseOf, messageRecord, refOf } from './records.js';

export interface SenderDeps {
  self: string;
  store: Store;
  sequencer: LedgerSequencer;
  ring: KeyRing;
  partners: PartnerDirectory;
  gate: PolicyGate;
  dispatcher: Pick<OutboxDispatcher, 'kick' | 'nextOutcome' | 'reserve'>;
  /** After this long after submission, give up delivering (config delivery.retry.giveUpAfterMs). */
  giveUpAfterMs: number;
  /** How long a submission waits for the first delivery attempt before answering `queued`. */
  firstAttemptWaitMs: number;
  clock: () => Date;
  log: Logger;
}

/** The outcome of sending a message, as the operator sees it. */
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

/** One message to send. */
export interface Outgoing {
  /** The operator on whose behalf it is sent (the actor of the ledger entries and the outbox submitter). */
  op: Operator;
  /** The partner FIU id. */
  to: string;
  /** The message type (for the refusal logged before the message is built). */
  type: string;
  /** Builds and validates the message from the header fields the gateway sets. */
  build: (fields: EnvelopeFields) => Message;
  /**
   * Given the agreement's allowing decision: the message to seal (`message`, or one rebuilt with what
   * the decision asks for, such as caveats), or a thrown refusal. Runs before anything is sealed.
   */
  vet?: (decision: Decision, message: Message, actor: Actor) => Promise<Message>;
  /** The local case the message belongs to. */
  caseId: string;
  /** Creates the case row in the same commit (an outgoing request or spontaneous disclosure). */
  newCase?: { state: CaseState };
  /**
   * Ledger events committed in the same batch, after the `policy.decision` and before `message.sent`
   * (or a function of the message as sealed, when they name its id).
   */
  extraEntries?: LedgerEvent[] | ((message: Message) => LedgerEvent[]);
  /** Extra writes in the same transaction (case state, consents, approvals), given the message sealed. */
  work?: (tx: StoreTx, message: Message) => Promise<void>;
}

export class MessageSender {
  constructor(private readonly d: SenderDeps) {}

  /** Builds, checks, seals, commits and queues `o`; see the module comment. */
  async send(o: Outgoing): Promise<SubmitResult> {
    const { self, ring, partners, clock, gate } = this.d;
    const { op, to } = o;
    partners.address(to); // an unknown partner is refused before anything is sealed
    const now = clock();
    const actor: Actor = { kind: 'operator', id: op.id, roles: op.roles };
    const id = randomUUID();
    const unsealed = { id, type: o.type, from: self, to };
    const inForce = await gate.inForce(to);
    if (!inForce) throw await this.refuse(noAgreement(to), actor, unsealed);
    const { id: agreementId, version } = inForce.agreement;
    let message = o.build({
      id,
      from: self,
      to,
      createdAt: now.toISOString(),
      agreement: { id: agreementId, version },
    });
    const { decision, release } = await gate.decide('outgoing', to, message.header, now);
    let ledgerIndex: number;
    let ref: MessageRef;
    let committed: MessageRecord | undefined;
    let item: OutboxItem | undefined;
    let start: () => void;
    try {
      if (!decision.allow) throw await this.refuse(decision, actor, unsealed);
      if (o.vet) message = await o.vet(decision, message, actor);
      const { sealed, digest, signed } = await sealMessage(message, ring, now);
      ref = refOf(message, digest);
      const record = messageRecord(message, {
        direction: 'out',
        sealed,
        digest,
        caseId: o.caseId,
        status: 'sealed',
        ledgerIndex: -1,
        storedAt: now,
        localCopy: await sealOwnCopy(signed, ring, now),
      });
      faultPoint('outbound.before_commit');
      const events = typeof o.extraEntries === 'function' ? o.extraEntries(message) : (o.extraEntries ?? []);
      const extra = events.map((e) => makeEntry(now, actor, e));
      const handoff = this.d.dispatcher.reserve();
      try {
        const { indexes } = await this.d.sequencer.append({
          entries: [
            makeEntry(now, actor, decisionEvent(decision, 'outgoing', to, ref)),
            ...extra,
            makeEntry(now, actor, { event: 'message.sent', message: ref }),
          ],
          work: async (tx, idx) => {
            committed = { ...record, ledgerIndex: idx[idx.length - 1]! };
            await tx.insertMessage(committed);
            if (o.newCase) {
              const opened = { caseId: o.caseId, direction: 'out', partner: to, openedAt: now } as const;
              await tx.insertCase(caseOf(message, { ...opened, state: o.newCase.state }));
            }
            item = this.outboxItem(record, op, now, handoff?.claim(this.d.clock()));
            await tx.insertOutboxItem(item);
            await o.work?.(tx, message);
          },
        });
        ledgerIndex = indexes[indexes.length - 1]!;
      } catch (err) {
        handoff?.release();
        throw err;
      }
      start = handoff ? () => handoff.start(item!, committed!) : () => this.d.dispatcher.kick();
    } finally {
      release();
    }
    runWithCorrelation(id, () =>
      this.d.log.info('message sealed, logged and queued', {
        id,
        type: ref.type,
        to,
        digest: ref.digest,
        ledgerIndex,
      }),
    );
    const first = this.d.dispatcher.nextOutcome(id, this.d.firstAttemptWaitMs);
    start();
    return { messageId: id, caseId: o.caseId, ledgerIndex, ...(await this.outcomeOf(id, await first)) };
  }

  /** The outbox item of a message being committed: queued, or already claimed by the dispatcher. */
  private outboxItem(record: MessageRecord, op: Operator, now: Date, claim: Claim | undefined): OutboxItem {
    return {
      messageRowId: record.rowId,
      messageId: record.messageId,
      partner: record.toFiu,
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
      ...claim,
    };
  }

  /** Logs a refused decision about an outgoing message and returns the error for the operator. */
  async refuse(decision: Decision, actor: Actor, message: Partial<MessageRef>): Promise<GatewayError> {
    const to = message.to!;
    await this.d.sequencer.append({
      entries: [makeEntry(this.d.clock(), actor, decisionEvent(decision, 'outgoing', to, message))],
    });
    const error = refusalError(decision);
    this.d.log.warn('message refused by the agreement', {
      id: message.id,
      type: message.type,
      to,
      code: error.code,
    });
    return error;
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
