/**
 * The form every leaf of this ledger has: the UTF-8 bytes of the canonical JSON (RFC 8785) of an
 * object with at least `v` (a positive integer version), `at` (a time) and `event` (its kind), as
 * entry.ts makes them. A leaf that is not in this form was not written by a gateway (or not by a
 * correct one), which lets a verifier point at a changed entry directly.
 */
import { canonicalJson } from '../crypto/canonical.js';

/** The outcome of {@link checkLeaf}. */
export type LeafCheck = { ok: true } | { ok: false; kind: 'bad_json' | 'non_canonical'; detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Why `value` is not a ledger entry object, or undefined when it is one. */
function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a JSON object';
  const entry = value as Record<string, unknown>;
  if (typeof entry.v !== 'number' || !Number.isSafeInteger(entry.v) || entry.v < 1) {
    return '"v" is not a positive integer version';
  }
  if (typeof entry.at !== 'string') return '"at" is not a string';
  if (typeof entry.event !== 'string' || entry.event === '') return '"event" is not a non-empty string';
  return undefined;
}

/**
 * Checks that `leaf` is the canonical JSON of a ledger entry. `bad_json`: not UTF-8, not JSON, or not
 * an entry object; `non_canonical`: an entry, but not in its RFC 8785 form (so not as a gateway wrote it).
 */
export function checkLeaf(leaf: Uint8Array): LeafCheck {
  let text: string;
  let value: unknown;
  try {
    text = utf8.decode(leaf);
  } catch {
    return { ok: false, kind: 'bad_json', detail: 'the leaf is not UTF-8' };
  }
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, kind: 'bad_json', detail: `the leaf is not JSON (${(err as Error).message})` };
  }
  const shape = shapeProblem(value);
  if (shape) return { ok: false, kind: 'bad_json', detail: `the leaf is not a ledger entry: ${shape}` };
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch {
    return { ok: false, kind: 'non_canonical', detail: 'the leaf has no canonical JSON form' };
  }
  if (canonical === text) return { ok: true };
  let at = 0;
  while (at < text.length && text[at] === canonical[at]) at += 1;
  return {
    ok: false,
    kind: 'non_canonical',
    detail: `the leaf is JSON but not canonical (RFC 8785): it differs from its canonical form at character ${at}`,
  };
}
