/**
 * Managing sharing agreements: apply a new version (or a status change), suspend, list, show, and find
 * the one in force with a partner. Every change is a new revision, stored with its
 * `agreement.changed` ledger entry in one transaction; nothing is ever updated or deleted.
 */
import { canonicalJson, sha256b64u } from '../crypto/index.js';
import { ROLES } from '../config.js';
import { GatewayError } from '../errors.js';
import { makeEntry } from '../ledger/index.js';
import type { Logger } from '../log.js';
import { text } from '../messages/index.js';
import { parseAgreement, type Agreement, type InForce } from '../policy/index.js';
import type { AgreementRevision, Store } from '../store/index.js';
import { requireRole, type Operator } from './authorize.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { PartnerDirectory } from './partners.js';
import { Serial } from './serial.js';

export interface AgreementDeps {
  self: string;
  store: Store;
  sequencer: LedgerSequencer;
  partners: PartnerDirectory;
  clock: () => Date;
  log: Logger;
}

/** The outcome of `apply`: the revision in force afterwards, and whether this call made it. */
export interface ApplyResult {
  revision: AgreementRevision;
  changed: boolean;
}

const reasonSchema = text(500);

/** The agreement document without its status: two revisions with equal terms differ only in status. */
function terms(a: Agreement): string {
  const { status: _status, ...rest } = a;
  return canonicalJson(rest);
}

function notFound(id: string): GatewayError {
  return new GatewayError('policy.agreement_not_found', `no agreement ${id}`, {
    publicDetail: `no agreement ${id}`,
  });
}

function conflict(detail: string): GatewayError {
  return new GatewayError('policy.agreement_conflict', detail, { publicDetail: detail });
}

/** Reads a stored revision's document back (it was validated when applied). */
export function documentOf(r: AgreementRevision): Agreement {
  return parseAgreement(JSON.parse(r.document));
}

export class AgreementService {
  /**
   * The agreement in force per partner (null: none), read from the store once and kept until a change.
   * On a shared store (replicas on PostgreSQL) a change may come from another process: each use then
   * checks the ledger index of the partner's latest revision (`mark`, one indexed read) and reads again
   * when it moved.
   */
  private readonly cache = new Map<string, { inForce: InForce | null; mark: number | null }>();
  /** Bumped at every change of a partner's agreements: a read that began before a change is not cached. */
  private readonly generation = new Map<string, number>();
  /** Changes run one at a time, so that two concurrent applies cannot both pass the version checks. */
  private readonly changes = new Serial();

  constructor(private readonly d: AgreementDeps) {}

  /**
   * Applies an agreement document: a new version, or the same version with another status (for example
   * active again after a suspension). Re-applying what is in force changes nothing.
   *
   * @throws GatewayError `policy.invalid_agreement` naming the bad fields, `policy.agreement_conflict`
   *   for an older version, changed terms under the same version, or a terminated version.
   */
  apply(op: Operator, raw: unknown): Promise<ApplyResult> {
    requireRole(op, ['admin'], 'applying a sharing agreement');
    return this.changes.run(() => this.applyNow(op, raw));
  }

  /** Suspends an agreement: a new revision of its latest version with status `suspended`. */
  suspend(op: Operator, id: string, reason: string): Promise<ApplyResult> {
    requireRole(op, ['admin'], 'suspending a sharing agreement');
    return this.changes.run(() => this.suspendNow(id, op, reason));
  }

  private async applyNow(op: Operator, raw: unknown): Promise<ApplyResult> {
    const a = parseAgreement(raw);
    if (a.partner === this.d.self || !this.d.partners.has(a.partner)) {
      const detail = `partner: ${a.partner} is not a registered partner of ${this.d.self}`;
      throw new GatewayError('policy.invalid_agreement', `invalid agreement: ${detail}`, {
        publicDetail: detail,
      });
    }
    const last = (await this.d.store.agreementRevisions({ agreementId: a.id })).at(-1);
    if (last) {
      const before = documentOf(last);
      if (last.partner !== a.partner)
        throw conflict(`agreement ${a.id} is with ${last.partner}, not ${a.partner}`);
      if (a.version < last.version) {
        throw conflict(`agreement ${a.id} is at version ${last.version}; version ${a.version} is older`);
      }
      if (a.version === last.version) {
        if (terms(before) !== terms(a)) {
          throw conflict(
            `version ${a.version} of agreement ${a.id} was applied with other terms; a change needs a new version`,
          );
        }
        if (before.status === a.status) return { revision: last, changed: false };
        if (before.status === 'terminated') {
          throw conflict(`version ${a.version} of agreement ${a.id} is terminated; apply a new version`);
        }
      }
    }
    const revision = await this.record(op, a, 'applied', null);
    return { revision, changed: true };
  }

