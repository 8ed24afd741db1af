/**
 * `fiugw audit ...`: the audit ledger from the command line. This file creates the `audit` group;
 * each subcommand registers itself on it.
 *
 * `fiugw audit verify-proof --json FILE` checks one Merkle proof offline. Exit codes: 0 the proof is
 * valid, 1 it is not, 2 the input is unusable (missing file, not JSON, wrong shape; `run` in main.ts
 * turns the `ledger.bad_input` error into 2).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { GatewayError, isGatewayError } from '../errors.js';
import { describeProofDocument, parseProofDocument, verifyProofDocument } from '../ledger/index.js';

const VERIFY_PROOF_HELP = `
The file holds one proof as a JSON object, in the format of the transparency-dev/merkle test
vectors; hashes are standard base64, and the kind is told by the fields:

  inclusion    {"leafIdx": 3, "treeSize": 8, "leafHash": "...", "root": "...", "proof": ["...", ...]}
  consistency  {"size1": 4, "size2": 8, "root1": "...", "root2": "...", "proof": ["...", ...]}

"proof" may be null. "desc" and "wantErr" are ignored.

Prints "valid: <what was proven>" or "invalid: <reason>".
Exit status: 0 valid, 1 invalid, 2 unusable input (missing file, not JSON, wrong shape).`;

/** Reads and parses the proof file; anything unusable is a `ledger.bad_input` error. */
async function readProofFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new GatewayError('ledger.bad_input', `cannot read ${file}: ${reason}`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GatewayError('ledger.bad_input', `${file} is not JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** `fiugw audit verify-proof`: prints the verdict and sets the exit code (0 valid, 1 invalid). */
async function verifyProofCommand(opts: { json: string }): Promise<void> {
  const doc = parseProofDocument(await readProofFile(opts.json));
  try {
    verifyProofDocument(doc);
  } catch (err) {
    if (!isGatewayError(err, 'ledger.invalid_proof')) throw err;
    console.log(`invalid: ${err.message}`);
    process.exitCode = 1;
    return;
  }
  console.log(`valid: ${describeProofDocument(doc)}`);
  process.exitCode = 0;
}

/** Creates the `audit` command group on `program`, registers its subcommands, and returns it. */
export function registerAuditCommands(program: Command): Command {
  const audit = program
    .command('audit')
    .description('the audit ledger: Merkle proofs, and (to come) export and verification');
  audit
    .command('verify-proof')
    .description('check one Merkle inclusion or consistency proof (RFC 9162) given as a JSON file, offline')
    .requiredOption('--json <file>', 'the proof, as JSON (format below)')
    .addHelpText('after', VERIFY_PROOF_HELP)
    .action(verifyProofCommand);
  return audit;
}
