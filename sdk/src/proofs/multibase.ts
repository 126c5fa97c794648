// Multikey encoding of Ed25519 public keys: "z" (base58btc) + multicodec ed25519-pub (0xed 0x01)
// + the 32 raw key bytes — which is why every such key starts with "z6Mk".
import { ChanceryError } from "../documents/errors.ts";

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const ED25519_PUB_PREFIX = [0xed, 0x01] as const;

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = [];
  for (const byte of bytes.subarray(zeros)) {
    let carry = byte;
    for (const [j, digit] of digits.entries()) {
      carry += digit << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = "1".repeat(zeros);
  // digits are little-endian base 58: most significant first on the way out.
  for (const digit of digits.reverse()) out += ALPHABET.charAt(digit);
  return out;
}

export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === "1") zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const char = text.charAt(i);
    let carry = ALPHABET.indexOf(char);
    if (carry < 0)
      throw new ChanceryError("invalid-input", `${JSON.stringify(text)} is not base58btc (bad character ${JSON.stringify(char)}).`);
    for (const [j, byte] of bytes.entries()) {
      carry += byte * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  // bytes are little-endian: the leading zero bytes, then the rest most significant first.
  const out = new Uint8Array(zeros + bytes.length);
  out.set(bytes.reverse(), zeros);
  return out;
}

/** `z6Mk…` Multikey of a raw 32-byte Ed25519 public key. */
export function publicKeyToMultibase(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new ChanceryError(
      "invalid-input",
      `An Ed25519 public key is 32 bytes; got ${publicKey instanceof Uint8Array ? `${publicKey.length} bytes` : typeof publicKey}.`,
    );
  }
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_PUB_PREFIX, 0);
  bytes.set(publicKey, 2);
  return `z${base58btcEncode(bytes)}`;
}

/** The raw 32-byte Ed25519 public key of a `z6Mk…` Multikey. */
export function multibaseToPublicKey(publicKeyMultibase: string): Uint8Array {
  if (typeof publicKeyMultibase !== "string" || !publicKeyMultibase.startsWith("z")) {
    throw new ChanceryError("invalid-input", `publicKeyMultibase must be base58btc ("z…"); got ${JSON.stringify(publicKeyMultibase)}.`);
  }
  const bytes = base58btcDecode(publicKeyMultibase.slice(1));
  if (bytes.length !== 34 || bytes[0] !== ED25519_PUB_PREFIX[0] || bytes[1] !== ED25519_PUB_PREFIX[1]) {
    throw new ChanceryError(
      "invalid-input",
      `${JSON.stringify(publicKeyMultibase)} is not an Ed25519 public key Multikey (expected z6Mk… encoding 0xed01 + 32 bytes).`,
    );
  }
  return bytes.slice(2);
}
