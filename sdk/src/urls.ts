// The URL scheme of Chancery's hosted documents, in one place: the path templates the gateway
// declares its routes from, the builders that write those URLs into documents (ids, `badge`,
// `issuer`, `credentialStatus`, images) and the parsers that read them back (verifier, app, CLI).
// A route and the URLs pointing at it cannot drift apart: both come from PATHS below.
//
// A URL is `${gatewayBase}${path}`: the gateway base as normalizeGatewayBase writes it (http(s),
// no trailing slash, an optional path), then a template of PATHS with its `{parameters}` filled.
// Every parameter has one spelling (builders normalize to it, parsers accept nothing else):
//   chainId            decimal without leading zero, 1 … 2^53 − 1
//   issuerId, classId  decimal without leading zero, 1 … 4294967295 (uint32 on chain, from 1)
//   registry           the BadgeRegistry address, EIP-55 checksummed
//   uid, batchId       0x + 64 lower-case hex, not zero
//   key                the badge's AES key: 43 characters of canonical base64url
//   format             png | svg (the badge baked into its image)
//   publicKeyMultibase an Ed25519 public key as a Multikey: z6Mk + 44 base58 characters
//   list               a status list's number within its badge class, decimal from 0
//
// Each Ed25519 key an issuer registers is served as its own Multikey document at its own URL
// (ob3Key, no fragment), which is the `verificationMethod` of the proofs it signs: a plain HTTP GET
// of it gives the key, as Data Integrity verifiers with a stock loader expect. Badges signed before
// used `${issuer id}#${publicKeyMultibase}`, a method inside the issuer's Profile; both forms verify.
// A credential's status is a W3C BitstringStatusListEntry in a status list of its badge class (or of
// its Merkle batch), signed by the issuer; the issuer's 1EdTechRevocationList stays served.
import { getAddress, isAddress } from "viem";
import { keyFromString, keyToString } from "./crypto/envelope.ts";
import { ChanceryError, check } from "./errors.ts";
import {
  assertChainId,
  assertUint32Id,
  type Bytes32,
  type Deployment,
  normalizeAddress,
  normalizeBytes32,
  normalizeDeployment,
  normalizeGatewayBase,
} from "./ids.ts";

// ---------------------------------------------------------------------------------------------
// Templates and parameters

