export { EMPTY_ROOT, HASH_BYTES, CompactRange, hashChildren, hashLeaf, rootFromLeafHashes, type Hash } from './tree-hash.js';
export { generateInclusionProof, rootFromInclusionProof, verifyInclusion } from './inclusion.js';
export { generateConsistencyProof, verifyConsistency } from './consistency.js';
export {
  checkpointBody,
  checkpointSignatureValid,
  copyCheckpoint,
  describeCheckpointProblem,
  formatSignedNote,
  isValidOrigin,
  logKeyId,
  publicKeyFromRaw,
  rawPublicKey,
  signCheckpoint,
  type CheckpointBody,
  type SignedCheckpoint,
} from './checkpoint.js';
export {
  LogVerifier,
  verifyLog,
  type LogProblem,
  type LogProblemReason,
  type LogVerification,
  type StoredEntry,
} from './log-verifier.js';
