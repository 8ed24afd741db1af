/**
 * The store's queries for sharing agreements (revisions) and for the message counts that rate limits
 * need. Rows are mapped to plain records before they leave this file.
 */
import type { EntityManager } from 'typeorm';
import { GatewayError } from '../errors.js';
import { AgreementRevisionEntity, MessageEntity, type AgreementRevisionEntityRow } from './entities.js';
import { countSince } from './statements.js';
import type { AgreementRevision, MessageUsageQuery } from './types.js';

function toRevision(row: AgreementRevisionEntityRow): AgreementRevision {
  const ledgerIndex = Number(row.ledgerIndex);
  const version = Number(row.version);
  if (!Number.isSafeInteger(ledgerIndex) || !Number.isSafeInteger(version)) {
    throw new GatewayError(
      'store.failed',
      `store: corrupt agreement revision row ${String(row.ledgerIndex)}`,
    );
  }
  return { ...row, ledgerIndex, version, reason: row.reason ?? null };
}

/** Inserts a revision; a second one for the same ledger index fails on the primary key. */
export async function insertAgreementRevision(m: EntityManager, r: AgreementRevision): Promise<void> {
  await m.createQueryBuilder().insert().into(AgreementRevisionEntity).values(r).updateEntity(false).execute();
}

/** Revisions, oldest first, optionally of one agreement id or one partner. */
export async function agreementRevisions(
  m: EntityManager,
  filter: { agreementId?: string; partner?: string },
): Promise<AgreementRevision[]> {
  const where: Partial<Pick<AgreementRevisionEntityRow, 'agreementId' | 'partner'>> = {};
  if (filter.agreementId !== undefined) where.agreementId = filter.agreementId;
  if (filter.partner !== undefined) where.partner = filter.partner;
  const rows = await m.find(AgreementRevisionEntity, { where, order: { ledgerIndex: 'ASC' } });
  return rows.map(toRevision);
}

/** The ledger index of the latest revision of any agreement with `partner`, or null (an indexed MAX). */
export async function latestAgreementChange(m: EntityManager, partner: string): Promise<number | null> {
  const raw = await m
    .createQueryBuilder(AgreementRevisionEntity, 'r')
    .select('MAX(r.ledgerIndex)', 'max')
    .where('r.partner = :partner', { partner })
    .getRawOne<{ max: number | string | null }>();
  return raw?.max === null || raw?.max === undefined ? null : Number(raw.max);
}

/**
 * The messages of one partner, direction and type stored since `day` and since `minute` (the two
 * rate-limit counts) in one statement: two counts, each a range scan of the direction's rate index
 * (direction, partner, type, storedAt). The statement text is the same for every call of a direction.
 */
export async function messageUsage(
  m: EntityManager,
  u: MessageUsageQuery,
): Promise<{ today: number; lastMinute: number }> {
  const where =
    u.direction === 'in'
      ? { direction: u.direction, fromFiu: u.partner, type: u.type }
      : { direction: u.direction, toFiu: u.partner, type: u.type };
  const [today, lastMinute] = await countSince(m, MessageEntity, where, 'storedAt', [u.day, u.minute]);
  return { today: today!, lastMinute: lastMinute! };
}
