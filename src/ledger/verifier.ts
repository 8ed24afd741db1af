/**
 * The whole-ledger verifier behind `fiugw audit verify`: recomputes every leaf hash and the RFC 9162
 * tree in one pass (O(log n) memory, plus one root per checkpoint size), checks every checkpoint's
 * signature, and that the checkpoints agree with each other and with the entries. On a difference it
 * names the first bad entry and what is wrong; docs/AUDIT.md states the rules, in the order applied.
 */
import { GatewayError } from '../errors.js';
import { checkCheckpoint, ledgerVerifiers } from './checkpoint.js';
import { checkLeaf } from './entry-check.js';
import { emptyRoot, leafHash } from './hash.js';
import type { NotePublicKey, NoteVerifier } from './note.js';
import { TreeBuilder } from './tree.js';
import {
  classifyIndexGap,
  pinpointChange,
  type EntryProblem,
  type SignedHead,
} from './verifier-diagnosis.js';
import type { VerifySource } from './verify-source.js';

export type { EntryProblem, EntryProblemKind } from './verifier-diagnosis.js';

/** A problem of the checkpoints themselves; `checkpoint` is its 1-based position among them. */
export interface CheckpointProblem {
  kind: 'bad_checkpoint' | 'bad_checkpoint_signature' | 'fork';
  checkpoint: number;
  detail: string;
}

/** The first problem found. */
export type LedgerProblem = EntryProblem | CheckpointProblem;

/** The outcome of {@link verifyLedger}. */
export type VerifyResult =
  | {
      ok: true;
      /** The number of entries. */
      size: number;
      /** The root of the tree of all of them. */
      root: Buffer;
      /** The number of checkpoints whose signatures and roots were verified. */
      checkpoints: number;
      /** Entries after the largest checkpoint (only with `allowUnsignedTail`). */
      unsigned: number;
    }
  | { ok: false; problem: LedgerProblem };

/** Options of {@link verifyLedger}. */
export interface VerifyOptions {
  /**
   * The trusted ledger keys (vkey strings or named public keys). Default: the keys the source's header
   * names, which proves integrity against that key only, not that it is the right key.
   */
  keys?: readonly (string | NotePublicKey | NoteVerifier)[];
  /**
   * Accept entries after the largest checkpoint (they are then only checked for form). Default: such
   * entries are reported as `inserted`, as nothing vouches for them.
   */
  allowUnsignedTail?: boolean;
  /** Check that every entry is canonical JSON, not only where a root differs (slower). */
  checkEntries?: boolean;
  /** Called with (entries done, entries announced) about every 1% or 50,000 entries, and at the end. */
  onProgress?: (done: number, total: number) => void;
}

/** Verified checkpoints by size, and how many notes were verified. */
interface Heads {
  bySize: Map<number, SignedHead>;
  count: number;
}

/** The trusted verifiers; a bad key from the header is a format error, one from the caller bad input. */
function trustedKeys(
  header: { origin: string; vkey: string; olderVkeys: readonly string[] },
  keys: VerifyOptions['keys'],
): NoteVerifier[] {
  let verifiers: NoteVerifier[];
  try {
    verifiers = ledgerVerifiers(keys ?? [header.vkey, ...header.olderVkeys]);
  } catch (err) {
    if (keys) throw err;
    throw new GatewayError(
      'ledger.bad_export',
      `line 1: the header's ledger key is unusable: ${(err as Error).message}`,
    );
  }
  const other = verifiers.find((v) => v.name !== header.origin);
  if (other) {
    const code = keys ? 'ledger.bad_input' : 'ledger.bad_export';
    throw new GatewayError(
      code,
      `the export is of the ledger "${header.origin}", but the key ${other.vkey} is not`,
    );
  }
  return verifiers;
}

/** Reads and checks every checkpoint; returns them by size, or the first problem. */
async function readHeads(
  source: VerifySource,
  verifiers: NoteVerifier[],
): Promise<Heads | CheckpointProblem> {
  const bySize = new Map<number, SignedHead>();
  let ordinal = 0;
  for await (const note of source.checkpoints()) {
    ordinal += 1;
    const checked = checkCheckpoint(note, verifiers);
    if (!checked.ok) {
      const signature = checked.reason === 'bad_signature' || checked.reason === 'unknown_key';
      return {
        kind: signature ? 'bad_checkpoint_signature' : 'bad_checkpoint',
        checkpoint: ordinal,
        detail: checked.detail,
      };
    }
    const { size, root } = checked.checkpoint;
    const seen = bySize.get(size);
    if (seen && !seen.root.equals(root)) {
      const detail =
        `checkpoints ${seen.ordinal} and ${ordinal} both sign a tree of size ${size}, with different roots ` +
        `(${seen.root.toString('base64')} and ${root.toString('base64')}): the ledger key signed two histories`;
      return { kind: 'fork', checkpoint: ordinal, detail };
    }
    if (size === 0 && !root.equals(emptyRoot())) {
      const detail = 'it signs a tree of size 0 with a root other than SHA-256 of nothing';
      return { kind: 'bad_checkpoint', checkpoint: ordinal, detail };
    }
    if (!seen) bySize.set(size, { size, root, ordinal });
  }
  return { bySize, count: ordinal };
}

