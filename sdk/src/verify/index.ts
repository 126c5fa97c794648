export { verifyBadge } from "./verifyBadge.ts";
export {
  STEP_IDS,
  type AnchorReport,
  type BadgeFormat,
  type FetchLike as VerifyFetch,
  type Step,
  type StepId,
  type StepStatus,
  type Verdict,
  type VerificationReport,
  type VerifyOptions as VerifyBadgeOptions,
} from "./types.ts";
