// Open Badges documents: build the OB 3.0 credential and the OB 2.0 hosted views of an award,
// and check documents against the OB 3.0 JSON Schemas and the OB 2.0 rules.
export { ChanceryError, check, type ChanceryErrorCode } from "./errors.ts";
export type { AwardInput, IssuerInput, AchievementInput, RecipientInput, EvidenceInput, ImageInput, AlignmentInput, PreparedRecipient } from "./types.ts";
export { normalizeEmail, randomSalt, hashIdentity, emailMatches, prepareRecipient } from "./recipient.ts";
export { isoDateTime, toUnixSeconds, ISO_DATE_TIME_WITH_ZONE } from "./dates.ts";
export {
  buildOb3Credential,
  buildOb3IssuerProfile,
  buildOb3Achievement,
  buildAchievementSubject,
  OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB3_SCHEMA_VALIDATOR_TYPE,
  type OpenBadgeCredential,
} from "./ob3.ts";
export {
  buildOb2Assertion,
  ob2AssertionFromCredential,
  ob2Recipient,
  buildOb2BadgeClass,
  buildOb2Issuer,
  buildOb2RevocationList,
  buildOb2RevokedAssertionBody,
  type Ob2AssertionInput,
  type Ob2Recipient,
} from "./ob2.ts";
export { validateOb3Credential, validateOb3Profile } from "./validateOb3.ts";
export { validateOb2, isOb2Iri } from "./validateOb2.ts";
export type { Problem } from "./problems.ts";