  private async suspendNow(id: string, op: Operator, reason: string): Promise<ApplyResult> {
    const checked = reasonSchema.safeParse(reason);
    if (!checked.success) {
      const detail = 'reason: expected text of 1 to 500 characters on one line';
      throw new GatewayError('policy.invalid_agreement', detail, { publicDetail: detail });
    }
    const last = (await this.d.store.agreementRevisions({ agreementId: id })).at(-1);
    if (!last) throw notFound(id);
    if (last.status === 'suspended') return { revision: last, changed: false };
    if (last.status === 'terminated') throw conflict(`agreement ${id} is terminated`);
    const revision = await this.record(
      op,
      { ...documentOf(last), status: 'suspended' },
      'suspended',
      checked.data,
    );
    return { revision, changed: true };
  }

  /** The latest revision of every agreement, in the order they were last changed. */
  async list(op: Operator): Promise<AgreementRevision[]> {
    requireRole(op, ROLES, 'listing sharing agreements');
    const latest = new Map<string, AgreementRevision>();
    for (const r of await this.d.store.agreementRevisions()) latest.set(r.agreementId, r);
    return [...latest.values()].sort((x, y) => x.ledgerIndex - y.ledgerIndex);
  }

  /** Every revision of one agreement, oldest first. */
  async show(op: Operator, id: string): Promise<AgreementRevision[]> {
    requireRole(op, ROLES, 'showing a sharing agreement');
    const history = await this.d.store.agreementRevisions({ agreementId: id });
    if (history.length === 0) throw notFound(id);
    return history;
  }

  /**
   * The agreement in force with `partner`, with the time its version came into force and the version
   * before it (for the grace period); null when there is none. With several agreement ids for one
   * partner, the one whose current version was applied last is in force: suspending or re-activating
   * an older agreement does not bring it back, applying a new version of it does.
   */
  async inForce(partner: string): Promise<InForce | null> {
    const { store } = this.d;
    const mark = store.shared ? await store.latestAgreementChange(partner) : null;
    const cached = this.cache.get(partner);
    if (cached !== undefined && cached.mark === mark) return cached.inForce;
    const generation = this.generation.get(partner) ?? 0;
    const byId = new Map<string, AgreementRevision[]>();
    for (const r of await this.d.store.agreementRevisions({ partner })) {
      byId.set(r.agreementId, [...(byId.get(r.agreementId) ?? []), r]);
    }
    let found: (InForce & { at: number }) | null = null;
    for (const revisions of byId.values()) {
      const last = revisions.at(-1)!;
      const first = revisions.find((r) => r.version === last.version)!;
      if (found && first.ledgerIndex < found.at) continue;
      const previousVersion = revisions.filter((r) => r.version < last.version).at(-1)?.version;
      found = { agreement: documentOf(last), since: first.appliedAt, previousVersion, at: first.ledgerIndex };
    }
    const inForce = found && {
      agreement: found.agreement,
      since: found.since,
      previousVersion: found.previousVersion,
    };
    if ((this.generation.get(partner) ?? 0) === generation) this.cache.set(partner, { inForce, mark });
    return inForce;
  }

  /** Stores a revision with its ledger entry, and forgets the cached agreement of its partner. */
  private async record(
    op: Operator,
    a: Agreement,
    change: 'applied' | 'suspended',
    reason: string | null,
  ): Promise<AgreementRevision> {
    this.forget(a.partner);
    const now = this.d.clock();
    const body = {
      agreementId: a.id,
      version: a.version,
      partner: a.partner,
      status: a.status,
      document: canonicalJson(a),
      appliedAt: now.toISOString(),
      appliedBy: op.id,
      reason,
    };
    const digest = sha256b64u(canonicalJson(body));
    const entry = makeEntry(
      now,
      { kind: 'operator', id: op.id, roles: op.roles },
      {
        event: 'agreement.changed',
        change,
        agreement: { id: a.id, version: a.version },
        partner: a.partner,
        status: a.status,
        digest,
      },
    );
    try {
      const { value } = await this.d.sequencer.append({
        entries: [entry],
        work: async (tx, [ledgerIndex]) => {
          const revision: AgreementRevision = { ...body, digest, ledgerIndex: ledgerIndex! };
          await tx.insertAgreementRevision(revision);
          return revision;
        },
      });
      this.d.log.info('agreement changed', {
        id: a.id,
        version: a.version,
        partner: a.partner,
        change,
        status: a.status,
      });
      return value;
    } finally {
      this.forget(a.partner);
    }
  }

  /** Drops the cached agreement of `partner`, and makes reads that are under way not cache theirs. */
  private forget(partner: string): void {
    this.generation.set(partner, (this.generation.get(partner) ?? 0) + 1);
    this.cache.delete(partner);
  }
}