/** Every path a Chancery gateway serves documents under. `{name}` is a parameter (URL_PARAMS). */
export const PATHS = {
  /** OB 2.0 hosted Assertion (what the chain knows). */
  ob2Assertion: "/ob2/assertions/{chainId}/{uid}",
  /** The hosted Assertion baked into the class's image (payload: the hosted Assertion URL). */
  ob2AssertionImage: "/ob2/assertions/{chainId}/{uid}.{format}",
  /** The complete Assertion of a badge published encrypted ("100 % on chain"): its key in the path. */
  ob2KeyedAssertion: "/ob2/assertions/{chainId}/{uid}/{key}",
  /** The keyed Assertion baked into the class's image (payload: the keyed URL). */
  ob2KeyedAssertionImage: "/ob2/assertions/{chainId}/{uid}/{key}.{format}",
  /**
   * The claim URL of a badge awarded to an e-mail address: the hosted Assertion with the recipient's
   * salted e-mail hash (as in the signed credential), vouched for by the gateway that minted `claim`
   * after checking the credential against the badge's on-chain hash (see hosted/claims.ts).
   */
  ob2ClaimedAssertion: "/ob2/assertions/{chainId}/{uid}/claim/{claim}",
  /** Where a claim URL is minted: POST the credential (not a document: answers `{ claimUrl }`). */
  ob2ClaimRequest: "/ob2/claims/{chainId}",
  /** A wallet as an OB 2.0 `url` recipient identity (backpacks take https URLs, not did:pkh). */
  ob2Recipient: "/ob2/recipients/{chainId}/{wallet}",
  /** OB 2.0 BadgeClass. */
  ob2BadgeClass: "/ob2/badges/{chainId}/{classId}",
  /** The class's image (its own PNG / SVG, or one drawn by the gateway). */
  ob2BadgeClassImage: "/ob2/badges/{chainId}/{classId}/image",
  /** OB 2.0 Issuer Profile. */
  ob2Issuer: "/ob2/issuers/{chainId}/{issuerId}",
  /** OB 2.0 RevocationList of an issuer. */
  ob2RevocationList: "/ob2/issuers/{chainId}/{issuerId}/revocations",
  /** OB 3.0 issuer Profile, also the controller document of its Ed25519 keys. */
  ob3Issuer: "/ob3/issuers/{chainId}/{registry}/{issuerId}",
  /** `credentialStatus.id` of an issuer's credentials (1EdTechRevocationList). */
  ob3Status: "/ob3/status/{chainId}/{registry}/{issuerId}",
  /** `credentialStatus.id` of the credentials of one Merkle batch. */
  ob3BatchStatus: "/ob3/status/{chainId}/{registry}/{issuerId}/{batchId}",
  /** A credential's `id`: names its badge's uid (not served: the credential lives with its holder). */
  ob3Credential: "/ob3/credentials/{chainId}/{registry}/{uid}",
  /** One registered Ed25519 key of an issuer as a Multikey document: the proofs' `verificationMethod`. */
  ob3Key: "/ob3/keys/{chainId}/{registry}/{issuerId}/{publicKeyMultibase}",
  /** A BitstringStatusListCredential of a badge class (`list` counts from 0), signed by its issuer. */
  ob3StatusList: "/ob3/status-lists/{chainId}/{registry}/{issuerId}/classes/{classId}/{list}",
  /** The BitstringStatusListCredential of one Merkle batch, signed by its issuer. */
  ob3BatchStatusList: "/ob3/status-lists/{chainId}/{registry}/{issuerId}/batches/{batchId}",
  /**
   * The signed credential of a badge published encrypted, as JSON ("add from URL" wallets): its key
   * in the path, served decrypted for that one answer, like the keyed Assertion.
   */
  ob3KeyedCredential: "/ob3/credentials/{chainId}/{registry}/{uid}/{key}",
  /** An OpenID4VCI credential issuer: one per badge class (its display is the class's and its issuer's). Not served itself. */
  oid4vciIssuer: "/oid4vci/{chainId}/{registry}/{classId}",
  /** Its metadata, where OpenID4VCI 1.0 puts it (the well-known part before the issuer's path). */
  oid4vciIssuerMetadata: "/.well-known/openid-credential-issuer/oid4vci/{chainId}/{registry}/{classId}",
  /** Its OAuth authorization server metadata (RFC 8414 form): the pre-authorized code grant only. */
  oid4vciAuthorizationServer: "/.well-known/oauth-authorization-server/oid4vci/{chainId}/{registry}/{classId}",
  /** The token endpoint (POST): a pre-authorized code (and its PIN) for an access token. */
  oid4vciToken: "/oid4vci/{chainId}/{registry}/{classId}/token",
  /** The credential endpoint (POST): the access token for the signed credential. */
  oid4vciCredential: "/oid4vci/{chainId}/{registry}/{classId}/credential",
  /** Where a holder of a badge's key asks for a credential offer (POST `{ uid, key }`: not a document). */
  oid4vciOfferRequest: "/oid4vci/{chainId}/offers",
  /** Where an issuer's signer POSTs signed award e-mails (not a document: answers each recipient's outcome; sdk/src/mail). */
  mailAwards: "/mail/awards/{chainId}",
} as const;

export type UrlKind = keyof typeof PATHS;

/** The baked images a hosted Assertion has. */
export const IMAGE_FORMATS = ["png", "svg"] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/**
 * A regular expression source (no anchors) for the decimal integers 1 … max written without a
 * leading zero: JSON Schema has no "integer in a string", so ranges become patterns.
 */
export function decimalRangePattern(max: number): string {
  check(Number.isSafeInteger(max) && max >= 1, `max must be a positive safe integer; got ${String(max)}.`);
  const digits = String(max);
  const n = digits.length;
  const digitClass = (low: number, high: number) => (low === high ? String(low) : `[${low}-${high}]`);
  const any = (count: number) => (count === 0 ? "" : count === 1 ? "[0-9]" : `[0-9]{${count}}`);
  const alternatives: string[] = [];
  if (n > 1) alternatives.push(`[1-9]${n > 2 ? `[0-9]{0,${n - 2}}` : ""}`); // fewer digits than max
  for (let i = 0; i < n; i++) {
    const low = i === 0 ? 1 : 0;
    const d = Number(digits[i]);
    if (d - 1 >= low) alternatives.push(`${digits.slice(0, i)}${digitClass(low, d - 1)}${any(n - i - 1)}`);
  }
  alternatives.push(digits);
  return alternatives.join("|");
}

const UINT32_MAX = 0xffff_ffff;
const ZERO_BYTES32 = `0x${"0".repeat(64)}`;

