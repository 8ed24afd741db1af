/**
 * Proofs as JSON documents, in the format of the transparency-dev/merkle test vectors (and of
 * `fiugw audit verify-proof`): hashes are standard base64, and the kind is told by the fields.
 *
 * - inclusion: `leafIdx`, `treeSize`, `root`, `leafHash`, `proof`
 * - consistency: `size1`, `size2`, `root1`, `root2`, `proof`
 *
 * `proof` may be `null` (no hashes). `desc` and `wantErr` (what a test expects) are accepted and
 * ignored: a verifier must not take the document's word for its own validity.
 */
import { z } from 'zod';
import { GatewayError } from '../errors.js';
import { verifyConsistency, verifyInclusion } from './verify.js';

/** A proof read from a JSON document, tagged by its kind. */
export type ProofDocument =
  | {
      kind: 'inclusion';
      leafIndex: number;
      treeSize: number;
      leafHash: Buffer;
      root: Buffer;
      proof: Buffer[];
    }
  | {
      kind: 'consistency';
      size1: number;
      size2: number;
      root1: Buffer;
      root2: Buffer;
      proof: Buffer[];
    };

// Any non-negative integer is well-formed input (the vectors use 2^64 - 1); the verifier decides
// whether a size is acceptable.
/** A zod error map: "missing" for an absent field, else what is expected. */
const expected = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'missing' : `expected ${what}`;

const count = z
  .number({ error: expected('a non-negative integer') })
  .refine((n) => Number.isInteger(n) && n >= 0, 'expected a non-negative integer');
const base64 = z.base64({ error: expected('standard base64 (A-Z a-z 0-9 + /, padded with =)') });
const hashList = z.array(base64, { error: expected('a list of base64 hashes, or null') }).nullable();
const extras = { desc: z.string().optional(), wantErr: z.boolean().optional() };

const inclusionSchema = z.object({
  leafIdx: count,
  treeSize: count,
  root: base64,
  leafHash: base64,
  proof: hashList,
  ...extras,
});

const consistencySchema = z.object({
  size1: count,
  size2: count,
  root1: base64,
  root2: base64,
  proof: hashList,
  ...extras,
});

const INCLUSION_FIELDS = ['leafIdx', 'treeSize', 'root', 'leafHash'];
const CONSISTENCY_FIELDS = ['size1', 'size2', 'root1', 'root2'];

const decode = (text: string): Buffer => Buffer.from(text, 'base64');

function issuesText(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(top level)'}: ${i.message}`)
    .join('; ');
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown, kind: string): T {
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new GatewayError(
      'ledger.bad_input',
      `not a valid ${kind} proof: ${issuesText(result.error.issues)}`,
    );
  }
  return result.data;
}

/**
 * Reads a parsed JSON value as a {@link ProofDocument}, telling inclusion from consistency by its
 * fields. Throws `ledger.bad_input` naming the offending field when the shape is wrong.
 */
export function parseProofDocument(json: unknown): ProofDocument {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new GatewayError('ledger.bad_input', 'not a proof: expected a JSON object');
  }
  const has = (fields: string[]) => fields.some((f) => f in json);
  if (has(INCLUSION_FIELDS) === has(CONSISTENCY_FIELDS)) {
    throw new GatewayError(
      'ledger.bad_input',
      `not a proof: expected either the inclusion fields ${INCLUSION_FIELDS.join(', ')} ` +
        `or the consistency fields ${CONSISTENCY_FIELDS.join(', ')}, with proof`,
    );
  }
  if (has(INCLUSION_FIELDS)) {
    const d = parseWith(inclusionSchema, json, 'inclusion');
    return {
      kind: 'inclusion',
      leafIndex: d.leafIdx,
      treeSize: d.treeSize,
      leafHash: decode(d.leafHash),
      root: decode(d.root),
      proof: (d.proof ?? []).map(decode),
    };
  }
  const d = parseWith(consistencySchema, json, 'consistency');
  return {
    kind: 'consistency',
    size1: d.size1,
    size2: d.size2,
    root1: decode(d.root1),
    root2: decode(d.root2),
    proof: (d.proof ?? []).map(decode),
  };
}

/** What a document claims, in words: "inclusion of leaf 3 in tree of size 8". */
export function describeProofDocument(doc: ProofDocument): string {
  return doc.kind === 'inclusion'
    ? `inclusion of leaf ${doc.leafIndex} in tree of size ${doc.treeSize}`
    : `consistency of tree size ${doc.size1} with tree size ${doc.size2}`;
}

/** Verifies a document's proof; throws `ledger.invalid_proof` with the reason when it does not hold. */
export function verifyProofDocument(doc: ProofDocument): void {
  if (doc.kind === 'inclusion') {
    verifyInclusion(doc.leafHash, doc.leafIndex, doc.treeSize, doc.proof, doc.root);
  } else {
    verifyConsistency(doc.size1, doc.size2, doc.proof, doc.root1, doc.root2);
  }
}
