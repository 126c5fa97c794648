// Chancery's fixed naming conventions. Other parts (contracts tooling, gateway, frontend,
// verifier) build and parse the same strings, so everything here is strict: builders validate
// their inputs and parsers reject anything that is not exactly what a builder would produce.
//
// A deployment is `{ chainId, registry }` (the BadgeRegistry address; it also holds the
// IssuerRegistry). The gateway base URL (e.g. "https://badges.example.org", no trailing slash)
// is a parameter: it names where documents are served, never what they mean — the chain does.
//
// URLs (base = gateway base, registry = EIP-55 checksummed address, ids in decimal, bytes32 as
// 0x + 64 lower-case hex):
//   OB 3.0 issuer Profile id = controller document id:
//                                    ${base}/ob3/issuers/${chainId}/${registry}/${issuerId}
//   its verification methods:        ${issuerProfileId}#${publicKeyMultibase}   (Ed25519 Multikey, z6Mk…)
//   credentialStatus.id:             ${base}/ob3/status/${chainId}/${registry}/${issuerId}[/${batchId}]
//                                    type "1EdTechRevocationList" (a standard type third-party
//                                    verifiers can fetch; our sdk parses the URL and asks the chain)
//   OB 2.0 hosted Assertion:         ${base}/ob2/assertions/${chainId}/${uid}
//   OB 2.0 BadgeClass:               ${base}/ob2/badges/${chainId}/${classId}
//   OB 2.0 Issuer Profile:           ${base}/ob2/issuers/${chainId}/${issuerId}
//   OB 2.0 RevocationList:           ${base}/ob2/issuers/${chainId}/${issuerId}/revocations
//   credential id:                   urn:uuid:<random v4>
//   recipient wallet:                did:pkh:eip155:${chainId}:${checksummed wallet}
import { getAddress, isAddress } from "viem";
import { ChanceryError, check } from "./documents/errors.ts";

export type Address = `0x${string}`;
export type Bytes32 = `0x${string}`;

/** Where badges are anchored: a chain and the BadgeRegistry contract on it. */
export interface Deployment {
  chainId: number;
  registry: Address;
}

const UINT32_MAX = 0xffff_ffff;
const BYTES32 = /^0x[0-9a-f]{64}$/;
const ZERO_BYTES32 = `0x${"0".repeat(64)}`;

// ---------------------------------------------------------------------------------------------
// Scalar checks

export function assertChainId(chainId: unknown): asserts chainId is number {
  check(
    typeof chainId === "number" && Number.isSafeInteger(chainId) && chainId > 0,
    `chainId must be a positive integer (e.g. 1 for Ethereum, 31337 for a local Hardhat node); got ${String(chainId)}.`,
  );
}

/** Issuer and badge class ids are uint32 on chain and start at 1. */
export function assertUint32Id(value: unknown, what: string): asserts value is number {
  check(
    typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= UINT32_MAX,
    `${what} must be an integer between 1 and ${UINT32_MAX} (ids on chain are uint32 starting at 1); got ${String(value)}.`,
  );
}

/** EIP-55 checksummed form of an address; throws for anything that is not a 20-byte hex address. */
export function normalizeAddress(value: unknown, what = "address"): Address {
  check(
    typeof value === "string" && isAddress(value, { strict: false }),
    `${what} must be a 0x-prefixed 20-byte hex address; got ${JSON.stringify(value)}.`,
  );
  return getAddress(value);
}

/** Lower-case 0x + 64 hex; throws otherwise. `nonZero` for ids the contract rejects when zero. */
export function normalizeBytes32(value: unknown, what: string, nonZero = false): Bytes32 {
  check(typeof value === "string" && /^0x[0-9a-fA-F]{64}$/.test(value), `${what} must be 0x followed by 64 hex digits (a bytes32); got ${JSON.stringify(value)}.`);
  const lower = value.toLowerCase() as Bytes32;
  check(!nonZero || lower !== ZERO_BYTES32, `${what} must not be zero.`);
  return lower;
}

export function normalizeDeployment(deployment: unknown): Deployment {
  check(deployment !== null && typeof deployment === "object", "deployment must be an object { chainId, registry }.");
  const d = deployment as Partial<Deployment>;
  assertChainId(d.chainId);
  return { chainId: d.chainId, registry: normalizeAddress(d.registry, "deployment.registry") };
}

/**
 * The gateway base URL without a trailing slash. Must be http(s) with no query or fragment,
 * because every Chancery URL is `${base}/…` and is compared as a string.
 */
