/**
 * The message: `{ header, body }`, strict everywhere (unknown fields are refused). The header is common
 * to every message type; the body depends on `header.type`. Every type of DOMAIN.md has its schema
 * here, and a gateway sends and receives all of them ({@link SUPPORTED_MESSAGE_TYPES}).
 */
import { z } from 'zod';
import { f, list, oneOf, record, text } from './fields.js';
import { subjectSchema } from './subjects.js';
import {
  consentDecisionBodySchema,
  consentRequestBodySchema,
  feedbackBodySchema,
  responseBodySchema,
  spontaneousDisclosureBodySchema,
} from './case-bodies.js';
import { CLASSIFICATIONS, DATA_CATEGORIES, PURPOSES, URGENCIES, type Purpose } from './vocabulary.js';

/** Every message type of DOMAIN.md (the delivery receipt is not a message, see crypto/receipt.ts). */
export const MESSAGE_TYPES = [
  'request',
  'response',
  'spontaneous_disclosure',
  'consent_request',
  'consent_decision',
  'feedback',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** The message types that a gateway sends and receives: all six since case work is wired. */
export const SUPPORTED_MESSAGE_TYPES = [
  'request',
  'response',
  'spontaneous_disclosure',
  'consent_request',
  'consent_decision',
  'feedback',
] as const satisfies readonly MessageType[];

/** The message types whose header and body are defined: all of them. */
export const DEFINED_MESSAGE_TYPES = [
  'request',
  'response',
  'spontaneous_disclosure',
  'consent_request',
  'consent_decision',
  'feedback',
] as const satisfies readonly MessageType[];

/**
 * The message types that refer to an earlier message, and so carry `header.inReplyTo`: a response
 * (to its request), a consent request (to the message whose information is to be passed on), a
 * consent decision (to its consent request) and feedback (to the response or disclosure it rates).
 */
export const LINKED_MESSAGE_TYPES = [
  'response',
  'consent_request',
  'consent_decision',
  'feedback',
] as const satisfies readonly MessageType[];

/** The fields an operator chooses (the rest of the header is set by the gateway). */
export const purposeFields = {
  purpose: oneOf(PURPOSES),
  predicateOffence: text(500).optional(),
  /** What the message asks for (a request) or holds (a disclosure); each category at most once. */
  dataCategories: list(oneOf(DATA_CATEGORIES), DATA_CATEGORIES.length, 'data categories').refine(
    (l) => new Set(l).size === l.length,
    'expected each data category at most once',
  ),
  classification: oneOf(CLASSIFICATIONS),
  urgency: oneOf(URGENCIES),
  deadline: f.dateTime.optional(),
};

/** The sharing agreement (id and version) a message is sent under; set by the sending gateway. */
export const agreementRefSchema = record({
  id: f.agreementId,
  version: z
    .number({ error: 'expected an agreement version: a whole number from 1' })
    .int('expected an agreement version: a whole number from 1')
    .min(1, 'expected an agreement version: a whole number from 1')
    .max(1_000_000, 'expected an agreement version of at most 1000000'),
});
/** An agreement id and version. */
export type AgreementRef = z.infer<typeof agreementRefSchema>;

/** `predicateOffence` is required when the purpose is `predicate_offence`, and forbidden otherwise. */
export function checkPredicateOffence(
  h: { purpose: Purpose; predicateOffence?: string | undefined },
  ctx: z.RefinementCtx,
  prefix: string[] = [],
): void {
  if (h.purpose === 'predicate_offence' && h.predicateOffence === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: [...prefix, 'predicateOffence'],
      message: 'required when purpose is predicate_offence: expected text of 1 to 500 characters',
    });
  }
  if (h.purpose !== 'predicate_offence' && h.predicateOffence !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: [...prefix, 'predicateOffence'],
      message: 'expected no predicateOffence unless purpose is predicate_offence',
    });
  }
}

const headerShape = {
  id: f.messageId,
  type: oneOf(MESSAGE_TYPES),
  from: f.fiuId,
  to: f.fiuId,
  createdAt: f.utcMillis,
  agreement: agreementRefSchema,
  ...purposeFields,
  inReplyTo: f.messageId.optional(),
};

/** The rules between header fields. */
function checkHeader(
  h: {
    from: string;
    to: string;
    createdAt: string;
    purpose: Purpose;
    predicateOffence?: string;
    deadline?: string;
    id: string;
    inReplyTo?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (h.from === h.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'expected an FIU other than header.from' });
  }
  if (h.inReplyTo !== undefined && h.inReplyTo === h.id) {
    ctx.addIssue({
      code: 'custom',
      path: ['inReplyTo'],
      message: 'expected the id of an earlier message, not the id of this one',
    });
  }
  checkPredicateOffence(h, ctx);
  if (h.deadline !== undefined && !(Date.parse(h.deadline) > Date.parse(h.createdAt))) {
    ctx.addIssue({
      code: 'custom',
      path: ['deadline'],
      message: 'expected a date-time later than createdAt',
    });
  }
}

