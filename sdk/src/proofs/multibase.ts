// Multikey encoding of Ed25519 public keys: "z" (base58btc) + multicodec ed25519-pub (0xed 0x01)
// + the 32 raw key bytes — which is why every such key starts with "z6Mk".
import { ChanceryError } from "../documents/errors.ts";

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const ED25519_PUB_PREFIX = [0xed, 0x01] as const;

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = "1".repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i]!];
  return out;
}

export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === "1") zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    let carry = ALPHABET.indexOf(text[i]!);
    if (carry < 0) throw new ChanceryError("invalid-input", `${JSON.stringify(text)} is not base58btc (bad character ${JSON.stringify(text[i])}).`);
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i]!;
  return out;
}

/** `z6Mk…` Multikey of a raw 32-byte Ed25519 public key. */
export function publicKeyToMultibase(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new ChanceryError("invalid-input", `An Ed25519 public key is 32 bytes; got ${publicKey instanceof Uint8Array ? publicKey.length + " bytes" : typeof publicKey}.`);
  }
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_PUB_PREFIX, 0);
  bytes.set(publicKey, 2);
  return "z" + base58btcEncode(bytes);
}

/** The raw 32-byte Ed25519 public key of a `z6Mk…` Multikey. */
export function multibaseToPublicKey(publicKeyMultibase: string): Uint8Array {
  if (typeof publicKeyMultibase !== "string" || !publicKeyMultibase.startsWith("z")) {
    throw new ChanceryError("invalid-input", `publicKeyMultibase must be base58btc ("z…"); got ${JSON.stringify(publicKeyMultibase)}.`);
  }
  const bytes = base58btcDecode(publicKeyMultibase.slice(1));
  if (bytes.length !== 34 || bytes[0] !== ED25519_PUB_PREFIX[0] || bytes[1] !== ED25519_PUB_PREFIX[1]) {
    throw new ChanceryError("invalid-input", `${JSON.stringify(publicKeyMultibase)} is not an Ed25519 public key Multikey (expected z6Mk… encoding 0xed01 + 32 bytes).`);
  }
  return bytes.slice(2);
}
