/**
 * Ledger entries: what the gateway records for every event. An entry holds ids, digests, decisions,
 * actors and times: never personal data and never message plaintext. Its canonical JSON (RFC 8785)
 * bytes are the Merkle leaf (docs/AUDIT.md), so fields are only ever added, with `v` bumped.
 */

/** Who caused the event. */
export type Actor =
  { kind: 'operator'; id: string; roles: string[] } | { kind: 'peer'; fiu: string } | { kind: 'system' };

/** The message an event is about: ids and the digest of its sealed bytes, nothing of its content. */
export interface MessageRef {
  id: string;
  type: string;
  from: string;
  to: string;
  /** base64url SHA-256 of the sealed bytes (the JWE compact serialization). */
  digest: string;
}

/** An agreement id and version. */
export interface AgreementVersion {
  id: string;
  version: number;
}

/** An obligation of an allowed message (src/policy/decision.ts), as recorded. */
export type RecordedObligation = { kind: string } & Record<string, string | number | boolean>;

/** The events a gateway records, as a tagged union on `event`. */
export type LedgerEvent =
  | { event: 'message.sent'; message: MessageRef }
  | { event: 'message.received'; message: MessageRef }
  | {
      event: 'message.refused';
      /** What the peer claimed, when the envelope could be read at all. */
      message: Partial<MessageRef> & { digest: string };
      reason: string;
    }
  | { event: 'delivery.receipt'; message: MessageRef; receipt: { ledgerIndex: number; receivedAt: string } }
  | { event: 'delivery.failed'; message: MessageRef; reason: string }
  | {
      /** The sharing agreement's decision on a message, taken before it is sealed (out) or stored (in). */
      event: 'policy.decision';
      direction: 'outgoing' | 'incoming';
      partner: string;
      /** The message; an outgoing message refused before sealing has no digest. */
      message: Partial<MessageRef>;
      /** The agreement and version used; null when none is in force. */
      agreement: AgreementVersion | null;
      allow: boolean;
      /** The stable reason codes of a refusal (empty when allowed). */
      reasons: string[];
      obligations: RecordedObligation[];
    }
  | {
      /** A sharing agreement was applied (a new version, or a status change) or suspended. */
      event: 'agreement.changed';
      change: 'applied' | 'suspended';
      agreement: AgreementVersion;
      partner: string;
      status: string;
      /** base64url SHA-256 of the canonical JSON of the stored revision (document, status, reason). */
      digest: string;
    }
  | {
      event: 'delivery.expired';
      message: MessageRef;
      /** The error code of the last attempt. */
      reason: string;
      /** How many attempts were made. */
      attempts: number;
    }
  | { event: 'delivery.requeued'; message: MessageRef }
  | { event: 'delivery.cancelled'; message: MessageRef }
  | {
      /** A partner's public key learned from its verified key set (GetKeys). No key material. */
      event: 'key.registered';
      fiu: string;
      kid: string;
      use: 'sig' | 'enc' | 'ledger';
      notBefore: string;
      notAfter: string;
    }
  | {
      /**
       * A consent request was recorded (`state` pending), or its decision: sent or received. `direction`
       * `out`: this gateway asked the partner; `in`: the partner asked this gateway.
       */
      event: 'consent.recorded';
      consent: string;
      case: string;
      partner: string;
      direction: 'in' | 'out';
      state: 'pending' | 'granted' | 'granted_with_conditions' | 'refused';
      /** The id of the consent request (pending) or consent decision message. */
      message: string;
    }
  | {
      /**
       * An operator asked to hand a case's information on to a domestic recipient (the onward
       * dissemination guard, src/policy/onward.ts): allowed by the agreement or a consent, or refused.
       * Recipient and purpose are recorded as digests only.
       */
      event: 'case.exported';
      case: string;
      partner: string;
      /** base64url SHA-256 of the recipient's name and of the purpose, as the operator gave them. */
      recipient: string;
      purpose: string;
      allow: boolean;
      /** `agreement` or `consent` when allowed; the stable refusal code (`onward.*`) otherwise. */
      reason: string;
      /** The consent that allowed it. */
      consent?: string;
      /** The ids of the messages whose information was (or would have been) handed over. */
      messages: string[];
      /** base64url SHA-256 of the export document written, when allowed. */
      digest?: string;
    }
  | {
      event: 'partner.alarm';
      /** The partner whose ledger showed two histories or an unverifiable checkpoint. */
      partner: string;
      reason: string;
    }
  | {
      /** A case was assigned to an operator (by that operator, or by a liaison officer or supervisor). */
      event: 'case.assigned';
      caseId: string;
      assignee: string;
    }
  | {
      /** A draft (response, spontaneous disclosure or request) now waits for approval. No content. */
      event: 'case.drafted';
      caseId: string;
      draft: CaseDraftRef;
      /** A response's outcome (`full`, `partial`, `refused`) and, when refused, its reason code. */
      outcome?: string;
      reason?: string;
      /** The approvals required, and whether the last must be a supervisor's. */
      approvals: { count: number; supervisor: boolean };
    }
  | {
      /** An approval of a draft: the `position`-th of `count`; the last one is followed by its send. */
      event: 'case.approved';
      caseId: string;
      draft: CaseDraftRef;
      position: number;
      count: number;
    }
  | {
      /** A draft rejected (by an approver, or withdrawn by its drafter): nothing is sent. */
      event: 'case.rejected';
      caseId: string;
      draft: CaseDraftRef;
    }
  | {
      /** A person closed the case, which was in state `from`. */
      event: 'case.closed';
      caseId: string;
      from: string;
      /** The reason code (src/policy/case-close.ts), when one was given; never a free text. */
      reason?: string;
    };

/** A draft as the ledger names it: its id, the message type and the digest of the sealed draft. */
export interface CaseDraftRef {
  id: string;
  type: string;
  /** base64url SHA-256 of the draft as stored (sealed to the gateway's own key). */
  digest: string;
}

/** A whole entry: version, time, actor and event. */
export type LedgerEntry = { v: 1; at: string; actor: Actor } & LedgerEvent;

/** Builds an entry stamped with `at`. */
export function makeEntry(at: Date, actor: Actor, event: LedgerEvent): LedgerEntry {
  return { v: 1, at: at.toISOString(), actor, ...event };
}
