/**
 * `fiugw audit ...`: the audit ledger from the command line. This file creates the `audit` group;
 * each subcommand registers itself on it.
 *
 * `fiugw audit verify-proof --json FILE` checks one Merkle proof offline. Exit codes: 0 the proof is
 * valid, 1 it is not, 2 the input is unusable (missing file, not JSON, wrong shape; `run` in main.ts
 * turns the `ledger.bad_input` error into 2).
 *
 * `fiugw audit verify --export FILE` verifies a whole ledger export offline (docs/AUDIT.md): 0 it
 * verifies, 1 it shows a problem (named), 2 it cannot be read as an export. {@link verifyAndReport}
 * and {@link writeExportFile} are the parts a live-database variant and `audit export` reuse with a
 * store-backed `LedgerExportSource` (`ledgerVerifySource`, `exportLines`).
 */
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, readFile, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { exportThroughApi, registerAuditApiCommands } from './audit-api-commands.js';
import { GatewayError, isGatewayError } from '../errors.js';
import {
  describeProofDocument,
  exportLines,
  exportTextSource,
  ledgerVerifySource,
  parseProofDocument,
  verifyLedger,
  verifyProofDocument,
  type LedgerProblem,
  type VerifySource,
} from '../ledger/index.js';

/**
 * The live ledger of a configured gateway. Imported when used: it loads the store and the gateway's
 * key loading, which `fiugw audit verify --export` (an auditor's machine, no database) never needs.
 */
async function openLiveLedger(configFile: string) {
  return (await import('./audit-live.js')).openLiveLedger(configFile);
}

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

const VERIFY_HELP = `
Reads a ledger export (JSON Lines, docs/AUDIT.md), recomputes every leaf hash and the Merkle tree
(RFC 9162), checks every checkpoint's signature, and that the checkpoints agree with each other and
with the entries. Needs nothing but the file. Pin the ledger key you expect with --vkey (repeat it
for keys retired by a rotation); without it the key named in the file's own header is trusted, which
proves the file consistent but not that it is the ledger you mean.

Prints "ok: N entries, root <base64>, K checkpoints verified", or
"FAILED at entry <index>: <kind>: <detail>" ("at checkpoint <k>", counted from 1 in file order, for
a problem of the checkpoints themselves), where kind is one of missing, reordered, inserted,
modified, bad_json, non_canonical, bad_checkpoint, bad_checkpoint_signature, fork.
Progress goes to stderr on large exports.
Exit status: 0 verified, 1 a problem was found, 2 unusable input (missing file, not an export).`;

/** Options of {@link verifyAndReport}. */
export interface ReportOptions {
  /** Pinned ledger keys (vkey strings); none: trust the source's header, and say so. */
  vkeys?: readonly string[];
  allowUnsignedTail?: boolean;
  checkEntries?: boolean;
  /** Progress is printed for ledgers of at least this many entries (default 100,000)... */
  progressFrom?: number;
  /** ...at most once per this many milliseconds (default 1000), and once at the end. */
  progressEveryMs?: number;
}

function describeProblem(problem: LedgerProblem): string {
  const where = 'index' in problem ? `entry ${problem.index}` : `checkpoint ${problem.checkpoint}`;
  return `FAILED at ${where}: ${problem.kind}: ${problem.detail}`;
}

/** Prints `verified done/total entries` to stderr, throttled; see {@link ReportOptions}. */
function progressPrinter(options: ReportOptions): (done: number, total: number) => void {
  const from = options.progressFrom ?? 100_000;
  const every = options.progressEveryMs ?? 1000;
  let last = Date.now();
  let shown = false;
  return (done, total) => {
    const now = Date.now();
    if (total < from) return;
    // The last call is printed only after others were, to close them.
    if (done < total ? now - last < every : !shown) return;
    last = now;
    shown = true;
    process.stderr.write(`verified ${done}/${total} entries\n`);
  };
}

/**
 * Verifies `source` (an export file, or the live ledger via `ledgerVerifySource`), prints progress
 * (stderr) and the verdict (stdout), and returns the exit code: 0 verified, 1 a problem found.
 * Unusable input throws (`ledger.bad_export`, `ledger.bad_input`: exit 2 through `run`).
 */
export async function verifyAndReport(source: VerifySource, options: ReportOptions = {}): Promise<number> {
  const vkeys = options.vkeys ?? [];
  if (vkeys.length === 0) {
    const header = await source.header();
    console.error(
      `note: trusting the ledger key named in the export itself (${header.vkey}); pin the key you expect with --vkey`,
    );
  }
  const result = await verifyLedger(source, {
    ...(vkeys.length > 0 ? { keys: vkeys } : {}),
    allowUnsignedTail: options.allowUnsignedTail === true,
    checkEntries: options.checkEntries === true,
    onProgress: progressPrinter(options),
  });
  if (!result.ok) {
    console.log(describeProblem(result.problem));
    return 1;
  }
  const { size, root, checkpoints, unsigned } = result;
  const tail = unsigned > 0 ? `; the last ${unsigned} entries are covered by no checkpoint` : '';
  console.log(
    `ok: ${size} entries, root ${root.toString('base64')}, ${checkpoints} checkpoints verified${tail}`,
  );
  return 0;
}

const errorCode = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? String(err);

/**
 * The export file `file` as a verify source, read anew for each pass. Throws `ledger.bad_input` when
 * it cannot be opened; a later read error is `ledger.bad_export`.
 */
