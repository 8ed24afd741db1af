/**
 * The bodies of the case messages: response, spontaneous disclosure, consent request, consent
 * decision and feedback (DOMAIN.md rules 2 to 7; docs/PROTOCOL.md sections 3.5 to 3.9). Variants are
 * tagged unions (`outcome`, `decision`), so a field that belongs to another variant is refused as
 * unknown.
 */
import { z } from 'zod';
import { f, list, oneOf, record, tagged, text, uniqueList } from './fields.js';
import { subjectSchema } from './subjects.js';
import {
  CONSENT_DECISIONS,
  CONSENT_REFUSAL_GROUNDS,
  FEEDBACK_USES,
  RECIPIENT_KINDS,
  REFUSAL_REASONS,
  RESPONSE_OUTCOMES,
  USEFULNESS,
} from './case-codes.js';

const INFORMATION_MAX = 50_000;
const DETAIL_MAX = 2_000;

/**
 * Information handed over (a full or partial response, a spontaneous disclosure): subjects and/or
 * text, with the handling caveats and the consent terms that travel with it (rules 3 and 4). A
 * caveat can be long: the agreement's onward-dissemination caveat names every allowed recipient.
 */
const informationShape = {
  subjects: list(subjectSchema, 100, 'subjects').optional(),
  information: text(INFORMATION_MAX, true).optional(),
  caveats: list(text(16_000, true), 50, 'caveats').optional(),
  consentTerms: text(DETAIL_MAX, true).optional(),
};

/** Information must be there: `subjects`, `information` or both. */
function checkHasInformation(
  b: { subjects?: unknown[] | undefined; information?: string | undefined },
  ctx: z.RefinementCtx,
  when: string,
): void {
  if (b.subjects === undefined && b.information === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['information'],
      message: `required ${when} unless subjects are given: expected text of 1 to ${INFORMATION_MAX} characters`,
    });
  }
}

/** `detailKey` is required when `code` is `other`: the code alone says nothing then. */
function checkOtherDetail(
  code: string,
  detail: string | undefined,
  ctx: z.RefinementCtx,
  codeKey: string,
  detailKey: string,
): void {
  if (code === 'other' && detail === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: [detailKey],
      message: `required when ${codeKey} is other: expected text of 1 to ${DETAIL_MAX} characters`,
    });
  }
}

const answered = (outcome: 'full' | 'partial') =>
  record({ outcome: z.literal(outcome), ...informationShape }).superRefine((b, ctx) =>
    checkHasInformation(b, ctx, `when outcome is ${outcome}`),
  );

/** The body of a response: `outcome` full or partial with the information, or refused with a reason. */
export const responseBodySchema = tagged('outcome', RESPONSE_OUTCOMES, [
  answered('full'),
  answered('partial'),
  record({
    outcome: z.literal('refused'),
    refusalReason: oneOf(REFUSAL_REASONS),
    refusalDetail: text(DETAIL_MAX, true).optional(),
  }).superRefine((b, ctx) =>
    checkOtherDetail(b.refusalReason, b.refusalDetail, ctx, 'refusalReason', 'refusalDetail'),
  ),
]);

/** The body of a spontaneous disclosure: the information, and why the partner should know (rule 7). */
export const spontaneousDisclosureBodySchema = record({
  ...informationShape,
  reason: text(5_000, true),
}).superRefine((b, ctx) => checkHasInformation(b, ctx, 'in a spontaneous disclosure'));

/** The body of a consent request: which information, to whom, for what (rule 3). */
export const consentRequestBodySchema = record({
  information: record({
    messageIds: uniqueList(f.messageId, 20, 'message ids'),
    description: text(DETAIL_MAX, true),
  }),
  recipient: record({ name: text(200), kind: oneOf(RECIPIENT_KINDS) }),
  purpose: text(DETAIL_MAX, true),
  legalBasis: text(DETAIL_MAX, true).optional(),
});

/** The body of a consent decision: granted, granted with conditions, or refused with its ground. */
export const consentDecisionBodySchema = tagged('decision', CONSENT_DECISIONS, [
  record({ decision: z.literal('granted') }),
  record({
    decision: z.literal('granted_with_conditions'),
    conditions: list(text(DETAIL_MAX, true), 20, 'conditions'),
  }),
  record({
    decision: z.literal('refused'),
    ground: record({
      code: oneOf(CONSENT_REFUSAL_GROUNDS),
      detail: text(DETAIL_MAX, true).optional(),
    }).superRefine((g, ctx) => checkOtherDetail(g.code, g.detail, ctx, 'ground.code', 'detail')),
  }),
]);

/** The body of feedback: how the information was used and how useful it was (rule 6). */
export const feedbackBodySchema = record({
  use: uniqueList(oneOf(FEEDBACK_USES), FEEDBACK_USES.length, 'uses').refine(
    (l) => !l.includes('no_use') || l.length === 1,
    'expected no_use alone, or other uses without no_use',
  ),
  usefulness: oneOf(USEFULNESS),
  comments: text(5_000, true).optional(),
});

/** The body of a response. */
export type ResponseBody = z.infer<typeof responseBodySchema>;
/** The body of a spontaneous disclosure. */
export type SpontaneousDisclosureBody = z.infer<typeof spontaneousDisclosureBodySchema>;
/** The body of a consent request. */
export type ConsentRequestBody = z.infer<typeof consentRequestBodySchema>;
/** The body of a consent decision. */
export type ConsentDecisionBody = z.infer<typeof consentDecisionBodySchema>;
/** The body of feedback. */
export type FeedbackBody = z.infer<typeof feedbackBodySchema>;
