/**
 * Handing a case's information on to a domestic recipient (`fiugw case export`): gathers the
 * information the partner provided in the case and the consents asked for it, asks the onward
 * guard (src/policy/onward.ts) and logs its answer either way (`case.exported`: ids, codes and
 * digests, no content). Only when allowed does the operator receive the export document: the
 * information with its caveats, and the consent's conditions. Roles: analyst, liaison, supervisor.
 */
import { canonicalJson, sha256b64u, type KeyRing } from '../crypto/index.js';
import { GatewayError, type ErrorCode } from '../errors.js';
import { makeEntry, type Actor, type LedgerEvent } from '../ledger/index.js';
import type {
  ConsentDecisionMessage,
  ConsentRequestMessage,
  Message,
  ResponseMessage,
  SpontaneousDisclosureMessage,
} from '../messages/index.js';
import {
  checkStanding,
  decideOnward,
  type ConsentTerms,
  type OnwardDecision,
  type OnwardRule,
} from '../policy/index.js';
import type { Role } from '../config.js';
import type { CaseRecord, MessageRecord, Store } from '../store/index.js';
import { requireRole, type Operator } from './authorize.js';
import { openStored } from './cases.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { PolicyGate } from './policy-gate.js';
import { requireCase } from './referred.js';

/** Roles that may hand information on (and so read it decrypted in the export). */
export const EXPORTERS: readonly Role[] = ['analyst', 'liaison', 'supervisor'];

/** What an operator asks to hand on. */
export interface ExportAsk {
  caseId: string;
  recipient: string;
  purpose: string;
  /** Only these received messages (default: every response and disclosure received in the case). */
  messageIds?: string[] | undefined;
}

/** One piece of information handed over, with what travels with it. */
export interface ExportedInformation {
  messageId: string;
  type: string;
  from: string;
  createdAt: string;
  subjects?: unknown[];
  information?: string;
  caveats: string[];
  consentTerms?: string;
}

/** The document an allowed export writes. */
export interface ExportDocument {
  case: string;
  partner: string;
  recipient: string;
  purpose: string;
  /** Why it may be handed over: the agreement (id, version) or a consent (id, conditions). */
  basis:
    | { kind: 'agreement'; agreement: { id: string; version: number } }
    | { kind: 'consent'; consent: string; conditions: string[] };
  exportedAt: string;
  exportedBy: string;
  information: ExportedInformation[];
}

/** An allowed export: the document and its digest (as logged). */
export interface ExportResult {
  document: ExportDocument;
  digest: string;
  ledgerIndex: number;
}

type Information = ResponseMessage | SpontaneousDisclosureMessage;

interface Deps {
  self: string;
  store: Store;
  ring: KeyRing;
  sequencer: LedgerSequencer;
  gate: Pick<PolicyGate, 'inForce'>;
  clock: () => Date;
}

export class OnwardExportService {
  constructor(private readonly d: Deps) {}

  /**
   * Decides and logs; resolves to the export when allowed.
   *
   * @throws GatewayError `onward.consent_required` / `onward.consent_pending` / `onward.consent_refused`
   *   when the guard refuses, `onward.no_information` when the case holds nothing received to hand on
   *   (both logged); `transport.operator_forbidden`, `exchange.not_found` (not logged).
   */
  async export(op: Operator, ask: ExportAsk): Promise<ExportResult> {
    requireRole(op, EXPORTERS, 'handing information on');
    const now = this.d.clock();
    const actor: Actor = { kind: 'operator', id: op.id, roles: op.roles };
    const c = await requireCase(this.d.store, ask.caseId);
    const information = await this.informationOf(c, ask.messageIds);
    const messageIds = information.map((m) => m.header.id);
    const logged = (allow: boolean, reason: string, extra: Partial<LedgerEvent> = {}) =>
      this.log(now, actor, {
        event: 'case.exported',
        case: c.caseId,
        partner: c.partner,
        recipient: sha256b64u(ask.recipient),
        purpose: sha256b64u(ask.purpose),
        allow,
        reason,
        messages: messageIds,
        ...extra,
      } as LedgerEvent);
    if (information.length === 0) {
      const detail = ask.messageIds
        ? `case ${c.caseId} holds no response or disclosure received from ${c.partner} with the ids given`
        : `case ${c.caseId} holds no information received from ${c.partner}`;
      await logged(false, 'onward.no_information');
      throw this.refusal('onward.no_information', detail);
    }
    const decision = decideOnward(
      await this.ruleOf(c.partner, now),
      { caseId: c.caseId, partner: c.partner, messageIds, recipient: ask.recipient, purpose: ask.purpose },
      await this.consentsOf(c),
    );
    if (!decision.allow) {
      await logged(false, decision.reason, decision.consentId ? { consent: decision.consentId } : {});
      throw this.refusal(decision.reason, decision.detail);
    }
    const document: ExportDocument = {
      case: c.caseId,
      partner: c.partner,
      recipient: ask.recipient,
      purpose: ask.purpose,
      basis: basisOf(decision),
      exportedAt: now.toISOString(),
      exportedBy: op.id,
      information: information.map(exported),
    };
    const digest = sha256b64u(canonicalJson(document));
    const consent = decision.basis === 'consent' ? { consent: decision.consentId } : {};
    const ledgerIndex = await logged(true, decision.basis, { ...consent, digest });
    return { document, digest, ledgerIndex };
  }

