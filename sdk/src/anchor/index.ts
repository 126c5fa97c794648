// Anchoring: the credential hash the chain stores, badge uids and Merkle batches.

export { credentialAnchor } from "./anchorOf.ts";
export { canonicalCredential, canonicalCredentialHash, withoutProof } from "./hash.ts";
export {
  assertionId,
  type BatchEntry,
  type BatchValue,
  buildBatchTree,
  LEAF_ENCODING,
  proofFor,
  rebuildBatchTreeFromLeaves,
  verifyBatchProof,
} from "./merkle.ts";
