export { verifyBadge } from "./verifyBadge.ts";
export { STEP_IDS, type AnchorReport, type BadgeFormat, type FetchLike, type Step, type StepId, type StepStatus, type Verdict, type VerificationReport, type VerifyOptions } from "./types.ts";
