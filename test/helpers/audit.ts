/**
 * What an auditor holds, for tests of the audit ledger against live gateways: the ledger key as the
 * PKI publishes it (keys/public.json), operator profiles rewritten to the ports the gateways bound,
 * audit API connections, and export files read and written line by line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ledgerOrigin, publicKeyObject, type KeyRecord } from '../../src/crypto/index.js';
import { noteVerifier, type NoteVerifier } from '../../src/ledger/index.js';
import { AuditConnection } from '../../src/transport/audit-client.js';
import { loadOperatorProfile } from '../../src/transport/operator-client.js';
import type { Network } from './gateways.js';

/** The ledger key of `fiu` from its keys/public.json (the record of use `ledger`), as a verifier. */
export function publishedLedgerKey(net: Network, fiu: string): NoteVerifier {
  const { keys } = JSON.parse(readFileSync(net.pki.fius[fiu]!.keys.public, 'utf8')) as { keys: KeyRecord[] };
  const ledger = keys.filter((k) => k.use === 'ledger');
  if (ledger.length !== 1)
    throw new Error(`${fiu}: expected one ledger key in public.json, got ${ledger.length}`);
  return noteVerifier({ name: ledgerOrigin(fiu), publicKey: publicKeyObject(ledger[0]!) });
}

/**
 * Writes the operator profile of `role@fiu` with absolute paths and the operator port the gateway
 * bound, into the network's folder; returns the file (for `--profile`).
 */
export function boundProfileFile(net: Network, fiu: string, role: string): string {
  const profile = loadOperatorProfile(net.pki.fius[fiu]!.profiles[role]!);
  const file = path.join(net.dir, `${fiu}-${role}.bound.profile.json`);
  writeFileSync(file, JSON.stringify({ ...profile, address: `127.0.0.1:${net.ports[fiu]!.operatorPort}` }));
  return file;
}

/** An audit API connection as `role@fiu` to its own gateway's bound operator port; close it when done. */
export function auditConnection(net: Network, fiu: string, role: string): AuditConnection {
  const profile = loadOperatorProfile(net.pki.fius[fiu]!.profiles[role]!);
  return new AuditConnection({ ...profile, address: `127.0.0.1:${net.ports[fiu]!.operatorPort}` }, 10_000);
}

/** The lines of a text file, without their newlines (a last empty line is not a line). */
export function readLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Writes `lines` to `file`, each ending in a newline. */
export function writeLines(file: string, lines: readonly string[]): void {
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
}

/** Collects an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
