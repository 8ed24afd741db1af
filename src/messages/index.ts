/**
 * Messages: schemas and validation (pure, no I/O). The message format is section 3 of docs/PROTOCOL.md.
 */
export {
  MESSAGE_TYPES,
  SUPPORTED_MESSAGE_TYPES,
  PURPOSES,
  URGENCIES,
  messageHeaderSchema,
  requestBodySchema,
  requestMessageSchema,
  type Message,
  type MessageHeader,
  type MessageType,
  type Purpose,
  type RequestBody,
  type RequestMessage,
  type Urgency,
} from './schema.js';
export {
  SUBJECT_KINDS,
  subjectSchema,
  type AccountSubject,
  type EntitySubject,
  type PersonSubject,
  type Subject,
  type SubjectKind,
  type TransactionSubject,
} from './subjects.js';
export { MESSAGE_ID_PATTERN } from './fields.js';
export {
  buildRequest,
  describeIssue,
  requestInputSchema,
  validateMessage,
  type RequestEnvelopeFields,
} from './validate.js';
export { checkFreshness, DEFAULT_FRESHNESS, type FreshnessWindow } from './freshness.js';
