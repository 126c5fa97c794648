// Open Badges 2.0 hosted views of the same awards, as the gateway serves them: backpacks that
// only speak OB 2.0 re-fetch a hosted Assertion from its https id, then its BadgeClass and
// issuer Profile, and check the issuer's RevocationList (a revoked assertion answers 410).
import { OB2_CONTEXT_URL } from "../contexts/index.ts";
import { normalizeGatewayBase, parseRecipientDid } from "../ids.ts";
import { ob2AssertionUrl, ob2BadgeClassUrl, ob2IssuerUrl, ob2RecipientUrl, ob2RevocationListUrl, PATHS } from "../urls.ts";
import { isoDateTime } from "./dates.ts";
import { check } from "./errors.ts";
import type { AchievementInput, EvidenceInput, IssuerInput, PreparedRecipient } from "./types.ts";

type Json = Record<string, unknown>;

export interface Ob2Recipient {
  type: "email" | "url";
  hashed: boolean;
  salt?: string;
  identity: string;
}

/**
 * OB 2.0 IdentityObject: the salted e-mail hash if there is one, else the wallet as an https `url`
 * identity on the gateway (ob2RecipientUrl). Backpacks of Badgr's lineage accept `url` identities
 * that are http(s) URLs only, so a did:pkh there is refused; the gateway URL names the same wallet
 * and resolves to a Profile listing its did:pkh.
 */
export function ob2Recipient(recipient: PreparedRecipient, gatewayBase: string, chainId: number): Ob2Recipient {
  if (recipient.email) return { type: "email", hashed: true, salt: recipient.email.salt, identity: recipient.email.identityHash };
  const wallet = recipient.wallet ?? (recipient.did ? parseRecipientDid(recipient.did).wallet : undefined);
  check(wallet, "The recipient needs a hashed e-mail or a wallet to appear in an OB 2.0 Assertion.");
  // The wallet is public on chain already (indexed events), so hashing it would hide nothing.
  return { type: "url", hashed: false, identity: ob2RecipientUrl(gatewayBase, chainId, wallet) };
}

/** The salted e-mail hash of a credential's subject (`identifier` of type emailAddress), if it has one. */
export function credentialEmailRecipient(credential: Json): { identityHash: string; salt: string } | undefined {
  const subject = (Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject) as
    | Json
    | undefined;
  if (!subject || typeof subject !== "object") return undefined;
  const identifiers = (Array.isArray(subject.identifier) ? subject.identifier : subject.identifier ? [subject.identifier] : []) as Json[];
  const email = identifiers.find((i) => i?.identityType === "emailAddress" && i.hashed === true && typeof i.identityHash === "string");
  return email ? { identityHash: email.identityHash as string, salt: typeof email.salt === "string" ? email.salt : "" } : undefined;
}

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Whether `value` is what validator-core accepts in `verification.allowedOrigins` (its URL_AUTHORITY
 * type): a DNS host name of 4 to 253 characters, at least two dot-separated labels of letters, digits
 * and inner hyphens (63 at most each), the last one letters only — so no port, no IP address, and
 * not a single-label name such as localhost.
 */
export function isUrlAuthority(value: unknown): boolean {
  if (typeof value !== "string" || value.length < 4 || value.length > 253) return false;
  const labels = value.split(".");
  const top = labels.at(-1) ?? "";
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && /^[A-Za-z]{2,63}$/.test(top);
}

/**
 * The lower-case host name an `allowedOrigins` entry names: a host name as the spec wants, an old
 * `host:port` (read as that host), or an http(s) URL (the issuer id, when it is the default).
 * Undefined for anything else.
 */
