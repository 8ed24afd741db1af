/**
 * One delivery attempt of a claimed outbox item, in order: take the sealed bytes as they were
 * committed (read back, or still in memory when the submission was handed straight over; never
 * sealed again: a retry must carry the same bytes, or the receiver would refuse it as a reused id),
 * deliver, verify the receipt, cross-check the partner's checkpoint, and record the outcome with its
 * ledger entry (and the partner's checkpoint, when a newer one was accepted). A transient failure puts
 * the item back in the queue with its next attempt time; a permanent one, or a transient one after
 * the give-up time, ends it.
 */
import { checkStanding } from '../policy/index.js';
import type { AgreementService } from './agreements.js';
import { verifyReceipt, type KeyRing } from '../crypto/index.js';
import { GatewayError, toGatewayError } from '../errors.js';
import { makeEntry, type MessageRef } from '../ledger/index.js';
import type { Logger } from '../log.js';
import type { MessageRecord, OutboxItem, PartnerCheckpointRow, Store, StoreTx } from '../store/index.js';
import { isTransient, retryDelay } from './backoff.js';
import { faultPoint } from './fault-points.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { LedgerAlarm, PartnerLedgers } from './partner-ledgers.js';
import type { PartnerDirectory } from './partners.js';

/** What the exchange needs to deliver to a partner (the peer client in production). */
export interface Deliverer {
  deliver(partner: string, address: string, sealed: string, timeoutMs: number): Promise<string>;
}

/** How deliveries are timed (config `delivery`). */
export interface DeliveryTiming {
  timeoutMs: number;
  retry: { initialMs: number; maxMs: number; giveUpAfterMs: number };
}

export interface DeliveryDeps {
  self: string;
  store: Store;
  sequencer: LedgerSequencer;
  ring: KeyRing;
  partners: PartnerDirectory;
  partnerLedgers: PartnerLedgers;
  /** The agreement in force with a partner, checked again before every attempt. */
  agreements: Pick<AgreementService, 'inForce'>;
  deliverer: Deliverer;
  timing: DeliveryTiming;
  clock: () => Date;
  log: Logger;
  random?: () => number;
}

/** A verified receipt, as the operator sees it. */
export interface ReceiptInfo {
  receipt: string;
  digest: string;
  receivedAt: string;
  ledgerIndex: number;
}

/** The outcome of one attempt. */
export type AttemptOutcome =
  | { status: 'delivered'; receipt: ReceiptInfo; attempts: number; alarm?: LedgerAlarm }
  | { status: 'queued'; error: { code: string; detail: string }; nextAttemptAt: string; attempts: number }
  | { status: 'failed'; error: { code: string; detail: string }; attempts: number };

const system = { kind: 'system' } as const;

/** The ledger's reference to a stored outbound message. */
export function refOfRecord(r: MessageRecord): MessageRef {
  return { id: r.messageId, type: r.type, from: r.fromFiu, to: r.toFiu, digest: r.digest };
}

export class OutboxDelivery {
  constructor(private readonly d: DeliveryDeps) {}

  /**
   * Refuses (permanently: `delivery.failed` with the reason code) to deliver once the agreement with
   * `partner` is no longer in force: suspended, terminated or expired since the message was committed.
   */
  private async requireStanding(partner: string): Promise<void> {
    const reasons = checkStanding(await this.d.agreements.inForce(partner), partner, this.d.clock());
    const first = reasons[0];
    if (first) {
      const detail = `not delivered: ${first.detail}`;
      throw new GatewayError(first.code, detail, { publicDetail: detail });
    }
  }

  /**
   * Runs one attempt of `item`, claimed by `owner`; resolves to what happened (it does not throw).
   * `committed`: the message as committed with the item (a submission handed straight over), so that
   * it need not be read back.
   */
  async attempt(item: OutboxItem, owner: string, committed?: MessageRecord): Promise<AttemptOutcome> {
    const record = committed ?? (await this.d.store.findMessage('out', item.messageId));
    if (!record) {
      throw new GatewayError('store.failed', `outbox item ${item.messageId} has no stored message`);
    }
    const ref = refOfRecord(record);
    let receipt: string;
    let claims: Awaited<ReturnType<typeof verifyReceipt>>;
    try {
      faultPoint('outbox.before_attempt');
      await this.requireStanding(item.partner);
      const address = this.d.partners.address(item.partner);
      receipt = await this.d.deliverer.deliver(item.partner, address, record.sealed, this.d.timing.timeoutMs);
      faultPoint('outbox.after_receipt');
      claims = await verifyReceipt(receipt, {
        expected: { messageId: ref.id, from: this.d.self, to: ref.to, digest: ref.digest },
        ring: this.d.ring,
        now: this.d.clock(),
      });
    } catch (err) {
      return this.failed(item, owner, ref, toGatewayError(err, 'internal.unexpected', 'delivery failed'));
    }
    // Cross-checked before the receipt is committed, so that a newer checkpoint of the partner is
    // stored in the same commit as the receipt (no transaction of its own).
    const { alarm, accepted } = await this.crossCheck(ref.to, claims.checkpoint, claims.ledgerIndex);
    await this.d.sequencer.append({
      entries: [
        makeEntry(this.d.clock(), system, {
          event: 'delivery.receipt',
          message: ref,
          receipt: { ledgerIndex: claims.ledgerIndex, receivedAt: claims.receivedAt },
        }),
        ...(alarm ? [this.d.partnerLedgers.alarmEntry(alarm)] : []),
      ],
      work: async (tx) => {
        await tx.updateOutboxItem(item.messageRowId, {
          patch: { state: 'delivered', claimedBy: null, leaseUntil: null, lastError: null },
          expect: { states: ['delivering'], claimedBy: owner, attempts: item.attempts },
          now: this.d.clock().toISOString(),
        });
        await tx.updateMessage(record.rowId, { status: 'delivered', receipt });
        if (accepted) await this.storePartnerCheckpoint(tx, accepted);
      },
    });
    this.d.log.info('receipt verified', {
      id: ref.id,
      to: ref.to,
      attempts: item.attempts,
      partnerLedgerIndex: claims.ledgerIndex,
    });
    const { digest, receivedAt, ledgerIndex } = claims;
    return {
      status: 'delivered',
      receipt: { receipt, digest, receivedAt, ledgerIndex },
      attempts: item.attempts,
      ...(alarm ? { alarm } : {}),
    };
  }

