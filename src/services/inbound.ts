/**
 * Receiving a sealed message from a partner, in order: check the partner, open (bind identities,
 * decrypt, verify, validate), deduplicate, check freshness (first receipt only), find the case of
 * the message it replies to (if any), ask the agreement, then commit message + case + ledger entries
 * in one batch of the sequencer, and only then answer the signed
 * receipt, which carries the checkpoint covering the entry. A refusal is recorded in the ledger and thrown.
 */
import { randomUUID } from 'node:crypto';
import {
  digestsEqual,
  openMessage,
  readEnvelope,
  sha256b64u,
  signReceipt,
  type KeyRing,
} from '../crypto/index.js';
import { GatewayError, toGatewayError } from '../errors.js';
import { makeEntry, type LedgerEvent, type MessageRef } from '../ledger/index.js';
import type { Logger } from '../log.js';
import {
  checkFreshness,
  isLinkedType,
  linkProblem,
  type FreshnessWindow,
  type Message,
} from '../messages/index.js';
import type { Decision } from '../policy/index.js';
import type { MessageRecord, Store } from '../store/index.js';
import { faultPoint } from './fault-points.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { PartnerDirectory } from './partners.js';
import { decisionEvent, refusalError, type PolicyGate } from './policy-gate.js';
import { caseOf, messageRecord, refOf } from './records.js';

export interface InboundDeps {
  self: string;
  store: Store;
  sequencer: LedgerSequencer;
  ring: KeyRing;
  partners: PartnerDirectory;
  gate: PolicyGate;
  maxMessageBytes: number;
  /** The window of header.createdAt on first receipt; duplicates of accepted messages are exempt. */
  freshness: FreshnessWindow;
  clock: () => Date;
  log: Logger;
}

export class InboundService {
  constructor(private readonly d: InboundDeps) {}

  /** Handles a delivery from the partner authenticated as `tlsPeer`; resolves to the signed receipt. */
  async receive(sealed: string, tlsPeer: string): Promise<string> {
    const { self, store, ring, partners, clock, maxMessageBytes } = this.d;
    const now = clock();
    const digest = sha256b64u(sealed);
    let message: Message;
    try {
      if (!partners.has(tlsPeer)) {
        throw new GatewayError('transport.unknown_partner', `${tlsPeer} is not a registered partner`, {
          publicDetail: `${tlsPeer} is not a registered partner of this gateway`,
        });
      }
      ({ message } = await openMessage(sealed, { self, tlsPeer, ring, now, maxBytes: maxMessageBytes }));
    } catch (err) {
      throw await this.refuse(sealed, digest, tlsPeer, err);
    }
    const ref = refOf(message, digest);
    const existing = await store.findInbound(ref.from, ref.id);
    if (existing) return this.answerDuplicate(existing, sealed, digest, tlsPeer);
    let linkedCase: string | null;
    try {
      checkFreshness(message.header.createdAt, now, this.d.freshness);
      linkedCase = await this.linkedCase(message);
    } catch (err) {
      throw await this.refuse(sealed, digest, tlsPeer, err);
    }
    const { decision, release } = await this.d.gate.decide('incoming', ref.from, message.header, now);
    try {
      if (!decision.allow) {
        const refused = decisionEvent(decision, 'incoming', ref.from, ref);
        throw await this.refuse(sealed, digest, tlsPeer, refusalError(decision), [refused]);
      }
      const receipt = await this.commit(message, ref, sealed, now, decision, linkedCase);
      faultPoint('inbound.after_commit');
      this.d.log.info('message received', { id: ref.id, from: ref.from, type: ref.type, digest });
      return receipt;
    } catch (err) {
      if (!decision.allow) throw err;
      // A concurrent delivery of the same message may have committed first.
      const again = await store.findInbound(ref.from, ref.id);
      if (again) return this.answerDuplicate(again, sealed, digest, tlsPeer);
      throw err;
    } finally {
      release();
    }
  }

  /**
   * The local case of the message that a linked message refers to (docs/PROTOCOL.md 3.1.1): a message
   * of the type the link allows that this gateway sent to the sender; null for a message that opens a
   * case (a request, a spontaneous disclosure).
   *
   * @throws GatewayError `exchange.unknown_reference` when there is none (unknown, of another type, or
   *   exchanged with another partner: the refusal does not say which).
   */
  private async linkedCase(message: Message): Promise<string | null> {
    const { type, inReplyTo, from } = message.header;
    if (!isLinkedType(type) || inReplyTo === undefined) return null;
    const referred = await this.d.store.findMessage('out', inReplyTo);
    const seen = referred && { type: referred.type, direction: referred.direction, partner: referred.toFiu };
    const problem = linkProblem(type, inReplyTo, seen, from, 'receiver');
    if (problem) throw new GatewayError('exchange.unknown_reference', problem, { publicDetail: problem });
    return referred!.caseId;
  }