  /** The responses (not refusals) and disclosures received from the partner in the case, opened. */
  private async informationOf(c: CaseRecord, only: string[] | undefined): Promise<Information[]> {
    const records = (await this.d.store.messagesOfCase(c.caseId)).filter(
      (r) =>
        r.direction === 'in' &&
        r.fromFiu === c.partner &&
        (r.type === 'response' || r.type === 'spontaneous_disclosure') &&
        (only === undefined || only.includes(r.messageId)),
    );
    const out: Information[] = [];
    for (const r of records) {
      const m = (await this.open(r)) as Information;
      if (m.header.type === 'response' && (m as ResponseMessage).body.outcome === 'refused') continue;
      out.push(m);
    }
    if (only !== undefined && out.length !== new Set(only).size) return [];
    return out;
  }

  /** The consents this gateway asked the partner for in the case, with their terms. */
  private async consentsOf(c: CaseRecord): Promise<ConsentTerms[]> {
    const out: ConsentTerms[] = [];
    for (const consent of await this.d.store.consentsOfCase(c.caseId)) {
      if (consent.direction !== 'out') continue;
      const asked = (await this.openById('out', consent.consentId)) as ConsentRequestMessage;
      const decided = consent.decisionMessageId
        ? ((await this.openById('in', consent.decisionMessageId, c.partner)) as ConsentDecisionMessage)
        : null;
      out.push({
        consentId: consent.consentId,
        caseId: consent.caseId,
        partner: consent.partner,
        messageIds: asked.body.information.messageIds,
        recipient: asked.body.recipient.name,
        purpose: asked.body.purpose,
        state: consent.state,
        conditions: decided?.body.decision === 'granted_with_conditions' ? decided.body.conditions : [],
      });
    }
    return out;
  }

  /** The agreement's onward rule with the partner, when one is in force and standing. */
  private async ruleOf(partner: string, now: Date): Promise<OnwardRule | null> {
    const inForce = await this.d.gate.inForce(partner);
    if (!inForce || checkStanding(inForce, partner, now).length > 0) return null;
    const { id, version, onwardDissemination } = inForce.agreement;
    return { agreement: { id, version }, rule: onwardDissemination };
  }

  private async openById(direction: 'in' | 'out', id: string, from?: string): Promise<Message> {
    const record =
      direction === 'in'
        ? await this.d.store.findInbound(from!, id)
        : await this.d.store.findMessage('out', id);
    if (!record) throw new GatewayError('store.failed', `consent message ${id} is missing from the store`);
    return this.open(record);
  }

  private async open(record: MessageRecord): Promise<Message> {
    const m = await openStored(record, this.d.self, this.d.ring);
    if (!m) throw new GatewayError('store.failed', `message ${record.messageId} has no readable copy`);
    return m;
  }

  private async log(now: Date, actor: Actor, event: LedgerEvent): Promise<number> {
    const { indexes } = await this.d.sequencer.append({ entries: [makeEntry(now, actor, event)] });
    return indexes[0]!;
  }

  private refusal(code: ErrorCode, detail: string): GatewayError {
    return new GatewayError(code, detail, { publicDetail: detail });
  }
}

function basisOf(d: Extract<OnwardDecision, { allow: true }>): ExportDocument['basis'] {
  return d.basis === 'agreement'
    ? { kind: 'agreement', agreement: d.agreement }
    : { kind: 'consent', consent: d.consentId, conditions: [...d.conditions] };
}

/** The information of a message with what travels with it. */
function exported(m: Information): ExportedInformation {
  const b = m.body as Information['body'] & {
    subjects?: unknown[];
    information?: string;
    caveats?: string[];
    consentTerms?: string;
  };
  return {
    messageId: m.header.id,
    type: m.header.type,
    from: m.header.from,
    createdAt: m.header.createdAt,
    ...(b.subjects === undefined ? {} : { subjects: b.subjects }),
    ...(b.information === undefined ? {} : { information: b.information }),
    caveats: b.caveats ?? [],
    ...(b.consentTerms === undefined ? {} : { consentTerms: b.consentTerms }),
  };
}
