/**
 * Making a draft: the message built under the agreement in force and checked by it (a refusal is
 * logged as for a send), the approvals the agreement requires, the draft sealed to the gateway's own
 * key, and its commit with a `case.drafted` entry (ids, codes and digests only).
 */
import { randomUUID } from 'node:crypto';
import type { KeyRing } from '../crypto/index.js';
import { makeEntry, type Actor, type LedgerEvent } from '../ledger/index.js';
import type { Logger } from '../log.js';
import type { EnvelopeFields, Message } from '../messages/index.js';
import { approvalRule, noAgreement, type ApprovalRule } from '../policy/index.js';
import type { CaseApproval, CaseDraft, StoreTx } from '../store/index.js';
import type { Operator } from './authorize.js';
import { draftRef, sealComment, sealDraft } from './drafts.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { PolicyGate } from './policy-gate.js';
import type { MessageSender } from './sender.js';

/** What drafting needs. */
export interface DraftingDeps {
  self: string;
  ring: KeyRing;
  sequencer: LedgerSequencer;
  gate: PolicyGate;
  sender: Pick<MessageSender, 'refuse'>;
  clock: () => Date;
  log: Logger;
}

/** A draft ready to commit: the row (without its case), the rule, and the draft message. */
export interface PreparedDraft {
  draft: Omit<CaseDraft, 'caseId'>;
  rule: ApprovalRule;
  message: Message;
}

/** The ledger actor of an operator. */
export const actorOf = (op: Operator): Actor => ({ kind: 'operator', id: op.id, roles: op.roles });

/** One person's decision on a draft, its comment sealed. */
export function decisionOf(
  ring: KeyRing,
  op: Operator,
  draftId: string,
  decision: CaseApproval['decision'],
  comment: string | undefined,
  now: Date,
  position: number,
): CaseApproval {
  return {
    draftId,
    approver: op.id,
    roles: [...op.roles],
    decision,
    comment: sealComment(comment, ring, now),
    decidedAt: now.toISOString(),
    position,
  };
}

/** Builds a draft message under the agreement in force, asks the agreement, and seals the draft. */
export async function prepareDraft(
  d: DraftingDeps,
  op: Operator,
  to: string,
  type: CaseDraft['type'],
  build: (fields: EnvelopeFields) => Message,
): Promise<PreparedDraft> {
  const { self, gate, ring, clock } = d;
  const now = clock();
  const draftId = randomUUID();
  const inForce = await gate.inForce(to);
  const agreement = inForce ? { id: inForce.agreement.id, version: inForce.agreement.version } : null;
  if (!inForce || !agreement) {
    throw await d.sender.refuse(noAgreement(to), actorOf(op), { id: draftId, type, from: self, to });
  }
  const message = build({ id: draftId, from: self, to, createdAt: now.toISOString(), agreement });
  const { decision, release } = await gate.decide('outgoing', to, message.header, now);
  release(); // nothing is sent now: the send asks again
  if (!decision.allow)
    throw await d.sender.refuse(decision, actorOf(op), { id: draftId, type, from: self, to });
  const rule = approvalRule(inForce.agreement, type) ?? { count: 1, supervisor: type === 'request' };
  const draft = {
    draftId,
    type,
    partner: to,
    state: 'pending' as const,
    draftedBy: op.id,
    draftedAt: now.toISOString(),
    sealed: await sealDraft(message, ring, now),
    approvalsRequired: rule.count,
    supervisorRequired: rule.supervisor,
    messageId: null,
    decidedAt: null,
  };
  return { draft, rule, message };
}

/** Commits a draft with its `case.drafted` entry and the case change `work`. */
export async function commitDraft(
  d: DraftingDeps,
  op: Operator,
  draft: CaseDraft,
  rule: ApprovalRule,
  message: Message,
  work: (tx: StoreTx) => Promise<void>,
): Promise<void> {
  const body = message.body as { outcome?: string; refusalReason?: string };
  const event: LedgerEvent = {
    event: 'case.drafted',
    caseId: draft.caseId,
    draft: draftRef(draft),
    ...(body.outcome === undefined ? {} : { outcome: body.outcome }),
    ...(body.refusalReason === undefined ? {} : { reason: body.refusalReason }),
    approvals: { count: rule.count, supervisor: rule.supervisor },
  };
  await d.sequencer.append({
    entries: [makeEntry(new Date(draft.draftedAt), actorOf(op), event)],
    work: async (tx) => {
      await work(tx);
      await tx.insertDraft(draft);
    },
  });
  d.log.info('draft stored', {
    caseId: draft.caseId,
    draftId: draft.draftId,
    type: draft.type,
    by: op.id,
  });
}
