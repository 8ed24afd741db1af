/**
 * Auditor commands over the audit API (`--profile` of an auditor): `audit checkpoint`, `audit entries`,
 * `audit proof inclusion|consistency` and `audit export`. Proofs are printed in the JSON format that
 * `fiugw audit verify-proof --json` checks, so an auditor can check what the gateway answered.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { GatewayError } from '../errors.js';
import type { AuditConnection } from '../transport/audit-client.js';
import { fields, table } from './format.js';
import { withConnection } from './profile.js';

interface ProfileOpts {
  profile?: string;
  json?: boolean;
}

function withProfile(cmd: Command): Command {
  return cmd.option(
    '-p, --profile <file>',
    'auditor profile (e.g. certs-dev/FIU-A/operators/auditor.profile.json); default $FIUGW_PROFILE',
  );
}

/** Connects to the audit API; the gRPC client is imported here, so that offline commands start fast. */
async function connect<T>(opts: ProfileOpts, fn: (c: AuditConnection) => Promise<T>): Promise<T> {
  const { AuditConnection } = await import('../transport/audit-client.js');
  return withConnection(opts, 'auditor', (p) => new AuditConnection(p), fn);
}

function count(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new GatewayError('ledger.bad_input', `${name}: expected a non-negative integer, got "${value}"`);
  }
  return n;
}

/** Writes lines to a file (or stdout for "-"), one per line, waiting for the stream to drain. */
export async function writeLines(out: string, lines: AsyncIterable<string>): Promise<number> {
  const stream = out === '-' ? process.stdout : createWriteStream(out, { mode: 0o600 });
  let n = 0;
  for await (const line of lines) {
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
    n += 1;
  }
  if (stream !== process.stdout) {
    stream.end();
    await once(stream, 'finish');
  }
  return n;
}

/** Adds the API-backed auditor commands to the `audit` command group. */
export function registerAuditApiCommands(audit: Command): void {
  withProfile(
    audit.command('checkpoint').description('show the latest signed checkpoint (role: auditor)'),
  ).action(async (opts: ProfileOpts) => {
    const cp = await connect(opts, (c) => c.checkpoint());
    console.log(
      fields([
        ['size', cp.size],
        ['root', cp.root],
      ]),
    );
    console.log(`\n${cp.note}`);
  });

  withProfile(
    audit
      .command('entries')
      .description('list ledger entries [from, to) (role: auditor)')
      .requiredOption('--from <n>', 'first index')
      .requiredOption('--to <n>', 'end index (exclusive; at most 1000 entries)')
      .option('--json', 'print JSON lines'),
  ).action(async (opts: ProfileOpts & { from: string; to: string }) => {
    const r = await connect(opts, (c) => c.entries(count(opts.from, '--from'), count(opts.to, '--to')));
    if (opts.json) {
      for (const e of r.entries)
        console.log(JSON.stringify({ index: Number(e.index), entry: JSON.parse(e.entry) }));
      return;
    }
    const rows = r.entries.map((e) => {
      const x = JSON.parse(e.entry) as {
        at: string;
        event: string;
        message?: { id?: string };
        reason?: string;
      };
      return [e.index, x.at, x.event, x.message?.id ?? '', x.reason ?? ''];
    });
    console.log(table(['INDEX', 'AT', 'EVENT', 'MESSAGE', 'REASON'], rows));
  });

  const proof = audit
    .command('proof')
    .description('inclusion and consistency proofs, in the verify-proof JSON format');
  withProfile(
    proof
      .command('inclusion')
      .description('the inclusion proof of one entry in the latest checkpoint (role: auditor)')
      .option('--index <n>', 'the entry index')
      .option('--leaf-hash <base64>', 'the entry leaf hash, SHA-256(0x00 || leaf bytes), base64'),
  ).action(async (opts: ProfileOpts & { index?: string; leafHash?: string }) => {
    if ((opts.index === undefined) === (opts.leafHash === undefined)) {
      throw new GatewayError('ledger.bad_input', 'give exactly one of --index and --leaf-hash');
    }
    const by =
      opts.index !== undefined ? { index: count(opts.index, '--index') } : { leafHash: opts.leafHash! };
    const r = await connect(opts, (c) => c.inclusion(by));
    const doc = {
      leafIdx: Number(r.index),
      treeSize: Number(r.treeSize),
      root: r.root,
      leafHash: r.leafHash,
      proof: r.proof,
      desc: `inclusion of entry ${r.index} in the checkpoint of size ${r.treeSize}`,
      wantErr: false,
    };
    console.log(JSON.stringify(doc, null, 2));
  });
  withProfile(
    proof
      .command('consistency')
      .description('the consistency proof between two tree sizes (role: auditor)')
      .requiredOption('--size1 <n>', 'the smaller size')
      .requiredOption('--size2 <n>', 'the larger size'),
  ).action(async (opts: ProfileOpts & { size1: string; size2: string }) => {
    const size1 = count(opts.size1, '--size1');
    const size2 = count(opts.size2, '--size2');
    const r = await connect(opts, (c) => c.consistency(size1, size2));
    const doc = {
      size1,
      size2,
      root1: r.root1,
      root2: r.root2,
      proof: r.proof,
      desc: 'consistency',
      wantErr: false,
    };
    console.log(JSON.stringify(doc, null, 2));
  });
}

/** `audit export --profile ... --out FILE`: the export through the audit API. */
export async function exportThroughApi(opts: ProfileOpts, out: string): Promise<number> {
  return connect(opts, (c) => writeLines(out, c.exportLines()));
}
