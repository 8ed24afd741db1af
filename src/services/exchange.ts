/**
 * The exchange use cases, each run as its steps in order:
 * - receiving a sealed message from a partner (bind identities, open, deduplicate, commit message +
 *   case + ledger entry in one transaction, then answer a signed receipt);
 * - submitting a request for information (build, seal, commit + log, deliver, verify the receipt, log it).
 */
import { randomUUID } from 'node:crypto';
import {
  canonicalJson,
  digestsEqual,
  openMessage,
  readEnvelope,
  sealMessage,
  sealOwnCopy,
  sha256b64u,
  signReceipt,
  verifyReceipt,
  type KeyRing,
} from '../crypto/index.js';
import { GatewayError, toGatewayError } from '../errors.js';
import { makeEntry, type Actor, type LedgerEvent, type MessageRef } from '../ledger/entry.js';
import type { Logger } from '../log.js';
import { buildRequest, type Message } from '../messages/index.js';
import type { MessageRecord, Store, StoreTx } from '../store/index.js';
import { requireRole, type Operator } from './authorize.js';
import type { PartnerDirectory } from './partners.js';

/** What the exchange needs to deliver to a partner (the peer client in production). */
export interface Deliverer {
  deliver(partner: string, address: string, sealed: string, timeoutMs: number): Promise<string>;
}

export interface ExchangeDeps {
  self: string;
  store: Store;
  ring: KeyRing;
  partners: PartnerDirectory;
  deliverer: Deliverer;
  maxMessageBytes: number;
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
}

function refOf(message: Message, digest: string): MessageRef {
  const h = message.header;
  return { id: h.id, type: h.type, from: h.from, to: h.to, digest };
}

export class ExchangeService {
  constructor(private readonly d: ExchangeDeps) {}

  /** Appends one ledger entry inside `tx`; resolves to its index. */
  private async log(tx: StoreTx, actor: Actor, event: LedgerEvent): Promise<number> {
    const [index] = await tx.appendLedger([canonicalJson(makeEntry(this.d.clock(), actor, event))]);
    return index!;
  }

  /**
   * Handles a delivery from the partner authenticated as `tlsPeer`. Resolves to the signed receipt,
   * sent only after the commit; a refusal is logged in the ledger and thrown.
   */
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
    try {
      const receipt = await store.transaction(async (tx) => {
        const ledgerIndex = await this.log(
          tx,
          { kind: 'peer', fiu: tlsPeer },
          { event: 'message.received', message: ref },
        );
        const receivedAt = now.toISOString();
        const receipt = await signReceipt(
          { messageId: ref.id, from: ref.from, to: self, digest, receivedAt, ledgerIndex },
          ring,
          now,
        );
        const caseId = randomUUID();
        await tx.insertMessage(
          this.record(message, 'in', sealed, digest, caseId, 'accepted', receipt, ledgerIndex),
        );
        await tx.insertCase({
          caseId,
          direction: 'in',
          partner: ref.from,
          state: 'open',
          messageType: ref.type,
          purpose: message.header.purpose,
          urgency: message.header.urgency,
          deadline: message.header.deadline ?? null,
          openedAt: receivedAt,
          messageId: ref.id,
        });
        return receipt;
      });
      this.d.log.info('message received', { id: ref.id, from: ref.from, type: ref.type, digest });
      return receipt;
    } catch (err) {
      // A concurrent delivery of the same message may have committed first.
      const again = await store.findInbound(ref.from, ref.id);
      if (again) return this.answerDuplicate(again, sealed, digest, tlsPeer);
      throw err;
    }
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

  /** Logs a refusal in the ledger (with whatever the envelope claims) and returns the error to throw. */
  private async refuse(sealed: string, digest: string, tlsPeer: string, err: unknown): Promise<GatewayError> {
    const error = toGatewayError(err, 'internal.unexpected', 'unexpected error while opening a message');
    let claimed: Partial<MessageRef> = {};
    try {
      const env = readEnvelope(sealed);
      claimed = { id: env.id, type: env.type, from: env.from, to: env.to };
    } catch {
      // The envelope itself is unreadable: the refusal records the digest alone.
    }
    try {
      await this.d.store.transaction((tx) =>
        this.log(
          tx,
          { kind: 'peer', fiu: tlsPeer },
          {
            event: 'message.refused',
            message: { ...claimed, digest },
            reason: error.code,
          },
        ),
      );
    } catch (logErr) {
      this.d.log.error('could not log a refusal', { code: error.code, error: String(logErr) });
    }
    this.d.log.warn('message refused', { from: tlsPeer, code: error.code, reason: error.message, digest });
    return error;
  }

