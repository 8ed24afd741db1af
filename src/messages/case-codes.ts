/**
 * The code lists of the case messages (response, spontaneous disclosure, consent request, consent
 * decision, feedback). They are part of the protocol (docs/PROTOCOL.md section 3) and are only ever
 * added to: a receiver refuses a code it does not know.
 */

/** How a request was answered (DOMAIN.md rule 5: partial answers are allowed). */
export const RESPONSE_OUTCOMES = ['full', 'partial', 'refused'] as const;
export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];

/**
 * Why a request was refused:
 * - `no_information`: nothing is held on the subjects;
 * - `outside_agreement`: the request is not covered by the sharing agreement;
 * - `legal_impediment`: national law forbids the answer;
 * - `ongoing_investigation`: answering could harm an investigation in the requested country;
 * - `insufficient_justification`: the request does not state enough facts, link or purpose (rule 1);
 * - `other`: stated in `refusalDetail`, which is then required.
 */
export const REFUSAL_REASONS = [
  'no_information',
  'outside_agreement',
  'legal_impediment',
  'ongoing_investigation',
  'insufficient_justification',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The kinds of domestic authority to which received information may be passed on (rule 3). */
export const RECIPIENT_KINDS = [
  'police',
  'prosecutor',
  'tax_authority',
  'customs',
  'supervisor',
  'other_fiu',
  'other',
] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** The answer to a consent request. */
export const CONSENT_DECISIONS = ['granted', 'granted_with_conditions', 'refused'] as const;
export type ConsentDecisionKind = (typeof CONSENT_DECISIONS)[number];

/**
 * The grounds on which consent may be refused (Egmont Group principles on prior consent):
 * - `outside_scope`: the onward use is beyond the scope of anti-money-laundering and counter-terrorist
 *   financing law;
 * - `impairs_investigation`: it could impair an investigation or analysis in the disclosing country;
 * - `disproportionate`: it would be clearly disproportionate to the legitimate interests of a person
 *   or of the disclosing country;
 * - `contrary_to_national_law`: it would not accord with fundamental principles of national law;
 * - `insufficient_justification`: the request does not say enough about recipient or purpose;
 * - `other`: stated in `ground.detail`, which is then required.
 */
export const CONSENT_REFUSAL_GROUNDS = [
  'outside_scope',
  'impairs_investigation',
  'disproportionate',
  'contrary_to_national_law',
  'insufficient_justification',
  'other',
] as const;
export type ConsentRefusalGround = (typeof CONSENT_REFUSAL_GROUNDS)[number];

/** How received information was used (DOMAIN.md rule 6); `no_use` stands alone. */
export const FEEDBACK_USES = [
  'analysis',
  'dissemination_to_authority',
  'investigation',
  'prosecution',
  'asset_freezing',
  'no_use',
  'other',
] as const;
export type FeedbackUse = (typeof FEEDBACK_USES)[number];

/** How useful received information was, from the most to the least useful. */
export const USEFULNESS = ['very_useful', 'useful', 'somewhat_useful', 'not_useful'] as const;
export type Usefulness = (typeof USEFULNESS)[number];
