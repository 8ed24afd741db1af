/**
 * The words that messages and sharing agreements share: why information is exchanged, what kind of
 * information it is, how sensitive it is, and how urgent. Agreements (src/policy/) allow or refuse
 * messages by these values, so they are part of the protocol (docs/PROTOCOL.md section 3) and are only
 * ever added to.
 */

/** Why information is asked or given (use limitation, DOMAIN.md rule 2). */
export const PURPOSES = [
  'money_laundering',
  'terrorist_financing',
  'proliferation_financing',
  'predicate_offence',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * The categories of information a message asks for (a request) or holds (a disclosure):
 * - `identity`: who a person or entity is (names, dates of birth, documents, addresses);
 * - `accounts`: accounts, their holders, signatories and balances;
 * - `transactions`: transfers and cash movements;
 * - `report_existence`: whether suspicious-transaction or other reports exist on a subject;
 * - `beneficial_ownership`: owners, directors and control of legal entities and arrangements;
 * - `law_enforcement`: police, prosecution or court information held by or available to the FIU;
 * - `tax`: tax information;
 * - `customs`: cross-border cash declarations and customs information.
 */
export const DATA_CATEGORIES = [
  'identity',
  'accounts',
  'transactions',
  'report_existence',
  'beneficial_ownership',
  'law_enforcement',
  'tax',
  'customs',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Classification levels, from the least to the most sensitive. */
export const CLASSIFICATIONS = ['unclassified', 'restricted', 'confidential', 'secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** The rank of a classification: 0 for `unclassified` up to 3 for `secret`. */
export function classificationRank(c: Classification): number {
  return CLASSIFICATIONS.indexOf(c);
}
