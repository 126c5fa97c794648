// Merkle-batch helpers (for badges recorded in a batch): no JSON-LD, so pages may import them eagerly.
export { assertionId, rebuildBatchTreeFromLeaves, proofFor } from "@chancery/sdk";
