/** JSON carried in a string field of an operator API request. */
import { GatewayError } from '../errors.js';

/** Parses the JSON text of request field `field`, or refuses with INVALID_ARGUMENT naming the field. */
export function parseJsonField(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError('message.invalid', `${field} is not valid JSON`, {
      publicDetail: `${field}: expected a JSON object`,
    });
  }
}
