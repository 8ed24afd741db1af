/**
 * Runs the ledger against every transparency-dev/merkle proof vector in test/fixtures/merkle
 * (RFC 9162; see the README there): valid cases verify, `wantErr` cases are rejected as invalid
 * proofs, and where a case is a proof over the CT test leaves our generator makes the same proof.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { GatewayError } from '../../../src/errors.js';
import {
  MemorySubtreeHashes,
  consistencyProof,
  inclusionProof,
  leafHash,
  parseProofDocument,
  verifyProofDocument,
  type ProofDocument,
} from '../../../src/ledger/index.js';
import { CT_LEAVES, CT_ROOTS } from './ct-data.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/merkle/', import.meta.url));

const cases = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const json = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as { wantErr: boolean };
    return { file, json, wantErr: json.wantErr };
  });

/** True when the document's (final) root is the CT root of its size, so it is over the CT leaves. */
function isOverCtLeaves(doc: ProofDocument): boolean {
  const [size, root] = doc.kind === 'inclusion' ? [doc.treeSize, doc.root] : [doc.size2, doc.root2];
  return size <= 8 && root.toString('hex') === CT_ROOTS[size];
}

describe('the RFC 9162 proof vectors (test/fixtures/merkle)', () => {
  it('are all there: 196 cases, with their licence', () => {
    expect(cases).to.have.length(196);
    expect(cases.filter((c) => c.file.startsWith('inclusion'))).to.have.length(98);
    expect(readFileSync(path.join(FIXTURES, 'LICENSE'), 'utf8')).to.match(/Apache License\s+Version 2\.0/);
  });

  for (const { file, json, wantErr } of cases) {
    it(`${wantErr ? 'rejects' : 'accepts'} ${file}`, () => {
      const doc = parseProofDocument(json);
      let error: unknown;
      try {
        verifyProofDocument(doc);
      } catch (err) {
        error = err;
      }
      if (!wantErr) {
        expect(error).to.equal(undefined);
        return;
      }
      expect(error).to.be.instanceOf(GatewayError);
      expect((error as GatewayError).code).to.equal('ledger.invalid_proof');
    });
  }

  it('hold the CT roots of sizes 1-3 and 5-8 that the tree tests use as facts', () => {
    const roots = new Set(
      cases.flatMap(({ json }) => {
        const doc = parseProofDocument(json);
        return (doc.kind === 'inclusion' ? [doc.root] : [doc.root1, doc.root2]).map((r) => r.toString('hex'));
      }),
    );
    for (const n of [1, 2, 3, 5, 6, 7, 8]) expect(roots.has(CT_ROOTS[n]!), `size ${n}`).to.equal(true);
  });

  it('match the proofs our generator makes for the valid cases over the CT leaves', async () => {
    const source = new MemorySubtreeHashes(CT_LEAVES.map(leafHash));
    let compared = 0;
    for (const { json, wantErr } of cases) {
      const doc = parseProofDocument(json);
      if (wantErr || !isOverCtLeaves(doc)) continue;
      const ours =
        doc.kind === 'inclusion'
          ? await inclusionProof(source, doc.leafIndex, doc.treeSize)
          : await consistencyProof(source, doc.size1, doc.size2);
      expect(ours).to.deep.equal(doc.proof);
      compared += 1;
    }
    expect(compared).to.equal(10); // all 12 valid cases but two with made-up roots
  });
});