/** What each parameter is: its one spelling (`pattern`, no anchors) and its name in messages. */
export const URL_PARAMS = {
  chainId: {
    pattern: decimalRangePattern(Number.MAX_SAFE_INTEGER),
    what: "chain id",
    rule: "a positive decimal integer without leading zero",
  },
  registry: { pattern: "0x[0-9a-fA-F]{40}", what: "registry", rule: "a 0x address (40 hex digits) in its EIP-55 checksummed form" },
  issuerId: {
    pattern: decimalRangePattern(UINT32_MAX),
    what: "issuer id",
    rule: `an integer between 1 and ${UINT32_MAX} without leading zero`,
  },
  classId: {
    pattern: decimalRangePattern(UINT32_MAX),
    what: "badge class id",
    rule: `an integer between 1 and ${UINT32_MAX} without leading zero`,
  },
  uid: { pattern: "0x[0-9a-f]{64}", what: "uid", rule: "a bytes32 uid in lower-case hex (0x + 64 digits), not zero" },
  batchId: { pattern: "0x[0-9a-f]{64}", what: "batch id", rule: "a bytes32 in lower-case hex (0x + 64 digits), not zero" },
  // 32 bytes are 43 base64url characters whose last one carries 2 unused bits, which must be zero.
  key: { pattern: "[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]", what: "badge key", rule: "43 characters of canonical base64url" },
  format: { pattern: IMAGE_FORMATS.join("|"), what: "image format", rule: IMAGE_FORMATS.join(" or ") },
  publicKeyMultibase: {
    pattern: "z6Mk[1-9A-HJ-NP-Za-km-z]{44}",
    what: "public key",
    rule: "an Ed25519 Multikey (z6Mk + 44 base58 characters)",
  },
  wallet: { pattern: "0x[0-9a-fA-F]{40}", what: "wallet", rule: "a 0x address (40 hex digits) in its EIP-55 checksummed form" },
  claim: { pattern: "[A-Za-z0-9_-]{87,151}", what: "claim", rule: "a claim token of 87 to 151 base64url characters" },
  list: {
    pattern: `0|${decimalRangePattern(UINT32_MAX)}`,
    what: "status list number",
    rule: `an integer between 0 and ${UINT32_MAX} without leading zero`,
  },
} as const;

export type UrlParam = keyof typeof URL_PARAMS;

/** The parameter names of a template, as a type: "/a/{x}/{y}" → "x" | "y". */
type ParamsOf<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? (P & UrlParam) | ParamsOf<Rest> : never;

/** What a builder takes for each parameter (normalized: an address in any case, a bytes32 in any case). */
interface ParamInput {
  chainId: number;
  registry: string;
  issuerId: number;
  classId: number;
  uid: string;
  batchId: string;
  key: string;
  format: ImageFormat;
  publicKeyMultibase: string;
  list: number;
  wallet: string;
  claim: string;
}

/** What a parser gives back for each parameter (in its one spelling). */
interface ParamOutput {
  chainId: number;
  registry: `0x${string}`;
  issuerId: number;
  classId: number;
  uid: Bytes32;
  batchId: Bytes32;
  key: string;
  format: ImageFormat;
  publicKeyMultibase: string;
  list: number;
  wallet: `0x${string}`;
  claim: string;
}

export type UrlParams<K extends UrlKind> = Pick<ParamInput, ParamsOf<(typeof PATHS)[K]>>;
export type ParsedUrlParams<K extends UrlKind> = Pick<ParamOutput, ParamsOf<(typeof PATHS)[K]>>;

/** A parsed Chancery URL: its kind, the gateway base and the parameters of its template. */
export type ParsedHostedUrl = { [K in UrlKind]: { kind: K; gatewayBase: string } & ParsedUrlParams<K> }[UrlKind];

/** The parameter names of a template, in the order they appear. */
export function pathParams(kind: UrlKind): UrlParam[] {
  return [...PATHS[kind].matchAll(/\{(\w+)\}/g)].map((m) => m[1] as UrlParam);
}

/** The JSON Schema of one parameter: a string in its one spelling (uid and batchId: not zero). */
export type UrlParamSchema = { type: "string"; pattern: string; not?: { const: string } };

/**
 * The JSON Schema of a template's parameters, in URL order: what a router validates before a
 * handler runs. The EIP-55 checksum of `registry` cannot be written in JSON Schema: parsers and
 * handlers check it.
 */
export function pathParamsSchema(kind: UrlKind): { type: "object"; properties: Record<string, UrlParamSchema>; required: string[] } {
  const names = pathParams(kind);
  const schema = (name: UrlParam): UrlParamSchema => ({
    type: "string",
    pattern: `^(?:${URL_PARAMS[name].pattern})$`,
    ...(name === "uid" || name === "batchId" ? { not: { const: ZERO_BYTES32 } } : {}),
  });
  return { type: "object", properties: Object.fromEntries(names.map((name) => [name, schema(name)])), required: names };
}

// ---------------------------------------------------------------------------------------------
// Building