/** The problem with the lower index (the first if equal). */
function first(a: EntryProblem | undefined, b: EntryProblem): EntryProblem {
  return a !== undefined && a.index <= b.index ? a : b;
}

/** The problems the end of the entries shows, in the order of docs/AUDIT.md, or undefined. */
function endProblem(
  count: number,
  announced: number,
  largest: number,
  allowUnsignedTail: boolean,
): EntryProblem | undefined {
  if (count < announced || largest > count) {
    const why =
      largest > count
        ? `a checkpoint signs a tree of ${largest} entries, but the entries end after ${count}`
        : `the header announces ${announced} entries, but they end after ${count}`;
    return { kind: 'missing', index: count, detail: `${why}: entries ${count} and after are missing` };
  }
  if (count > announced) {
    return {
      kind: 'inserted',
      index: announced,
      detail: `the header announces ${announced} entries, but there are ${count}`,
    };
  }
  if (count > largest && !allowUnsignedTail) {
    const what =
      largest === 0 ? 'there is no checkpoint' : `the largest checkpoint signs a tree of ${largest}`;
    const detail = `entries ${largest} to ${count - 1} are covered by no checkpoint (${what}): nothing vouches for them`;
    return { kind: 'inserted', index: largest, detail };
  }
  return undefined;
}

/**
 * Verifies a whole ledger (an export file, or the live store) and reports the first problem. Format
 * errors of the source throw `ledger.bad_export`, a malformed key in `options.keys` `ledger.bad_input`;
 * everything the ledger's content shows is returned as a {@link LedgerProblem}.
 */
export async function verifyLedger(source: VerifySource, options: VerifyOptions = {}): Promise<VerifyResult> {
  const header = await source.header();
  const heads = await readHeads(source, trustedKeys(header, options.keys));
  if (!('bySize' in heads)) return { ok: false, problem: heads };
  const { bySize } = heads;
  const sizes = [...bySize.keys()].filter((s) => s > 0).sort((a, b) => a - b);
  const largest = sizes.at(-1) ?? 0;
  const allowTail = options.allowUnsignedTail === true;
  const checkAll = options.checkEntries === true;
  const total = header.size;
  const step = Math.max(1, Math.min(50_000, Math.ceil(total / 100)));
  const tree = new TreeBuilder();
  let position = 0;
  let next = 0; // sizes[next]: the next checkpoint size to compare at
  let lastGood = 0; // the size of the last checkpoint the entries matched
  let mismatch: { head: SignedHead; from: number; root: Buffer } | undefined;
  let badLeaf: EntryProblem | undefined; // the first entry since lastGood that is not canonical JSON
  const fail = (problem: LedgerProblem): VerifyResult => ({ ok: false, problem });

  entries: for await (const { indexes, leaves } of source.entries(0)) {
    for (let i = 0; i < leaves.length; i += 1) {
      if (indexes[i] !== position) {
        const gap = await classifyIndexGap(source, position, indexes[i]!);
        // A root that already differs comes first, unless a repeated index inside its range explains it.
        if (mismatch && !(gap.kind === 'inserted' && gap.index < mismatch.head.size)) break entries;
        return fail(first(badLeaf, gap));
      }
      const leaf = leaves[i]!;
      if (!badLeaf && !mismatch && (checkAll || (allowTail && position >= largest))) {
        const form = checkLeaf(leaf);
        if (!form.ok) badLeaf = { kind: form.kind, index: position, detail: form.detail };
      }
      tree.append(leafHash(leaf));
      position += 1;
      if (position % step === 0) options.onProgress?.(position, Math.max(total, position));
      if (position !== sizes[next]) continue;
      const head = bySize.get(position)!;
      next += 1;
      const root = tree.root();
      if (!root.equals(head.root)) {
        mismatch ??= { head, from: lastGood, root };
      } else if (mismatch) {
        const bad = mismatch.head;
        const detail =
          `checkpoint ${bad.ordinal} (size ${bad.size}, root ${bad.root.toString('base64')}) is not consistent ` +
          `with checkpoint ${head.ordinal} (size ${head.size}), which the entries match: the ledger key signed two histories`;
        return fail({ kind: 'fork', checkpoint: bad.ordinal, detail });
      } else if (badLeaf) {
        return fail({
          ...badLeaf,
          detail: `${badLeaf.detail}; checkpoint ${head.ordinal} (size ${head.size}) signs it so`,
        });
      } else {
        lastGood = position;
      }
    }
  }
  if (position === 0 || position % step !== 0) options.onProgress?.(position, Math.max(total, position));

  if (mismatch) return fail(await pinpointChange(source, mismatch, badLeaf, checkAll));
  const end = endProblem(position, total, largest, allowTail);
  if (end || badLeaf) return fail(end ? first(badLeaf, end) : badLeaf!);
  return {
    ok: true,
    size: position,
    root: tree.root(),
    checkpoints: heads.count,
    unsigned: position - largest,
  };
}