export async function exportFileSource(file: string): Promise<VerifySource> {
  try {
    await access(file, constants.R_OK);
  } catch (err) {
    throw new GatewayError('ledger.bad_input', `cannot read ${file}: ${errorCode(err)}`, { cause: err });
  }
  return exportTextSource(async function* read() {
    try {
      yield* createReadStream(file, { highWaterMark: 1 << 20 });
    } catch (err) {
      throw new GatewayError('ledger.bad_export', `cannot read ${file}: ${errorCode(err)}`, { cause: err });
    }
  });
}

/** Joins lines into chunks of about 1 MiB, each line ending in a newline. */
async function* chunked(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let chunk = '';
  for await (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/**
 * Writes export `lines` (from `exportLines`) to `file`, each ending in a newline: to a temporary
 * file beside it first, renamed into place when complete, so that a failed export leaves no partial
 * file that could pass for a whole ledger.
 */
export async function writeExportFile(lines: AsyncIterable<string>, file: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await pipeline(Readable.from(chunked(lines)), createWriteStream(partial, { flags: 'wx' }));
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

/** `fiugw audit verify`: sets the exit code (0 verified, 1 a problem found). */
async function verifyCommand(opts: {
  export?: string;
  config?: string;
  vkey: string[];
  allowUnsignedTail?: boolean;
  checkEntries?: boolean;
}): Promise<void> {
  if ((opts.export === undefined) === (opts.config === undefined)) {
    throw new GatewayError(
      'ledger.bad_input',
      'give either --export FILE (offline) or --config FILE (live database)',
    );
  }
  const settings = {
    vkeys: opts.vkey,
    allowUnsignedTail: opts.allowUnsignedTail === true,
    checkEntries: opts.checkEntries === true,
  };
  if (opts.export !== undefined) {
    process.exitCode = await verifyAndReport(await exportFileSource(opts.export), settings);
    return;
  }
  const live = await openLiveLedger(opts.config!);
  try {
    const keys = [live.source.vkey, ...(live.source.olderVkeys ?? [])];
    process.exitCode = await verifyAndReport(ledgerVerifySource(live.source), {
      ...settings,
      vkeys: settings.vkeys.length > 0 ? settings.vkeys : keys,
    });
  } finally {
    await live.close();
  }
}

/** `fiugw audit export`: from the live database (--config) or through the audit API (--profile). */
async function exportCommand(opts: { out: string; config?: string; profile?: string }): Promise<void> {
  if ((opts.config === undefined) === (opts.profile === undefined)) {
    throw new GatewayError(
      'ledger.bad_input',
      'give either --config FILE (database) or --profile FILE (audit API)',
    );
  }
  if (opts.profile !== undefined) {
    const partial = `${opts.out}.${process.pid}.partial`;
    const n = await exportThroughApi({ profile: opts.profile }, partial).catch(async (err: unknown) => {
      await rm(partial, { force: true });
      throw err;
    });
    await rename(partial, opts.out);
    console.error(`exported ${n} lines to ${opts.out}`);
    return;
  }
  const live = await openLiveLedger(opts.config!);
  try {
    await writeExportFile(exportLines(live.source), opts.out);
    console.error(`exported ${live.source.size} entries of ${live.source.origin} to ${opts.out}`);
    console.error(`ledger key (pin it with --vkey when verifying): ${live.source.vkey}`);
  } finally {
    await live.close();
  }
}

/** `fiugw audit key`: prints the ledger verifier key(s), for auditors and partners to pin. */
async function keyCommand(opts: { config: string }): Promise<void> {
  const live = await openLiveLedger(opts.config);
  try {
    for (const k of [live.source.vkey, ...(live.source.olderVkeys ?? [])]) console.log(k);
  } finally {
    await live.close();
  }
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Creates the `audit` command group on `program`, registers its subcommands, and returns it. */
export function registerAuditCommands(program: Command): Command {
  const audit = program
    .command('audit')
    .description('the audit ledger: Merkle proofs, export and verification');
  audit
    .command('verify-proof')
    .description('check one Merkle inclusion or consistency proof (RFC 9162) given as a JSON file, offline')
    .requiredOption('--json <file>', 'the proof, as JSON (format below)')
    .addHelpText('after', VERIFY_PROOF_HELP)
    .action(verifyProofCommand);
  audit
    .command('verify')
    .description(
      'recompute and check a whole ledger (an export offline, or the live database): every entry, the tree, every checkpoint',
    )
    .option('--export <file>', 'the export file (JSON Lines, docs/AUDIT.md)')
    .option('-c, --config <file>', "the gateway's config: verify its live database instead of an export")
    .option('--vkey <vkey>', 'a ledger key to trust, as name+keyid+base64 (repeatable)', collect, [])
    .option(
      '--allow-unsigned-tail',
      'accept entries after the last checkpoint (default: reported as inserted)',
    )
    .option('--check-entries', 'check that every entry is canonical JSON, not only where a root differs')
    .addHelpText('after', VERIFY_HELP)
    .action(verifyCommand);
  audit
    .command('export')
    .description('write the whole ledger as JSON Lines (docs/AUDIT.md), from the database or the audit API')
    .requiredOption('-o, --out <file>', 'the file to write (written whole or not at all)')
    .option('-c, --config <file>', "the gateway's config: read its database directly")
    .option('-p, --profile <file>', 'an auditor profile: export through the running gateway')
    .action(exportCommand);
  audit
    .command('key')
    .description('print the ledger verifier key(s) (C2SP vkey) of a gateway, to pin with --vkey')
    .requiredOption('-c, --config <file>', "the gateway's config")
    .action(keyCommand);
  registerAuditApiCommands(audit);
  return audit;
}