/** The header of any message type. */
export const messageHeaderSchema = record(headerShape).superRefine(checkHeader);

/** The body of a request for information (DOMAIN.md: justified requests). */
export const requestBodySchema = record({
  subjects: list(subjectSchema, 100, 'subjects'),
  facts: text(20_000, true),
  countryLink: text(2_000, true),
  intendedUse: text(2_000, true),
  questions: list(text(2_000, true), 50, 'questions'),
});

/** The header member `inReplyTo` of a type that refers to no earlier message: absent. */
const unlinked = {
  inReplyTo: z
    .undefined({
      error: 'expected no inReplyTo: a request or spontaneous_disclosure refers to no earlier message',
    })
    .optional(),
};
/** The header member `inReplyTo` of a type that refers to an earlier message: required. */
const linked = { inReplyTo: f.messageId };

/** The header of a message of one type: `type` fixed, `inReplyTo` required or absent. */
const headerOf = {
  request: record({ ...headerShape, ...unlinked, type: z.literal('request') }),
  response: record({ ...headerShape, ...linked, type: z.literal('response') }),
  spontaneous_disclosure: record({
    ...headerShape,
    ...unlinked,
    type: z.literal('spontaneous_disclosure'),
  }),
  consent_request: record({ ...headerShape, ...linked, type: z.literal('consent_request') }),
  consent_decision: record({ ...headerShape, ...linked, type: z.literal('consent_decision') }),
  feedback: record({ ...headerShape, ...linked, type: z.literal('feedback') }),
};

/** A request for information. */
export const requestMessageSchema = record({
  header: headerOf.request.superRefine(checkHeader),
  body: requestBodySchema,
});
/** A response to a request. */
export const responseMessageSchema = record({
  header: headerOf.response.superRefine(checkHeader),
  body: responseBodySchema,
});
/** A spontaneous disclosure. */
export const spontaneousDisclosureMessageSchema = record({
  header: headerOf.spontaneous_disclosure.superRefine(checkHeader),
  body: spontaneousDisclosureBodySchema,
});
/** A consent request: the message it refers to is among the messages whose information it names. */
export const consentRequestMessageSchema = record({
  header: headerOf.consent_request.superRefine(checkHeader),
  body: consentRequestBodySchema,
}).superRefine((m, ctx) => {
  if (!m.body.information.messageIds.includes(m.header.inReplyTo)) {
    ctx.addIssue({
      code: 'custom',
      path: ['body', 'information', 'messageIds'],
      message: 'expected a list that includes header.inReplyTo',
    });
  }
});
/** A consent decision on a consent request. */
export const consentDecisionMessageSchema = record({
  header: headerOf.consent_decision.superRefine(checkHeader),
  body: consentDecisionBodySchema,
});
/** Feedback on a response or disclosure. */
export const feedbackMessageSchema = record({
  header: headerOf.feedback.superRefine(checkHeader),
  body: feedbackBodySchema,
});

/** Any message, its body unchecked: used first, to learn the type and report header errors. */
export const anyMessageSchema = record({ header: messageHeaderSchema, body: z.unknown() });

/** The header common to every message. */
export type MessageHeader = z.infer<typeof messageHeaderSchema>;
/** The body of a request for information. */
export type RequestBody = z.infer<typeof requestBodySchema>;
/** A request for information. */
export type RequestMessage = z.infer<typeof requestMessageSchema>;
/** A response. */
export type ResponseMessage = z.infer<typeof responseMessageSchema>;
/** A spontaneous disclosure. */
export type SpontaneousDisclosureMessage = z.infer<typeof spontaneousDisclosureMessageSchema>;
/** A consent request. */
export type ConsentRequestMessage = z.infer<typeof consentRequestMessageSchema>;
/** A consent decision. */
export type ConsentDecisionMessage = z.infer<typeof consentDecisionMessageSchema>;
/** Feedback. */
export type FeedbackMessage = z.infer<typeof feedbackMessageSchema>;
/** Any message, tagged by `header.type`. */
export type Message =
  | RequestMessage
  | ResponseMessage
  | SpontaneousDisclosureMessage
  | ConsentRequestMessage
  | ConsentDecisionMessage
  | FeedbackMessage;

/** The message of type `T`. */
export type MessageOf<T extends MessageType> = Extract<Message, { header: { type: T } }>;

/** The schema of each message type. */
export const MESSAGE_SCHEMAS: {
  readonly [T in MessageType]: z.ZodType<Extract<Message, { header: { type: T } }>>;
} = {
  request: requestMessageSchema,
  response: responseMessageSchema,
  spontaneous_disclosure: spontaneousDisclosureMessageSchema,
  consent_request: consentRequestMessageSchema,
  consent_decision: consentDecisionMessageSchema,
  feedback: feedbackMessageSchema,
};
