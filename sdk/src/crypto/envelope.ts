/**
 * Private on-chain badges: the full credential is published AES-256-GCM encrypted in
 * the issue transaction's calldata, under a random per-badge key that travels only in
 * the share link's fragment (`#k=…`).
 *
 * Envelope format (version 1), what goes on chain:
 *
 *     offset  size  field
 *     0       1     version = 0x01
 *     1       12    IV (random, fresh for every encryption)
 *     13      n+16  AES-256-GCM ciphertext of the UTF-8 credential JSON, then the 16-byte tag
 *
 * Overhead 29 bytes; the whole envelope is at most 65,536 bytes (BadgeRegistry's
 * MAX_PAYLOAD_LENGTH), so the plaintext is at most 65,507 bytes.
 *
 * Authenticated data (GCM AAD) = the version byte ‖ UTF-8(aad). `aad` is the
 * caller's binding string, normally `badgeAad({ chainId, registry, uid })` =
 * `"<chainId>:<registry lowercase>:<uid lowercase>"`: an envelope copied into
 * another badge (another uid, contract or chain) then fails to decrypt instead of
 * being shown as that badge. The same `aad` must be given to encrypt and decrypt;
 * none (the empty string) is allowed but binds nothing. The IV is authenticated
 * implicitly by GCM.
 */
import { base64urlDecode, base64urlEncode } from "../codecs/base64.ts";
import { CryptoError } from "./errors.ts";

export const ENVELOPE_VERSION = 0x01;
export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const ENVELOPE_OVERHEAD = 1 + IV_BYTES + TAG_BYTES;
/** BadgeRegistry.MAX_PAYLOAD_LENGTH: the largest payload the contract accepts. */
export const MAX_ENVELOPE_BYTES = 65_536;
export const MAX_PLAINTEXT_BYTES = MAX_ENVELOPE_BYTES - ENVELOPE_OVERHEAD;
/** Length of a key written as unpadded base64url. */
export const KEY_STRING_LENGTH = 43;
const MAX_AAD_LENGTH = 1024;

export type BadgeKey = Uint8Array;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) {
    throw new CryptoError(
      "crypto-unavailable",
      "Web Crypto (crypto.subtle) is not available here. Browsers only offer it on https:// pages or localhost; open the app over https.",
    );
  }
  return s;
}

function randomBytes(n: number): Uint8Array {
  const c = globalThis.crypto;
  if (!c?.getRandomValues) {
    throw new CryptoError("crypto-unavailable", "No secure random generator (crypto.getRandomValues) is available in this environment.");
  }
  return c.getRandomValues(new Uint8Array(n));
}

/** A fresh random 256-bit badge key. */
export function generateBadgeKey(): BadgeKey {
  return randomBytes(KEY_BYTES);
}

function checkKeyBytes(key: Uint8Array): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new CryptoError(
      "bad-key",
      `A badge key is exactly ${KEY_BYTES} bytes; got ${key instanceof Uint8Array ? key.length : typeof key}.`,
    );
  }
  return key;
}

/** The key as 43 characters of unpadded base64url (the share link's `#k=`). */
export function keyToString(key: BadgeKey): string {
  return base64urlEncode(checkKeyBytes(key));
}

/** Parse a key written by `keyToString`. Strict: exactly 43 canonical base64url characters. */
export function keyFromString(text: string): BadgeKey {
  if (typeof text !== "string" || text.length !== KEY_STRING_LENGTH) {
    throw new CryptoError(
      "bad-key",
      `A badge key is ${KEY_STRING_LENGTH} base64url characters; got ${typeof text === "string" ? `${text.length} characters` : typeof text}. The link was probably cut: copy it again in full.`,
    );
  }
  const bytes = base64urlDecode(text);
  if (!bytes || bytes.length !== KEY_BYTES) {
    throw new CryptoError("bad-key", "The badge key is not valid base64url (A–Z, a–z, 0–9, - and _). Copy the link again in full.");
  }
  return bytes;
}

function toKeyBytes(key: BadgeKey | string): Uint8Array {
  return typeof key === "string" ? keyFromString(key) : checkKeyBytes(key);
}

/**
 * The canonical binding string of one badge: `"<chainId>:<registry>:<uid>"`, chain id
 * in decimal, registry address and uid in lowercase hex.
 */
export function badgeAad(badge: { chainId: number | bigint; registry: string; uid: string }): string {
  const { chainId, registry, uid } = badge;
  const id = typeof chainId === "bigint" ? chainId : Number.isSafeInteger(chainId) ? BigInt(chainId) : -1n;
  if (id <= 0n) throw new CryptoError("bad-aad", `chainId must be a positive integer, got ${String(chainId)}.`);
  if (typeof registry !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(registry)) {
    throw new CryptoError("bad-aad", "registry must be a 0x-prefixed 20-byte hex address.");
  }
  if (typeof uid !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(uid)) {
    throw new CryptoError("bad-aad", "uid must be a 0x-prefixed 32-byte hex value.");
  }
  return `${id}:${registry.toLowerCase()}:${uid.toLowerCase()}`;
}

