/**
 * Assertions on refusals seen through the real gRPC API: the status code, the `fiu-error-code` trailer,
 * status details that leak nothing, and (for the peer API) the receiver's ledger entry and untouched
 * store (docs/PROTOCOL.md sections 5 and 7).
 */
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { sha256b64u } from '../../src/crypto/index.js';
import type { ErrorCode } from '../../src/errors.js';
import { ERROR_CODE_METADATA } from '../../src/transport/status.js';
import type { Deliver, Network } from './gateways.js';
import { ledgerEntries, type ParsedEntry } from './live-data.js';

/** Awaits `call`, which must fail with a grpc-js ServiceError; returns the error. */
export async function expectServiceError(call: Promise<unknown>): Promise<grpc.ServiceError> {
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await call };
  } catch (error) {
    outcome = { ok: false, error };
  }
  if (outcome.ok) expect.fail(`expected the call to fail, it answered ${JSON.stringify(outcome.value)}`);
  const err = outcome.error as Partial<grpc.ServiceError>;
  expect(err, 'a grpc-js ServiceError').to.have.property('code').that.is.a('number');
  expect(err.metadata, 'status metadata').to.be.instanceOf(grpc.Metadata);
  return err as grpc.ServiceError;
}

/**
 * Asserts that status details say nothing internal: no stack trace, no file path, no PEM, no JWK
 * member, no key id, key value or digest (43 base64url characters), and none of `secrets` (such as
 * a refused field's value, which is message content).
 */
export function expectNoInternals(details: string, secrets: readonly string[] = []): void {
  expect(details, 'a stack trace').to.not.match(/\bat .*:\d+:\d+|\n\s+at /);
  expect(details, 'a file path').to.not.match(/(?:^|[\s'"(=])(?:\/[\w.@-]+){2,}|[A-Za-z]:\\/);
  expect(details, 'a source or key file').to.not.match(/\.(?:ts|js|mjs|sqlite|pem|crt|key)\b/);
  expect(details, 'PEM material').to.not.match(/-----(?:BEGIN|END)/);
  expect(details, 'a JWK').to.not.match(/"(?:kty|crv|x|d|kid)"\s*:/);
  expect(details, 'a key id, key or digest').to.not.match(/[A-Za-z0-9_-]{43}/);
  for (const s of secrets) expect(details, 'message content').to.not.include(s);
}

/** What a refusal must look like on the wire. */
export interface ExpectedStatus {
  status: grpc.status;
  reason: ErrorCode;
  /** Must occur in (string) or match (RegExp) the text after `<reason>: `. */
  detail?: string | RegExp;
  /** Must not occur in the details (message content). */
  secrets?: readonly string[];
}

/** Asserts the status code, the `fiu-error-code` trailer and clean `"<reason>: <text>"` details. */
export function expectStatus(err: grpc.ServiceError, expected: ExpectedStatus): void {
  const name = (c: number) => `${grpc.status[c]} (${c})`;
  expect(name(err.code), `status of: ${err.details}`).to.equal(name(expected.status));
  expect(err.metadata.get(ERROR_CODE_METADATA), 'the fiu-error-code trailer').to.deep.equal([
    expected.reason,
  ]);
  expect(err.details).to.match(new RegExp(`^${expected.reason.replace('.', '\\.')}: \\S`));
  const text = err.details.slice(expected.reason.length + 2);
  if (typeof expected.detail === 'string') expect(text).to.include(expected.detail);
  else if (expected.detail) expect(text).to.match(expected.detail);
  expectNoInternals(err.details, expected.secrets);
}

/** A refused delivery and what it should leave behind at the receiver. */
export interface ExpectedRefusal extends ExpectedStatus {
  /** The receiving gateway. */
  receiver: string;
  deliver: Deliver;
  sealed: string;
  /** The FIU named by the caller's TLS certificate, as the receiver's ledger records it. */
  tlsPeer: string;
  /** The routing fields the refusal entry records (id, type, from, to); `{}` when none were readable. */
  claimed?: { id?: string; type?: string; from?: string; to?: string };
}

/**
 * Delivers `sealed`, expects the refusal on the wire, and checks the receiver: exactly one new ledger
 * entry, `message.refused` with the reason, the TLS peer and the digest; no new message, no new case,
 * and the refused bytes not stored under the claimed id. Returns the error and the entry.
 */
export async function expectPeerRefusal(
  net: Network,
  expected: ExpectedRefusal,
): Promise<{ error: grpc.ServiceError; entry: ParsedEntry }> {
  const { store } = net.gw[expected.receiver]!;
  const before = await net.snapshot(expected.receiver);
  const error = await expectServiceError(expected.deliver(expected.sealed));
  expectStatus(error, expected);

  const after = await net.snapshot(expected.receiver);
  const added = await ledgerEntries(store, before.ledgerSize);
  expect(
    added.map((e) => `${e.event} ${e.reason}`),
    'new ledger entries',
  ).to.deep.equal([`message.refused ${expected.reason}`]);
  const entry = added[0]!;
  expect(entry.actor).to.deep.equal({ kind: 'peer', fiu: expected.tlsPeer });
  expect(entry.message?.digest, 'the digest of the refused bytes').to.equal(sha256b64u(expected.sealed));
  if (expected.claimed) {
    expect(entry.message).to.deep.equal({ ...expected.claimed, digest: sha256b64u(expected.sealed) });
  }
  expect(after.messages, 'stored messages').to.equal(before.messages);
  expect(after.cases, 'cases').to.deep.equal(before.cases);
  const { id, from } = expected.claimed ?? {};
  if (id && from) {
    // Under the claimed id there is nothing, or (a reused id) the earlier message, never these bytes.
    const stored = await store.findInbound(from, id);
    expect(stored?.digest, 'the refused bytes stored under the claimed id').to.not.equal(
      entry.message?.digest,
    );
  }
  return { error, entry };
}

/**
 * Expects a call that never reaches a handler (refused in the TLS handshake): UNAVAILABLE, no trailer,
 * and nothing at all recorded by `receiver`.
 */
export async function expectHandshakeRefusal(
  net: Network,
  receiver: string,
  call: () => Promise<unknown>,
): Promise<grpc.ServiceError> {
  const before = await net.snapshot(receiver);
  const error = await expectServiceError(call());
  expect(grpc.status[error.code], error.details).to.equal('UNAVAILABLE');
  expect(error.metadata.get(ERROR_CODE_METADATA)).to.deep.equal([]);
  expect(await net.snapshot(receiver)).to.deep.equal(before);
  return error;
}
