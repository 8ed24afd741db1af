/**
 * Case work on the command line: `fiugw inbox` (with filters and the overdue flag), `fiugw inbox
 * summary`, and `fiugw case assign|respond|approve|reject|disclose|close`. Each connects to the operator's own
 * gateway with its operator profile; the gateway checks the roles.
 */
import { Option, type Command } from 'commander';
import type { CaseSummary__Output } from '../generated/fiu/exchange/v1/CaseSummary.js';
import type { DraftOutcome__Output } from '../generated/fiu/exchange/v1/DraftOutcome.js';
import type { SubmitRequestResponse__Output } from '../generated/fiu/exchange/v1/SubmitRequestResponse.js';
import { CLOSE_REASONS } from '../policy/case-close.js';
import { fields, table } from './format.js';
import { readJsonFile } from './json-file.js';
import { receiptFields } from './submit-output.js';
import { withOperator as connect, withProfile, type ProfileOpts } from './profile.js';

/** An RFC 3339 time, shorter: `2026-12-27 23:59Z`. */
export function shortTime(t: string): string {
  return t ? `${t.slice(0, 16).replace('T', ' ')}Z` : '';
}

/** A duration in milliseconds as days and hours (`2d 4h`), minutes under an hour; `-` for none. */
export function duration(ms: number): string {
  if (ms < 0) return '';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  return hours < 24 ? `${hours}h` : `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** The inbox as a table: one line per case, overdue ones flagged. */
export function inboxTable(cases: CaseSummary__Output[]): string {
  return table(
    ['CASE', 'DIR', 'PARTNER', 'TYPE', 'STATE', 'ASSIGNEE', 'URGENCY', 'DEADLINE', 'FLAG'],
    cases.map((c) => [
      c.caseId,
      c.direction,
      c.partner,
      c.messageType,
      c.state,
      c.assignee,
      c.urgency,
      shortTime(c.deadline),
      c.overdue ? 'OVERDUE' : '',
    ]),
  );
}

/** The lines that describe the send of a draft's last approval. */
function sendFields(r: SubmitRequestResponse__Output): Array<[string, string]> {
  return [
    ['message', r.messageId],
    ['delivery', r.status],
    ['own ledger index', r.ledgerIndex],
    ...receiptFields(r),
  ];
}

/** Prints what a draft action did; a send that failed sets exit code 1. */
function printOutcome(r: DraftOutcome__Output, json: boolean | undefined): void {
  if (json) {
    console.log(JSON.stringify(r, null, 2));
  } else {
    console.log(
      fields([
        ['case', r.caseId],
        ['draft', r.draftId],
        ['state', r.state],
        ['approvals', `${r.approvals} of ${r.required}`],
        ...(r.sent ? sendFields(r.sent) : []),
      ]),
    );
    if (!r.sent && r.state === 'awaiting_approval') {
      console.error(
        `\nWaiting for ${r.required - r.approvals} more approval(s): \`fiugw case approve ${r.caseId}\`.`,
      );
    }
  }
  if (r.sent && (r.sent.status === 'failed' || r.sent.alarm)) process.exitCode = 1;
}

/** Registers `inbox` (with `inbox summary`). */
export function registerInboxCommand(program: Command): void {
  const inbox = withProfile(
    program
      .command('inbox')
      .description(
        'list received cases and outgoing drafts waiting for approval, overdue requests flagged (roles: analyst, liaison, supervisor)',
      )
      .option(
        '--state <state>',
        'only cases in this state (open, assigned, awaiting_approval, responded, awaiting_response, answered, disclosed, closed)',
      )
      .option('--partner <fiu>', 'only cases with this partner')
      .option('--overdue', 'only received requests past their deadline and not yet responded to'),
    'liaison',
  ).action(async (opts: ProfileOpts & { state?: string; partner?: string; overdue?: boolean }) => {
    const filter = { state: opts.state, partner: opts.partner, overdue: opts.overdue ?? false };
    const r = await connect(opts, (c) => c.listInbox(filter));
    if (opts.json) {
      console.log(JSON.stringify(r.cases, null, 2));
      return;
    }
    console.log(r.cases.length === 0 ? 'inbox is empty' : inboxTable(r.cases));
  });

  withProfile(
    inbox
      .command('summary')
      .description(
        'per partner: requests in and out, median response times, overdue requests (roles: analyst, liaison, supervisor, auditor)',
      ),
    'liaison',
  ).action(async (_opts: ProfileOpts, cmd: Command) => {
    // `inbox` has the same options: given after `summary`, commander hands them to `inbox`.
    const opts = cmd.optsWithGlobals<ProfileOpts>();
    const r = await connect(opts, (c) => c.summariseCases());
    if (opts.json) {
      const partners = r.partners.map((p) => ({
        ...p,
        medianResponseMs: Number(p.medianResponseMs) < 0 ? null : Number(p.medianResponseMs),
        partnerMedianResponseMs:
          Number(p.partnerMedianResponseMs) < 0 ? null : Number(p.partnerMedianResponseMs),
      }));
      console.log(JSON.stringify(partners, null, 2));
      return;
    }
    if (r.partners.length === 0) {
      console.log('no requests exchanged yet');
      return;
    }
    console.log(
      table(
        ['PARTNER', 'REQUESTS IN', 'REQUESTS OUT', 'OUR MEDIAN', 'THEIR MEDIAN', 'OVERDUE'],
        r.partners.map((p) => [
          p.partner,
          String(p.requestsIn),
          String(p.requestsOut),
          duration(Number(p.medianResponseMs)),
          duration(Number(p.partnerMedianResponseMs)),
          String(p.overdue),
        ]),
      ),
    );
  });
}

