/**
 * The audit ledger's public face: entries, the RFC 9162 Merkle tree (hashes, roots, an incremental
 * builder), proof generation over a subtree-hash reader, proof verification, the JSON proof format of
 * `fiugw audit verify-proof`, signed notes and checkpoints, the export format and the whole-ledger
 * verifier. Pure: no I/O here; storage implements {@link SubtreeHashes} and {@link LedgerExportSource}.
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
export {
  checkNote,
  isValidKeyName,
  noteVerifier,
  openNote,
  signNote,
  type NoteCheck,
  type NotePublicKey,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';
export {
  checkCheckpoint,
  checkpointText,
  claimedCheckpointSize,
  ledgerVerifiers,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
  type CheckpointCheck,
  type CheckpointFailure,
  type LedgerKeys,
} from './checkpoint.js';
export { checkLeaf, type LeafCheck } from './entry-check.js';
export {
  EXPORT_VERSION,
  exportLines,
  parseExportLine,
  parseExportLineBytes,
  type ExportHeader,
  type ExportRecord,
  type LedgerEntryRow,
  type LedgerExportSource,
} from './export-format.js';
export { exportTextSource, ledgerVerifySource, type EntryBatch, type VerifySource } from './verify-source.js';
export {
  verifyLedger,
  type CheckpointProblem,
  type EntryProblem,
  type EntryProblemKind,
  type LedgerProblem,
  type VerifyOptions,
  type VerifyResult,
} from './verifier.js';
