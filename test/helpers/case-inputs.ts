/**
 * Operator inputs of the case messages, read from docs/examples/*.json (so the documented examples are
 * what the tests send), with the message ids they name replaced where a test needs real ones; and a
 * request answered between live gateways, the start of most case tests.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Network } from './gateways.js';
import { sampleInput } from './live-data.js';

type Input = Record<string, unknown> & { body: Record<string, unknown> };

/** docs/examples/`name`.json, parsed (a fresh copy on every call). */
export function exampleInput(
  name: 'response' | 'spontaneous-disclosure' | 'consent-request' | 'consent-decision' | 'feedback',
): Input {
  const url = new URL(`../../docs/examples/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Input;
}

/** The consent request example about the information of message `messageId`. */
export function consentRequestInput(messageId: string): Input {
  const input = exampleInput('consent-request');
  const information = input.body.information as Record<string, unknown>;
  return { ...input, body: { ...input.body, information: { ...information, messageIds: [messageId] } } };
}

/** A request from `from` to `to` and its response (example), both delivered through live gateways. */
export interface AnsweredRequest {
  requestId: string;
  responseId: string;
  /** The requester's case and the responder's. */
  caseAtRequester: string;
  caseAtResponder: string;
}

/**
 * `from`'s analyst submits a request to `to` through the operator API; `to`'s liaison officer answers
 * it with docs/examples/response.json through the case-message service (drafting and approving the
 * response is the case workflow's, not under test here).
 */
export async function answeredRequest(net: Network, from: string, to: string): Promise<AnsweredRequest> {
  const sent = await net.operator(from, 'analyst').submitRequest(to, sampleInput());
  expect(sent.status, sent.errorDetail).to.equal('delivered');
  const opened = (await net.gw[to]!.store.listCases({ direction: 'in' })).find(
    (c) => c.messageId === sent.messageId,
  )!;
  const r = await net.gw[to]!.caseMessages.submitCaseMessage(
    { id: `liaison@${to}`, roles: ['liaison'] },
    {
      type: 'response',
      to: from,
      caseId: opened.caseId,
      inReplyTo: sent.messageId,
      input: exampleInput('response'),
    },
  );
  expect(r.status, r.error?.detail).to.equal('delivered');
  return {
    requestId: sent.messageId,
    responseId: r.messageId,
    caseAtRequester: sent.caseId,
    caseAtResponder: opened.caseId,
  };
}
