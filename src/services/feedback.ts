/**
 * Feedback (DOMAIN.md rule 6): how information received in a case was used and how useful it was,
 * sent to the FIU that provided it, replying to the response or disclosure it rates. Roles: analyst or
 * liaison.
 */
import type { Role } from '../config.js';
import type { KeyRing } from '../crypto/index.js';
import type { FeedbackUse, Usefulness } from '../messages/index.js';
import type { Store } from '../store/index.js';
import { requireRole, type Operator } from './authorize.js';
import type { CaseMessageService } from './case-messages.js';
import { purposeOf, receivedInCase, requireCase } from './referred.js';
import type { SubmitResult } from './sender.js';

/** Roles that may send feedback. */
export const FEEDBACK_SENDERS: readonly Role[] = ['analyst', 'liaison'];

/** What an operator reports. */
export interface FeedbackInput {
  caseId: string;
  /** The received response or spontaneous disclosure rated. */
  messageId: string;
  use: FeedbackUse[];
  usefulness: Usefulness;
  comments?: string | undefined;
}

export class FeedbackService {
  constructor(
    private readonly d: {
      self: string;
      store: Store;
      ring: KeyRing;
      caseMessages: Pick<CaseMessageService, 'submitCaseMessage'>;
    },
  ) {}

  /** Sends feedback on `f.messageId` to the partner of its case. */
  async send(op: Operator, f: FeedbackInput): Promise<SubmitResult> {
    requireRole(op, FEEDBACK_SENDERS, 'sending feedback');
    const c = await requireCase(this.d.store, f.caseId);
    const rated = await receivedInCase(this.d, c, f.messageId, ['response', 'spontaneous_disclosure']);
    const body = {
      use: f.use,
      usefulness: f.usefulness,
      ...(f.comments === undefined ? {} : { comments: f.comments }),
    };
    return this.d.caseMessages.submitCaseMessage(op, {
      type: 'feedback',
      to: c.partner,
      caseId: c.caseId,
      inReplyTo: f.messageId,
      input: { ...purposeOf(rated), body },
    });
  }
}
