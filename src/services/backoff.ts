/**
 * The outbox's retry schedule: exponential backoff with "equal jitter" (half the delay fixed, half
 * random), so that many items failing together against one partner spread out when they come back.
 */
import type { GatewayError } from '../errors.js';

/** The delay before the retry that follows attempt number `attempts` (1 = the first attempt). */
export function retryDelay(
  attempts: number,
  retry: { initialMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, attempts - 1), 40);
  const base = Math.min(retry.maxMs, retry.initialMs * 2 ** exponent);
  return Math.round(base / 2 + (random() * base) / 2);
}

/**
 * True when a failed delivery may succeed later: the partner is unreachable or answered UNAVAILABLE,
 * INTERNAL or a rate limit. A refusal (PERMISSION_DENIED, INVALID_ARGUMENT, ALREADY_EXISTS, a bad
 * receipt, a message too large) is permanent: retrying the same bytes cannot change the answer.
 */
export function isTransient(err: GatewayError): boolean {
  if (err.code === 'message.too_large') return false;
  return err.kind === 'unavailable' || err.kind === 'internal' || err.kind === 'exhausted';
}
