/**
 * Message validation. A refusal names the first bad field and what is expected there, so that the
 * sender can fix it (DOMAIN.md: "every rejection here must say exactly what is wrong"). The text never
 * repeats the refused value: messages carry personal data.
 */
import type { z } from 'zod';
import { GatewayError } from '../errors.js';
import {
  anyMessageSchema,
  MESSAGE_SCHEMAS,
  SUPPORTED_MESSAGE_TYPES,
  type Message,
  type MessageType,
} from './schema.js';

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
export function parseOrRefuse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = describeIssue(result.error.issues[0]!);
  throw new GatewayError('message.invalid', `invalid ${what}: ${detail}`, { publicDetail: detail });
}

/** Options of {@link validateMessage}. */
export interface ValidateOptions {
  /**
   * The message types to accept; any other type is refused. Defaults to
   * {@link SUPPORTED_MESSAGE_TYPES}, what a receiver accepts today.
   */
  types?: readonly MessageType[];
}

/**
 * The messages {@link validateMessage} returned. Each is frozen all the way down before it is added, so
 * it cannot have changed since: a second validation of it (by `sealMessage`, after the builder
 * validated it) is skipped. Only this module adds to it; input from a peer is a fresh `JSON.parse`
 * result, never in it, and is validated in full.
 */
const validated = new WeakSet<object>();

/** Freezes `value` and every object and array inside it (a parsed message: a tree, no cycles). */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  for (const inner of Object.values(value)) deepFreeze(inner);
  Object.freeze(value);
}

/** Whether `value` is a message that {@link validateMessage} returned (and therefore valid for its type). */
function wasValidated(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && validated.has(value);
}

/**
 * Checks that `value` is a valid message of one of `options.types` (by default the supported types)
 * and returns it (a fresh copy, unknown fields refused, frozen). A message this function returned
 * before is not parsed again: it is returned as it is when its type is among `options.types`.
 *
 * The common header is checked first, then the type, then the type's own header rules and body.
 *
 * @throws GatewayError `message.invalid` whose `publicDetail` names the first bad field and what is
 * expected, e.g. `body.subjects.0.birthdate: expected a date YYYY-MM-DD`.
 */
export function validateMessage(value: unknown, options: ValidateOptions = {}): Message {
  const types = options.types ?? SUPPORTED_MESSAGE_TYPES;
  if (wasValidated(value) && types.includes(value.header.type)) return value;
  const any = parseOrRefuse(anyMessageSchema, value, 'message');
  const type = any.header.type;
  if (!types.includes(type)) {
    const detail = `header.type: ${type} is not accepted here; expected ${types.join(', ')}`;
    throw new GatewayError('message.invalid', `invalid message: ${detail}`, { publicDetail: detail });
  }
  const message = parseOrRefuse(MESSAGE_SCHEMAS[type], value, type);
  deepFreeze(message);
  validated.add(message);
  return message;
}
