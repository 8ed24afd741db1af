/**
 * A case's life outside its drafts: assigned to a liaison officer, and closed when its work is done
 * (src/policy/case-close.ts says who may, and the workflow from which states). Each action is one
 * ledger entry naming the operator, committed with the case's new state.
 */
import { GatewayError } from '../errors.js';
import { makeEntry, type LedgerEvent } from '../ledger/index.js';
import {
  nextState,
  parseCloseReason,
  requireCaseRole,
  requireCloser,
  type CaseState,
  type CloseReason,
} from '../policy/index.js';
import type { Operator } from './authorize.js';
import { invalid, loadCase, recheckCase, type CaseWorkDeps } from './case-actions.js';
import { actorOf } from './case-drafting.js';
import type { KeyedSerial } from './serial.js';

/** A case just closed, and the reason code given. */
export interface ClosedCase {
  caseId: string;
  state: CaseState;
  reason?: CloseReason;
}

/** Assigns and closes cases, one action on a case at a time through the `serial` of all case work. */
export class CaseLifecycle {
  constructor(
    private readonly d: CaseWorkDeps,
    private readonly serial: KeyedSerial,
  ) {}

  /** Assigns a case to `assignee` (a liaison officer; by default the operator itself). */
  assign(
    op: Operator,
    caseId: string,
    assignee = op.id,
  ): Promise<{ caseId: string; assignee: string; state: CaseState }> {
    requireCaseRole(op, 'assign', 'assigning a case');
    const target = this.d.operators.find((o) => o.name === assignee);
    if (!target || !target.roles.includes('liaison')) {
      throw invalid(`${assignee} is not a liaison officer at this gateway`);
    }
    return this.serial.run(caseId, async () => {
      const { record, kind } = await loadCase(this.d.store, caseId);
      const to = nextState(caseId, kind, record.state, 'assign');
      await this.d.sequencer.append({
        entries: [makeEntry(this.d.clock(), actorOf(op), { event: 'case.assigned', caseId, assignee })],
        work: async (tx) => {
          await recheckCase(tx, record);
          await tx.setCaseAssignee(caseId, assignee);
          await tx.setCaseState(caseId, to);
        },
      });
      this.d.log.info('case assigned', { caseId, assignee, by: op.id });
      return { caseId, assignee, state: to };
    });
  }

  /**
   * Closes a case whose work is done (src/policy/case-close.ts says who may, and the workflow from
   * which states), with an optional reason code; the `case.closed` entry is committed with the state.
   */
  close(op: Operator, caseId: string, reasonCode?: string): Promise<ClosedCase> {
    requireCaseRole(op, 'closeRequest', 'closing a case');
    const reason = reasonCode === undefined ? undefined : parseCloseReason(reasonCode);
    return this.serial.run(caseId, async () => {
      const { record, kind } = await loadCase(this.d.store, caseId);
      requireCloser(caseId, kind, record.assignee ?? null, op);
      const to = nextState(caseId, kind, record.state, 'close');
      if (kind === 'outbound_request' && record.state === 'awaiting_response') {
        await this.requireNotInDelivery(caseId, record.messageId);
      }
      const event: LedgerEvent = {
        event: 'case.closed',
        caseId,
        from: record.state,
        ...(reason ? { reason } : {}),
      };
      await this.d.sequencer.append({
        entries: [makeEntry(this.d.clock(), actorOf(op), event)],
        work: async (tx) => {
          await recheckCase(tx, record);
          await tx.setCaseState(caseId, to);
        },
      });
      this.d.log.info('case closed', { caseId, from: record.state, reason, by: op.id });
      return { caseId, state: to, ...(reason ? { reason } : {}) };
    });
  }

  /**
   * A request we sent can be closed unanswered only once its delivery has ended (delivered, failed or
   * cancelled): closing it while the outbox still holds it queued or in an attempt would let it leave
   * after the FIU gave it up. A closed case's message is not retried either (OutboxService.retry).
   */
  private async requireNotInDelivery(caseId: string, messageId: string): Promise<void> {
    const item = await this.d.store.findOutboxItem(messageId);
    if (item?.state !== 'queued' && item?.state !== 'delivering') return;
    const detail =
      `case ${caseId}: its request is still ${item.state === 'queued' ? 'queued for delivery' : 'being delivered'}; ` +
      (item.state === 'queued'
        ? `cancel the delivery first (fiugw outbox cancel ${messageId}), or wait for it`
        : 'wait for the attempt to end');
    throw new GatewayError('case.invalid_state', detail, { publicDetail: detail });
  }
}
