/**
 * `fiugw outbox list|retry|cancel`: the delivery queue of one's own gateway (docs/OPERATIONS.md,
 * "Delivery, retries and the outbox"). List: analyst, admin, supervisor, auditor. Retry and cancel:
 * admin, or the analyst who submitted the message; each is a ledger entry naming the operator.
 */
import type { Command } from 'commander';
import type { OutboxActionResponse__Output } from '../generated/fiu/exchange/v1/OutboxActionResponse.js';
import type { OutboxItemInfo__Output } from '../generated/fiu/exchange/v1/OutboxItemInfo.js';
import { fields, table } from './format.js';
import { withOperator as connect, withProfile, type ProfileOpts } from './profile.js';

function itemFields(i: OutboxItemInfo__Output): Array<[string, string]> {
  return [
    ['message', i.messageId],
    ['partner', i.partner],
    ['state', i.state],
    ['attempts', String(i.attempts)],
    ['next attempt', i.nextAttemptAt],
    ['gives up at', i.giveUpAt],
    ['last error', i.lastError],
    ['submitted by', i.submittedBy],
  ];
}

function printAction(r: OutboxActionResponse__Output, json: boolean | undefined): void {
  if (json) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  const outcome: Array<[string, string]> = r.outcome
    ? [['attempt', r.errorCode ? `${r.outcome}: ${r.errorCode}: ${r.errorDetail}` : r.outcome]]
    : [];
  console.log(fields([...itemFields(r.item!), ...outcome]));
}

/** Registers `outbox list`, `outbox retry` and `outbox cancel`. */
export function registerOutboxCommands(program: Command): void {
  const outbox = program
    .command('outbox')
    .description('the delivery queue: outbound messages, their attempts and state');

  withProfile(
    outbox
      .command('list')
      .description('list the outbox, oldest first (roles: analyst, admin, supervisor, auditor)')
      .option(
        '--state <state>',
        'only items in this state (queued, delivering, delivered, failed, cancelled)',
      )
      .option('--partner <fiu>', 'only items for this partner'),
  ).action(async (opts: ProfileOpts & { state?: string; partner?: string }) => {
    const r = await connect(opts, (c) => c.listOutbox({ state: opts.state, partner: opts.partner }));
    if (opts.json) {
      console.log(JSON.stringify(r.items, null, 2));
      return;
    }
    if (r.items.length === 0) {
      console.log('outbox is empty');
      return;
    }
    console.log(
      table(
        ['MESSAGE', 'PARTNER', 'STATE', 'ATTEMPTS', 'NEXT ATTEMPT', 'LAST ERROR', 'SUBMITTED BY', 'CREATED'],
        r.items.map((i) => [
          i.messageId,
          i.partner,
          i.state,
          String(i.attempts),
          i.nextAttemptAt,
          i.lastError,
          i.submittedBy,
          i.createdAt,
        ]),
      ),
    );
  });

  withProfile(
    outbox
      .command('retry')
      .description(
        'deliver an item now (queued, failed or cancelled), with a new give-up time, and show the attempt (roles: admin; analyst for its own)',
      )
      .argument('<message-id>', 'the message id (from `fiugw outbox list` or `fiugw request submit`)'),
  ).action(async (messageId: string, opts: ProfileOpts) => {
    const r = await connect(opts, (c) => c.retryDelivery(messageId));
    printAction(r, opts.json);
    if (r.outcome === 'failed') process.exitCode = 1;
  });

  withProfile(
    outbox
      .command('cancel')
      .description(
        'cancel a queued item: it is not delivered unless retried (roles: admin; analyst for its own)',
      )
      .argument('<message-id>', 'the message id (from `fiugw outbox list`)'),
  ).action(async (messageId: string, opts: ProfileOpts) => {
    printAction(await connect(opts, (c) => c.cancelDelivery(messageId)), opts.json);
  });
}