export function normalizeGatewayBase(base: unknown): string {
  check(typeof base === "string" && base.length > 0, "gatewayBase must be a URL string such as \"https://badges.example.org\".");
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new ChanceryError("invalid-input", `gatewayBase ${JSON.stringify(base)} is not a valid URL; use e.g. "https://badges.example.org".`);
  }
  check(url.protocol === "https:" || url.protocol === "http:", `gatewayBase must use https (or http for local development); got ${JSON.stringify(base)}.`);
  check(url.search === "" && url.hash === "" && !base.includes("?") && !base.includes("#"), `gatewayBase must not have a query or fragment; got ${JSON.stringify(base)}.`);
  check(url.username === "" && url.password === "", "gatewayBase must not contain credentials.");
  return (url.origin + url.pathname).replace(/\/+$/, "");
}

/** The host (with port, if any) of the gateway: what OB 2.0 `verification.allowedOrigins` lists. */
export function gatewayHost(base: string): string {
  return new URL(normalizeGatewayBase(base)).host;
}

// ---------------------------------------------------------------------------------------------
// OB 3.0 issuer (Profile + controller document) and its verification methods

export function issuerProfileId(gatewayBase: string, deployment: Deployment, issuerId: number): string {
  const base = normalizeGatewayBase(gatewayBase);
  const d = normalizeDeployment(deployment);
  assertUint32Id(issuerId, "issuerId");
  return `${base}/ob3/issuers/${d.chainId}/${d.registry}/${issuerId}`;
}

export interface ParsedIssuerProfileId {
  gatewayBase: string;
  deployment: Deployment;
  issuerId: number;
}

const DECIMAL_ID = "([1-9][0-9]{0,9})";
const ADDRESS_SEG = "(0x[0-9a-fA-F]{40})";
const ISSUER_RE = new RegExp(`^(.+)/ob3/issuers/${DECIMAL_ID}/${ADDRESS_SEG}/${DECIMAL_ID}$`);
const STATUS_RE = new RegExp(`^(.+)/ob3/status/${DECIMAL_ID}/${ADDRESS_SEG}/${DECIMAL_ID}(?:/(0x[0-9a-f]{64}))?$`);

function invalidUrl(url: unknown, expected: string): ChanceryError {
  return new ChanceryError("invalid-url", `${JSON.stringify(url)} is not a Chancery ${expected}.`, { details: { url } });
}

function parseBase(candidate: string, url: string, expected: string): string {
  try {
    const base = normalizeGatewayBase(candidate);
    if (base !== candidate) throw invalidUrl(url, expected);
    return base;
  } catch {
    throw invalidUrl(url, `${expected} (its gateway part is not a plain http(s) URL)`);
  }
}

function parseId(text: string, url: string, expected: string, what: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1 || n > UINT32_MAX) throw invalidUrl(url, `${expected} (${what} ${text} is out of the uint32 range)`);
  return n;
}

/** The (chainId, registry, issuerId) anchor named by an OB 3.0 issuer id. */
export function parseIssuerProfileId(url: unknown): ParsedIssuerProfileId {
  const expected = "OB 3.0 issuer id (expected ${base}/ob3/issuers/${chainId}/${registry}/${issuerId})";
  if (typeof url !== "string") throw invalidUrl(url, expected);
  const m = ISSUER_RE.exec(url);
  if (!m) throw invalidUrl(url, expected);
  const registry = m[3]!;
  if (!isAddress(registry, { strict: true })) throw invalidUrl(url, `${expected} (the registry address has a bad EIP-55 checksum)`);
  return {
    gatewayBase: parseBase(m[1]!, url, expected),
    deployment: { chainId: parseId(m[2]!, url, expected, "chainId"), registry: getAddress(registry) },
    issuerId: parseId(m[4]!, url, expected, "issuerId"),
  };
}

/** `${issuerProfileId}#${publicKeyMultibase}` */
export function verificationMethodId(issuerId: string, publicKeyMultibase: string): string {
  check(typeof issuerId === "string" && !issuerId.includes("#"), `issuer id must be a URL without a fragment; got ${JSON.stringify(issuerId)}.`);
  check(/^z6Mk[1-9A-HJ-NP-Za-km-z]+$/.test(publicKeyMultibase), `publicKeyMultibase must be an Ed25519 Multikey (z6Mk…); got ${JSON.stringify(publicKeyMultibase)}.`);
  return `${issuerId}#${publicKeyMultibase}`;
}

