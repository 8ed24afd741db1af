/**
 * Builders: from what an operator submits to a whole, valid message. The operator chooses the
 * purpose fields and the body; the gateway sets the rest of the header (id, from, to, createdAt,
 * agreement and, for a message that refers to an earlier one, inReplyTo from the case).
 */
import type { z } from 'zod';
import { record } from './fields.js';
import {
  consentDecisionBodySchema,
  consentRequestBodySchema,
  feedbackBodySchema,
  responseBodySchema,
  spontaneousDisclosureBodySchema,
} from './case-bodies.js';
import {
  checkPredicateOffence,
  purposeFields,
  requestBodySchema,
  type AgreementRef,
  type MessageOf,
  type MessageType,
} from './schema.js';
import { parseOrRefuse, validateMessage } from './validate.js';

/** The operator's input for a message whose body is `body`: the purpose fields and the body. */
function inputOf<B extends z.ZodType>(body: B) {
  return record({ ...purposeFields, body }).superRefine((input, ctx) => checkPredicateOffence(input, ctx));
}

/** What an operator submits for a request for information; the gateway sets the rest of the header. */
export const requestInputSchema = inputOf(requestBodySchema);
/** What a liaison officer submits for a response (docs/examples/response.json). */
export const responseInputSchema = inputOf(responseBodySchema);
/** What a liaison officer submits for a spontaneous disclosure (docs/examples/spontaneous-disclosure.json). */
export const spontaneousDisclosureInputSchema = inputOf(spontaneousDisclosureBodySchema);
/** What an analyst submits for a consent request (docs/examples/consent-request.json). */
export const consentRequestInputSchema = inputOf(consentRequestBodySchema);
/** What a liaison officer submits for a consent decision (docs/examples/consent-decision.json). */
export const consentDecisionInputSchema = inputOf(consentDecisionBodySchema);
/** What an analyst submits for feedback (docs/examples/feedback.json). */
export const feedbackInputSchema = inputOf(feedbackBodySchema);

/** The header fields that the gateway sets on a message it builds. */
export interface EnvelopeFields {
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

/** The header fields that the gateway sets on a request it builds. */
export type RequestEnvelopeFields = EnvelopeFields;

/** The header fields that the gateway sets on a message that refers to an earlier one. */
export interface ReplyEnvelopeFields extends EnvelopeFields {
  /** The id of the earlier message, from the case (see docs/PROTOCOL.md 3.1, `inReplyTo`). */
  inReplyTo: string;
}

/** Parses the operator's input, adds the gateway's header fields and validates the whole message. */
function build<T extends MessageType>(
  type: T,
  schema: ReturnType<typeof inputOf>,
  input: unknown,
  fields: EnvelopeFields & { inReplyTo?: string },
): MessageOf<T> {
  const { body, ...op } = parseOrRefuse(schema, input, type.replaceAll('_', ' ')) as z.output<
    typeof schema
  > & {
    deadline?: string;
    predicateOffence?: string;
  };
  const header = {
    id: fields.id,
    type,
    from: fields.from,
    to: fields.to,
    createdAt: fields.createdAt,
    agreement: fields.agreement,
    ...(fields.inReplyTo === undefined ? {} : { inReplyTo: fields.inReplyTo }),
    purpose: op.purpose,
    ...(op.predicateOffence === undefined ? {} : { predicateOffence: op.predicateOffence }),
    dataCategories: op.dataCategories,
    classification: op.classification,
    urgency: op.urgency,
    ...(op.deadline === undefined ? {} : { deadline: op.deadline }),
  };
  return validateMessage({ header, body }, { types: [type] }) as MessageOf<T>;
}

/**
 * Builds a request for information from what an operator submitted (`{ purpose, predicateOffence?,
 * dataCategories, classification, urgency, deadline?, body }`, see docs/examples/rfi.json) and
 * validates the whole message.
 *
 * Errors in the operator's fields are reported with the operator's paths (`purpose`, `body.facts`);
 * rules that involve the gateway's fields with header paths (`header.deadline: expected a date-time
 * later than createdAt`).
 *
 * @throws GatewayError `message.invalid` naming the first bad field.
 */
export function buildRequest(input: unknown, fields: EnvelopeFields): MessageOf<'request'> {
  return build('request', requestInputSchema, input, fields);
}

/**
 * Builds a response to the request `fields.inReplyTo` (docs/examples/response.json).
 *
 * @throws GatewayError `message.invalid` naming the first bad field.
 */
export function buildResponse(input: unknown, fields: ReplyEnvelopeFields): MessageOf<'response'> {
  return build('response', responseInputSchema, input, fields);
}

/**
 * Builds a spontaneous disclosure (docs/examples/spontaneous-disclosure.json); it refers to no
 * earlier message.
 *
 * @throws GatewayError `message.invalid` naming the first bad field.
 */
export function buildSpontaneousDisclosure(
  input: unknown,
  fields: EnvelopeFields,
): MessageOf<'spontaneous_disclosure'> {
  return build('spontaneous_disclosure', spontaneousDisclosureInputSchema, input, fields);
}

/**
 * Builds a consent request about the information of the message `fields.inReplyTo`, which must be
 * among `body.information.messageIds` (docs/examples/consent-request.json).
 *
 * @throws GatewayError `message.invalid` naming the first bad field.
 */
export function buildConsentRequest(
  input: unknown,
  fields: ReplyEnvelopeFields,
): MessageOf<'consent_request'> {
  return build('consent_request', consentRequestInputSchema, input, fields);
}

/**
 * Builds a consent decision on the consent request `fields.inReplyTo`
 * (docs/examples/consent-decision.json).
 *
 * @throws GatewayError `message.invalid` naming the first bad field.
 */
export function buildConsentDecision(
  input: unknown,
  fields: ReplyEnvelopeFields,
): MessageOf<'consent_decision'> {
  return build('consent_decision', consentDecisionInputSchema, input, fields);
}

/**
 * Builds feedback on the response or disclosure `fields.inReplyTo` (docs/examples/feedback.json).
 *
 * @throws GatewayError `message.invalid` naming the first bad field.
 */
export function buildFeedback(input: unknown, fields: ReplyEnvelopeFields): MessageOf<'feedback'> {
  return build('feedback', feedbackInputSchema, input, fields);
}