function additionalData(aad: string | undefined): Uint8Array {
  if (aad !== undefined && typeof aad !== "string") throw new CryptoError("bad-aad", "aad must be a string.");
  const text = aad ?? "";
  if (text.length > MAX_AAD_LENGTH) throw new CryptoError("bad-aad", `aad is limited to ${MAX_AAD_LENGTH} characters.`);
  const bytes = new TextEncoder().encode(text);
  const out = new Uint8Array(1 + bytes.length);
  out[0] = ENVELOPE_VERSION;
  out.set(bytes, 1);
  return out;
}

async function importKey(key: Uint8Array, usage: "encrypt" | "decrypt"): Promise<CryptoKey> {
  return subtle().importKey("raw", key as Uint8Array<ArrayBuffer>, { name: "AES-GCM" }, false, [usage]);
}

/**
 * Encrypt a credential (JSON text, or an object serialised with JSON.stringify)
 * into a version-1 envelope. `aad`: see the module comment; pass the same to decrypt.
 */
export async function encryptCredential(credential: string | object, key: BadgeKey | string, aad?: string): Promise<Uint8Array> {
  const keyBytes = toKeyBytes(key);
  const json = typeof credential === "string" ? credential : JSON.stringify(credential);
  if (typeof json !== "string") throw new TypeError("The credential must be a JSON string or a JSON-serialisable object");
  const plaintext = new TextEncoder().encode(json);
  if (plaintext.length > MAX_PLAINTEXT_BYTES) {
    throw new CryptoError(
      "payload-too-large",
      `The credential is ${plaintext.length} bytes; an encrypted on-chain payload holds at most ${MAX_PLAINTEXT_BYTES} (the contract caps payloads at ${MAX_ENVELOPE_BYTES} bytes). Shorten it, e.g. drop embedded images.`,
    );
  }
  const ad = additionalData(aad);
  const iv = randomBytes(IV_BYTES);
  const cryptoKey = await importKey(keyBytes, "encrypt");
  const sealed = new Uint8Array(
    await subtle().encrypt(
      { name: "AES-GCM", iv: iv as Uint8Array<ArrayBuffer>, additionalData: ad as Uint8Array<ArrayBuffer>, tagLength: TAG_BYTES * 8 },
      cryptoKey,
      plaintext,
    ),
  );
  const out = new Uint8Array(1 + IV_BYTES + sealed.length);
  out[0] = ENVELOPE_VERSION;
  out.set(iv, 1);
  out.set(sealed, 1 + IV_BYTES);
  return out;
}

/** Decrypt a version-1 envelope back to the credential JSON text. */
export async function decryptCredential(envelope: Uint8Array, key: BadgeKey | string, aad?: string): Promise<string> {
  if (!(envelope instanceof Uint8Array)) throw new TypeError("The envelope must be a Uint8Array");
  const keyBytes = toKeyBytes(key);
  if (envelope.length > MAX_ENVELOPE_BYTES) {
    throw new CryptoError(
      "envelope-too-large",
      `The encrypted payload is ${envelope.length} bytes, more than the ${MAX_ENVELOPE_BYTES} the contract allows: it is not a Chancery payload.`,
    );
  }
  if (envelope.length < 1) throw new CryptoError("envelope-too-short", "The encrypted payload is empty: there is nothing to decrypt.");
  if (envelope[0] !== ENVELOPE_VERSION) {
    throw new CryptoError(
      "bad-envelope-version",
      `The encrypted payload has format version ${envelope[0]}, but this software reads version ${ENVELOPE_VERSION}. Update the app, or the data is not a Chancery payload.`,
    );
  }
  if (envelope.length < ENVELOPE_OVERHEAD) {
    throw new CryptoError(
      "envelope-too-short",
      `The encrypted payload is ${envelope.length} bytes, shorter than the ${ENVELOPE_OVERHEAD}-byte minimum: it is truncated.`,
    );
  }
  const ad = additionalData(aad);
  const cryptoKey = await importKey(keyBytes, "decrypt");
  let plain: ArrayBuffer;
  try {
    plain = await subtle().decrypt(
      {
        name: "AES-GCM",
        iv: envelope.subarray(1, 1 + IV_BYTES) as Uint8Array<ArrayBuffer>,
        additionalData: ad as Uint8Array<ArrayBuffer>,
        tagLength: TAG_BYTES * 8,
      },
      cryptoKey,
      envelope.subarray(1 + IV_BYTES) as Uint8Array<ArrayBuffer>,
    );
  } catch (cause) {
    throw new CryptoError(
      "decrypt-failed",
      "The badge could not be decrypted: the key in the link is wrong, the payload belongs to another badge, or it was altered. Ask the learner for the full link again.",
      { cause },
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(plain);
  } catch (cause) {
    throw new CryptoError("bad-plaintext", "The badge decrypted, but its content is not UTF-8 text: it was not written by Chancery.", {
      cause,
    });
  }
}
