/**
 * Field schemas shared by the message schemas. Every string has a length limit (a hostile peer sends
 * these), every error message starts with what is expected, and no error message ever repeats the
 * value it refuses (messages carry personal data).
 */
import { z } from 'zod';
import { FIU_ID } from '../config.js';

/** A lower-case RFC 9562 UUID (versions 1 to 8), as produced by `crypto.randomUUID()`. */
export const MESSAGE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A sharing agreement id: 1 to 64 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const AGREEMENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The error function of a base type: `required: …` when the field is missing, `expected …` otherwise. */
function typeError(expected: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? `required: expected ${expected}` : `expected ${expected}`;
}

/**
 * True when `s` holds a lone UTF-16 surrogate (not representable in UTF-8, refused by RFC 8785) or a
 * control character; `multiline` allows tab, line feed and carriage return.
 */
function hasBadCharacters(s: string, multiline: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
    if (c < 0x20 || c === 0x7f) {
      if (multiline && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return true;
    }
  }
  return false;
}

/**
 * Free text of 1 to `max` UTF-16 code units, not blank, well-formed Unicode and without control
 * characters (with `multiline`, tabs and line breaks are allowed).
 */
export function text(max: number, multiline = false) {
  const expected = `text of 1 to ${max} characters`;
  return z
    .string({ error: typeError(expected) })
    .min(1, `expected ${expected}`)
    .max(max, `expected ${expected}`)
    .refine((s) => /\S/.test(s), 'expected text that is not blank')
    .refine(
      (s) => !hasBadCharacters(s, multiline),
      multiline
        ? 'expected text without control characters (other than tab and line breaks) or lone surrogates'
        : 'expected text on one line, without control characters or lone surrogates',
    );
}

/** A string of at most `max` characters that matches `re`; `expected` says what in words. */
export function pattern(re: RegExp, expected: string, max = 64) {
  return z
    .string({ error: typeError(expected) })
    .max(max, `expected ${expected}`)
    .regex(re, `expected ${expected}`);
}

/** A string of at most `max` characters for which `test` holds; `expected` says what in words. */
export function checked(expected: string, max: number, test: (s: string) => boolean) {
  return z
    .string({ error: typeError(expected) })
    .max(max, `expected ${expected}`)
    .refine(test, `expected ${expected}`);
}

/** A value among `values`. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: typeError(`one of ${values.join(', ')}`) });
}

/** A strict object: unknown members are refused. */
export function record<S extends z.core.$ZodLooseShape>(shape: S, what = 'an object') {
  return z.strictObject(shape, { error: typeError(what) });
}

/** A list of 1 to `max` items. */
export function list<T extends z.ZodType>(item: T, max: number, what: string) {
  const expected = `a list of 1 to ${max} ${what}`;
  return z
    .array(item, { error: typeError(expected) })
    .min(1, `expected ${expected}`)
    .max(max, `expected ${expected}`);
}

/** ISO 97 / 7064 mod-97 check of an IBAN (letters count as 10..35), as ISO 13616 defines it. */
function ibanChecksumOk(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const digits = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

const FIU_ID_EXPECTED = 'an FIU id: capital letters, digits and dashes, such as FIU-A';
const DATE_EXPECTED = 'a date YYYY-MM-DD';
const UTC_EXPECTED = 'an RFC 3339 UTC date-time with milliseconds, such as 2026-01-01T09:30:00.000Z';
const DATE_TIME_EXPECTED = 'an RFC 3339 date-time, such as 2026-01-01T09:30:00Z';
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

/** Field formats, each with its error text. */
export const f = {
  messageId: pattern(
    MESSAGE_ID_PATTERN,
    'a lower-case UUID such as 3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b',
    36,
  ),
  /** A sharing agreement id, such as `MOU-FIU-A-FIU-B-2026`. */
  agreementId: pattern(
    AGREEMENT_ID_PATTERN,
    'an agreement id: 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  ),
  fiuId: checked(FIU_ID_EXPECTED, 63, (s) => FIU_ID.safeParse(s).success),
  /** `new Date().toISOString()`: UTC, milliseconds, `Z`. */
  utcMillis: z.iso.datetime({ precision: 3, error: typeError(UTC_EXPECTED) }),
  dateTime: checked(DATE_TIME_EXPECTED, 40, (s) => isoDateTime.safeParse(s).success),
  date: checked(DATE_EXPECTED, 10, (s) => isoDate.safeParse(s).success),
  dateOrDateTime: checked(
    `${DATE_EXPECTED} or ${DATE_TIME_EXPECTED}`,
    40,
    (s) => isoDate.safeParse(s).success || isoDateTime.safeParse(s).success,
  ),
  country: pattern(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as NL', 2),
  currency: pattern(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as EUR', 3),
  bic: pattern(
    /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/,
    'a SWIFT/BIC code of 8 or 11 capital letters and digits, such as EXBKNL2A',
    11,
  ),
  iban: pattern(
    /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/,
    'an IBAN in capitals without spaces, such as NL91ABNA0417164300',
    34,
  ).refine(ibanChecksumOk, 'expected an IBAN whose check digits are right'),
  amount: pattern(
    /^(?:0|[1-9][0-9]{0,17})(?:\.[0-9]{1,4})?$/,
    'a decimal amount such as 12500.00 (digits, optionally a point and up to 4 decimals)',
    23,
  ),
} as const;

/** A list of 1 to `max` items in which each item appears at most once. */
export function uniqueList<T extends z.ZodType>(item: T, max: number, what: string) {
  return list(item, max, what).refine(
    (l) => new Set(l).size === l.length,
    `expected each of the ${what} at most once`,
  );
}

/**
 * A tagged union of strict objects on the member `key`, whose values are `values`: a missing or
 * unknown tag is reported at `key`, as `expected one of …`.
 */
export function tagged<
  const K extends string,
  const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(key: K, values: readonly string[], options: T) {
  const expected = `one of ${values.join(', ')}`;
  return z.discriminatedUnion(key, options, {
    error: (issue) => {
      if (issue.code !== 'invalid_union') {
        return issue.input === undefined ? 'required: expected an object' : 'expected an object';
      }
      const tag = (issue.input as Record<string, unknown> | undefined)?.[key];
      return tag === undefined ? `required: expected ${expected}` : `expected ${expected}`;
    },
  });
}
