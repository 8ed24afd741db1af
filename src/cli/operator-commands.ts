/**
 * Operator commands: `fiugw request submit`, `fiugw inbox`, `fiugw case show`. Each connects to the
 * operator's own gateway with the operator profile written by `fiugw pki init`.
 */
import type { Command } from 'commander';
import { registerCaseWorkCommands, registerInboxCommand } from './case-commands.js';
import { fields } from './format.js';
import { readJsonFile } from './json-file.js';
import { printSubmitted } from './submit-output.js';
import { withOperator as connect, withProfile, type ProfileOpts } from './profile.js';

/** Registers `request submit`, `inbox` (case-commands.ts), `case show` and the case work commands. */
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
    if (!opts.json && r.status === 'awaiting_approval') {
      console.log(
        fields([
          ['case', r.caseId],
          ['draft', r.draftId],
          ['status', r.status],
        ]),
      );
      console.error(
        `\nNothing was sent: the agreement asks for a supervisor's approval (\`fiugw case approve ${r.caseId}\`).`,
      );
      return;
    }
    printSubmitted(r, { json: opts.json, to: opts.to, what: 'request' });
  });

  registerInboxCommand(program);

  const kase = program.command('case').description('work on one case');
  registerCaseWorkCommands(kase);
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
            drafts: r.drafts.map(({ draftJson, ...d }) => ({ ...d, draft: JSON.parse(draftJson) })),
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
        ['deadline', c.overdue ? `${c.deadline} (OVERDUE)` : c.deadline],
        ['assignee', c.assignee],
        ['opened', c.openedAt],
      ]),
    );
    for (const d of r.drafts) {
      console.log(`\ndraft ${d.type} ${d.draftId}: ${d.state}, by ${d.draftedBy} at ${d.draftedAt}`);
      const rule = `${d.approvalsRequired}${d.supervisorRequired ? ', the last by a supervisor' : ''}`;
      console.log(
        fields([
          ['approvals required', rule],
          ['sent as', d.messageId],
        ]),
      );
      for (const a of d.decisions) {
        console.log(`  ${a.decision} by ${a.approver} at ${a.decidedAt}${a.comment ? `: ${a.comment}` : ''}`);
      }
      if (d.state === 'pending') console.log(JSON.stringify(JSON.parse(d.draftJson), null, 2));
    }
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