export function parseVerificationMethodId(vmId: unknown): { controller: string; publicKeyMultibase: string } {
  const expected = "verification method id (expected ${issuerId}#z6Mk…)";
  if (typeof vmId !== "string") throw invalidUrl(vmId, expected);
  const hash = vmId.indexOf("#");
  if (hash <= 0) throw invalidUrl(vmId, expected);
  const fragment = vmId.slice(hash + 1);
  if (!/^z6Mk[1-9A-HJ-NP-Za-km-z]+$/.test(fragment)) throw invalidUrl(vmId, expected);
  return { controller: vmId.slice(0, hash), publicKeyMultibase: fragment };
}

// ---------------------------------------------------------------------------------------------
// credentialStatus

export const REVOCATION_LIST_TYPE = "1EdTechRevocationList";

export interface StatusAnchor {
  gatewayBase: string;
  deployment: Deployment;
  issuerId: number;
  /** Set for a badge recorded in a Merkle batch. */
  batchId?: Bytes32;
}

export function statusUrl(gatewayBase: string, deployment: Deployment, issuerId: number, batchId?: string): string {
  const base = `${normalizeGatewayBase(gatewayBase)}/ob3/status`;
  const d = normalizeDeployment(deployment);
  assertUint32Id(issuerId, "issuerId");
  const tail = batchId === undefined ? "" : `/${normalizeBytes32(batchId, "batchId", true)}`;
  return `${base}/${d.chainId}/${d.registry}/${issuerId}${tail}`;
}

/** The credential's `credentialStatus` entry. */
export function credentialStatusEntry(gatewayBase: string, deployment: Deployment, issuerId: number, batchId?: string): { id: string; type: typeof REVOCATION_LIST_TYPE } {
  return { id: statusUrl(gatewayBase, deployment, issuerId, batchId), type: REVOCATION_LIST_TYPE };
}

/** Where to ask the chain about a credential: the anchor named by its `credentialStatus.id`. */
export function parseStatusUrl(url: unknown): StatusAnchor {
  const expected = "status URL (expected ${base}/ob3/status/${chainId}/${registry}/${issuerId}[/${batchId}])";
  if (typeof url !== "string") throw invalidUrl(url, expected);
  const m = STATUS_RE.exec(url);
  if (!m) throw invalidUrl(url, expected);
  const registry = m[3]!;
  if (!isAddress(registry, { strict: true })) throw invalidUrl(url, `${expected} (the registry address has a bad EIP-55 checksum)`);
  const anchor: StatusAnchor = {
    gatewayBase: parseBase(m[1]!, url, expected),
    deployment: { chainId: parseId(m[2]!, url, expected, "chainId"), registry: getAddress(registry) },
    issuerId: parseId(m[4]!, url, expected, "issuerId"),
  };
  if (m[5] !== undefined) {
    if (m[5] === ZERO_BYTES32) throw invalidUrl(url, `${expected} (batchId must not be zero)`);
    anchor.batchId = m[5] as Bytes32;
  }
  return anchor;
}

// ---------------------------------------------------------------------------------------------
// Credential ids

/**
 * Our credentials' `id`: `${base}/ob3/credentials/${chainId}/${registry}/${uid}`. The credential
 * hash leaves `id` out (see anchor/hash.ts), so the id can name the badge's own uid; standard OB 3.0
 * verifiers then find a revoked badge in the 1EdTechRevocationList by the credential's id.
 */
export function credentialUrl(gatewayBase: string, deployment: Deployment, uid: string): string {
  const d = normalizeDeployment(deployment);
  return `${normalizeGatewayBase(gatewayBase)}/ob3/credentials/${d.chainId}/${d.registry}/${normalizeBytes32(uid, "uid", true)}`;
}

const CREDENTIAL_RE = new RegExp(`^(.+)/ob3/credentials/${DECIMAL_ID}/(0x[0-9a-fA-F]{40})/(0x[0-9a-f]{64})$`);

/** What one of our credential ids names, or undefined for any other id (urn:uuid…, other issuers). */
export function parseCredentialUrl(id: unknown): { gatewayBase: string; deployment: Deployment; uid: Bytes32 } | undefined {
  if (typeof id !== "string") return undefined;
  const m = CREDENTIAL_RE.exec(id);
  if (!m || !isAddress(m[3]!, { strict: true }) || m[4] === ZERO_BYTES32) return undefined;
  const expected = "credential id";
  return {
    gatewayBase: parseBase(m[1]!, id, expected),
    deployment: { chainId: parseId(m[2]!, id, expected, "chainId"), registry: getAddress(m[3]!) },
    uid: m[4] as Bytes32,
  };
}