function normalizeParam(name: UrlParam, value: unknown): string {
  switch (name) {
    case "chainId":
      assertChainId(value);
      return String(value);
    case "issuerId":
    case "classId":
      assertUint32Id(value, name);
      return String(value);
    case "registry":
      return normalizeAddress(value, "registry");
    case "wallet":
      return normalizeAddress(value, "wallet");
    case "claim":
      check(
        typeof value === "string" && new RegExp(`^(?:${URL_PARAMS.claim.pattern})$`).test(value),
        `claim must be ${URL_PARAMS.claim.rule}; got ${JSON.stringify(value)}.`,
      );
      return value as string;
    case "uid":
    case "batchId":
      return normalizeBytes32(value, name, true);
    case "key":
      // The sdk's one key parser (a CryptoError "bad-key" that says what is wrong with it).
      return keyToString(keyFromString(value as string));
    case "list":
      check(
        Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= UINT32_MAX,
        `list must be ${URL_PARAMS.list.rule}; got ${JSON.stringify(value)}.`,
      );
      return String(value);
    case "publicKeyMultibase":
      check(
        typeof value === "string" && new RegExp(`^(?:${URL_PARAMS.publicKeyMultibase.pattern})$`).test(value),
        `publicKeyMultibase must be ${URL_PARAMS.publicKeyMultibase.rule}; got ${JSON.stringify(value)}.`,
      );
      return value as string;
    case "format":
      check(
        (IMAGE_FORMATS as readonly unknown[]).includes(value),
        `format must be ${URL_PARAMS.format.rule}; got ${JSON.stringify(value)}.`,
      );
      return value as string;
  }
}

/** The path of a document (no gateway base), from its template and parameters (validated). */
export function hostedPath<K extends UrlKind>(kind: K, params: UrlParams<K>): string {
  const values = params as Record<string, unknown>;
  return PATHS[kind].replace(/\{(\w+)\}/g, (_, name: UrlParam) => normalizeParam(name, values[name]));
}

/** The URL of a document on a gateway: `${gatewayBase}${hostedPath(kind, params)}`. */
export function hostedUrl<K extends UrlKind>(gatewayBase: string, kind: K, params: UrlParams<K>): string {
  return `${normalizeGatewayBase(gatewayBase)}${hostedPath(kind, params)}`;
}

// OB 3.0 -----------------------------------------------------------------------------------------

/** The OB 3.0 issuer id: its Profile and the controller document of its keys. */
export function issuerProfileId(gatewayBase: string, deployment: Deployment, issuerId: number): string {
  const { chainId, registry } = normalizeDeployment(deployment);
  assertUint32Id(issuerId, "issuerId");
  return hostedUrl(gatewayBase, "ob3Issuer", { chainId, registry, issuerId });
}

const MULTIKEY_ED25519 = /^z6Mk[1-9A-HJ-NP-Za-km-z]+$/;

/** `${issuerProfileId}#${publicKeyMultibase}` */
export function verificationMethodId(issuerId: string, publicKeyMultibase: string): string {
  check(
    typeof issuerId === "string" && !issuerId.includes("#"),
    `issuer id must be a URL without a fragment; got ${JSON.stringify(issuerId)}.`,
  );
  check(
    MULTIKEY_ED25519.test(publicKeyMultibase),
    `publicKeyMultibase must be an Ed25519 Multikey (z6Mk…); got ${JSON.stringify(publicKeyMultibase)}.`,
  );
  return `${issuerId}#${publicKeyMultibase}`;
}

/** The proofs' `verificationMethod` for one of an issuer's keys: its own Multikey document (ob3Key). */
export function verificationMethodUrl(gatewayBase: string, deployment: Deployment, issuerId: number, publicKeyMultibase: string): string {
  const { chainId, registry } = normalizeDeployment(deployment);
  return hostedUrl(gatewayBase, "ob3Key", { chainId, registry, issuerId, publicKeyMultibase });
}

/** What a verification method URL of ours names, or undefined for any other URL. */
export function parseVerificationMethodUrl(
  url: unknown,
): { gatewayBase: string; deployment: Deployment; issuerId: number; publicKeyMultibase: string } | undefined {
  try {
    const p = parseHostedUrl(url, ["ob3Key"]);
    return {
      gatewayBase: p.gatewayBase,
      deployment: { chainId: p.chainId, registry: p.registry },
      issuerId: p.issuerId,
      publicKeyMultibase: p.publicKeyMultibase,
    };
  } catch {
    return undefined;
  }
}

/** The status list a badge of `classId` (not batched) is in: `list` counts from 0. */
export function statusListUrl(gatewayBase: string, deployment: Deployment, issuerId: number, classId: number, list: number): string {
  const { chainId, registry } = normalizeDeployment(deployment);
  return hostedUrl(gatewayBase, "ob3StatusList", { chainId, registry, issuerId, classId, list });
}

/** The status list of the badges of one Merkle batch. */
export function batchStatusListUrl(gatewayBase: string, deployment: Deployment, issuerId: number, batchId: string): string {
  const { chainId, registry } = normalizeDeployment(deployment);
  return hostedUrl(gatewayBase, "ob3BatchStatusList", { chainId, registry, issuerId, batchId });
}

