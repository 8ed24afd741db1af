/**
 * The demo's case work: FIU-B's liaison officer takes the case and drafts a response, which leaves only
 * after two different supervisors approved it (the four-eyes rule of the agreement); FIU-A receives it,
 * linked to its request. Every step checks its outcome through the operator API.
 */
import type { OperatorConnection } from '../transport/operator-client.js';
import { SAMPLE_RESPONSE } from './demo-sample.js';

/** A check that ends the demo when `condition` is false. */
export type Check = (condition: unknown, what: string) => asserts condition;

/** What the demo gives this part: narration, checks, and operator connections by FIU and slot. */
export interface CaseWorkDemo {
  say: (text: string) => void;
  print: (line: string) => void;
  expect: Check;
  /** A connection of `slot@fiu` to its own gateway (closed by the caller of `with`). */
  with: <T>(fiu: string, slot: string, fn: (c: OperatorConnection) => Promise<T>) => Promise<T>;
  /** FIU-B's case of the request, FIU-A's case of it, and the request's message id. */
  caseId: string;
  caseAtA: string;
  requestId: string;
}

/** Plays the case work; resolves to the message id of the response. */
export async function playCaseWork(d: CaseWorkDemo): Promise<string> {
  const { say, print, caseId } = d;
  const expect: Check = d.expect;
  say('liaison@FIU-B takes the case and drafts a partial response, with caveats and consent terms.');
  const assigned = await d.with('FIU-B', 'liaison', (c) => c.assignCase(caseId));
  expect(assigned.state === 'assigned', `the case is ${assigned.state}, not assigned`);
  const draft = await d.with('FIU-B', 'liaison', (c) => c.draftResponse(caseId, SAMPLE_RESPONSE));
  expect(draft.state === 'awaiting_approval' && !draft.sent, 'the draft did not wait for approval');
  print(
    `   case ${caseId}: ${draft.state}, ${draft.approvals} of ${draft.required} approvals (the agreement's four-eyes rule); nothing has left FIU-B`,
  );

  say('liaison@FIU-B tries to approve the draft: refused, nobody approves their own draft.');
  try {
    await d.with('FIU-B', 'liaison', (c) => c.approveCase(caseId));
    expect(false, 'the drafter approved its own draft');
  } catch (err) {
    const code = (err as { code?: string }).code;
    expect(code === 'case.self_approval', `expected case.self_approval, got ${String(err)}`);
    print(`   refused: ${(err as Error).message} [${code}]`);
  }

  say(
    'supervisor@FIU-B approves (1 of 2); supervisor-2@FIU-B, a different supervisor, gives the second approval, which sends it.',
  );
  const first = await d.with('FIU-B', 'supervisor', (c) => c.approveCase(caseId, 'sources checked'));
  expect(first.approvals === 1 && !first.sent, 'the first approval sent the response');
  print(
    `   after supervisor@FIU-B: ${first.state}, ${first.approvals} of ${first.required}, nothing sent yet`,
  );
  const second = await d.with('FIU-B', 'supervisor-2', (c) => c.approveCase(caseId));
  const sent = second.sent;
  expect(
    sent?.status === 'delivered',
    `the response was not delivered: ${sent?.errorCode} ${sent?.errorDetail}`,
  );
  print(
    `   after supervisor-2@FIU-B: ${second.state}; response ${sent.messageId} delivered, FIU-A ledger entry #${sent.receipt?.ledgerIndex}`,
  );

  say('analyst@FIU-A opens its case: the response arrived, linked to the request, and the case is answered.');
  const shown = await d.with('FIU-A', 'analyst', (c) => c.showCase(d.caseAtA));
  expect(shown.case?.state === 'answered', `FIU-A's case is ${shown.case?.state}, not answered`);
  const response = shown.messages.find((m) => m.messageId === sent.messageId);
  expect(response, "the response is not in FIU-A's case");
  const message = JSON.parse(response.messageJson) as {
    header: { inReplyTo: string };
    body: { outcome: string; caveats: string[] };
  };
  expect(message.header.inReplyTo === d.requestId, 'the response refers to another message');
  print(`   case ${d.caseAtA}: ${shown.case!.state}; ${shown.messages.map((m) => m.type).join(', ')}`);
  print(`   outcome ${message.body.outcome}; caveats: ${message.body.caveats.join('; ')}`);
  return sent.messageId;
}