/** Registers `case assign|respond|approve|reject|disclose|close` under `kase`. */
export function registerCaseWorkCommands(kase: Command): void {
  withProfile(
    kase
      .command('assign')
      .description('assign a case to a liaison officer, or take it yourself (roles: liaison, supervisor)')
      .argument('<case-id>', 'the case id (from `fiugw inbox`)')
      .option('--to <operator>', 'the liaison officer, e.g. liaison@FIU-B (default: yourself)'),
    'liaison',
  ).action(async (caseId: string, opts: ProfileOpts & { to?: string }) => {
    const r = await connect(opts, (c) => c.assignCase(caseId, opts.to));
    if (opts.json) console.log(JSON.stringify(r, null, 2));
    else
      console.log(
        fields([
          ['case', r.caseId],
          ['assignee', r.assignee],
          ['state', r.state],
        ]),
      );
  });

  withProfile(
    kase
      .command('respond')
      .description(
        'draft the response to a received request assigned to you: full, partial or refused (role: liaison); it waits for the approvals the agreement requires',
      )
      .argument('<case-id>', 'the case id')
      .requiredOption(
        '-f, --file <file>',
        'the response as JSON: { purpose, dataCategories, classification, urgency, body: { outcome, ... } } (docs/examples/response.json)',
      ),
    'liaison',
  ).action(async (caseId: string, opts: ProfileOpts & { file: string }) => {
    const input = readJsonFile(opts.file);
    printOutcome(await connect(opts, (c) => c.draftResponse(caseId, input)), opts.json);
  });

  withProfile(
    kase
      .command('disclose')
      .description(
        'draft a spontaneous disclosure to a partner, in a new case (role: liaison); it waits for the approvals the agreement requires',
      )
      .requiredOption('--to <fiu>', 'the partner FIU, e.g. FIU-A')
      .requiredOption(
        '-f, --file <file>',
        'the disclosure as JSON (docs/examples/spontaneous-disclosure.json)',
      ),
    'liaison',
  ).action(async (opts: ProfileOpts & { to: string; file: string }) => {
    const input = readJsonFile(opts.file);
    printOutcome(await connect(opts, (c) => c.discloseSpontaneous(opts.to, input)), opts.json);
  });

  for (const [name, what] of [
    [
      'approve',
      'approve the pending draft of a case; the last approval required sends it (roles: liaison, supervisor)',
    ],
    [
      'reject',
      'reject the pending draft of a case; nothing is sent (roles: liaison, supervisor; the drafter may withdraw it)',
    ],
  ] as const) {
    withProfile(
      kase
        .command(name)
        .description(what)
        .argument('<case-id>', 'the case id')
        .option('-m, --comment <text>', 'why (kept sealed at the gateway, never in the ledger)'),
      'supervisor',
    ).action(async (caseId: string, opts: ProfileOpts & { comment?: string }) => {
      const r = await connect(opts, (c) =>
        name === 'approve' ? c.approveCase(caseId, opts.comment) : c.rejectCase(caseId, opts.comment),
      );
      printOutcome(r, opts.json);
    });
  }

  withProfile(
    kase
      .command('close')
      .description(
        'close a case whose work is done: a received request responded to, a received disclosure assigned, a request we sent answered (or no longer awaited), a disclosure we sent (roles: a received case its assignee or a supervisor; a sent disclosure liaison, supervisor; a sent request analyst, liaison, supervisor)',
      )
      .argument('<case-id>', 'the case id')
      .addOption(
        new Option(
          '--reason <code>',
          'why, as a code (recorded in the ledger, so never a free text)',
        ).choices(CLOSE_REASONS),
      ),
    'liaison',
  ).action(async (caseId: string, opts: ProfileOpts & { reason?: string }) => {
    const r = await connect(opts, (c) => c.closeCase(caseId, opts.reason));
    if (opts.json) console.log(JSON.stringify(r, null, 2));
    else
      console.log(
        fields([
          ['case', r.caseId],
          ['state', r.state],
          ['reason', r.reason || '-'],
        ]),
      );
  });
}
