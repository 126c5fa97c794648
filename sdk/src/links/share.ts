/**
 * The app's badge share link:
 *
 *     <appBase>/verify/<chainId>/<registry>/<uid>[?batch=<batchId>][#k=<key> | #c=<credential>]
 *
 * chainId decimal; registry the BadgeRegistry address (EIP-55 checksummed); uid and
 * batchId 0x + 64 lowercase hex; key the badge's AES key as 43 base64url characters.
 * The key sits in the fragment, which browsers never send to any server, so the
 * encrypted credential can be read only by people holding the link. A badge whose content
 * is not on chain (Merkle-batched) carries the credential itself there instead (`#c=`,
 * compressed: credential.ts), verified like a dropped file.
 */
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { type BadgeKey, keyFromString, keyToString } from "../crypto/envelope.ts";
import { CryptoError } from "../crypto/errors.ts";
import { ChanceryError } from "../errors.ts";
import { decodeLinkCredential, encodeLinkCredential, MAX_FULL_LINK_LENGTH, MAX_LINK_CREDENTIAL_BYTES } from "./credential.ts";

export type LinkErrorCode =
  | "link-invalid-url"
  | "link-bad-app-base"
  | "link-not-verify-path"
  | "link-bad-chain-id"
  | "link-bad-registry"
  | "link-bad-uid"
  | "link-bad-batch"
  | "link-bad-key"
  | "link-bad-credential"
  | "link-credential-too-large"
  | "link-too-long";

/** A share link that cannot be built or read (kind `invalid-input`: the link is damaged or incomplete). */
export class LinkError extends ChanceryError {
  declare readonly code: LinkErrorCode;

  constructor(code: LinkErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { ...options, kind: "invalid-input" });
    this.name = "LinkError";
  }
}

export interface ShareLinkParts {
  /** Origin plus optional path prefix, no trailing slash, e.g. `https://app.example.org`. */
  appBase: string;
  chainId: number;
  registry: Address;
  uid: Hex;
  batchId?: Hex;
  /** The badge key (32 bytes), when the link carries one. */
  key?: BadgeKey;
  /** The credential's JSON text, when the link carries it (`#c=`): not yet parsed, to be read with the rules for files. */
  credential?: string;
}

