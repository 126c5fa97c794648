// The JSON-LD heavy part of @chancery/sdk (documents, proofs, canonical hash, verification).
// Import it only with `await import("./heavy.ts")` so it never weighs on a page's first load.
export {
  anchorBadge,
  buildOb3Achievement,
  buildOb3Credential,
  buildOb3IssuerProfile,
  canonicalCredentialHash,
  prepareBadge,
  verifyBadge,
  type AnchoredBadge,
  type PreparedBadge,
} from "@chancery/sdk";