export const REVOCATION_LIST_TYPE = "1EdTechRevocationList";

/** `credentialStatus.id`: the issuer's revocation list, or that of one Merkle batch. */
export function statusUrl(gatewayBase: string, deployment: Deployment, issuerId: number, batchId?: string): string {
  const { chainId, registry } = normalizeDeployment(deployment);
  assertUint32Id(issuerId, "issuerId");
  return batchId === undefined
    ? hostedUrl(gatewayBase, "ob3Status", { chainId, registry, issuerId })
    : hostedUrl(gatewayBase, "ob3BatchStatus", { chainId, registry, issuerId, batchId });
}

/** The credential's `credentialStatus` entry. */
export function credentialStatusEntry(
  gatewayBase: string,
  deployment: Deployment,
  issuerId: number,
  batchId?: string,
): { id: string; type: typeof REVOCATION_LIST_TYPE } {
  return { id: statusUrl(gatewayBase, deployment, issuerId, batchId), type: REVOCATION_LIST_TYPE };
}

/**
 * Our credentials' `id`: `${base}/ob3/credentials/${chainId}/${registry}/${uid}`. The credential
 * hash leaves `id` out (see anchor/hash.ts), so the id can name the badge's own uid; standard OB 3.0
 * verifiers then find a revoked badge in the 1EdTechRevocationList by the credential's id.
 */
export function credentialUrl(gatewayBase: string, deployment: Deployment, uid: string): string {
  const { chainId, registry } = normalizeDeployment(deployment);
  return hostedUrl(gatewayBase, "ob3Credential", { chainId, registry, uid });
}

/**
 * The "add from URL" form of a badge published encrypted: the signed credential itself, opened by
 * the key in the path. Whoever holds it can read the whole credential, like the share link.
 */
export function ob3KeyedCredentialUrl(gatewayBase: string, deployment: Deployment, uid: string, key: string): string {
  const { chainId, registry } = normalizeDeployment(deployment);
  return hostedUrl(gatewayBase, "ob3KeyedCredential", { chainId, registry, uid, key });
}

/** The OpenID4VCI credential issuer identifier of a badge class (the `credential_issuer` of its offers). */
export function oid4vciIssuerUrl(gatewayBase: string, deployment: Deployment, classId: number): string {
  const { chainId, registry } = normalizeDeployment(deployment);
  return hostedUrl(gatewayBase, "oid4vciIssuer", { chainId, registry, classId });
}

// OB 2.0 -----------------------------------------------------------------------------------------

/**
 * `?batch={batchId}`: how the OB 2.0 URLs of a badge inside a Merkle batch name its batch. The chain
 * stores only the batch (its root), not each badge's uid, so without it a gateway would have to scan
 * events to find the badge; with it, the badge is read from its batch in O(1) calls, and the answer
 * follows the anchor the credential names even when the same uid is also recorded elsewhere.
 */
export const BATCH_QUERY = "batch";

function withBatch(url: string, batchId: string | undefined): string {
  return batchId === undefined ? url : `${url}?${BATCH_QUERY}=${normalizeParam("batchId", batchId)}`;
}

/** The hosted Assertion: `${base}/ob2/assertions/{chainId}/{uid}`, plus `?batch={batchId}` for a badge inside a Merkle batch. */
export function ob2AssertionUrl(gatewayBase: string, chainId: number, uid: string, batchId?: string): string {
  return withBatch(hostedUrl(gatewayBase, "ob2Assertion", { chainId, uid }), batchId);
}

/**
 * The hosted URL of a badge published encrypted ("100 % on chain"), carrying its key in the path:
 * `${ob2AssertionUrl}/${key}`. Whoever holds it can read the whole credential, like the share link.
 */
export function ob2KeyedAssertionUrl(gatewayBase: string, chainId: number, uid: string, key: string): string {
  return hostedUrl(gatewayBase, "ob2KeyedAssertion", { chainId, uid, key });
}

/** The hosted Assertion baked into an image: `${ob2AssertionUrl}.png` (or of the keyed URL, given its key). */
export function ob2AssertionImageUrl(
  gatewayBase: string,
  chainId: number,
  uid: string,
  format: ImageFormat = "png",
  key?: string,
  batchId?: string,
): string {
  return withBatch(
    key === undefined
      ? hostedUrl(gatewayBase, "ob2AssertionImage", { chainId, uid, format })
      : hostedUrl(gatewayBase, "ob2KeyedAssertionImage", { chainId, uid, key, format }),
    batchId,
  );
}

/**
 * The claim URL of a badge awarded to an e-mail address (`claim`: the token a gateway minted, see
 * hosted/claims.ts). No `?batch=`: the gateway finds a batched badge with its batch index, which
 * keeps the URL within the 254 characters Badgr's lineage stores for an imported badge.
 */
