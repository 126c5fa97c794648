// 1EdTech's generated JSON Schemas for Open Badges 3.0 (draft 2019-09). Provenance: README.md.
import achievementCredential from "./achievementcredential.json" with { type: "json" };
import endorsementCredential from "./endorsementcredential.json" with { type: "json" };
import profile from "./profile.json" with { type: "json" };

// Credentials name these in `credentialSchema[].id`, while the files' own `$id` ends in
// "-jsonschema1.json": the validator maps each published URL to its file.
export const OB3_SCHEMA_URLS = {
  achievementCredential: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
  endorsementCredential: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json",
  profile: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile_schema.json",
} as const;

export const ob3Schemas: ReadonlyMap<string, object> = new Map<string, object>([
  [OB3_SCHEMA_URLS.achievementCredential, achievementCredential],
  [OB3_SCHEMA_URLS.endorsementCredential, endorsementCredential],
  [OB3_SCHEMA_URLS.profile, profile],
]);
