// base64url and base64, from jose's codec (native `toBase64`/`fromBase64` where the platform has
// them, atob/btoa otherwise). Decoding base64url is strict: only the canonical spelling of some
// bytes is accepted (no padding, no whitespace, no other alphabet, zero leftover bits), so every
// value has exactly one written form — badge keys, share links and envelopes depend on it.
import { base64url } from "jose";

/** Unpadded base64url (RFC 4648 §5). */
export function base64urlEncode(bytes: Uint8Array): string {
  return base64url.encode(bytes);
}

/**
 * Strict unpadded base64url. Returns null on any character outside A–Z a–z 0–9 - _, padding,
 * an impossible length, or non-zero leftover bits.
 */
export function base64urlDecode(text: string): Uint8Array | null {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(text);
  } catch {
    return null;
  }
  // jose (like atob) ignores leftover bits and accepts a length of 4n+1 in some runtimes:
  // re-encoding must give back exactly the input.
  return base64url.encode(bytes) === text ? bytes : null;
}

/** Padded base64 (RFC 4648 §4), as in `data:…;base64,` URIs. */
export function base64Encode(bytes: Uint8Array): string {
  const url = base64url.encode(bytes);
  return url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (url.length % 4)) % 4);
}

/**
 * Base64 as browsers read it in `data:` URIs and `atob` (WHATWG "forgiving-base64"): ASCII
 * whitespace is ignored and padding is optional. Returns null when the text is not base64.
 */
export function base64DecodeForgiving(text: string): Uint8Array | null {
  if (typeof text !== "string") return null;
  let s = text.replace(/[\t\n\f\r ]+/g, "");
  if (s.length % 4 === 0) s = s.replace(/==?$/, "");
  if (s.length % 4 === 1 || !/^[A-Za-z0-9+/]*$/.test(s)) return null;
  try {
    return base64url.decode(s.replace(/\+/g, "-").replace(/\//g, "_"));
  } catch {
    return null;
  }
}
