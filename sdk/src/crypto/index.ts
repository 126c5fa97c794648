/** Badge payload encryption (AES-256-GCM via WebCrypto) and key encoding. */

export { base64urlDecode, base64urlEncode } from "../codecs/base64.ts";
export {
  type BadgeKey,
  badgeAad,
  decryptCredential,
  ENVELOPE_OVERHEAD,
  ENVELOPE_VERSION,
  encryptCredential,
  generateBadgeKey,
  IV_BYTES,
  KEY_BYTES,
  KEY_STRING_LENGTH,
  keyFromString,
  keyToString,
  MAX_ENVELOPE_BYTES,
  MAX_PLAINTEXT_BYTES,
  TAG_BYTES,
} from "./envelope.ts";
export { CryptoError, type CryptoErrorCode } from "./errors.ts";
