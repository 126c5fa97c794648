// Claim URLs: how a learner known only by e-mail gets any badge into an e-mail-matching backpack
// (Badgr / Canvas Credentials lineage, Open Badge Passport), whatever the way it was issued.
//
// Such a backpack imports an OB 2.0 hosted Assertion by URL and keeps it when its `recipient` (the
// salted e-mail hash) matches one of the user's verified addresses. The chain records only the hash
// of the whole credential, so a gateway can only tell which e-mail hash belongs to a badge from the
// credential itself: once, when the holder POSTs it (PATHS.ob2ClaimRequest), the gateway hashes it,
// finds that uid on chain (on its own or in a Merkle batch) and mints a claim token — the e-mail
// hash and salt, sealed with an HMAC under the gateway's secret. Later GETs of the claim URL check
// the seal (no database: the URL carries everything) and the chain (revoked → 410), and serve the
// hosted Assertion with that recipient. The credential itself cannot ride in the URL: Badgr keeps an
// imported badge's URL in a 254-character column, and a credential is 1–6 KB even compressed.
// The e-mail, or an unsalted hash of it, never reaches the chain or the URL.
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { base64urlDecode, base64urlEncode } from "../codecs/base64.ts";
import { ChanceryError } from "../errors.ts";
import { normalizeAddress, normalizeBytes32, normalizeGatewayBase } from "../ids.ts";
import { hostedUrl, ob2ClaimUrl } from "../urls.ts";

/** Badgr's lineage stores an imported badge's URL in a 254-character column: a claim URL must fit. */
export const CLAIM_URL_MAX_LENGTH = 254;

const VERSION_HEX_SALT = 1; // salt: 32 lower-case hex characters, packed as 16 bytes
const VERSION_TEXT_SALT = 2; // salt: UTF-8 text, 1 to 64 bytes
const MAC_BYTES = 16;
const HASH_BYTES = 32;
const DOMAIN = "chancery/ob2-claim/v1";

export interface ClaimRecipient {
  /** `sha256$` + 64 hex: the OB salted hash of the e-mail, as in the credential. */
  identityHash: string;
  salt: string;
}

export interface ClaimScope {
  chainId: number;
  registry: string;
  uid: string;
}

function claimError(message: string): ChanceryError {
  return new ChanceryError("invalid-input", message);
}

/** The bytes the seal covers: one deployment, one badge, one recipient. */
function sealed(scope: ClaimScope, recipient: ClaimRecipient): Uint8Array {
  const fields = [
    DOMAIN,
    String(scope.chainId),
    normalizeAddress(scope.registry, "registry").toLowerCase(),
    normalizeBytes32(scope.uid, "uid", true),
    recipient.identityHash.toLowerCase(),
    recipient.salt,
  ];
  return new TextEncoder().encode(fields.join("\n"));
}

function macOf(secret: Uint8Array, scope: ClaimScope, recipient: ClaimRecipient): Uint8Array {
  return hmac(sha256, secret, sealed(scope, recipient)).slice(0, MAC_BYTES);
}

function hashBytes(identityHash: string): Uint8Array {
  const m = /^sha256\$([0-9a-fA-F]{64})$/.exec(identityHash);
  if (!m?.[1]) throw claimError(`A claim needs a sha256$… e-mail hash (64 hex digits); got ${JSON.stringify(identityHash)}.`);
  return hexToBytes(m[1].toLowerCase());
}

/** A gateway's claim secret, checked: at least 32 bytes. */
export function claimSecret(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === "string" ? new TextEncoder().encode(secret) : secret;
  if (bytes.length < 32) throw claimError("The claim secret must be at least 32 bytes (for example 64 random hex digits).");
  return bytes;
}

