/**
 * What operators do with the outbox: list it, retry an item now, cancel a queued one. Who may:
 * - list: analyst, admin, supervisor, auditor (ids, partner, state and times; never content);
 * - retry and cancel: admin for any item, analyst for the items it submitted.
 * Every retry and cancel is a ledger entry with the operator as actor.
 */
import { GatewayError } from '../errors.js';
import { makeEntry } from '../ledger/index.js';
import type { Logger } from '../log.js';
import type { OutboxFilter, OutboxItem, OutboxState, Store } from '../store/index.js';
import { requireRole, type Operator } from './authorize.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { OutboxDispatcher } from './outbox-dispatcher.js';
import { refOfRecord, type AttemptOutcome } from './outbox-delivery.js';

export interface OutboxServiceDeps {
  store: Store;
  sequencer: LedgerSequencer;
  dispatcher: Pick<OutboxDispatcher, 'kick' | 'nextOutcome'>;
  giveUpAfterMs: number;
  /** How long `retry` waits for the attempt it starts. */
  waitMs: number;
  clock: () => Date;
  log: Logger;
}

/** An item after an operator's action, with the outcome of the attempt that followed, if any ended. */
export interface OutboxActionResult {
  item: OutboxItem;
  outcome: AttemptOutcome | null;
}

export class OutboxService {
  constructor(private readonly d: OutboxServiceDeps) {}

  /** The outbox, oldest first. */
  async list(op: Operator, filter: OutboxFilter): Promise<OutboxItem[]> {
    requireRole(op, ['analyst', 'admin', 'supervisor', 'auditor'], 'listing the outbox');
    return this.d.store.listOutbox(filter);
  }

  /**
   * Queues an item for an attempt now, with a new give-up time: a queued item (sooner than its
   * backoff), a failed or a cancelled one. Waits (bounded) for that attempt.
   */
  async retry(op: Operator, messageId: string): Promise<OutboxActionResult> {
    const item = await this.itemFor(op, messageId, 'retrying a delivery');
    await this.refuseClosedCase(messageId);
    const now = this.d.clock();
    await this.change(op, item, ['queued', 'failed', 'cancelled'], 'delivery.requeued', {
      patch: {
        state: 'queued',
        nextAttemptAt: now.toISOString(),
        giveUpAt: new Date(now.getTime() + this.d.giveUpAfterMs).toISOString(),
      },
      status: 'sealed',
    });
    const next = this.d.dispatcher.nextOutcome(messageId, this.d.waitMs);
    this.d.dispatcher.kick();
    const outcome = await next;
    return { item: (await this.d.store.findOutboxItem(messageId))!, outcome };
  }

  /**
   * A message whose case was closed (`fiugw case close`: the request is no longer wanted) is not sent
   * again: `exchange.invalid_state`.
   */
  private async refuseClosedCase(messageId: string): Promise<void> {
    const message = await this.d.store.findMessage('out', messageId);
    const kase = message?.caseId ? await this.d.store.getCase(message.caseId) : null;
    if (kase?.state !== 'closed') return;
    const detail = `the case of message ${messageId} is closed: it is not sent again`;
    throw new GatewayError('exchange.invalid_state', detail, { publicDetail: detail });
  }

  /** Cancels a queued item: it will not be delivered unless an operator retries it. */
  async cancel(op: Operator, messageId: string): Promise<OutboxActionResult> {
    const item = await this.itemFor(op, messageId, 'cancelling a delivery');
    await this.change(op, item, ['queued'], 'delivery.cancelled', {
      patch: { state: 'cancelled' },
      status: 'cancelled',
    });
    return { item: (await this.d.store.findOutboxItem(messageId))!, outcome: null };
  }

  private async itemFor(op: Operator, messageId: string, action: string): Promise<OutboxItem> {
    requireRole(op, ['analyst', 'admin'], action);
    const item = await this.d.store.findOutboxItem(messageId);
    if (!item) {
      throw new GatewayError('exchange.not_found', `no outbox item for message ${messageId}`, {
        publicDetail: `no outbox item for message ${messageId}`,
      });
    }
    if (!op.roles.includes('admin') && item.submittedBy !== op.id) {
      const detail = `${action} of a message submitted by someone else needs the role admin`;
      throw new GatewayError('transport.operator_forbidden', detail, { publicDetail: detail });
    }
    return item;
  }

  /** Changes the item's state if it is still one of `from`, with the operator's ledger entry. */
  private async change(
    op: Operator,
    item: OutboxItem,
    from: OutboxState[],
    event: 'delivery.requeued' | 'delivery.cancelled',
    to: { patch: OutboxUpdatePatch; status: string },
  ): Promise<void> {
    if (!from.includes(item.state)) throw invalidState(item, from);
    const record = await this.d.store.findMessage('out', item.messageId);
    if (!record)
      throw new GatewayError('store.failed', `outbox item ${item.messageId} has no stored message`);
    const now = this.d.clock();
    try {
      await this.d.sequencer.append({
        entries: [
          makeEntry(
            now,
            { kind: 'operator', id: op.id, roles: op.roles },
            { event, message: refOfRecord(record) },
          ),
        ],
        work: async (tx) => {
          await tx.updateOutboxItem(item.messageRowId, {
            patch: { ...to.patch, claimedBy: null, leaseUntil: null },
            expect: { states: [item.state] },
            now: now.toISOString(),
          });
          await tx.updateMessage(item.messageRowId, { status: to.status });
        },
      });
    } catch (err) {
      // The dispatcher changed the item in between (it claimed or finished it).
      if (err instanceof GatewayError && err.code === 'exchange.invalid_state') {
        throw invalidState((await this.d.store.findOutboxItem(item.messageId)) ?? item, from);
      }
      throw err;
    }
    this.d.log.info(event === 'delivery.requeued' ? 'delivery requeued' : 'delivery cancelled', {
      id: item.messageId,
      operator: op.id,
    });
  }
}

type OutboxUpdatePatch = Partial<Pick<OutboxItem, 'state' | 'nextAttemptAt' | 'giveUpAt'>>;

function invalidState(item: OutboxItem, from: OutboxState[]): GatewayError {
  const detail = `message ${item.messageId} is ${item.state}; this needs it ${from.join(' or ')}`;
  return new GatewayError('exchange.invalid_state', detail, { publicDetail: detail });
}