  private record(
    message: Message,
    direction: 'in' | 'out',
    sealed: string,
    digest: string,
    caseId: string,
    status: string,
    receipt: string | null,
    ledgerIndex: number,
  ): MessageRecord {
    const h = message.header;
    return {
      rowId: randomUUID(),
      direction,
      messageId: h.id,
      type: h.type,
      fromFiu: h.from,
      toFiu: h.to,
      createdAt: h.createdAt,
      digest,
      sealed,
      caseId,
      status,
      receipt,
      ledgerIndex,
      storedAt: this.d.clock().toISOString(),
    };
  }

  /** Builds, seals, logs and delivers a request for information from operator `op` to partner `to`. */
  async submitRequest(op: Operator, to: string, input: unknown): Promise<SubmitResult> {
    const { self, store, ring, partners, clock } = this.d;
    requireRole(op, ['analyst'], 'submitting a request for information');
    const address = partners.address(to);
    const now = clock();
    const message = buildRequest(input, { id: randomUUID(), from: self, to, createdAt: now.toISOString() });
    const { sealed, digest, signed } = await sealMessage(message, ring, now);
    const ref = refOf(message, digest);
    const caseId = randomUUID();
    const record = {
      ...this.record(message, 'out', sealed, digest, caseId, 'sealed', null, -1),
      localCopy: await sealOwnCopy(signed, ring, now),
    };
    const ledgerIndex = await store.transaction(async (tx) => {
      const index = await this.log(
        tx,
        { kind: 'operator', id: op.id, roles: op.roles },
        {
          event: 'message.sent',
          message: ref,
        },
      );
      await tx.insertMessage({ ...record, ledgerIndex: index });
      await tx.insertCase({
        caseId,
        direction: 'out',
        partner: to,
        state: 'awaiting_response',
        messageType: ref.type,
        purpose: message.header.purpose,
        urgency: message.header.urgency,
        deadline: message.header.deadline ?? null,
        openedAt: now.toISOString(),
        messageId: ref.id,
      });
      return index;
    });
    this.d.log.info('message sealed and logged', { id: ref.id, to, digest, ledgerIndex });
    const base = { messageId: ref.id, caseId, ledgerIndex };
    try {
      const receipt = await this.d.deliverer.deliver(to, address, sealed, this.d.deliveryTimeoutMs);
      const claims = await verifyReceipt(receipt, {
        expected: { messageId: ref.id, from: self, to, digest },
        ring,
        now: clock(),
      });
      await store.transaction(async (tx) => {
        await this.log(
          tx,
          { kind: 'system' },
          {
            event: 'delivery.receipt',
            message: ref,
            receipt: { ledgerIndex: claims.ledgerIndex, receivedAt: claims.receivedAt },
          },
        );
        await tx.updateMessage(record.rowId, { status: 'delivered', receipt });
      });
      this.d.log.info('receipt verified', { id: ref.id, to, partnerLedgerIndex: claims.ledgerIndex });
      return {
        ...base,
        status: 'delivered',
        receipt: {
          receipt,
          digest: claims.digest,
          receivedAt: claims.receivedAt,
          ledgerIndex: claims.ledgerIndex,
        },
      };
    } catch (err) {
      const error = toGatewayError(err, 'internal.unexpected', 'delivery failed unexpectedly');
      await store.transaction(async (tx) => {
        await this.log(
          tx,
          { kind: 'system' },
          { event: 'delivery.failed', message: ref, reason: error.code },
        );
        await tx.updateMessage(record.rowId, { status: 'failed' });
      });
      this.d.log.warn('delivery failed', { id: ref.id, to, code: error.code, reason: error.message });
      return {
        ...base,
        status: 'failed',
        error: { code: error.code, detail: error.publicDetail ?? error.message },
      };
    }
  }
}
