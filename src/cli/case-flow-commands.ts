/**
 * `fiugw case consent ask|decide`, `fiugw case feedback` and `fiugw case export`: consent, feedback and
 * onward dissemination (docs/OPERATIONS.md "Consent, feedback and onward dissemination"). Registered
 * under the `case` command of operator-commands.ts.
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { GatewayError } from '../errors.js';
import { fields } from './format.js';
import { withOperator as connect, withProfile, type ProfileOpts } from './profile.js';
import { printSubmitted } from './submit-output.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The `case` command, created by registerOperatorCommands. */
function caseCommand(program: Command): Command {
  const found = program.commands.find((c) => c.name() === 'case');
  if (!found) throw new Error('registerCaseFlowCommands: register the operator commands first');
  return found;
}

function registerConsent(kase: Command): void {
  const consent = kase
    .command('consent')
    .description('prior consent to pass received information on (DOMAIN.md rule 3)');
  withProfile(
    consent
      .command('ask')
      .description(
        'ask the partner that provided information in a case for consent to pass it to a named recipient for a purpose (roles: analyst, liaison)',
      )
      .argument('<case-id>', 'the case (from `fiugw case show`)')
      .requiredOption(
        '--message <id>',
        'the response or spontaneous disclosure received whose information is meant',
      )
      .requiredOption('--description <text>', 'what of that information is to be passed on')
      .requiredOption('--recipient <name>', 'the domestic recipient, by name')
      .requiredOption(
        '--kind <kind>',
        'the recipient kind: police, prosecutor, tax_authority, customs, supervisor, other_fiu or other',
      )
      .requiredOption('--purpose <text>', 'the purpose of the onward use, in words')
      .option('--legal-basis <text>', 'the legal basis of the onward use'),
  ).action(
    async (
      caseId: string,
      opts: ProfileOpts & {
        message: string;
        description: string;
        recipient: string;
        kind: string;
        purpose: string;
        legalBasis?: string;
      },
    ) => {
      const r = await connect(opts, (c) =>
        c.requestConsent({
          caseId,
          messageId: opts.message,
          description: opts.description,
          recipientName: opts.recipient,
          recipientKind: opts.kind,
          purpose: opts.purpose,
          legalBasis: opts.legalBasis ?? '',
        }),
      );
      printSubmitted(r, { json: opts.json, to: 'the partner', what: 'consent request' }, [
        ['consent', r.messageId],
      ]);
    },
  );

  withProfile(
    consent
      .command('decide')
      .description(
        'decide on a consent request a partner sent: granted, granted_with_conditions or refused with a ground (roles: liaison, supervisor)',
      )
      .argument('<consent-id>', 'the consent id: the id of the consent request received (`fiugw case show`)')
      .requiredOption('--decision <decision>', 'granted, granted_with_conditions or refused')
      .option('--condition <text>', 'a condition (with granted_with_conditions; repeat for more)', collect)
      .option(
        '--ground <code>',
        'with refused: outside_scope, impairs_investigation, disproportionate, contrary_to_national_law, insufficient_justification or other',
      )
      .option('--detail <text>', 'with refused: the ground in words (required with other)'),
    'liaison',
  ).action(
    async (
      consentId: string,
      opts: ProfileOpts & { decision: string; condition?: string[]; ground?: string; detail?: string },
    ) => {
      const r = await connect(opts, (c) =>
        c.decideConsent({
          consentId,
          decision: opts.decision,
          conditions: opts.condition ?? [],
          ground: opts.ground ?? '',
          groundDetail: opts.detail ?? '',
        }),
      );
      printSubmitted(r, { json: opts.json, to: 'the partner', what: 'consent decision' }, [
        ['consent', consentId],
        ['decision', opts.decision],
      ]);
    },
  );
}

function registerFeedback(kase: Command): void {
  withProfile(
    kase
      .command('feedback')
      .description(
        'tell the partner how information received in a case was used and how useful it was (roles: analyst, liaison)',
      )
      .argument('<case-id>', 'the case (from `fiugw case show`)')
      .requiredOption('--message <id>', 'the response or spontaneous disclosure received that is rated')
      .requiredOption(
        '--use <uses>',
        'comma-separated: analysis, dissemination_to_authority, investigation, prosecution, asset_freezing, other; or no_use alone',
      )
      .requiredOption('--usefulness <value>', 'very_useful, useful, somewhat_useful or not_useful')
      .option('--comments <text>', 'comments in words'),
  ).action(
    async (
      caseId: string,
      opts: ProfileOpts & { message: string; use: string; usefulness: string; comments?: string },
    ) => {
      const r = await connect(opts, (c) =>
        c.sendFeedback({
          caseId,
          messageId: opts.message,
          use: opts.use.split(',').map((u) => u.trim()),
          usefulness: opts.usefulness,
          comments: opts.comments ?? '',
        }),
      );
      printSubmitted(r, { json: opts.json, to: 'the partner', what: 'feedback' });
    },
  );
}

/** Writes the export document to a new file only the operator can read (never over an existing one). */
function writeExport(file: string, document: string): void {
  try {
    writeFileSync(file, `${JSON.stringify(JSON.parse(document), null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    const detail = (err as NodeJS.ErrnoException).code === 'EEXIST' ? 'it exists already' : String(err);
    throw cannotWrite(file, detail, err);
  }
}

function cannotWrite(file: string, detail: string, cause?: unknown): GatewayError {
  return new GatewayError('config.file_unreadable', `cannot write the export to ${file}: ${detail}`, {
    cause,
  });
}

function registerExport(kase: Command): void {
  withProfile(
    kase
      .command('export')
      .description(
        'hand the information received in a case on to a domestic recipient: allowed only when the agreement names the recipient or the partner granted a matching consent; logged either way (roles: analyst, liaison, supervisor)',
      )
      .argument('<case-id>', 'the case (from `fiugw case show`)')
      .requiredOption('--recipient <name>', 'the domestic recipient, by name (as in the consent request)')
      .requiredOption('--purpose <text>', 'the purpose of the onward use (as in the consent request)')
      .requiredOption('--out <file>', 'where to write the export (JSON; a new file, mode 0600)')
      .option('--message <id>', 'only this received message (repeat for more; default: all)', collect),
  ).action(
    async (
      caseId: string,
      opts: ProfileOpts & { recipient: string; purpose: string; out: string; message?: string[] },
    ) => {
      // Checked before asking too, so that an export is not logged as handed over when it cannot be written.
      if (existsSync(opts.out)) throw cannotWrite(opts.out, 'it exists already');
      const r = await connect(opts, (c) =>
        c.exportCase({
          caseId,
          recipient: opts.recipient,
          purpose: opts.purpose,
          messageIds: opts.message ?? [],
        }),
      );
      writeExport(opts.out, r.documentJson);
      if (opts.json) {
        const { documentJson: _d, ...rest } = r;
        console.log(JSON.stringify({ ...rest, file: opts.out }, null, 2));
        return;
      }
      const doc = JSON.parse(r.documentJson) as { information: unknown[] };
      console.log(
        fields([
          ['case', caseId],
          ['allowed by', r.basis === 'consent' ? `consent ${r.consentId}` : 'the sharing agreement'],
          ['information', `${doc.information.length} message(s), with their caveats`],
          ['written to', opts.out],
          ['digest', r.digest],
          ['own ledger index', r.ledgerIndex],
        ]),
      );
    },
  );
}

/** Registers `case consent ask|decide`, `case feedback` and `case export`. */
export function registerCaseFlowCommands(program: Command): void {
  const kase = caseCommand(program);
  registerConsent(kase);
  registerFeedback(kase);
  registerExport(kase);
}