  /** Records a failed attempt: back in the queue, or the end of the item (with its ledger entry). */
  private async failed(
    item: OutboxItem,
    owner: string,
    ref: MessageRef,
    error: GatewayError,
  ): Promise<AttemptOutcome> {
    const now = this.d.clock();
    const detail = error.publicDetail ?? error.message;
    const expect = { states: ['delivering' as const], claimedBy: owner, attempts: item.attempts };
    const fields = {
      id: ref.id,
      to: ref.to,
      attempts: item.attempts,
      code: error.code,
      reason: error.message,
    };
    const transient = isTransient(error);
    if (transient && now.getTime() < Date.parse(item.giveUpAt)) {
      const next = new Date(now.getTime() + retryDelay(item.attempts, this.d.timing.retry, this.d.random));
      const nextAttemptAt = next.toISOString();
      await this.d.store.transaction((tx) =>
        tx.updateOutboxItem(item.messageRowId, {
          patch: { state: 'queued', nextAttemptAt, claimedBy: null, leaseUntil: null, lastError: error.code },
          expect,
          now: now.toISOString(),
        }),
      );
      this.d.log.warn('delivery deferred', { ...fields, nextAttemptAt });
      return {
        status: 'queued',
        error: { code: error.code, detail },
        nextAttemptAt,
        attempts: item.attempts,
      };
    }
    const entry = transient
      ? ({ event: 'delivery.expired', message: ref, reason: error.code, attempts: item.attempts } as const)
      : ({ event: 'delivery.failed', message: ref, reason: error.code } as const);
    await this.d.sequencer.append({
      entries: [makeEntry(now, system, entry)],
      work: async (tx) => {
        await tx.updateOutboxItem(item.messageRowId, {
          patch: { state: 'failed', claimedBy: null, leaseUntil: null, lastError: error.code },
          expect,
          now: now.toISOString(),
        });
        await tx.updateMessage(item.messageRowId, { status: 'failed' });
      },
    });
    if (transient) {
      this.d.log.error('delivery given up', { ...fields, giveUpAt: item.giveUpAt });
      const why = `gave up after ${item.attempts} attempts (since ${item.giveUpAt} passed): ${detail}`;
      return { status: 'failed', error: { code: error.code, detail: why }, attempts: item.attempts };
    }
    this.d.log.warn('delivery failed', fields);
    return { status: 'failed', error: { code: error.code, detail }, attempts: item.attempts };
  }

  /**
   * Cross-checks the partner's checkpoint. When the partner cannot be asked for a consistency proof
   * right now, the check is left for the next receipt (the last verified checkpoint stays the reference).
   */
  private async crossCheck(
    partner: string,
    note: string,
    index: number,
  ): Promise<{ alarm: LedgerAlarm | null; accepted: PartnerCheckpointRow | null }> {
    try {
      return await this.d.partnerLedgers.check(partner, note, { index });
    } catch (err) {
      this.notCrossChecked(partner, err);
      return { alarm: null, accepted: null };
    }
  }

  /** Stores an accepted partner checkpoint in the receipt's transaction; a failure does not undo the receipt. */
  private async storePartnerCheckpoint(tx: StoreTx, row: PartnerCheckpointRow): Promise<void> {
    try {
      await tx.putPartnerCheckpoint(row);
    } catch (err) {
      this.notCrossChecked(row.partner, err);
    }
  }

  private notCrossChecked(partner: string, err: unknown): void {
    const e = toGatewayError(err, 'internal.unexpected', 'cross-check failed');
    this.d.log.warn('partner checkpoint not cross-checked this time', {
      partner,
      code: e.code,
      reason: e.message,
    });
  }
}
