/**
 * What may reach a log line. Two structural guards, applied to every line before it is written:
 *
 * 1. Field names come from an allow-list ({@link LOG_FIELDS}); any other field is dropped and named
 *    in `droppedFields`, so a caller cannot log a message body or a key by adding a field.
 * 2. Every string (the message text included) is scanned for what must never be logged even inside an
 *    allowed field, such as an error text that quotes its input: JOSE compact serialisations (a JWS or
 *    JWE, i.e. a sealed message or a receipt), JSON that carries a private JWK member (`"d"`, `"p"`,
 *    `"q"`, `"dp"`, `"dq"`, `"qi"`, `"k"`), PEM private keys, and long base64 runs. Each is replaced by
 *    `[redacted]`. Strings are capped at {@link MAX_VALUE_CHARS}.
 *
 * Subject data (names, accounts) cannot be recognised by shape; it is kept out by guard 1: the
 * services log ids, digests, codes and FIU ids only, and message texts name fields, never values.
 */
/** The fields of one log line (the same shape as `LogFields` in log.ts). */
type LogFields = Record<string, string | number | boolean | undefined>;

/** The field names a log line may carry; add a name here (after review) to log a new field. */
export const LOG_FIELDS: ReadonlySet<string> = new Set([
  'allowed',
  'attempts',
  'cause',
  'change',
  'code',
  'correlationId',
  'detail',
  'digest',
  'durationMs',
  'error',
  'file',
  'from',
  'giveUpAt',
  'id',
  'inFlight',
  'kids',
  'ledgerIndex',
  'messageId',
  'method',
  'metrics',
  'name',
  'nextAttemptAt',
  'nextUpdate',
  'operator',
  'outcome',
  'partner',
  'partnerLedgerIndex',
  'peer',
  'reason',
  'refused',
  'serial',
  'signal',
  'status',
  'tlsPeer',
  'to',
  'type',
  'version',
  'who',
]);

/** Longest string written to a log line. */
export const MAX_VALUE_CHARS = 2000;

const REDACTED = '[redacted]';

const PATTERNS: readonly RegExp[] = [
  // JOSE compact: a base64url JSON header ("eyJ" is `{"`) then 2 or 4 more dot-separated parts.
  /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2,4}/g,
  // PEM private keys (any type), complete or cut off.
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  // Private JWK members in JSON text.
  /"(?:d|p|q|dp|dq|qi|k)"\s*:\s*"[^"]*"?/g,
  // Long base64/base64url runs: key material or ciphertext (a SHA-256 digest is 43, below this).
  /[A-Za-z0-9+/_-]{120,}={0,2}/g,
];

/** `text` with anything that looks like key material or a sealed message replaced, and capped. */
export function redactText(text: string): string {
  let out = text;
  for (const p of PATTERNS) out = out.replace(p, REDACTED);
  return out.length > MAX_VALUE_CHARS ? `${out.slice(0, MAX_VALUE_CHARS)}...[truncated]` : out;
}

/** The fields of one line, filtered by name and scanned by value; non-primitive values are dropped. */
export function redactFields(fields: LogFields | undefined): LogFields {
  const out: LogFields = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    if (!LOG_FIELDS.has(key)) {
      dropped.push(key);
      continue;
    }
    if (typeof value === 'string') out[key] = redactText(value);
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else dropped.push(key);
  }
  if (dropped.length > 0) out.droppedFields = redactText(dropped.join(','));
  return out;
}
