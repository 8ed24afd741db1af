/** Reading an operator's JSON input file for the operator commands. */
import { readFileSync } from 'node:fs';
import { GatewayError } from '../errors.js';

/** Reads and parses a JSON file; an unreadable file is `config.file_unreadable`, bad JSON `message.invalid`. */
export function readJsonFile(file: string): unknown {
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