export function ob2ClaimUrl(gatewayBase: string, chainId: number, uid: string, claim: string): string {
  return hostedUrl(gatewayBase, "ob2ClaimedAssertion", { chainId, uid, claim });
}

/** What a claim URL names, or undefined for any other URL. */
export function parseOb2ClaimUrl(url: unknown): { gatewayBase: string; chainId: number; uid: Bytes32; claim: string } | undefined {
  try {
    const p = parseHostedUrl(url, ["ob2ClaimedAssertion"]);
    return { gatewayBase: p.gatewayBase, chainId: p.chainId, uid: p.uid, claim: p.claim };
  } catch {
    return undefined;
  }
}

/** A wallet as an OB 2.0 `url` identity: `${base}/ob2/recipients/{chainId}/{wallet}` (EIP-55). */
export function ob2RecipientUrl(gatewayBase: string, chainId: number, wallet: string): string {
  return hostedUrl(gatewayBase, "ob2Recipient", { chainId, wallet });
}

/** The wallet an OB 2.0 `url` identity of ours names, or undefined for any other identity. */
export function parseOb2RecipientUrl(url: unknown): { gatewayBase: string; chainId: number; wallet: `0x${string}` } | undefined {
  try {
    const p = parseHostedUrl(url, ["ob2Recipient"]);
    return { gatewayBase: p.gatewayBase, chainId: p.chainId, wallet: p.wallet };
  } catch {
    return undefined;
  }
}

export function ob2BadgeClassUrl(gatewayBase: string, chainId: number, classId: number): string {
  return hostedUrl(gatewayBase, "ob2BadgeClass", { chainId, classId });
}

/** The image of a badge class (its own PNG/SVG data, or one drawn by the gateway): `${ob2BadgeClassUrl}/image`. */
export function ob2BadgeClassImageUrl(gatewayBase: string, chainId: number, classId: number): string {
  return hostedUrl(gatewayBase, "ob2BadgeClassImage", { chainId, classId });
}

export function ob2IssuerUrl(gatewayBase: string, chainId: number, issuerId: number): string {
  return hostedUrl(gatewayBase, "ob2Issuer", { chainId, issuerId });
}

export function ob2RevocationListUrl(gatewayBase: string, chainId: number, issuerId: number): string {
  return hostedUrl(gatewayBase, "ob2RevocationList", { chainId, issuerId });
}

// ---------------------------------------------------------------------------------------------
// Parsing

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Each template as two regular expressions over a whole URL: `strict` accepts exactly what the
 * builders write; `loose` has the same shape with any text in the parameters, so that a URL of
 * the right shape with a wrong parameter is refused with a message naming the parameter.
 */
const MATCHERS = (Object.keys(PATHS) as UrlKind[])
  .map((kind) => {
    const parts = PATHS[kind].split(/\{(\w+)\}/); // literal, name, literal, name, …, literal
    const build = (param: (name: UrlParam, next: string) => string) =>
      new RegExp(
        `^(?<base>.+)${parts.map((part, i) => (i % 2 === 0 ? escapeRegExp(part) : param(part as UrlParam, parts[i + 1] ?? ""))).join("")}$`,
      );
    return {
      kind,
      names: pathParams(kind),
      strict: build((name) => `(?<${name}>${URL_PARAMS[name].pattern})`),
      // A parameter followed by "." (uid.png) stops at the dot; any other stops at the next "/".
      loose: build((name, next) => `(?<${name}>${next.startsWith(".") ? "[^/.]*" : "[^/]*"})`),
    };
  })
  // The most specific shapes first, so a refusal names the likeliest mistake.
  .sort((a, b) => PATHS[b.kind].length - PATHS[a.kind].length);

function invalidUrl(url: unknown, expected: string, reason?: string): ChanceryError {
  return new ChanceryError("invalid-url", `${JSON.stringify(url)} is not a Chancery ${expected}${reason ? ` (${reason})` : ""}.`, {
    details: { url },
  });
}

/** Why one parameter value is not in its one spelling, or undefined when it is. */
function paramProblem(name: UrlParam, value: string): string | undefined {
  const spec = URL_PARAMS[name];
  if (!new RegExp(`^(?:${spec.pattern})$`).test(value)) return `its ${spec.what} ${JSON.stringify(value)} is not ${spec.rule}`;
  if (name === "registry" && !isAddress(value, { strict: true })) return "the registry address has a bad EIP-55 checksum";
  if (name === "wallet" && !isAddress(value, { strict: true })) return "the wallet address has a bad EIP-55 checksum";
  if ((name === "uid" || name === "batchId") && value === ZERO_BYTES32) return `its ${spec.what} must not be zero`;
  return undefined;
}

function parseBase(candidate: string): string | undefined {
  try {
    return normalizeGatewayBase(candidate) === candidate ? candidate : undefined;
  } catch {
    return undefined;
  }
}