  /**
   * Stores the message with the `policy.decision` and `message.received` entries, in the case it links to
   * (a response answers that case) or in a new case (open, due by the deadline the agreement sets); signs
   * the receipt in the same batch.
   */
  private async commit(
    message: Message,
    ref: MessageRef,
    sealed: string,
    now: Date,
    decision: Decision,
    linkedCase: string | null,
  ): Promise<string> {
    const { self, ring } = this.d;
    const caseId = linkedCase ?? randomUUID();
    const peer = { kind: 'peer', fiu: ref.from } as const;
    const due = decision.obligations.find((o) => o.kind === 'deadline');
    let receipt = '';
    await this.d.sequencer.append({
      entries: [
        makeEntry(now, peer, decisionEvent(decision, 'incoming', ref.from, ref)),
        makeEntry(now, peer, { event: 'message.received', message: ref }),
      ],
      work: async (tx, [, ledgerIndex]) => {
        const record = messageRecord(message, {
          direction: 'in',
          sealed,
          digest: ref.digest,
          caseId,
          status: 'accepted',
          ledgerIndex: ledgerIndex!,
          storedAt: now,
        });
        await tx.insertMessage(record);
        if (linkedCase === null) {
          await tx.insertCase({
            ...caseOf(message, { caseId, direction: 'in', partner: ref.from, state: 'open', openedAt: now }),
            deadline: due?.at ?? null,
          });
        } else if (ref.type === 'response') {
          await tx.setCaseState(caseId, 'answered');
        }
        return { rowId: record.rowId, ledgerIndex: ledgerIndex! };
      },
      seal: async (tx, v, head) => {
        receipt = await signReceipt(
          {
            messageId: ref.id,
            from: ref.from,
            to: self,
            digest: ref.digest,
            receivedAt: now.toISOString(),
            ledgerIndex: v.ledgerIndex,
            checkpoint: head.note,
          },
          ring,
          now,
        );
        await tx.updateMessage(v.rowId, { receipt });
      },
    });
    return receipt;
  }

  private async answerDuplicate(
    existing: MessageRecord,
    sealed: string,
    digest: string,
    tlsPeer: string,
  ): Promise<string> {
    if (digestsEqual(existing.digest, digest) && existing.receipt) {
      this.d.log.info('duplicate delivery answered with the original receipt', { id: existing.messageId });
      return existing.receipt;
    }
    const err = new GatewayError(
      'exchange.duplicate_id',
      `message id ${existing.messageId} reused with other content`,
      {
        publicDetail: 'a different message with this id was already received',
      },
    );
    throw await this.refuse(sealed, digest, tlsPeer, err);
  }

  /**
   * Logs a refusal in the ledger (with whatever the envelope claims, after the `before` entries such as
   * the agreement's decision) and returns the error to throw.
   */
  private async refuse(
    sealed: string,
    digest: string,
    tlsPeer: string,
    err: unknown,
    before: LedgerEvent[] = [],
  ): Promise<GatewayError> {
    const error = toGatewayError(err, 'internal.unexpected', 'unexpected error while opening a message');
    let claimed: Partial<MessageRef> = {};
    try {
      const env = readEnvelope(sealed);
      claimed = { id: env.id, type: env.type, from: env.from, to: env.to };
    } catch {
      // The envelope itself is unreadable: the refusal records the digest alone.
    }
    try {
      const at = this.d.clock();
      const peer = { kind: 'peer', fiu: tlsPeer } as const;
      await this.d.sequencer.append({
        entries: [
          ...before.map((e) => makeEntry(at, peer, e)),
          makeEntry(at, peer, {
            event: 'message.refused',
            message: { ...claimed, digest },
            reason: error.code,
          }),
        ],
      });
    } catch (logErr) {
      this.d.log.error('could not log a refusal', { code: error.code, error: String(logErr) });
    }
    this.d.log.warn('message refused', { from: tlsPeer, code: error.code, reason: error.message, digest });
    return error;
  }
}