/** The claim token of a recipient for one badge: version, e-mail hash, seal, salt — in base64url. */
export function mintClaimToken(secret: Uint8Array, scope: ClaimScope, recipient: ClaimRecipient): string {
  const hash = hashBytes(recipient.identityHash);
  const hexSalt = /^[0-9a-f]{32}$/.test(recipient.salt);
  const salt = hexSalt ? hexToBytes(recipient.salt) : new TextEncoder().encode(recipient.salt);
  if (salt.length < 1 || salt.length > 64) throw claimError("A claim needs the credential's salt (1 to 64 bytes).");
  const mac = macOf(secret, scope, recipient);
  const out = new Uint8Array(1 + HASH_BYTES + MAC_BYTES + salt.length);
  out[0] = hexSalt ? VERSION_HEX_SALT : VERSION_TEXT_SALT;
  out.set(hash, 1);
  out.set(mac, 1 + HASH_BYTES);
  out.set(salt, 1 + HASH_BYTES + MAC_BYTES);
  return base64urlEncode(out);
}

/** Constant-time comparison of two seals. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * The recipient a claim token names, if its seal is this gateway's for this badge; undefined for a
 * token that is damaged, forged, made for another badge or under another secret.
 */
export function openClaimToken(secret: Uint8Array, scope: ClaimScope, token: string): ClaimRecipient | undefined {
  const bytes = base64urlDecode(token);
  if (!bytes) return undefined;
  const version = bytes[0];
  const saltBytes = bytes.slice(1 + HASH_BYTES + MAC_BYTES);
  if ((version !== VERSION_HEX_SALT && version !== VERSION_TEXT_SALT) || saltBytes.length < 1) return undefined;
  let salt: string;
  if (version === VERSION_HEX_SALT) {
    if (saltBytes.length !== 16) return undefined;
    salt = bytesToHex(saltBytes);
  } else {
    try {
      salt = new TextDecoder("utf-8", { fatal: true }).decode(saltBytes);
    } catch {
      return undefined;
    }
  }
  const recipient = { identityHash: `sha256$${bytesToHex(bytes.slice(1, 1 + HASH_BYTES))}`, salt };
  return sameBytes(bytes.slice(1 + HASH_BYTES, 1 + HASH_BYTES + MAC_BYTES), macOf(secret, scope, recipient)) ? recipient : undefined;
}

/** What a gateway answers to a claim request. */
export interface ClaimAnswer {
  claimUrl: string;
  uid: string;
}

/**
 * Asks a gateway for the claim URL of a credential (the holder's own copy, JSON): the gateway checks
 * it against the chain and answers the URL to give an e-mail backpack. Throws a ChanceryError with
 * the gateway's message when it refuses (not on chain, no e-mail recipient, revoked, …).
 */
export async function requestClaimUrl(
  gatewayBase: string,
  chainId: number,
  credential: object,
  fetchImpl: typeof fetch = fetch,
): Promise<ClaimAnswer> {
  const url = hostedUrl(normalizeGatewayBase(gatewayBase), "ob2ClaimRequest", { chainId });
  let response: Response;
  try {
    // text/plain keeps it a CORS "simple request": a page on any origin can ask, with no preflight.
    response = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify(credential),
    });
  } catch (cause) {
    throw new ChanceryError("unavailable", `The gateway at ${url} could not be reached to make a claim URL; try again later.`, {
      cause,
      kind: "unavailable",
    });
  }
  const body = (await response.json().catch(() => ({}))) as { claimUrl?: unknown; uid?: unknown; message?: unknown };
  if (!response.ok || typeof body.claimUrl !== "string" || typeof body.uid !== "string") {
    const why = typeof body.message === "string" ? body.message : `HTTP ${response.status}`;
    throw new ChanceryError("invalid-input", `The gateway made no claim URL for this badge: ${why}`);
  }
  return { claimUrl: body.claimUrl, uid: body.uid };
}

/** The claim URL of a badge for a token (see ob2ClaimUrl), checked against the 254-character limit. */
export function claimUrlOf(gatewayBase: string, chainId: number, uid: string, token: string): string {
  const url = ob2ClaimUrl(gatewayBase, chainId, uid, token);
  if (url.length > CLAIM_URL_MAX_LENGTH)
    throw claimError(
      `The claim URL would be ${url.length} characters, more than the ${CLAIM_URL_MAX_LENGTH} e-mail backpacks keep: serve the gateway under a shorter base URL.`,
    );
  return url;
}
