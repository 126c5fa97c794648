// The JSON-LD heavy part of @chancery/sdk (documents, proofs, canonical hash, verification).
// Import it only with `await import("./heavy.ts")` so it never weighs on a page's first load.
export {
  type AnchoredBadge,
  anchorBadge,
  buildOb3Achievement,
  buildOb3Credential,
  buildRegisteredIssuerProfile,
  canonicalCredentialHash,
  issueAward,
  type PreparedBadge,
  prepareBadge,
  revokeAndPublish,
  verifyBadge,
} from "@chancery/sdk";
// Where a credential says it is anchored (the registry an untrusted-registry verdict names).
export { credentialAnchor } from "@chancery/sdk/anchor";
// The bulk-issue engine (it signs credentials, so it is heavy too).
export { openBulkIssue, planBulkIssue } from "@chancery/sdk/bulk";
