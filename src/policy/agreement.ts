/**
 * The sharing agreement (memorandum of understanding) with one partner FIU, as a versioned document
 * (YAML or JSON; every field is explained in docs/AGREEMENTS.md). Each FIU keeps its own copy, written
 * from its own side: `outgoing` is what it sends to `partner`, `incoming` what it accepts from it.
 * Both copies carry the same `id` and `version`, which travel in every message header.
 */
import { z } from 'zod';
import {
  CLASSIFICATIONS,
  DATA_CATEGORIES,
  MESSAGE_TYPES,
  PURPOSES,
  fieldFormats as f,
  list,
  oneOf,
  record,
  text,
} from '../messages/index.js';
import { GatewayError } from '../errors.js';
import { describeIssue } from '../messages/index.js';

/** How predicate offences compare: case and surrounding spaces do not matter. */
export function normaliseOffence(offence: string): string {
  return offence.trim().toLowerCase();
}

export const AGREEMENT_STATUSES = ['active', 'suspended', 'terminated'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

const wholeNumber = (min: number, max: number) =>
  z
    .number({
      error: (issue) =>
        `${issue.input === undefined ? 'required: ' : ''}expected a whole number from ${min} to ${max}`,
    })
    .int(`expected a whole number from ${min} to ${max}`)
    .min(min, `expected a whole number from ${min} to ${max}`)
    .max(max, `expected a whole number from ${min} to ${max}`);

/** A list (possibly empty when `min` is 0) in which each value appears at most once, compared by `key`. */
const uniqueList = <T extends z.ZodType>(
  item: T,
  max: number,
  what: string,
  min = 1,
  key: (v: z.output<T>) => unknown = (v) => v,
) =>
  (min === 0
    ? z
        .array(item, {
          error: (issue) =>
            `${issue.input === undefined ? 'required: ' : ''}expected a list of at most ${max} ${what}`,
        })
        .max(max, `expected at most ${max} ${what}`)
    : list(item, max, what)
  ).refine((l) => new Set(l.map(key)).size === l.length, `expected each of the ${what} at most once`);

const messageTypes = uniqueList(oneOf(MESSAGE_TYPES), MESSAGE_TYPES.length, 'message types', 0);

/** Passing received information on to others (DOMAIN.md rule 3, the third-party rule). */
const onwardSchema = z.discriminatedUnion(
  'mode',
  [
    record({ mode: z.literal('forbidden') }),
    record({ mode: z.literal('prior_consent') }),
    record({
      mode: z.literal('allowed'),
      /** The domestic authorities that may receive it without asking first. */
      recipients: uniqueList(text(200), 50, 'recipients'),
    }),
  ],
  {
    error: (issue) =>
      issue.input === undefined
        ? 'required: expected an object with mode forbidden, prior_consent or allowed'
        : 'expected mode forbidden, prior_consent or allowed',
  },
);

const shape = {
  id: f.agreementId,
  version: wholeNumber(1, 1_000_000),
  partner: f.fiuId,
  status: oneOf(AGREEMENT_STATUSES),
  validFrom: f.dateTime,
  validUntil: f.dateTime,
  messageTypes: record({ outgoing: messageTypes, incoming: messageTypes }),
  purposes: uniqueList(oneOf(PURPOSES), PURPOSES.length, 'purposes'),
  /** With purpose `predicate_offence`: the offences covered; absent means every predicate offence. */
  predicateOffences: uniqueList(text(200), 100, 'predicate offences', 1, normaliseOffence).optional(),
  dataCategories: uniqueList(oneOf(DATA_CATEGORIES), DATA_CATEGORIES.length, 'data categories'),
  maxClassification: oneOf(CLASSIFICATIONS),
  onwardDissemination: onwardSchema,
  /** Handling caveats that travel with every disclosure (e.g. "intelligence only, not evidence"). */
  caveats: uniqueList(text(500), 20, 'caveats', 0).default([]),
  deadlines: record({ normalDays: wholeNumber(1, 365), urgentDays: wholeNumber(1, 365) }),
  /** Requests for information per UTC day and within any 60 seconds, counted per direction. */
  rateLimits: record({ requestsPerDay: wholeNumber(1, 1_000_000), burst: wholeNumber(1, 100_000) }),
  approvals: record({
    /** Approvals a disclosure needs before it leaves: 1, or 2 under the four-eyes rule. */
    disclosures: z.union([z.literal(1), z.literal(2)], { error: 'expected 1 or 2 (four eyes)' }),
    /** Whether an outgoing request needs a supervisor's approval. */
    outgoingRequestsNeedSupervisor: z.boolean({ error: 'expected true or false' }),
  }),
  retention: record({ days: wholeNumber(1, 36_500) }),
};

export const agreementSchema = record(shape).superRefine((a, ctx) => {
  if (!(Date.parse(a.validUntil) > Date.parse(a.validFrom))) {
    ctx.addIssue({
      code: 'custom',
      path: ['validUntil'],
      message: 'expected a date-time later than validFrom',
    });
  }
  if (a.deadlines.urgentDays > a.deadlines.normalDays) {
    ctx.addIssue({
      code: 'custom',
      path: ['deadlines', 'urgentDays'],
      message: 'expected at most deadlines.normalDays',
    });
  }
  if (a.predicateOffences !== undefined && !a.purposes.includes('predicate_offence')) {
    ctx.addIssue({
      code: 'custom',
      path: ['predicateOffences'],
      message: 'expected no predicateOffences unless purposes include predicate_offence',
    });
  }
});

/** A validated sharing agreement. */
export type Agreement = z.infer<typeof agreementSchema>;
/** How onward dissemination is ruled. */
export type OnwardDissemination = Agreement['onwardDissemination'];

/**
 * Validates an agreement document and returns it (a fresh copy, unknown fields refused).
 *
 * @throws GatewayError `policy.invalid_agreement` naming every bad field, e.g.
 *   `rateLimits.burst: expected a whole number from 1 to 100000`.
 */
export function parseAgreement(value: unknown): Agreement {
  const r = agreementSchema.safeParse(value);
  if (r.success) return r.data;
  const detail = r.error.issues.map(describeIssue).join('; ');
  throw new GatewayError('policy.invalid_agreement', `invalid agreement: ${detail}`, {
    publicDetail: detail,
  });
}
