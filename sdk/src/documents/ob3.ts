// The canonical Chancery badge: an Open Badges 3.0 OpenBadgeCredential (unsigned here; sign it
// with proofs/signCredential, then hash it with anchor/canonicalCredentialHash).
import { bitstringStatusEntry, statusSlot } from "../anchor/statusList.ts";
import { CREDENTIALS_V2_URL, OB3_CONTEXT_URL, OB3_EXTENSIONS_URL } from "../contexts/index.ts";
import { newCredentialId, normalizeDeployment, normalizeGatewayBase } from "../ids.ts";
import { credentialStatusEntry, issuerProfileId, ob2BadgeClassUrl } from "../urls.ts";
import { isoDateTime } from "./dates.ts";
import { check } from "./errors.ts";
import { gatewayHostName, originHostName } from "./ob2.ts";
import { prepareRecipient } from "./recipient.ts";
import type { AchievementInput, AwardInput, EvidenceInput, ImageInput, IssuerInput, PreparedRecipient } from "./types.ts";

export const OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
export const OB3_SCHEMA_VALIDATOR_TYPE = "1EdTechJsonSchemaValidator2019";

type Json = Record<string, unknown>;

export interface OpenBadgeCredential extends Json {
  "@context": string[];
  id: string;
  type: string[];
  name: string;
  issuer: Json & { id: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: Json;
  credentialSchema: Json[];
  credentialStatus: { id: string; type: string; [k: string]: unknown };
}

function nonEmpty(value: unknown, what: string): string {
  check(typeof value === "string" && value.trim().length > 0, `${what} must be a non-empty string.`);
  return value as string;
}

function url(value: unknown, what: string, allowData = false): string {
  nonEmpty(value, what);
  let parsed: URL | undefined;
  try {
    parsed = new URL(value as string);
  } catch {
    parsed = undefined;
  }
  const ok = parsed && (parsed.protocol === "https:" || parsed.protocol === "http:" || (allowData && parsed.protocol === "data:"));
  check(ok, `${what} must be an http(s) URL${allowData ? " or a data: URI" : ""}; got ${JSON.stringify(value)}.`);
  return value as string;
}

export function ob3Image(image: string | ImageInput, what: string): Json {
  const input = typeof image === "string" ? { id: image } : image;
  check(input && typeof input === "object", `${what} must be a URL or { id, caption? }.`);
  const out: Json = { id: url(input.id, `${what}.id`, true), type: "Image" };
  if (input.caption !== undefined) out.caption = nonEmpty(input.caption, `${what}.caption`);
  return out;
}

/** The issuer as an OB 3.0 Profile, with Chancery's issuer id (also its controller document id). */
export function buildOb3IssuerProfile(
  issuer: IssuerInput,
  gatewayBase: string,
  deployment: AwardInput["deployment"],
): Json & { id: string } {
  check(issuer && typeof issuer === "object", "issuer must be an object { issuerId, name, url, … }.");
  const profile: Json & { id: string } = {
    id: issuerProfileId(gatewayBase, deployment, issuer.issuerId),
    type: ["Profile"],
    name: nonEmpty(issuer.name, "issuer.name"),
    url: url(issuer.url, "issuer.url"),
  };
  if (issuer.email !== undefined) profile.email = nonEmpty(issuer.email, "issuer.email");
  if (issuer.description !== undefined) profile.description = nonEmpty(issuer.description, "issuer.description");
  if (issuer.image !== undefined) profile.image = ob3Image(issuer.image, "issuer.image");
  return profile;
}

/**
 * The profile an issuer registers on chain: its OB 3.0 Profile plus the hosts allowed to serve its
 * OB 2.0 hosted badges (`verification.allowedOrigins`: the gateway's host name, and `extraOrigins`).
 * Host names only, as the OB 2.0 spec and 1EdTech's validator want (a port or URL given in
 * `extraOrigins` is cut down to its host name); a host name allows every port of that host.
 * Verifiers fetch a hosted assertion only from a host this on-chain record lists. Not for the
 * signed credential's `issuer` (that stays `buildOb3IssuerProfile`).
 */
export function buildRegisteredIssuerProfile(
  issuer: IssuerInput,
  gatewayBase: string,
  deployment: AwardInput["deployment"],
  extraOrigins: string[] = [],
): Json & { id: string } {
  const extra = extraOrigins.map((origin) => {
    const host = originHostName(nonEmpty(origin, "extraOrigins[]"));
    check(host, `extraOrigins[] must be host names like "badges.example.org"; got ${JSON.stringify(origin)}.`);
    return host;
  });
  const origins = [gatewayHostName(gatewayBase), ...extra];
  return { ...buildOb3IssuerProfile(issuer, gatewayBase, deployment), verification: { allowedOrigins: [...new Set(origins)] } };
}

/** The OB 3.0 Achievement (what the on-chain badge class describes). */
export function buildOb3Achievement(achievement: AchievementInput, id: string): Json {
  check(achievement && typeof achievement === "object", "achievement must be an object { name, description, criteria, … }.");
  const criteria = achievement.criteria;
  check(
    criteria && typeof criteria === "object" && (criteria.narrative !== undefined || criteria.id !== undefined),
    "achievement.criteria needs a narrative (how the badge is earned) or an id (URL of a criteria page).",
  );
  const out: Json = {
    id,
    type: ["Achievement"],
    name: nonEmpty(achievement.name, "achievement.name"),
    description: nonEmpty(achievement.description, "achievement.description"),
    criteria: {
      ...(criteria.id !== undefined ? { id: url(criteria.id, "achievement.criteria.id") } : {}),
      ...(criteria.narrative !== undefined ? { narrative: nonEmpty(criteria.narrative, "achievement.criteria.narrative") } : {}),
    },
  };
  if (achievement.image !== undefined) out.image = ob3Image(achievement.image, "achievement.image");
  if (achievement.achievementType !== undefined) out.achievementType = nonEmpty(achievement.achievementType, "achievement.achievementType");
  if (achievement.tags !== undefined) {
    check(Array.isArray(achievement.tags), "achievement.tags must be an array of strings.");
    out.tag = achievement.tags.map((t, i) => nonEmpty(t, `achievement.tags[${i}]`));
  }
  if (achievement.alignments !== undefined) {
    check(Array.isArray(achievement.alignments), "achievement.alignments must be an array.");
    out.alignment = achievement.alignments.map((a, i) => {
      const al: Json = {
        type: ["Alignment"],
        targetName: nonEmpty(a?.targetName, `achievement.alignments[${i}].targetName`),
        targetUrl: url(a?.targetUrl, `achievement.alignments[${i}].targetUrl`),
      };
      for (const key of ["targetDescription", "targetFramework", "targetCode", "targetType"] as const) {
        if (a[key] !== undefined) al[key] = nonEmpty(a[key], `achievement.alignments[${i}].${key}`);
      }
      return al;
    });
  }
  return out;
}

function buildEvidence(evidence: EvidenceInput[]): Json[] {
  check(Array.isArray(evidence), "evidence must be an array.");
  return evidence.map((e, i) => {
    check(e && typeof e === "object", `evidence[${i}] must be an object.`);
    const out: Json = {};
    if (e.id !== undefined) out.id = url(e.id, `evidence[${i}].id`);
    out.type = ["Evidence"];
    for (const key of ["name", "description", "narrative", "genre", "audience"] as const) {
      if (e[key] !== undefined) out[key] = nonEmpty(e[key], `evidence[${i}].${key}`);
    }
    check(Object.keys(out).length > 1, `evidence[${i}] is empty: give at least an id (URL) or a narrative.`);
    return out;
  });
}

/** credentialSubject: did:pkh id for a wallet; e-mail (hashed) and name as OB IdentityObjects. */
export function buildAchievementSubject(recipient: PreparedRecipient, achievement: Json): Json {
  const subject: Json = {};
  if (recipient.did) subject.id = recipient.did;
  subject.type = ["AchievementSubject"];
  const identifier: Json[] = [];
  if (recipient.email) {
    identifier.push({
      type: "IdentityObject",
      identityHash: recipient.email.identityHash,
      identityType: "emailAddress",
      hashed: true,
      salt: recipient.email.salt,
    });
  }
  if (recipient.name) {
    identifier.push({ type: "IdentityObject", identityHash: recipient.name, identityType: "name", hashed: false });
  }
  if (identifier.length > 0) subject.identifier = identifier;
  subject.achievement = achievement;
  return subject;
}

/**
 * The credential's one status entry: with a status index, the BitstringStatusListEntry of its class's
 * list (or its Merkle batch's), which independent verifiers read; without, the issuer's
 * 1EdTechRevocationList (how badges were issued before; our verifier still reads both).
 */
function credentialStatusOf(award: AwardInput, gatewayBase: string, deployment: ReturnType<typeof normalizeDeployment>) {
  const issuerId = award.issuer.issuerId;
  if (award.statusIndex === undefined) return credentialStatusEntry(gatewayBase, deployment, issuerId, award.batchId);
  check(
    Number.isSafeInteger(award.statusIndex) && award.statusIndex >= 0,
    `statusIndex must be a whole number from 0 (the class's nextStatusIndex, or the badge's position in its batch); got ${String(award.statusIndex)}.`,
  );
  if (award.batchId !== undefined) {
    return bitstringStatusEntry(
      statusSlot(gatewayBase, deployment, issuerId, { batchId: award.batchId as `0x${string}`, position: award.statusIndex }),
    );
  }
  check(award.classId !== undefined, "statusIndex needs the badge's classId (its status lists are the class's).");
  return bitstringStatusEntry(
    statusSlot(gatewayBase, deployment, issuerId, { classId: award.classId as number, statusIndex: award.statusIndex }),
  );
}

/** Builds the unsigned OB 3.0 OpenBadgeCredential of an award. */
export function buildOb3Credential(award: AwardInput): OpenBadgeCredential {
  check(award && typeof award === "object", "award must be an object.");
  const gatewayBase = normalizeGatewayBase(award.gatewayBase);
  const deployment = normalizeDeployment(award.deployment);
  const validFrom = isoDateTime(award.validFrom, "validFrom");
  const validUntil = award.validUntil === undefined ? undefined : isoDateTime(award.validUntil, "validUntil");
  check(
    validUntil === undefined || Date.parse(validUntil) > Date.parse(validFrom),
    `validUntil (${validUntil}) must be after validFrom (${validFrom}).`,
  );

  const achievementId =
    award.achievement?.id !== undefined
      ? url(award.achievement.id, "achievement.id")
      : award.classId !== undefined
        ? ob2BadgeClassUrl(gatewayBase, deployment.chainId, award.classId)
        : undefined;
  check(achievementId, "The achievement needs an id: pass award.classId (the on-chain badge class) or achievement.id.");

  const credentialId = award.credentialId ?? newCredentialId();
  check(
    /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(credentialId),
    `credentialId must be urn:uuid:<uuid>; got ${JSON.stringify(credentialId)}.`,
  );

  const recipient = prepareRecipient(award.recipient, deployment.chainId, award.emailSalt);
  const achievement = buildOb3Achievement(award.achievement, achievementId);
  const credential: OpenBadgeCredential = {
    // The extensions context defines the 1EdTech types of credentialStatus and credentialSchema
    // (1EdTechRevocationList, 1EdTechJsonSchemaValidator2019); without it JSON-LD cannot map them
    // and the credential could be neither signed nor hashed (the spec's complete example has it too).
    "@context": [CREDENTIALS_V2_URL, OB3_CONTEXT_URL, OB3_EXTENSIONS_URL],
    id: credentialId,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: award.name !== undefined ? nonEmpty(award.name, "name") : (achievement.name as string),
    issuer: buildOb3IssuerProfile(award.issuer, gatewayBase, deployment),
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: buildAchievementSubject(recipient, achievement),
    credentialSchema: [{ id: OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: OB3_SCHEMA_VALIDATOR_TYPE }],
    credentialStatus: credentialStatusOf(award, gatewayBase, deployment),
  };
  if (award.evidence !== undefined && award.evidence.length > 0) credential.evidence = buildEvidence(award.evidence);
  return credential;
}
