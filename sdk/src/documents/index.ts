// Open Badges documents: build the OB 3.0 credential and the OB 2.0 hosted views of an award,
// and check documents against the OB 3.0 JSON Schemas and the OB 2.0 rules.

export { ISO_DATE_TIME_WITH_ZONE, isoDateTime, toUnixSeconds } from "./dates.ts";
export { ChanceryError, type ChanceryErrorCode, check } from "./errors.ts";
export {
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  buildOb2RevocationList,
  buildOb2RevokedAssertionBody,
  credentialEmailRecipient,
  gatewayHostName,
  isUrlAuthority,
  type Ob2AssertionInput,
  type Ob2Recipient,
  ob2AssertionFromCredential,
  ob2IssuerVerification,
  ob2Recipient,
  originHostName,
} from "./ob2.ts";
export {
  buildAchievementSubject,
  buildOb3Achievement,
  buildOb3Credential,
  buildOb3IssuerProfile,
  buildRegisteredIssuerProfile,
  OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB3_SCHEMA_VALIDATOR_TYPE,
  type OpenBadgeCredential,
} from "./ob3.ts";
export type { Problem } from "./problems.ts";
export { emailMatches, hashIdentity, normalizeEmail, prepareRecipient, randomSalt } from "./recipient.ts";
export type {
  AchievementInput,
  AlignmentInput,
  AwardInput,
  EvidenceInput,
  ImageInput,
  IssuerInput,
  PreparedRecipient,
  RecipientInput,
} from "./types.ts";
export { isOb2Iri, validateOb2 } from "./validateOb2.ts";
export { validateOb3Credential, validateOb3Profile } from "./validateOb3.ts";