export function originHostName(entry: unknown): string | undefined {
  if (typeof entry !== "string") return undefined;
  const text = entry.trim();
  if (!text) return undefined;
  const isUrl = /^https?:\/\//i.test(text);
  if (!isUrl && /[/?#@\s]/.test(text)) return undefined;
  try {
    const url = new URL(isUrl ? text : `http://${text}`);
    return url.hostname ? url.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** The host name of a gateway: what issuers list in `verification.allowedOrigins` for it. */
export function gatewayHostName(gatewayBase: string): string {
  return new URL(normalizeGatewayBase(gatewayBase)).hostname.toLowerCase();
}

/**
 * The OB 2.0 issuer's `verification`, by validator-core's rules: `allowedOrigins` must hold host
 * names only and is compared with the assertion id's authority (host and port), so it is listed
 * only for a gateway on a host name and its scheme's default port. Otherwise it is left out and the
 * default applies — the authority of the issuer's own id, which is the gateway's. `startsWith`
 * narrows the scope to the gateway's assertions either way.
 */
export function ob2IssuerVerification(gatewayBase: string): Json {
  const base = new URL(normalizeGatewayBase(gatewayBase));
  // Every assertion URL kind (plain, keyed, claim) lives under the prefix of PATHS.ob2Assertion.
  const prefix = PATHS.ob2Assertion.slice(0, PATHS.ob2Assertion.indexOf("{"));
  const verification: Json = { type: "VerificationObject", startsWith: [`${normalizeGatewayBase(gatewayBase)}${prefix}`] };
  if (base.port === "" && isUrlAuthority(base.hostname)) verification.allowedOrigins = [base.hostname.toLowerCase()];
  return verification;
}

function imageUrl(image: string | { id: string } | undefined): string | undefined {
  return image === undefined ? undefined : typeof image === "string" ? image : image.id;
}

function ob2Evidence(evidence: EvidenceInput[] | undefined): Json[] | undefined {
  if (!evidence || evidence.length === 0) return undefined;
  return evidence.map((e) => {
    const out: Json = { type: "Evidence" };
    for (const key of ["id", "name", "description", "narrative", "genre", "audience"] as const) if (e[key] !== undefined) out[key] = e[key];
    return out;
  });
}

export interface Ob2AssertionInput {
  gatewayBase: string;
  chainId: number;
  /** The on-chain uid (bytes32). */
  uid: string;
  classId: number;
  recipient: PreparedRecipient;
  issuedOn: Date | string;
  expires?: Date | string;
  evidence?: EvidenceInput[];
  narrative?: string;
  /** The (baked) assertion image URL; never a data: URI in OB 2.0. */
  image?: string;
}

export function buildOb2Assertion(input: Ob2AssertionInput): Json {
  const assertion: Json = {
    "@context": OB2_CONTEXT_URL,
    type: "Assertion",
    id: ob2AssertionUrl(input.gatewayBase, input.chainId, input.uid),
    recipient: ob2Recipient(input.recipient, input.gatewayBase, input.chainId),
    badge: ob2BadgeClassUrl(input.gatewayBase, input.chainId, input.classId),
    verification: { type: "hosted" },
    issuedOn: isoDateTime(input.issuedOn, "issuedOn"),
  };
  if (input.expires !== undefined) assertion.expires = isoDateTime(input.expires, "expires");
  if (input.image !== undefined) {
    check(
      !/^data:/i.test(input.image),
      "An OB 2.0 Assertion image must be a URL, not a data: URI (the spec forbids it); host the baked image.",
    );
    assertion.image = input.image;
  }
  const evidence = ob2Evidence(input.evidence);
  if (evidence) assertion.evidence = evidence;
  if (input.narrative !== undefined) assertion.narrative = input.narrative;
  return assertion;
}

/** The OB 2.0 Assertion of a Chancery OB 3.0 credential (same recipient hash and salt, dates, evidence). */
export function ob2AssertionFromCredential(
  credential: Json,
  params: { gatewayBase: string; chainId: number; uid: string; classId: number; image?: string },
): Json {
  const subject = (Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject) as
    | Json
    | undefined;
  check(subject && typeof subject === "object", "The credential has no credentialSubject.");
  const recipient: PreparedRecipient = {};
  if (typeof subject.id === "string" && subject.id.startsWith("did:pkh:eip155:")) {
    const { wallet } = parseRecipientDid(subject.id);
    recipient.wallet = wallet;
    recipient.did = subject.id;
  }
  const email = credentialEmailRecipient(credential);
  if (email) recipient.email = email;
  const evidence = (
    Array.isArray(credential.evidence) ? credential.evidence : credential.evidence ? [credential.evidence] : []
  ) as EvidenceInput[];
  return buildOb2Assertion({
    ...params,
    recipient,
    issuedOn: credential.validFrom as string,
    ...(typeof credential.validUntil === "string" ? { expires: credential.validUntil } : {}),
    ...(evidence.length ? { evidence } : {}),
  });
}

export function buildOb2BadgeClass(input: {
  gatewayBase: string;
  chainId: number;
  classId: number;
  issuerId: number;
  achievement: AchievementInput;
  defaultImage?: string;
}): Json {
  const a = input.achievement;
  check(a && typeof a === "object", "achievement must be an object.");
  const image = imageUrl(a.image) ?? input.defaultImage;
  check(image, "An OB 2.0 BadgeClass needs an image: give achievement.image or defaultImage.");
  check(
    a.criteria && (a.criteria.id !== undefined || a.criteria.narrative !== undefined),
    "achievement.criteria needs a narrative or an id.",
  );
  const badge: Json = {
    "@context": OB2_CONTEXT_URL,
    type: "BadgeClass",
    id: ob2BadgeClassUrl(input.gatewayBase, input.chainId, input.classId),
    name: a.name,
    description: a.description,
    image,
    criteria: {
      ...(a.criteria.id !== undefined ? { id: a.criteria.id } : {}),
      ...(a.criteria.narrative !== undefined ? { narrative: a.criteria.narrative } : {}),
    },
    issuer: ob2IssuerUrl(input.gatewayBase, input.chainId, input.issuerId),
  };
  if (a.tags?.length) badge.tags = [...a.tags];
  if (a.alignments?.length) {
    badge.alignment = a.alignments.map((al) => {
      const out: Json = { targetName: al.targetName, targetUrl: al.targetUrl };
      for (const key of ["targetDescription", "targetFramework", "targetCode"] as const) if (al[key] !== undefined) out[key] = al[key];
      return out;
    });
  }
  return badge;
}

export function buildOb2Issuer(input: { gatewayBase: string; chainId: number; issuer: IssuerInput }): Json {
  const i = input.issuer;
  check(i && typeof i === "object", "issuer must be an object.");
  const profile: Json = {
    "@context": OB2_CONTEXT_URL,
    type: "Issuer",
    id: ob2IssuerUrl(input.gatewayBase, input.chainId, i.issuerId),
    name: i.name,
    url: i.url,
  };
  if (i.email !== undefined) profile.email = i.email;
  if (i.description !== undefined) profile.description = i.description;
  const image = imageUrl(i.image);
  if (image !== undefined) profile.image = image;
  // Hosted assertions live on the gateway, not on the issuer's own site: allow its origin.
  profile.verification = ob2IssuerVerification(input.gatewayBase);
  profile.revocationList = ob2RevocationListUrl(input.gatewayBase, input.chainId, i.issuerId);
  return profile;
}

export function buildOb2RevocationList(input: {
  gatewayBase: string;
  chainId: number;
  issuerId: number;
  revoked: { uid: string; reason?: string }[];
}): Json {
  return {
    "@context": OB2_CONTEXT_URL,
    id: ob2RevocationListUrl(input.gatewayBase, input.chainId, input.issuerId),
    type: "RevocationList",
    issuer: ob2IssuerUrl(input.gatewayBase, input.chainId, input.issuerId),
    revokedAssertions: input.revoked.map((r) => ({
      id: ob2AssertionUrl(input.gatewayBase, input.chainId, r.uid),
      ...(r.reason ? { revocationReason: r.reason } : {}),
    })),
  };
}

/** The body served with HTTP 410 Gone for a revoked hosted assertion (OB 2.0 §hosted verification). */
export function buildOb2RevokedAssertionBody(input: { gatewayBase: string; chainId: number; uid: string; reason?: string }): Json {
  return {
    "@context": OB2_CONTEXT_URL,
    id: ob2AssertionUrl(input.gatewayBase, input.chainId, input.uid),
    revoked: true,
    ...(input.reason ? { revocationReason: input.reason } : {}),
  };
}
