/**
 * `fiugw agreements apply FILE | list | show ID | suspend ID --reason TEXT`: managing the sharing
 * agreements of one's own gateway through the agreements API (docs/AGREEMENTS.md), with an operator
 * profile written by `fiugw pki init` (the admin profile for changes).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { parseDocument } from '../config.js';
import { GatewayError } from '../errors.js';
import type { AgreementRevision__Output } from '../generated/fiu/exchange/v1/AgreementRevision.js';
import type { AgreementChange__Output } from '../generated/fiu/exchange/v1/AgreementChange.js';
import { AgreementsConnection } from '../transport/agreements-client.js';
import { fields, table } from './format.js';
import { withConnection, withProfile, type ProfileOpts as Opts } from './profile.js';

/** The example profile in the help text is the admin's: changes need that role. */
const asAdmin = (cmd: Command) => withProfile(cmd, 'admin');

function connect<T>(opts: Opts, fn: (c: AgreementsConnection) => Promise<T>): Promise<T> {
  return withConnection(opts, 'operator', (p) => new AgreementsConnection(p), fn);
}

/** Reads an agreement document (YAML or JSON). */
function readDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GatewayError('config.file_unreadable', `cannot read ${file}`, { cause: err });
  }
  return parseDocument(text, file);
}

/** A revision for `--json`: its document parsed. */
function asJson(r: AgreementRevision__Output) {
  return { ...r, document: JSON.parse(r.documentJson) as unknown, documentJson: undefined };
}

function validUntil(r: AgreementRevision__Output): string {
  const doc = JSON.parse(r.documentJson) as { validUntil?: string };
  return doc.validUntil ?? '';
}

function printChange(c: AgreementChange__Output, opts: Opts, verb: string): void {
  const r = c.revision!;
  if (opts.json) {
    console.log(JSON.stringify({ changed: c.changed, revision: asJson(r) }, null, 2));
    return;
  }
  console.log(
    c.changed
      ? `${verb} agreement ${r.agreementId} version ${r.version} with ${r.partner}: now ${r.status}`
      : `unchanged: agreement ${r.agreementId} version ${r.version} with ${r.partner} is already ${r.status}`,
  );
  console.log(
    fields([
      ['ledger index', r.ledgerIndex],
      ['applied at', r.appliedAt],
      ['applied by', r.appliedBy],
      ['digest', r.digest],
      ...(r.reason ? ([['reason', r.reason]] as Array<[string, string]>) : []),
    ]),
  );
}

/** Registers `agreements apply|list|show|suspend`. */
export function registerAgreementCommands(program: Command): void {
  const agreements = program
    .command('agreements')
    .description('sharing agreements with partner FIUs (docs/AGREEMENTS.md)');

  asAdmin(
    agreements
      .command('apply')
      .description(
        'validate an agreement (YAML or JSON) and store it as a new version or status (role: admin)',
      )
      .argument('<file>', 'the agreement document, e.g. docs/examples/agreements/FIU-A-with-FIU-B.yaml'),
  ).action(async (file: string, opts: Opts) => {
    const document = readDocument(file);
    printChange(await connect(opts, (c) => c.apply(document)), opts, 'applied');
  });

  asAdmin(
    agreements.command('list').description('list every agreement at its latest revision (any role)'),
  ).action(async (opts: Opts) => {
    const r = await connect(opts, (c) => c.list());
    if (opts.json) {
      console.log(JSON.stringify(r.agreements.map(asJson), null, 2));
      return;
    }
    if (r.agreements.length === 0) {
      console.log('no agreements: apply one with `fiugw agreements apply FILE`');
      return;
    }
    console.log(
      table(
        ['AGREEMENT', 'VERSION', 'PARTNER', 'STATUS', 'VALID UNTIL', 'CHANGED AT', 'BY'],
        r.agreements.map((a) => [
          a.agreementId,
          a.version,
          a.partner,
          a.status,
          validUntil(a),
          a.appliedAt,
          a.appliedBy,
        ]),
      ),
    );
  });

  asAdmin(
    agreements
      .command('show')
      .description('show an agreement: its history of revisions and its latest document (any role)')
      .argument('<id>', 'the agreement id'),
  ).action(async (id: string, opts: Opts) => {
    const r = await connect(opts, (c) => c.show(id));
    if (opts.json) {
      console.log(JSON.stringify(r.revisions.map(asJson), null, 2));
      return;
    }
    console.log(
      table(
        ['VERSION', 'STATUS', 'CHANGED AT', 'BY', 'LEDGER', 'REASON'],
        r.revisions.map((v) => [v.version, v.status, v.appliedAt, v.appliedBy, v.ledgerIndex, v.reason]),
      ),
    );
    const latest = r.revisions.at(-1);
    if (latest) console.log(`\n${stringify(JSON.parse(latest.documentJson))}`);
  });

  asAdmin(
    agreements
      .command('suspend')
      .description(
        'suspend an agreement: nothing is exchanged under it until it is applied again (role: admin)',
      )
      .argument('<id>', 'the agreement id')
      .requiredOption('--reason <text>', 'why (recorded with the revision)'),
  ).action(async (id: string, opts: Opts & { reason: string }) => {
    printChange(await connect(opts, (c) => c.suspend(id, opts.reason)), opts, 'suspended');
  });
}
