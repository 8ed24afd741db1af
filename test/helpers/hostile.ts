/**
 * Checks of what a hostile peer gets back from a live gateway: every answer to bad input is a refusal
 * with a known reason code whose gRPC status follows the code's kind, and whose details hold nothing
 * internal (stack, path, module names, key material).
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { ERROR_CODES, GatewayError, type ErrorCode } from '../../src/errors.js';
import { ERROR_CODE_METADATA, toStatus } from '../../src/transport/status.js';
import type { Network } from './gateways.js';
import { expectNoInternals } from './refusals.js';

/** Pieces of `fiu`'s private key material that must never appear in an answer. */
export function privateMaterial(net: Network, fiu: string): string[] {
  const keys = net.messageKeys(fiu);
  const ds = [keys.sig, keys.enc, keys.ledger].map((k) => k.jwk.d!).filter(Boolean);
  const pem = readFileSync(net.pki.fius[fiu]!.tls.key, 'utf8');
  const lines = pem.split('\n').filter((l) => l.length >= 32 && !l.startsWith('-----'));
  return [...ds, ...lines.map((l) => l.slice(0, 32))];
}

/**
 * Asserts that `err` is a clean refusal: a known `fiu-error-code`, the status of its kind, details
 * `"<code>: <text>"` without internals or any of `secrets`. Returns the code.
 */
export function expectCleanRefusal(err: unknown, secrets: readonly string[]): ErrorCode {
  const se = err as grpc.ServiceError;
  expect(se, 'a grpc-js ServiceError').to.have.property('code').that.is.a('number');
  expect(se.code, 'a refusal, not OK').to.not.equal(grpc.status.OK);
  const codes = se.metadata?.get(ERROR_CODE_METADATA) ?? [];
  expect(codes, `one fiu-error-code (status ${grpc.status[se.code]}: ${se.details})`).to.have.length(1);
  const code = String(codes[0]);
  expect(Object.keys(ERROR_CODES), 'a known reason code').to.include(code);
  const expected = toStatus(new GatewayError(code as ErrorCode, 'x')).code;
  expect(grpc.status[se.code], `status of ${code}`).to.equal(grpc.status[expected!]);
  expect(se.details.startsWith(`${code}: `), se.details).to.equal(true);
  expectNoInternals(se.details);
  expect(se.details, 'a module path').to.not.match(/node_modules|\.ts\b|\bat\s+\S+\s+\(/);
  for (const s of secrets) expect(se.details, 'private key material').to.not.include(s);
  return code as ErrorCode;
}
