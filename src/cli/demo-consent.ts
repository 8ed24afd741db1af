/**
 * The demo's onward dissemination and feedback: FIU-A's analyst asks FIU-B for consent to pass the
 * response on to the national police; FIU-B's supervisor grants it with a condition; FIU-A exports the
 * case to the police (allowed by the consent) and not to the tax authority (no consent); FIU-A's analyst
 * sends feedback, which FIU-B finds in its case. Every step checks its outcome through the operator API.
 */
import type { CaseWorkDemo, Check } from './demo-case.js';

/** The recipient and purpose of the consent, given in the same words to the export. */
export const DEMO_RECIPIENT = 'National Police, financial crime unit (fictional)';
export const DEMO_PURPOSE = 'criminal investigation into money laundering by the subject';
const DEMO_CONDITION = 'Intelligence only: not to be used as evidence.';

/** What this part needs besides the case work's: the response FIU-A received. */
export interface ConsentDemo extends CaseWorkDemo {
  responseId: string;
}

function codeOf(err: unknown): string | undefined {
  return (err as { code?: string }).code;
}

/** Plays consent, export and feedback. */
export async function playConsentAndFeedback(d: ConsentDemo): Promise<void> {
  const { say, print, caseAtA, responseId } = d;
  const expect: Check = d.expect;

  say(
    'analyst@FIU-A asks FIU-B for consent to pass the response on to the national police, for a named purpose.',
  );
  const asked = await d.with('FIU-A', 'analyst', (c) =>
    c.requestConsent({
      caseId: caseAtA,
      messageId: responseId,
      description: 'the account details and the reports named in the response',
      recipientName: DEMO_RECIPIENT,
      recipientKind: 'police',
      purpose: DEMO_PURPOSE,
      legalBasis: '',
    }),
  );
  expect(
    asked.status === 'delivered',
    `the consent request was not delivered: ${asked.errorCode} ${asked.errorDetail}`,
  );
  const consentId = asked.messageId;
  print(`   recipient: ${DEMO_RECIPIENT}; purpose: ${DEMO_PURPOSE}`);
  print(`   consent ${consentId} asked; delivered, FIU-B ledger entry #${asked.receipt?.ledgerIndex}`);

  say('supervisor@FIU-B finds the consent request in its case and grants it, with a condition.');
  const atB = await d.with('FIU-B', 'supervisor', (c) => c.showCase(d.caseId));
  expect(
    atB.messages.some((m) => m.messageId === consentId && m.type === 'consent_request'),
    "the consent request is not in FIU-B's case",
  );
  const granted = await d.with('FIU-B', 'supervisor', (c) =>
    c.decideConsent({
      consentId,
      decision: 'granted_with_conditions',
      conditions: [DEMO_CONDITION],
      ground: '',
      groundDetail: '',
    }),
  );
  expect(
    granted.status === 'delivered',
    `the consent decision was not delivered: ${granted.errorCode} ${granted.errorDetail}`,
  );
  print(`   granted with conditions ("${DEMO_CONDITION}"); decision ${granted.messageId} delivered`);

  say(
    'analyst@FIU-A exports the case to the police (the consent allows it), then tries the tax authority: refused, no consent.',
  );
  const exported = await d.with('FIU-A', 'analyst', (c) =>
    c.exportCase({ caseId: caseAtA, recipient: DEMO_RECIPIENT, purpose: DEMO_PURPOSE, messageIds: [] }),
  );
  expect(
    exported.basis === 'consent' && exported.consentId === consentId,
    `the export was allowed by ${exported.basis} ${exported.consentId}, not by consent ${consentId}`,
  );
  const doc = JSON.parse(exported.documentJson) as {
    basis: { conditions?: string[] };
    information: { messageId: string; caveats?: string[] }[];
  };
  expect(
    doc.information.length === 1 && doc.information[0]!.messageId === responseId,
    'the export does not hold the response',
  );
  expect(doc.basis.conditions?.includes(DEMO_CONDITION), "the export lacks the consent's condition");
  print(
    `   exported to the police under consent ${consentId}: 1 message, its ${doc.information[0]!.caveats?.length ?? 0} caveats and the condition; FIU-A ledger entry #${exported.ledgerIndex}`,
  );
  try {
    await d.with('FIU-A', 'analyst', (c) =>
      c.exportCase({
        caseId: caseAtA,
        recipient: 'Tax Authority (fictional)',
        purpose: DEMO_PURPOSE,
        messageIds: [],
      }),
    );
    expect(false, 'an export without consent was allowed');
  } catch (err) {
    const code = codeOf(err);
    expect(code === 'onward.consent_required', `expected onward.consent_required, got ${String(err)}`);
    print(`   refused: ${(err as Error).message} [${code}]`);
  }

  say(
    'analyst@FIU-A tells FIU-B how the response was used and how useful it was; FIU-B sees it in its case.',
  );
  const fed = await d.with('FIU-A', 'analyst', (c) =>
    c.sendFeedback({
      caseId: caseAtA,
      messageId: responseId,
      use: ['analysis', 'dissemination_to_authority'],
      usefulness: 'very_useful',
      comments: 'Confirmed our analysis; passed to the police with your consent.',
    }),
  );
  expect(fed.status === 'delivered', `the feedback was not delivered: ${fed.errorCode} ${fed.errorDetail}`);
  const shown = await d.with('FIU-B', 'liaison', (c) => c.showCase(d.caseId));
  const feedback = shown.messages.find((m) => m.messageId === fed.messageId);
  expect(feedback?.type === 'feedback', "the feedback is not in FIU-B's case");
  const body = (JSON.parse(feedback.messageJson) as { body: { use: string[]; usefulness: string } }).body;
  print(`   case ${d.caseId} at FIU-B: ${shown.messages.map((m) => m.type).join(', ')}`);
  print(`   feedback: used for ${body.use.join(', ')}; ${body.usefulness}`);
}
