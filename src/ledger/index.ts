/**
 * The audit ledger's public face: entries, the RFC 9162 Merkle tree (hashes, roots, an incremental
 * builder), proof generation over a subtree-hash reader, proof verification, and the JSON proof
 * format of `fiugw audit verify-proof`. Pure: no I/O here; storage implements {@link SubtreeHashes}.
 */
export * from './entry.js';
export { HASH_SIZE, emptyRoot, leafHash, nodeHash } from './hash.js';
export { TreeBuilder, rootFromLeafHashes } from './tree.js';
export {
  MemorySubtreeHashes,
  consistencyProof,
  consistencyProofRanges,
  inclusionProof,
  inclusionProofRanges,
  rangeHash,
  subtreesOfRange,
  treeRoot,
  type LeafRange,
  type SubtreeHashes,
  type SubtreeRef,
} from './proof.js';
export { verifyConsistency, verifyInclusion } from './verify.js';
export {
  describeProofDocument,
  parseProofDocument,
  verifyProofDocument,
  type ProofDocument,
} from './proof-json.js';
