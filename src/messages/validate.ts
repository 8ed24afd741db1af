/**
 * Message validation. A refusal names the first bad field and what is expected there, so that the
 * sender can fix it (DOMAIN.md: "every rejection here must say exactly what is wrong"). The text never
 * repeats the refused value: messages carry personal data.
 */
import type { z } from 'zod';
import { GatewayError } from '../errors.js';
import {
  anyMessageSchema,
  checkPredicateOffence,
  purposeFields,
  requestBodySchema,
  requestMessageSchema,
  SUPPORTED_MESSAGE_TYPES,
  type AgreementRef,
  type Message,
  type RequestMessage,
} from './schema.js';
import { record } from './fields.js';

/** A field name as shown in an error: printable, and short even when a peer sends a long one. */
function showKey(key: string): string {
  const clean = key.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 61)}...` : clean;
}

/** `body.subjects.0.birthdate: expected a date YYYY-MM-DD`, from a zod issue. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => showKey(String(p)));
  if (issue.code === 'unrecognized_keys') {
    const key = showKey(issue.keys[0] ?? '');
    return `${[...path, key].join('.')}: unknown field (not allowed here)`;
  }
  return `${path.length > 0 ? path.join('.') : '(top level)'}: ${issue.message}`;
}

/** Parses `value` with `schema` or throws `message.invalid` naming the first bad field. */
function parseOrRefuse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = describeIssue(result.error.issues[0]!);
  throw new GatewayError('message.invalid', `invalid ${what}: ${detail}`, { publicDetail: detail });
}

/**
 * Checks that `value` is a valid message of a supported type and returns it (a fresh copy, unknown
 * fields refused).
 *
 * @throws GatewayError `message.invalid` whose `publicDetail` names the first bad field and what is
 * expected, e.g. `body.subjects.0.birthdate: expected a date YYYY-MM-DD`.
 */
export function validateMessage(value: unknown): Message {
  const any = parseOrRefuse(anyMessageSchema, value, 'message');
  const type = any.header.type;
  if (!(SUPPORTED_MESSAGE_TYPES as readonly string[]).includes(type)) {
    const detail = `header.type: ${type} is reserved and not yet supported; expected ${SUPPORTED_MESSAGE_TYPES.join(', ')}`;
    throw new GatewayError('message.invalid', `invalid message: ${detail}`, { publicDetail: detail });
  }
  return parseOrRefuse(requestMessageSchema, value, 'request');
}

/** What an operator submits for a request for information; the gateway sets the rest of the header. */
export const requestInputSchema = record({ ...purposeFields, body: requestBodySchema }).superRefine(
  (input, ctx) => checkPredicateOffence(input, ctx),
);

/** The header fields that the gateway sets on a request it builds. */
export interface RequestEnvelopeFields {
  /** A fresh lower-case UUID. */
  id: string;
  /** This gateway's FIU id. */
  from: string;
  /** The partner FIU id. */
  to: string;
  /** `new Date().toISOString()`. */
  createdAt: string;
  /** The sharing agreement in force with the partner. */
  agreement: AgreementRef;
}

/**
 * Builds a request for information from what an operator submitted (`{ purpose, predicateOffence?,
 * dataCategories, classification, urgency, deadline?, body }`, see docs/examples/rfi.json) and validates the whole message.
 *
 * Errors in the operator's fields are reported with the operator's paths (`purpose`, `body.facts`);
 * rules that involve the gateway's fields with header paths (`header.deadline: expected a date-time
 * later than createdAt`).
 *
 * @throws GatewayError `message.invalid` naming the first bad field.
 */
export function buildRequest(input: unknown, fields: RequestEnvelopeFields): RequestMessage {
  const op = parseOrRefuse(requestInputSchema, input, 'request');
  const header = {
    id: fields.id,
    type: 'request' as const,
    from: fields.from,
    to: fields.to,
    createdAt: fields.createdAt,
    agreement: fields.agreement,
    purpose: op.purpose,
    ...(op.predicateOffence === undefined ? {} : { predicateOffence: op.predicateOffence }),
    dataCategories: op.dataCategories,
    classification: op.classification,
    urgency: op.urgency,
    ...(op.deadline === undefined ? {} : { deadline: op.deadline }),
  };
  return validateMessage({ header, body: op.body });
}
