/**
 * The message: `{ header, body }`, strict everywhere (unknown fields are refused). The header is common
 * to every message type; the body depends on `header.type`. Version 1 defines the body of `request`
 * only; the other types of DOMAIN.md are reserved and refused until their bodies are defined.
 */
import { z } from 'zod';
import { f, list, oneOf, record, text } from './fields.js';
import { subjectSchema } from './subjects.js';
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

/** The message types whose body is defined (and so can be sent and received). */
export const SUPPORTED_MESSAGE_TYPES = ['request'] as const satisfies readonly MessageType[];

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
  },
  ctx: z.RefinementCtx,
): void {
  if (h.from === h.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'expected an FIU other than header.from' });
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

/** A request for information. */
export const requestMessageSchema = record({
  header: record({ ...headerShape, type: z.literal('request') }).superRefine(checkHeader),
  body: requestBodySchema,
});

/** Any message, its body unchecked: used first, to learn the type and report header errors. */
export const anyMessageSchema = record({ header: messageHeaderSchema, body: z.unknown() });

/** The header common to every message. */
export type MessageHeader = z.infer<typeof messageHeaderSchema>;
/** The body of a request for information. */
export type RequestBody = z.infer<typeof requestBodySchema>;
/** A request for information. */
export type RequestMessage = z.infer<typeof requestMessageSchema>;
/** Any supported message (version 1: requests only), tagged by `header.type`. */
export type Message = RequestMessage;