// ---------------------------------------------------------------------------------------------
// OB 2.0 hosted documents (served by the gateway)

export function ob2AssertionUrl(gatewayBase: string, chainId: number, uid: string): string {
  assertChainId(chainId);
  return `${normalizeGatewayBase(gatewayBase)}/ob2/assertions/${chainId}/${normalizeBytes32(uid, "uid", true)}`;
}

export function ob2BadgeClassUrl(gatewayBase: string, chainId: number, classId: number): string {
  assertChainId(chainId);
  assertUint32Id(classId, "classId");
  return `${normalizeGatewayBase(gatewayBase)}/ob2/badges/${chainId}/${classId}`;
}

export function ob2IssuerUrl(gatewayBase: string, chainId: number, issuerId: number): string {
  assertChainId(chainId);
  assertUint32Id(issuerId, "issuerId");
  return `${normalizeGatewayBase(gatewayBase)}/ob2/issuers/${chainId}/${issuerId}`;
}

export function ob2RevocationListUrl(gatewayBase: string, chainId: number, issuerId: number): string {
  return `${ob2IssuerUrl(gatewayBase, chainId, issuerId)}/revocations`;
}

export type Ob2Resource =
  | { kind: "assertion"; gatewayBase: string; chainId: number; uid: Bytes32 }
  | { kind: "badge"; gatewayBase: string; chainId: number; classId: number }
  | { kind: "issuer"; gatewayBase: string; chainId: number; issuerId: number }
  | { kind: "revocations"; gatewayBase: string; chainId: number; issuerId: number };

const OB2_RE = new RegExp(`^(.+)/ob2/(assertions|badges|issuers)/${DECIMAL_ID}/([^/]+)(/revocations)?$`);

/** What an OB 2.0 hosted URL names (for the gateway's router and for verifiers). */
export function parseOb2Url(url: unknown): Ob2Resource {
  const expected = "OB 2.0 hosted URL (expected ${base}/ob2/{assertions|badges|issuers}/${chainId}/…)";
  if (typeof url !== "string") throw invalidUrl(url, expected);
  const m = OB2_RE.exec(url);
  if (!m) throw invalidUrl(url, expected);
  const gatewayBase = parseBase(m[1]!, url, expected);
  const chainId = parseId(m[3]!, url, expected, "chainId");
  const last = m[4]!;
  const revocations = m[5] !== undefined;
  if (m[2] === "assertions") {
    if (revocations || !BYTES32.test(last) || last === ZERO_BYTES32) throw invalidUrl(url, `${expected} (an assertion is named by its bytes32 uid in lower-case hex)`);
    return { kind: "assertion", gatewayBase, chainId, uid: last as Bytes32 };
  }
  if (!/^[1-9][0-9]{0,9}$/.test(last)) throw invalidUrl(url, expected);
  const id = parseId(last, url, expected, m[2] === "badges" ? "classId" : "issuerId");
  if (m[2] === "badges") {
    if (revocations) throw invalidUrl(url, expected);
    return { kind: "badge", gatewayBase, chainId, classId: id };
  }
  return { kind: revocations ? "revocations" : "issuer", gatewayBase, chainId, issuerId: id };
}

// ---------------------------------------------------------------------------------------------
// Credential and recipient identifiers

/** `urn:uuid:` + a random version 4 UUID (WebCrypto, works in browsers and node). */
export function newCredentialId(): string {
  return `urn:uuid:${globalThis.crypto.randomUUID()}`;
}

/** did:pkh (CAIP-10) of a wallet on a chain: `did:pkh:eip155:${chainId}:${checksummed}`. */
export function recipientDid(chainId: number, wallet: string): string {
  assertChainId(chainId);
  return `did:pkh:eip155:${chainId}:${normalizeAddress(wallet, "recipient wallet")}`;
}

export function parseRecipientDid(did: unknown): { chainId: number; wallet: Address } {
  const m = typeof did === "string" ? /^did:pkh:eip155:([1-9][0-9]*):(0x[0-9a-fA-F]{40})$/.exec(did) : null;
  if (!m) throw new ChanceryError("invalid-input", `${JSON.stringify(did)} is not a did:pkh:eip155:<chainId>:<wallet> identifier.`);
  const chainId = Number(m[1]);
  assertChainId(chainId);
  if (!isAddress(m[2]!, { strict: true })) throw new ChanceryError("invalid-input", `${JSON.stringify(did)} has a wallet address with a bad EIP-55 checksum.`);
  return { chainId, wallet: getAddress(m[2]!) };
}
