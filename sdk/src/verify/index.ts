export {
  isStepCode,
  PARAM_KINDS,
  type ParamKind,
  type ParamsOf,
  STEP_CODES,
  type StepCode,
  type StepParams,
  TERMS,
} from "./codes.ts";
export {
  checkHolderProof,
  createHolderChallenge,
  HOLDER_CHALLENGE_SECONDS,
  type HolderChallenge,
  type HolderProofResult,
  holderChallengeMessage,
} from "./holder.ts";
export { parseTrustedRegistry, trustedRegistries } from "./trust.ts";
export {
  type AnchorReport,
  type BadgeFormat,
  type FetchLike as VerifyFetch,
  type IssuerReport,
  type IssuerStanding,
  type RecipientMatch,
  type RecipientReport,
  type RecordReport,
  STEP_IDS,
  type Step,
  type StepId,
  type StepStatus,
  type TrustedRegistry,
  type TrustReport,
  type Verdict,
  type VerificationReport,
  type VerifyOptions as VerifyBadgeOptions,
} from "./types.ts";
export { verifyBadge } from "./verifyBadge.ts";
