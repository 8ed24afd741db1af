/** How the commands that send a message show the outcome: the message, its case and the first delivery attempt. */
import type { SubmitRequestResponse__Output } from '../generated/fiu/exchange/v1/SubmitRequestResponse.js';
import { fields } from './format.js';

/** The lines that say how a delivery ended: the partner's receipt, or the error. */
export function receiptFields(r: SubmitRequestResponse__Output): Array<[string, string]> {
  if (r.receipt) {
    return [
      ['partner ledger index', r.receipt.ledgerIndex],
      ['digest', r.receipt.digest],
    ];
  }
  return r.errorCode ? [['error', `${r.errorCode}: ${r.errorDetail}`]] : [];
}

/**
 * Prints `r` (as JSON with `json`, else as fields headed by `extra`), the alarm and the queued notice
 * to stderr, and sets the exit code 1 when delivery failed or the partner's ledger raised an alarm.
 */
export function printSubmitted(
  r: SubmitRequestResponse__Output,
  opts: { json?: boolean; to: string; what: string },
  extra: Array<[string, string]> = [],
): void {
  if (opts.json) {
    console.log(JSON.stringify(r, null, 2));
  } else {
    console.log(
      fields([
        ...extra,
        ['message', r.messageId],
        ['case', r.caseId],
        ['status', r.status],
        ['own ledger index', r.ledgerIndex],
        ['attempts', String(r.attempts)],
        ...(r.receipt ? ([['received at', r.receipt.receivedAt]] as Array<[string, string]>) : []),
        ...receiptFields(r),
        ...(r.status === 'queued'
          ? ([['next attempt', r.nextAttemptAt || 'soon (see `fiugw outbox list`)']] as Array<
              [string, string]
            >)
          : []),
      ]),
    );
  }
  if (r.alarm) {
    console.error(`\nALARM: the ledger of ${opts.to} is inconsistent with what it showed before: ${r.alarm}`);
    console.error('The delivery happened, but report this to your security officer (see docs/AUDIT.md 6.2).');
  }
  if (r.status === 'queued') {
    console.error(
      `\nThe ${opts.what} is committed and queued; the gateway keeps trying to deliver it (\`fiugw outbox list\`).`,
    );
  }
  // Queued is not a failure: the message is committed and the outbox delivers it.
  if (r.status === 'failed' || r.alarm) process.exitCode = 1;
}
