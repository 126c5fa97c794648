// Anchoring: the credential hash the chain stores, badge uids and Merkle batches.

export { credentialAnchor } from "./anchorOf.ts";
export { canonicalCredential, canonicalCredentialHash, withoutProof } from "./hash.ts";
export {
  assertionId,
  type BatchEntry,
  type BatchTree,
  type BatchValue,
  buildBatchTree,
  LEAF_ENCODING,
  merkleBatchId,
  merkleLeaf,
  proofFor,
  randomBatchKey,
  rebuildBatchTreeFromLeaves,
  UID_ENCODING,
  verifyBatchProof,
} from "./merkle.ts";
