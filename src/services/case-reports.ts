/**
 * What liaison officers look at: the inbox (received cases, and outgoing drafts waiting for approval),
 * with overdue requests flagged, and the deadlines summary per partner (requests in and out, median
 * response times, overdue count). Counts and times only: nothing here opens a message.
 */
import type { KeyRing } from '../crypto/index.js';
import type { Message } from '../messages/index.js';
import { isOverdue, median, requireCaseRole } from '../policy/index.js';
import type { CaseDraft, CaseDraftCount, CaseRecord, Store } from '../store/index.js';
import type { Operator } from './authorize.js';
import { openApproval, openDraft, type OpenedApproval } from './drafts.js';

/** Filters of the inbox. */
export interface InboxFilter {
  state?: string;
  partner?: string;
  /** Only received requests past their deadline and not yet responded to. */
  overdue?: boolean;
}

/** A case in the inbox, with its overdue flag. */
export interface InboxCase extends CaseRecord {
  overdue: boolean;
}

/** One partner's line of the summary. Times are in milliseconds, null when there is nothing to measure. */
export interface PartnerSummary {
  partner: string;
  /** Requests received from the partner. */
  requestsIn: number;
  /** Requests sent to the partner (held drafts not counted). */
  requestsOut: number;
  /** Median time from receiving a request to sending our response. */
  medianResponseMs: number | null;
  /** Median time from sending a request to receiving the partner's response. */
  partnerMedianResponseMs: number | null;
  /** Received requests past their deadline and not yet responded to. */
  overdue: number;
}

/** A draft of a case, opened, with the decisions on it. */
export interface DraftView {
  draft: CaseDraft;
  message: Message;
  decisions: OpenedApproval[];
}

export class CaseReports {
  constructor(private readonly d: { store: Store; ring: KeyRing; clock: () => Date }) {}

  /** The drafts of a case, oldest first, opened and verified, with the decisions (comments opened). */
  async drafts(op: Operator, caseId: string): Promise<DraftView[]> {
    requireCaseRole(op, 'read', 'showing a case');
    const out: DraftView[] = [];
    for (const draft of await this.d.store.draftsOfCase(caseId)) {
      const decisions = await this.d.store.approvalsOf(draft.draftId);
      out.push({
        draft,
        message: await openDraft(draft, this.d.ring),
        decisions: await Promise.all(decisions.map((a) => openApproval(a, this.d.ring))),
      });
    }
    return out;
  }

  /**
   * The inbox, newest first: received cases, and outgoing cases waiting for approval here (drafted
   * spontaneous disclosures and requests held for a supervisor). Closed cases only when the filter
   * asks for a state (`closed`, or another one).
   */
  async inbox(op: Operator, filter: InboxFilter): Promise<InboxCase[]> {
    requireCaseRole(op, 'read', 'listing the inbox');
    const now = this.d.clock();
    const cases = await this.d.store.listCases({
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.partner ? { partner: filter.partner } : {}),
    });
    return cases
      .filter((c) => c.direction === 'in' || c.state === 'awaiting_approval')
      .filter((c) => Boolean(filter.state) || c.state !== 'closed')
      .map((c) => ({ ...c, assignee: c.assignee ?? null, overdue: isOverdue(c, now) }))
      .filter((c) => !filter.overdue || c.overdue);
  }

  /** Per partner with any request either way: counts, median response times and overdue requests. */
  async summary(op: Operator): Promise<PartnerSummary[]> {
    requireCaseRole(op, 'summarise', 'summarising cases');
    const now = this.d.clock();
    const [cases, times] = await Promise.all([this.d.store.listCases({}), this.d.store.responseTimes()]);
    // Read after the cases, as each case's drafts were before: a request seen closed has all its drafts.
    const counts = await this.d.store.draftCounts({ direction: 'out', messageType: 'request' });
    const respondedAt = new Map(times.map((t) => [t.caseId, Date.parse(t.respondedAt)]));
    const drafts = new Map(counts.map((d) => [d.caseId, d]));
    const lines = new Map<string, { line: PartnerSummary; ours: number[]; theirs: number[] }>();
    for (const c of cases) {
      if (c.messageType !== 'request' || (c.direction === 'out' && c.state === 'awaiting_approval')) continue;
      if (c.direction === 'out' && c.state === 'closed' && !wasSent(c, respondedAt, drafts)) continue;
      let entry = lines.get(c.partner);
      if (!entry) {
        entry = { line: emptyLine(c.partner), ours: [], theirs: [] };
        lines.set(c.partner, entry);
      }
      const took = respondedAt.has(c.caseId) ? respondedAt.get(c.caseId)! - Date.parse(c.openedAt) : null;
      if (c.direction === 'in') {
        entry.line.requestsIn += 1;
        if (took !== null) entry.ours.push(took);
        if (isOverdue(c, now)) entry.line.overdue += 1;
      } else {
        entry.line.requestsOut += 1;
        if (took !== null) entry.theirs.push(took);
      }
    }
    return [...lines.values()]
      .map(({ line, ours, theirs }) => ({
        ...line,
        medianResponseMs: median(ours),
        partnerMedianResponseMs: median(theirs),
      }))
      .sort((a, b) => a.partner.localeCompare(b.partner));
  }
}

/**
 * Whether a closed request of ours was sent: answered, sent at once (no draft), or its held draft
 * sent; one closed by rejecting its draft never left.
 */
function wasSent(
  c: CaseRecord,
  respondedAt: ReadonlyMap<string, number>,
  drafts: ReadonlyMap<string, CaseDraftCount>,
): boolean {
  if (respondedAt.has(c.caseId)) return true;
  const counted = drafts.get(c.caseId);
  return counted === undefined || counted.sent > 0;
}

function emptyLine(partner: string): PartnerSummary {
  return {
    partner,
    requestsIn: 0,
    requestsOut: 0,
    medianResponseMs: null,
    partnerMedianResponseMs: null,
    overdue: 0,
  };
}
