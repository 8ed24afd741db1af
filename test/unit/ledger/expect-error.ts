/** Test helpers asserting both the error class and its stable code. */
import { expect } from 'chai';
import { GatewayError, type ErrorCode } from '../../../src/errors.js';

/** Asserts that `fn` throws a {@link GatewayError} with `code` (and a message matching `message`). */
export function expectGatewayError(fn: () => unknown, code: ErrorCode, message?: RegExp): GatewayError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(GatewayError);
    expect((err as GatewayError).code).to.equal(code);
    if (message) expect((err as GatewayError).message).to.match(message);
    return err as GatewayError;
  }
  expect.fail(`expected a GatewayError ${code}, but nothing was thrown`);
}

/** Like {@link expectGatewayError}, for a promise. */
export async function expectGatewayRejection(
  promise: Promise<unknown>,
  code: ErrorCode,
  message?: RegExp,
): Promise<GatewayError> {
  try {
    await promise;
  } catch (err) {
    return expectGatewayError(
      () => {
        throw err;
      },
      code,
      message,
    );
  }
  expect.fail(`expected a GatewayError ${code}, but the promise resolved`);
}

/** True when `fn` throws `ledger.invalid_proof`; any other error is rethrown. */
export function rejectsProof(fn: () => void): boolean {
  try {
    fn();
    return false;
  } catch (err) {
    if (err instanceof GatewayError && err.code === 'ledger.invalid_proof') return true;
    throw err;
  }
}
