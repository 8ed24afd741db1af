/**
 * Submitting a request for information, in order: check the operator's role and the partner, build
 * and validate the message, seal it, commit it (sealed, with an own copy) with its case and a
 * `message.sent` entry, deliver it, verify the receipt, cross-check the partner's checkpoint it
 * carries, and log the receipt.
 */
import { randomUUID } from 'node:crypto';
import { sealMessage, sealOwnCopy, verifyReceipt, type KeyRing } from '../crypto/index.js';
import { toGatewayError } from '../errors.js';
import { GatewayError } from '../errors.js';
import { makeEntry, type Actor, type MessageRef } from '../ledger/index.js';
import type { Logger } from '../log.js';
import { buildRequest } from '../messages/index.js';
import { noAgreement, type Decision } from '../policy/index.js';
import type { Store } from '../store/index.js';
import { requireRole, type Operator } from './authorize.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { LedgerAlarm, PartnerLedgers } from './partner-ledgers.js';
import type { PartnerDirectory } from './partners.js';
import { decisionEvent, refusalError, type PolicyGate } from './policy-gate.js';
import { caseOf, messageRecord, refOf } from './records.js';

/** What the exchange needs to deliver to a partner (the peer client in production). */
export interface Deliverer {
  deliver(partner: string, address: string, sealed: string, timeoutMs: number): Promise<string>;
}

export interface OutboundDeps {
  self: string;
  store: Store;
  sequencer: LedgerSequencer;
  ring: KeyRing;
  partners: PartnerDirectory;
  gate: PolicyGate;
  partnerLedgers: PartnerLedgers;
  deliverer: Deliverer;
  deliveryTimeoutMs: number;
  clock: () => Date;
  log: Logger;
}

/** The outcome of submitting a request, as the operator sees it. */
export interface SubmitResult {
  messageId: string;
  caseId: string;
  /** The sender's own ledger index of the `message.sent` entry. */
  ledgerIndex: number;
  status: 'delivered' | 'failed';
  receipt?: { receipt: string; digest: string; receivedAt: string; ledgerIndex: number };
  error?: { code: string; detail: string };
  /** Set when the partner's ledger checkpoint did not agree with what it showed before. */
  alarm?: LedgerAlarm;
}

export class OutboundService {
  constructor(private readonly d: OutboundDeps) {}

  /**
   * Builds, checks against the agreement in force, seals, logs and delivers a request for information
   * from operator `op` to partner `to`. A refusal by the agreement is logged (`policy.decision`) and
   * thrown before anything is sealed.
   */
  async submitRequest(op: Operator, to: string, input: unknown): Promise<SubmitResult> {
    const { self, ring, partners, clock, gate } = this.d;
    requireRole(op, ['analyst'], 'submitting a request for information');
    const address = partners.address(to);
    const now = clock();
    const actor: Actor = { kind: 'operator', id: op.id, roles: op.roles };
    const id = randomUUID();
    const inForce = await gate.inForce(to);
    if (!inForce) {
      throw await this.refuse(noAgreement(to), actor, { id, type: 'request', from: self, to });
    }
    const { id: agreementId, version } = inForce.agreement;
    const message = buildRequest(input, {
      id,
      from: self,
      to,
      createdAt: now.toISOString(),
      agreement: { id: agreementId, version },
    });
    const { decision, release } = await gate.decide('outgoing', to, message.header, now);
    try {
      const unsealed = { id, type: 'request', from: self, to };
      if (!decision.allow) throw await this.refuse(decision, actor, unsealed);
      if (decision.obligations.some((o) => o.kind === 'approvals')) {
        throw await this.refuseUnapproved(decision, actor, unsealed);
      }
      const { sealed, digest, signed } = await sealMessage(message, ring, now);
      const ref = refOf(message, digest);
      const caseId = randomUUID();
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
        },
      });
      release();
      const ledgerIndex = indexes[1]!;
      this.d.log.info('message sealed and logged', { id: ref.id, to, digest, ledgerIndex });
      const outcome = await this.deliver(ref, record.rowId, address, sealed);
      return { messageId: ref.id, caseId, ledgerIndex, ...outcome };
    } finally {
      release();
    }
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

  /**
   * Cross-checks the partner's checkpoint. When the partner cannot be asked for a consistency proof
   * right now, the check is left for the next receipt (the last verified checkpoint stays the reference).
   */
  private async crossCheck(partner: string, note: string, index: number): Promise<LedgerAlarm | null> {
    try {
      return await this.d.partnerLedgers.crossCheck(partner, note, { index });
    } catch (err) {
      const e = toGatewayError(err, 'internal.unexpected', 'cross-check failed');
      this.d.log.warn('partner checkpoint not cross-checked this time', {
        partner,
        code: e.code,
        reason: e.message,
      });
      return null;
    }
  }

  /** Delivers once and records the outcome: a verified receipt, or the failure. */
  private async deliver(
    ref: MessageRef,
    rowId: string,
    address: string,
    sealed: string,
  ): Promise<Pick<SubmitResult, 'status' | 'receipt' | 'error' | 'alarm'>> {
    const { self, ring, clock } = this.d;
    const system = { kind: 'system' } as const;
    try {
      const receipt = await this.d.deliverer.deliver(ref.to, address, sealed, this.d.deliveryTimeoutMs);
      const claims = await verifyReceipt(receipt, {
        expected: { messageId: ref.id, from: self, to: ref.to, digest: ref.digest },
        ring,
        now: clock(),
      });
      await this.d.sequencer.append({
        entries: [
          makeEntry(clock(), system, {
            event: 'delivery.receipt',
            message: ref,
            receipt: { ledgerIndex: claims.ledgerIndex, receivedAt: claims.receivedAt },
          }),
        ],
        work: (tx) => tx.updateMessage(rowId, { status: 'delivered', receipt }),
      });
      this.d.log.info('receipt verified', { id: ref.id, to: ref.to, partnerLedgerIndex: claims.ledgerIndex });
      const alarm = await this.crossCheck(ref.to, claims.checkpoint, claims.ledgerIndex);
      const { digest, receivedAt, ledgerIndex } = claims;
      return {
        status: 'delivered',
        receipt: { receipt, digest, receivedAt, ledgerIndex },
        ...(alarm ? { alarm } : {}),
      };
    } catch (err) {
      const error = toGatewayError(err, 'internal.unexpected', 'delivery failed unexpectedly');
      await this.d.sequencer.append({
        entries: [makeEntry(clock(), system, { event: 'delivery.failed', message: ref, reason: error.code })],
        work: (tx) => tx.updateMessage(rowId, { status: 'failed' }),
      });
      this.d.log.warn('delivery failed', { id: ref.id, to: ref.to, code: error.code, reason: error.message });
      return { status: 'failed', error: { code: error.code, detail: error.publicDetail ?? error.message } };
    }
  }
}