const DESCRIPTIONS: Record<UrlKind, string> = {
  ob2Assertion: "OB 2.0 hosted assertion URL",
  ob2AssertionImage: "baked assertion image URL",
  ob2KeyedAssertion: "keyed OB 2.0 assertion URL",
  ob2KeyedAssertionImage: "baked keyed assertion image URL",
  ob2ClaimedAssertion: "OB 2.0 claim URL",
  ob2ClaimRequest: "claim request URL",
  ob2Recipient: "OB 2.0 recipient URL",
  ob2BadgeClass: "OB 2.0 badge class URL",
  ob2BadgeClassImage: "badge class image URL",
  ob2Issuer: "OB 2.0 issuer URL",
  ob2RevocationList: "OB 2.0 revocation list URL",
  ob3Issuer: "OB 3.0 issuer id",
  ob3Status: "status URL",
  ob3BatchStatus: "status URL",
  ob3Credential: "credential id",
  ob3Key: "verification method URL",
  ob3StatusList: "status list URL",
  ob3BatchStatusList: "status list URL",
  ob3KeyedCredential: "keyed credential URL",
  oid4vciIssuer: "OpenID4VCI credential issuer",
  oid4vciIssuerMetadata: "OpenID4VCI issuer metadata URL",
  oid4vciAuthorizationServer: "OAuth authorization server metadata URL",
  oid4vciToken: "OpenID4VCI token endpoint",
  oid4vciCredential: "OpenID4VCI credential endpoint",
  oid4vciOfferRequest: "credential offer request URL",
  mailAwards: "award mail URL",
};

/**
 * What a Chancery URL names, for any of `kinds` (default: every kind). Strict: only what the
 * builders write is accepted (same base spelling, parameters in their one spelling), otherwise a
 * ChanceryError "invalid-url" says what is wrong, or which forms were expected.
 */
export function parseHostedUrl<K extends UrlKind = UrlKind>(
  url: unknown,
  kinds?: readonly K[],
  expected?: string,
): Extract<ParsedHostedUrl, { kind: K }> {
  const wanted = MATCHERS.filter((m) => !kinds || kinds.includes(m.kind as K));
  const what = expected ?? `URL (expected ${wanted.map((m) => `{base}${PATHS[m.kind]}`).join(" or ")})`;
  if (typeof url !== "string") throw invalidUrl(url, what);
  let problem: string | undefined;
  for (const matcher of wanted) {
    const m = matcher.strict.exec(url) ?? matcher.loose.exec(url);
    if (!m?.groups) continue;
    const groups: Record<string, string | undefined> = m.groups;
    const wrong = matcher.names.map((name) => paramProblem(name, groups[name] ?? "")).find((p) => p !== undefined);
    const gatewayBase = parseBase(groups.base ?? "");
    if (wrong || gatewayBase === undefined) {
      problem ??= wrong ?? "its gateway part is not a plain http(s) URL";
      continue;
    }
    const parsed: Record<string, unknown> = { kind: matcher.kind, gatewayBase };
    for (const name of matcher.names) {
      const value = groups[name] ?? "";
      parsed[name] =
        name === "chainId" || name === "issuerId" || name === "classId" || name === "list"
          ? Number(value)
          : name === "registry" || name === "wallet"
            ? getAddress(value)
            : value;
    }
    return parsed as Extract<ParsedHostedUrl, { kind: K }>;
  }
  throw invalidUrl(url, what, problem);
}

export interface ParsedIssuerProfileId {
  gatewayBase: string;
  deployment: Deployment;
  issuerId: number;
}

/** The (chainId, registry, issuerId) anchor named by an OB 3.0 issuer id. */
export function parseIssuerProfileId(url: unknown): ParsedIssuerProfileId {
  const p = parseHostedUrl(url, ["ob3Issuer"], `${DESCRIPTIONS.ob3Issuer} (expected {base}${PATHS.ob3Issuer})`);
  return { gatewayBase: p.gatewayBase, deployment: { chainId: p.chainId, registry: p.registry }, issuerId: p.issuerId };
}

export function parseVerificationMethodId(vmId: unknown): { controller: string; publicKeyMultibase: string } {
  const expected = "verification method id (expected {issuerId}#z6Mk…)";
  if (typeof vmId !== "string") throw invalidUrl(vmId, expected);
  const hash = vmId.indexOf("#");
  if (hash <= 0) throw invalidUrl(vmId, expected);
  const fragment = vmId.slice(hash + 1);
  if (!MULTIKEY_ED25519.test(fragment)) throw invalidUrl(vmId, expected);
  return { controller: vmId.slice(0, hash), publicKeyMultibase: fragment };
}

