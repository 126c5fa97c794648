// The status chip of a badge from its on-chain record (a summary for lists; the full check with
// proof and credential is the verifier's).
import type { AssertionStatus } from "../sdk/light.ts";

export type BadgeChip = "valid" | "revoked" | "expired" | "suspended" | "erased" | "unknown";

export function chipOf(status: AssertionStatus | undefined, now = Date.now() / 1000): BadgeChip {
  if (!status?.exists) return "unknown";
  if (status.erased) return "erased";
  if (status.revokedAt) return "revoked";
  if (status.expiresAt && status.expiresAt <= now) return "expired";
  if (status.issuerStatus === "suspended") return "suspended";
  return "valid";
}
