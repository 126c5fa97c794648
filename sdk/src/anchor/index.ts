// Anchoring: the credential hash the chain stores, badge uids and Merkle batches.

export { credentialAnchor, parseStatusListUrl, statusEntryAnchor } from "./anchorOf.ts";
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
export {
  BITSTRING_STATUS_LIST_CREDENTIAL,
  BITSTRING_STATUS_LIST_ENTRY,
  bitstringStatusEntry,
  buildStatusListCredential,
  classStatusListKey,
  encodeStatusBits,
  STATUS_LIST_LENGTH,
  type StatusListCredential,
  type StatusSlot,
  statusPosition,
  statusSlot,
} from "./statusList.ts";
