/** Asserts that something fails with a {@link GatewayError} of a given code (sigstore's `toThrowWithCode`). */
import { expect } from 'chai';
import { GatewayError, type ErrorCode } from '../../src/errors.js';

/**
 * Awaits `subject` (a promise, or a function that throws or returns a promise) and asserts that it
 * fails with a GatewayError whose code is `code`. Returns the error for further checks.
 */
export async function expectCode(
  subject: Promise<unknown> | (() => unknown),
  code: ErrorCode,
): Promise<GatewayError> {
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    const value = typeof subject === 'function' ? await subject() : await subject;
    outcome = { ok: true, value };
  } catch (error) {
    outcome = { ok: false, error };
  }
  if (outcome.ok) expect.fail(`expected a GatewayError ${code}, but it succeeded`);
  const { error } = outcome;
  if (!(error instanceof GatewayError)) {
    expect.fail(
      `expected a GatewayError ${code}, got ${error instanceof Error ? error.stack : String(error)}`,
    );
  }
  expect(error.code, `${error.message}`).to.equal(code);
  return error;
}
