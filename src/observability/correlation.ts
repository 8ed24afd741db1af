/**
 * The correlation id that follows one exchange across both gateways. Every gRPC call a gateway
 * handles runs in a scope that holds one (taken from the caller's `fiu-correlation-id` metadata when
 * it is well formed, fresh otherwise); calls it makes to partners inside that scope send it on.
 * Log lines written inside the scope carry it as `correlationId` (see {@link withCorrelation}).
 *
 * The value a partner sends is attacker-controlled: it is used only when it matches
 * {@link CORRELATION_ID_PATTERN}, and never refuses a call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The gRPC metadata key (docs/PROTOCOL.md, "Correlation id"). */
export const CORRELATION_METADATA_KEY = 'fiu-correlation-id';

/** 1 to 64 characters of letters, digits, `.`, `_`, `:` and `-` (a UUID fits). */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

const scope = new AsyncLocalStorage<string>();

/** A new correlation id (a random UUID). */
export function newCorrelationId(): string {
  return randomUUID();
}

/** `value` when it is a well-formed correlation id, else null (it may come from a peer). */
export function validCorrelationId(value: unknown): string | null {
  return typeof value === 'string' && CORRELATION_ID_PATTERN.test(value) ? value : null;
}

/** Runs `fn` with `id` as the current correlation id. */
export function runWithCorrelation<T>(id: string, fn: () => T): T {
  return scope.run(id, fn);
}

/** The correlation id of the current scope, if any. */
export function currentCorrelationId(): string | undefined {
  return scope.getStore();
}
