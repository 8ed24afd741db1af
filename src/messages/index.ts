/**
 * Messages: schemas and validation (pure, no I/O). The message format is section 3 of docs/PROTOCOL.md.
 */
export {
  CLASSIFICATIONS,
  DATA_CATEGORIES,
  PURPOSES,
  URGENCIES,
  classificationRank,
  type Classification,
  type DataCategory,
  type Purpose,
  type Urgency,
} from './vocabulary.js';
export {
  MESSAGE_TYPES,
  SUPPORTED_MESSAGE_TYPES,
  agreementRefSchema,
  messageHeaderSchema,
  requestBodySchema,
  requestMessageSchema,
  type Message,
  type MessageHeader,
  type AgreementRef,
  type MessageType,
  type RequestBody,
  type RequestMessage,
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
export {
  AGREEMENT_ID_PATTERN,
  MESSAGE_ID_PATTERN,
  f as fieldFormats,
  list,
  oneOf,
  record,
  text,
} from './fields.js';
export {
  buildRequest,
  describeIssue,
  requestInputSchema,
  validateMessage,
  type RequestEnvelopeFields,
} from './validate.js';
export { checkFreshness, DEFAULT_FRESHNESS, type FreshnessWindow } from './freshness.js';
