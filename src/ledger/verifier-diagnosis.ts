/**
 * Naming what is wrong once the verifier has seen that something is (verifier.ts): which kind of
 * index gap it met, and which entry changed when a checkpoint's root differs. Both re-read part of the
 * source, which only happens on failure.
 */
import { checkLeaf } from './entry-check.js';
import type { VerifySource } from './verify-source.js';

/**
 * The kinds of problem found in the entries (docs/AUDIT.md gives the exact rules):
 * `missing` an index is skipped, or the entries end early; `reordered` an entry is stored elsewhere
 * than its index; `inserted` an extra entry, or entries no checkpoint covers; `modified` an entry
 * differs from what a checkpoint signed; `bad_json` / `non_canonical` an entry that is not the
 * canonical JSON of a ledger entry, though no checkpoint shows it changed.
 */
export type EntryProblemKind =
  'missing' | 'reordered' | 'inserted' | 'modified' | 'bad_json' | 'non_canonical';

/** A problem with the entries; `index` is the first bad entry's index. */
export interface EntryProblem {
  kind: EntryProblemKind;
  index: number;
  detail: string;
}

/** A verified checkpoint: its size and root, and its 1-based position among the checkpoints. */
export interface SignedHead {
  size: number;
  root: Buffer;
  ordinal: number;
}

const b64 = (hash: Uint8Array): string => Buffer.from(hash).toString('base64');

/**
 * Names the first index anomaly: the entry at `position` claims index `claimed` though the entries
 * before it hold exactly the indexes 0 to position - 1. A claimed index below `position` repeats one
 * (`inserted`). Above it, the rest of the entries decide: no entry claims `position` (`missing`);
 * `claimed` is claimed again, or is beyond the number of entries (`inserted`); else `reordered`.
 */
export async function classifyIndexGap(
  source: VerifySource,
  position: number,
  claimed: number,
): Promise<EntryProblem> {
  if (claimed < position) {
    const detail = `entry ${claimed} appears twice, at positions ${claimed} and ${position}: an entry was inserted`;
    return { kind: 'inserted', index: claimed, detail };
  }
  let at = position;
  let foundAt: number | undefined;
  let claimedAgain = false;
  for await (const { indexes } of source.entries(position)) {
    for (const index of indexes) {
      if (at > position) {
        if (index === position) foundAt ??= at;
        if (index === claimed) claimedAgain = true;
      }
      at += 1;
    }
  }
  if (foundAt === undefined) {
    const before = position === 0 ? 'the first entry' : `entry ${position - 1}`;
    return {
      kind: 'missing',
      index: position,
      detail: `no entry has index ${position}: ${before} is followed by entry ${claimed}`,
    };
  }
  if (claimedAgain || claimed >= at) {
    const detail = `an extra entry claiming index ${claimed} is stored at position ${position}, before entry ${position} (at position ${foundAt})`;
    return { kind: 'inserted', index: position, detail };
  }
  const detail = `entry ${position} is stored at position ${foundAt}, and position ${position} holds entry ${claimed}`;
  return { kind: 'reordered', index: position, detail };
}

/**
 * The `modified` problem for the first checkpoint whose root the entries do not give, when no later
 * checkpoint matches them either: the change is in the entries `from` (the size of the last matching
 * checkpoint) to `head.size - 1`. The first of them that is not canonical JSON of an entry is named
 * (`badLeaf`, when the pass already found it, or by reading them again unless `checked`); else the
 * first of the range, and the detail says that the roots cannot tell which.
 */
export async function pinpointChange(
  source: VerifySource,
  mismatch: { head: SignedHead; from: number; root: Buffer },
  badLeaf: EntryProblem | undefined,
  checked: boolean,
): Promise<EntryProblem> {
  const { head, from, root } = mismatch;
  const signed = `checkpoint ${head.ordinal} signs root ${b64(head.root)} for size ${head.size}, the entries give ${b64(root)}`;
  if (badLeaf) {
    return {
      kind: 'modified',
      index: badLeaf.index,
      detail: `entry ${badLeaf.index} was changed (${badLeaf.detail}); ${signed}`,
    };
  }
  if (!checked) {
    let position = from;
    for await (const { leaves } of source.entries(from, head.size)) {
      for (const leaf of leaves) {
        const form = checkLeaf(leaf);
        if (!form.ok)
          return {
            kind: 'modified',
            index: position,
            detail: `entry ${position} was changed (${form.detail}); ${signed}`,
          };
        position += 1;
      }
    }
  }
  if (head.size - from === 1)
    return { kind: 'modified', index: from, detail: `entry ${from} was changed: ${signed}` };
  const detail =
    `one or more of entries ${from} to ${head.size - 1} were changed: ${signed}. Each of them is ` +
    'well-formed canonical JSON, so the roots cannot tell which (no later checkpoint matches the entries either)';
  return { kind: 'modified', index: from, detail };
}
