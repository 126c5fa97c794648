// Chancery's fixed naming conventions for what is not a URL: deployments, on-chain ids, the
// gateway base, recipient DIDs and credential ids. The URLs of hosted documents (built from these)
// are in urls.ts. Other parts (contracts tooling, gateway, frontend, verifier) build and parse the
// same strings, so everything here is strict: builders validate their inputs and parsers reject
// anything that is not exactly what a builder would produce.
//
// A deployment is `{ chainId, registry }` (the BadgeRegistry address; it also holds the
// IssuerRegistry). The gateway base URL (e.g. "https://badges.example.org", no trailing slash)
// is a parameter: it names where documents are served, never what they mean — the chain does.
//
//   credential id:                   urn:uuid:<random v4> (or the URL of urls.ts `credentialUrl`)
//   recipient wallet:                did:pkh:eip155:${chainId}:${checksummed wallet}
import { getAddress, isAddress, keccak256, stringToBytes } from "viem";
import { ChanceryError, check } from "./documents/errors.ts";

export type Address = `0x${string}`;
export type Bytes32 = `0x${string}`;

/** Where badges are anchored: a chain and the BadgeRegistry contract on it. */
export interface Deployment {
  chainId: number;
  registry: Address;
}

const UINT32_MAX = 0xffff_ffff;
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
  check(
    typeof value === "string" && /^0x[0-9a-fA-F]{64}$/.test(value),
    `${what} must be 0x followed by 64 hex digits (a bytes32); got ${JSON.stringify(value)}.`,
  );
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
  check(typeof base === "string" && base.length > 0, 'gatewayBase must be a URL string such as "https://badges.example.org".');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new ChanceryError(
      "invalid-input",
      `gatewayBase ${JSON.stringify(base)} is not a valid URL; use e.g. "https://badges.example.org".`,
    );
  }
  check(
    url.protocol === "https:" || url.protocol === "http:",
    `gatewayBase must use https (or http for local development); got ${JSON.stringify(base)}.`,
  );
  check(
    url.search === "" && url.hash === "" && !base.includes("?") && !base.includes("#"),
    `gatewayBase must not have a query or fragment; got ${JSON.stringify(base)}.`,
  );
  check(url.username === "" && url.password === "", "gatewayBase must not contain credentials.");
  return (url.origin + url.pathname).replace(/\/+$/, "");
}

/** The host (with port, if any) of the gateway: what OB 2.0 `verification.allowedOrigins` lists. */
export function gatewayHost(base: string): string {
  return new URL(normalizeGatewayBase(base)).host;
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
  const [, chainText, wallet] = m ?? [];
  if (chainText === undefined || wallet === undefined) {
    throw new ChanceryError("invalid-input", `${JSON.stringify(did)} is not a did:pkh:eip155:<chainId>:<wallet> identifier.`);
  }
  const chainId = Number(chainText);
  assertChainId(chainId);
  if (!isAddress(wallet, { strict: true }))
    throw new ChanceryError("invalid-input", `${JSON.stringify(did)} has a wallet address with a bad EIP-55 checksum.`);
  return { chainId, wallet: getAddress(wallet) };
}

// ---------------------------------------------------------------------------------------------
// Issuer names

/**
 * The form of an issuer's name that two look-alike spellings share: NFKC (full-width, ligatures),
 * lower case, punctuation, symbols and invisible format or control characters dropped, whitespace
 * collapsed. "Université de Exemple", "UNIVERSITÉ  DE EXEMPLE!" and "Université de Ex\u200Bemple" agree.
 */
export function normalizeIssuerName(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/**
 * The name key the registry authority accredits an issuer under (`accredit(issuerId, nameKey)`,
 * `accreditedIssuerByName(nameKey)`): keccak256 of the UTF-8 of `normalizeIssuerName(name)`.
 * Throws for a name with nothing left once normalised.
 */
export function issuerNameKey(name: string): Bytes32 {
  check(typeof name === "string", `An issuer name must be a string; got ${typeof name}.`);
  const normal = normalizeIssuerName(name);
  check(normal.length > 0, `The issuer name ${JSON.stringify(name)} has no letters or digits: give the issuer's profile a real name.`);
  return keccak256(stringToBytes(normal));
}
