/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence per JSON value, so that a signature
 * covers exactly one representation. Uses the `canonicalize` package; nothing is hand-written here.
 */
import canonicalize from 'canonicalize';
import { GatewayError } from '../errors.js';

/**
 * The RFC 8785 canonical JSON text of `value`.
 *
 * @throws GatewayError `internal.unexpected` when `value` has no JSON form (undefined, a function, a
 * symbol, NaN or Infinity, a lone surrogate, a cycle).
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (err) {
    throw new GatewayError(
      'internal.unexpected',
      `value cannot be canonicalised: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  if (text === undefined) {
    throw new GatewayError('internal.unexpected', 'value cannot be canonicalised: it has no JSON form');
  }
  return text;
}
