/**
 * Operator inputs of the case messages, read from docs/examples/*.json (so the documented examples are
 * what the tests send), with the message ids they name replaced where a test needs real ones.
 */
import { readFileSync } from 'node:fs';

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