export interface StatusAnchor {
  gatewayBase: string;
  deployment: Deployment;
  issuerId: number;
  /** Set for a badge recorded in a Merkle batch. */
  batchId?: Bytes32;
}

/** Where to ask the chain about a credential: the anchor named by its `credentialStatus.id`. */
export function parseStatusUrl(url: unknown): StatusAnchor {
  const p = parseHostedUrl(
    url,
    ["ob3Status", "ob3BatchStatus"],
    `${DESCRIPTIONS.ob3Status} (expected {base}${PATHS.ob3Status}[/{batchId}])`,
  );
  const anchor: StatusAnchor = {
    gatewayBase: p.gatewayBase,
    deployment: { chainId: p.chainId, registry: p.registry },
    issuerId: p.issuerId,
  };
  if (p.kind === "ob3BatchStatus") anchor.batchId = p.batchId;
  return anchor;
}

/** What one of our credential ids names, or undefined for any other id (urn:uuid…, other issuers). */
export function parseCredentialUrl(id: unknown): { gatewayBase: string; deployment: Deployment; uid: Bytes32 } | undefined {
  try {
    const p = parseHostedUrl(id, ["ob3Credential"]);
    return { gatewayBase: p.gatewayBase, deployment: { chainId: p.chainId, registry: p.registry }, uid: p.uid };
  } catch {
    return undefined;
  }
}

export type Ob2Resource =
  /**
   * A hosted Assertion; `key` is set for the keyed URL of a badge published encrypted, `claim` for
   * the claim URL of a badge awarded to an e-mail address, `batchId` when the URL names the Merkle
   * batch the badge is recorded in (`?batch=`).
   */
  | { kind: "assertion"; gatewayBase: string; chainId: number; uid: Bytes32; key?: string; claim?: string; batchId?: Bytes32 }
  | { kind: "badge"; gatewayBase: string; chainId: number; classId: number }
  | { kind: "issuer"; gatewayBase: string; chainId: number; issuerId: number }
  | { kind: "revocations"; gatewayBase: string; chainId: number; issuerId: number };

/**
 * The `?batch=` of an assertion URL: exactly one query parameter, `batch`, in its one spelling.
 * Returns the URL without it. Any other query is refused (a URL is an id: one spelling only).
 */
function splitBatchQuery(url: string): { path: string; batchId?: Bytes32 } {
  const at = url.indexOf("?");
  if (at < 0) return { path: url };
  const query = url.slice(at + 1);
  const m = new RegExp(`^${BATCH_QUERY}=(?<batchId>[^&#]*)$`).exec(query);
  const expected = `OB 2.0 hosted assertion URL (expected {base}${PATHS.ob2Assertion}[?${BATCH_QUERY}={batchId}])`;
  if (!m?.groups) throw invalidUrl(url, expected, `its query must be ?${BATCH_QUERY}={batchId} alone`);
  const problem = paramProblem("batchId", m.groups.batchId ?? "");
  if (problem) throw invalidUrl(url, expected, problem);
  return { path: url.slice(0, at), batchId: m.groups.batchId as Bytes32 };
}

/** What an OB 2.0 hosted document URL names (plain or keyed assertion, badge class, issuer, revocation list). */
export function parseOb2Url(url: unknown): Ob2Resource {
  const split: { path: unknown; batchId?: Bytes32 } = typeof url === "string" ? splitBatchQuery(url) : { path: url };
  const batch = split.batchId ? { batchId: split.batchId } : {};
  const p = parseHostedUrl(
    split.path,
    ["ob2Assertion", "ob2KeyedAssertion", "ob2ClaimedAssertion", "ob2BadgeClass", "ob2Issuer", "ob2RevocationList"],
    "OB 2.0 hosted URL (expected {base}/ob2/{assertions|badges|issuers}/{chainId}/…)",
  );
  const { gatewayBase, chainId } = p;
  switch (p.kind) {
    case "ob2Assertion":
      return { kind: "assertion", gatewayBase, chainId, uid: p.uid, ...batch };
    case "ob2KeyedAssertion":
      return { kind: "assertion", gatewayBase, chainId, uid: p.uid, key: p.key, ...batch };
    case "ob2ClaimedAssertion":
      return { kind: "assertion", gatewayBase, chainId, uid: p.uid, claim: p.claim, ...batch };
  }
  if (split.batchId) throw invalidUrl(url, "OB 2.0 hosted URL", `only an assertion URL carries ?${BATCH_QUERY}=`);
  switch (p.kind) {
    case "ob2BadgeClass":
      return { kind: "badge", gatewayBase, chainId, classId: p.classId };
    case "ob2Issuer":
      return { kind: "issuer", gatewayBase, chainId, issuerId: p.issuerId };
    case "ob2RevocationList":
      return { kind: "revocations", gatewayBase, chainId, issuerId: p.issuerId };
  }
}
