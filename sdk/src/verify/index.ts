export {
  type AnchorReport,
  type BadgeFormat,
  type FetchLike as VerifyFetch,
  STEP_IDS,
  type Step,
  type StepId,
  type StepStatus,
  type Verdict,
  type VerificationReport,
  type VerifyOptions as VerifyBadgeOptions,
} from "./types.ts";
export { verifyBadge } from "./verifyBadge.ts";
