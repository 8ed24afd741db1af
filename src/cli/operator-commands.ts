/**
 * Operator commands: `fiugw request submit`, `fiugw inbox`, `fiugw case show`. Each connects to the
 * operator's own gateway with the operator profile written by `fiugw pki init`.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { GatewayError } from '../errors.js';
import { fields, table } from './format.js';
import { printSubmitted } from './submit-output.js';
import { withOperator as connect, withProfile, type ProfileOpts } from './profile.js';

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GatewayError('config.file_unreadable', `cannot read ${file}`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GatewayError('message.invalid', `${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Registers `request submit`, `inbox` and `case show`. */
export function registerOperatorCommands(program: Command): void {
  const request = program.command('request').description('requests for information to partner FIUs');
  withProfile(
    request
      .command('submit')
      .description(
        'seal, log and queue a request for information from a JSON file, and show the first delivery attempt (role: analyst)',
      )
      .requiredOption('--to <fiu>', 'the partner FIU to ask, e.g. FIU-B')
      .requiredOption(
        '-f, --file <file>',
        'the request as JSON: { purpose, urgency, deadline?, body } (docs/examples/rfi.json)',
      ),
  ).action(async (opts: ProfileOpts & { to: string; file: string }) => {
    const input = readJsonFile(opts.file);
    const r = await connect(opts, (c) => c.submitRequest(opts.to, input));
    printSubmitted(r, { json: opts.json, to: opts.to, what: 'request' });
  });

  withProfile(
    program
      .command('inbox')
      .description('list the cases opened by messages from partners (roles: analyst, liaison, supervisor)')
      .option('--state <state>', 'only cases in this state (open, awaiting_response, answered, closed)')
      .option('--partner <fiu>', 'only cases with this partner'),
  ).action(async (opts: ProfileOpts & { state?: string; partner?: string }) => {
    const r = await connect(opts, (c) => c.listInbox({ state: opts.state, partner: opts.partner }));
    if (opts.json) {
      console.log(JSON.stringify(r.cases, null, 2));
      return;
    }
    if (r.cases.length === 0) {
      console.log('inbox is empty');
      return;
    }
    console.log(
      table(
        ['CASE', 'FROM', 'TYPE', 'STATE', 'PURPOSE', 'URGENCY', 'DEADLINE', 'OPENED'],
        r.cases.map((c) => [
          c.caseId,
          c.partner,
          c.messageType,
          c.state,
          c.purpose,
          c.urgency,
          c.deadline,
          c.openedAt,
        ]),
      ),
    );
  });

  const kase = program.command('case').description('work on one case');
  withProfile(
    kase
      .command('show')
      .description('show a case with its messages, opened and verified (roles: analyst, liaison, supervisor)')
      .argument('<case-id>', 'the case id (from `fiugw inbox`)'),
  ).action(async (caseId: string, opts: ProfileOpts) => {
    const r = await connect(opts, (c) => c.showCase(caseId));
    if (opts.json) {
      console.log(
        JSON.stringify(
          {
            ...r,
            messages: r.messages.map((m) => ({
              ...m,
              message: m.messageJson ? JSON.parse(m.messageJson) : null,
            })),
          },
          null,
          2,
        ),
      );
      return;
    }
    const c = r.case!;
    console.log(
      fields([
        ['case', c.caseId],
        ['direction', c.direction === 'in' ? `incoming from ${c.partner}` : `outgoing to ${c.partner}`],
        ['type', c.messageType],
        ['state', c.state],
        ['purpose', c.purpose],
        ['urgency', c.urgency],
        ['deadline', c.deadline],
        ['opened', c.openedAt],
      ]),
    );
    for (const m of r.messages) {
      console.log(
        `\n${m.direction === 'in' ? 'received' : 'sent'} ${m.type} ${m.messageId} (${m.from} -> ${m.to})`,
      );
      console.log(
        fields([
          ['created', m.createdAt],
          ['digest', m.digest],
          ['ledger index', m.ledgerIndex],
        ]),
      );
      if (m.messageJson) console.log(JSON.stringify(JSON.parse(m.messageJson), null, 2));
    }
  });
}
