/**
 * Drafts at rest: a draft message is signed and sealed to this gateway's own key (an own copy, like the
 * copy of a sent message), never kept as plain JSON; an approver's comment is sealed the same way. The
 * ledger names a draft by its id, type and the digest of the sealed draft, never its content.
 */
import {
  openOwnCopy,
  openOwnNote,
  sealMessage,
  sealOwnCopy,
  sealOwnNote,
  sha256b64u,
  type KeyRing,
} from '../crypto/index.js';
import type { CaseDraftRef } from '../ledger/index.js';
import type { Message } from '../messages/index.js';
import type { CaseApproval, CaseDraft } from '../store/index.js';

/**
 * Signs `message` and seals it to this gateway's own key. (The message is sealed for its recipient too
 * on the way, which checks that the partner has a valid encryption key now; only the own copy is kept.)
 */
export async function sealDraft(message: Message, ring: KeyRing, now: Date): Promise<string> {
  const { signed } = await sealMessage(message, ring, now);
  return sealOwnCopy(signed, ring, now);
}

/** Opens a stored draft, verifying its signature. */
export function openDraft(draft: CaseDraft, ring: KeyRing): Promise<Message> {
  return openOwnCopy(draft.sealed, ring);
}

/** The ledger's reference to a draft. */
export function draftRef(draft: Pick<CaseDraft, 'draftId' | 'type' | 'sealed'>): CaseDraftRef {
  return { id: draft.draftId, type: draft.type, digest: sha256b64u(draft.sealed) };
}

/**
 * What an operator would submit to build `message` again: its purpose fields and body (the input
 * shape of docs/examples/*.json). The gateway sets the rest of the header when it sends.
 */
export function inputOfMessage(message: Message): Record<string, unknown> {
  const h = message.header as Message['header'] & { predicateOffence?: string; deadline?: string };
  return {
    purpose: h.purpose,
    ...(h.predicateOffence === undefined ? {} : { predicateOffence: h.predicateOffence }),
    dataCategories: h.dataCategories,
    classification: h.classification,
    urgency: h.urgency,
    ...(h.deadline === undefined ? {} : { deadline: h.deadline }),
    body: message.body,
  };
}

/** Seals a comment, or null for none. */
export function sealComment(comment: string | undefined, ring: KeyRing, now: Date): string | null {
  return comment ? sealOwnNote(comment, ring, now) : null;
}

/** A decision with its comment opened. */
export interface OpenedApproval extends Omit<CaseApproval, 'comment'> {
  comment: string | null;
}

/** Opens the comment of a decision. */
export async function openApproval(a: CaseApproval, ring: KeyRing): Promise<OpenedApproval> {
  return { ...a, comment: a.comment === null ? null : await openOwnNote(a.comment, ring) };
}
