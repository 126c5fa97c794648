// Anchoring: the credential hash the chain stores, badge uids and Merkle batches.
export { canonicalCredentialHash, canonicalCredential, withoutProof } from "./hash.ts";
export { assertionId, buildBatchTree, proofFor, rebuildBatchTreeFromLeaves, verifyBatchProof, LEAF_ENCODING, type BatchEntry, type BatchValue } from "./merkle.ts";
export { credentialAnchor } from "./anchorOf.ts";