export interface ShareLinkInput {
  appBase: string;
  chainId: number | bigint;
  registry: string;
  uid: string;
  /** 32 bytes, or its 43-character base64url form. */
  key?: BadgeKey | string;
  /** The signed credential itself, for a badge whose content is not published on chain (a full link without a key). */
  credential?: object;
  /** The image URI of the badge's class on chain: an achievement image equal to it is left out of the link (credential.ts). */
  classImage?: string | undefined;
  /** The image URI of the issuer's profile on chain: an issuer logo equal to it is left out of the link (credential.ts). */
  issuerImage?: string | undefined;
  batchId?: string;
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
// A little above the longest link we build, for tracking tags a messenger may add.
const MAX_LINK_LENGTH = MAX_FULL_LINK_LENGTH + 256;

function normaliseAppBase(appBase: string): string {
  let url: URL;
  try {
    url = new URL(appBase);
  } catch (cause) {
    throw new LinkError("link-bad-app-base", `The app base "${appBase}" is not an absolute URL (e.g. https://app.example.org).`, { cause });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new LinkError("link-bad-app-base", `The app base must be an http(s) URL, got ${url.protocol}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new LinkError("link-bad-app-base", "The app base must not carry credentials, a query or a fragment.");
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function checkChainId(chainId: unknown): number {
  const n = typeof chainId === "bigint" && chainId <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(chainId) : chainId;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0) {
    throw new LinkError("link-bad-chain-id", `The chain id must be a positive integer, got ${String(chainId)}.`);
  }
  return n;
}

function checkRegistry(registry: unknown): Address {
  // isAddress (strict) rejects a mixed-case address with a wrong EIP-55 checksum,
  // which getAddress alone would silently "fix".
  if (typeof registry !== "string" || !isAddress(registry, { strict: true })) {
    throw new LinkError(
      "link-bad-registry",
      `The registry "${String(registry)}" is not a valid contract address (0x + 40 hex, correct checksum if mixed case). The link may be damaged.`,
    );
  }
  return getAddress(registry);
}

function checkBytes32(value: unknown, code: "link-bad-uid" | "link-bad-batch", what: string): Hex {
  if (typeof value !== "string" || !BYTES32.test(value)) {
    throw new LinkError(code, `The ${what} "${String(value)}" is not 0x followed by 64 hex digits. The link may be cut or damaged.`);
  }
  return value.toLowerCase() as Hex;
}

function checkKey(key: BadgeKey | string): string {
  try {
    return typeof key === "string" ? keyToString(keyFromString(key)) : keyToString(key);
  } catch (cause) {
    if (cause instanceof CryptoError) throw new LinkError("link-bad-key", cause.message, { cause });
    throw cause;
  }
}

/** Build the share link of one badge. The key, if any, goes in the fragment only. */
export function buildShareLink(input: ShareLinkInput): string {
  const base = normaliseAppBase(input.appBase);
  const chainId = checkChainId(input.chainId);
  const registry = checkRegistry(input.registry);
  const uid = checkBytes32(input.uid, "link-bad-uid", "badge uid");
  let link = `${base}/verify/${chainId}/${registry}/${uid}`;
  if (input.batchId !== undefined) link += `?batch=${checkBytes32(input.batchId, "link-bad-batch", "batch id")}`;
  if (input.key !== undefined && input.credential !== undefined)
    throw new LinkError("link-bad-credential", "A share link carries either the badge key or the credential, not both.");
  if (input.key !== undefined) link += `#k=${checkKey(input.key)}`;
  if (input.credential !== undefined) {
    link += `#c=${encodeLinkCredential(input.credential, { classImage: input.classImage, issuerImage: input.issuerImage })}`;
    if (link.length > MAX_FULL_LINK_LENGTH)
      throw new LinkError(
        "link-too-long",
        `This badge's full link would be ${link.length} characters, more than the ${MAX_FULL_LINK_LENGTH} a link can safely carry: share the record-only link, or the badge file.`,
      );
  }
  return link;
}

/** The credential a link's `c=` value carries, as JSON text (size-capped when inflated). */
function linkCredential(value: string): string {
  const decoded = decodeLinkCredential(value);
  if ("text" in decoded) return decoded.text;
  const why = {
    "not-base64url":
      "its badge data is not valid base64url (A–Z, a–z, 0–9, - and _): the link was probably cut or altered. Copy it again in full.",
    corrupt: "its badge data is damaged (it does not decompress): the link was probably cut or altered. Copy it again in full.",
    "too-large": `its badge data decompresses to more than ${MAX_LINK_CREDENTIAL_BYTES / 1024} KiB, which no badge needs: refusing it.`,
    "not-utf8": "its badge data is not UTF-8 text.",
  }[decoded.problem];
  throw new LinkError(
    decoded.problem === "too-large" ? "link-credential-too-large" : "link-bad-credential",
    `This full-badge link cannot be read: ${why}`,
  );
}

/**
 * Parse and validate a share link (with or without its `#k=` fragment). The path
 * must end in `/verify/<chainId>/<registry>/<uid>`; what precedes is the app base.
 * Unknown query parameters (e.g. tracking tags added by a messenger) are ignored.
 */
export function parseShareLink(link: string): ShareLinkParts {
  if (typeof link !== "string") throw new LinkError("link-invalid-url", "The share link must be a string.");
  const text = link.trim();
  if (text.length > MAX_LINK_LENGTH)
    throw new LinkError("link-too-long", `The link is ${text.length} characters; a badge link is at most ${MAX_FULL_LINK_LENGTH}.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new LinkError("link-invalid-url", "This is not a complete link (it should start with https://). Copy the whole link again.", {
      cause,
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new LinkError("link-invalid-url", `A badge link is an http(s) link, not ${url.protocol}`);
  }
  const segments = url.pathname.split("/");
  if (segments.at(-1) === "") segments.pop(); // tolerate one trailing slash
  const n = segments.length;
  if (n < 5 || segments[n - 4] !== "verify") {
    throw new LinkError(
      "link-not-verify-path",
      "This link is not a badge verification link: its path must end in /verify/<chain id>/<registry>/<uid>.",
    );
  }
  // Segments are compared as written (no percent-decoding): a real link never needs it.
  const [chainText, registryText, uidText] = segments.slice(n - 3);
  if (chainText === undefined || !/^[1-9][0-9]{0,15}$/.test(chainText)) {
    throw new LinkError("link-bad-chain-id", `The chain id "${chainText}" in the link is not a positive decimal integer.`);
  }
  const chainId = checkChainId(Number(chainText));
  const registry = checkRegistry(registryText);
  const uid = checkBytes32(uidText, "link-bad-uid", "badge uid");
  const parts: ShareLinkParts = { appBase: url.origin + segments.slice(0, n - 4).join("/"), chainId, registry, uid };
  const batches = url.searchParams.getAll("batch");
  if (batches.length > 1) throw new LinkError("link-bad-batch", "The link has more than one batch parameter.");
  if (batches.length === 1) parts.batchId = checkBytes32(batches[0], "link-bad-batch", "batch id");

  const fragment = url.hash.startsWith("#") ? url.hash.slice(1) : url.hash;
  if (fragment) {
    const keys = fragment
      .split("&")
      .filter((p) => p.startsWith("k="))
      .map((p) => p.slice(2));
    const [key, ...otherKeys] = keys;
    if (otherKeys.length > 0) throw new LinkError("link-bad-key", "The link carries more than one key.");
    const credentials = fragment
      .split("&")
      .filter((p) => p.startsWith("c="))
      .map((p) => p.slice(2));
    if (credentials.length > 1) throw new LinkError("link-bad-credential", "The link carries more than one badge.");
    if (credentials.length === 1 && key !== undefined)
      throw new LinkError(
        "link-bad-credential",
        "The link carries both a key and a badge: it was altered. Ask the holder for the link again.",
      );
    if (credentials[0] !== undefined) parts.credential = linkCredential(credentials[0]);
    if (key !== undefined) {
      try {
        parts.key = keyFromString(key);
      } catch (cause) {
        if (cause instanceof CryptoError) throw new LinkError("link-bad-key", cause.message, { cause });
        throw cause;
      }
    }
  }
  return parts;
}
