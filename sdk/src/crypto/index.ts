/** Badge payload encryption (AES-256-GCM via WebCrypto) and key encoding. */
export { CryptoError, type CryptoErrorCode } from "./errors.ts";
export { base64urlDecode, base64urlEncode } from "../codecs/base64.ts";
export {
  badgeAad,
  decryptCredential,
  encryptCredential,
  ENVELOPE_OVERHEAD,
  ENVELOPE_VERSION,
  generateBadgeKey,
  IV_BYTES,
  KEY_BYTES,
  KEY_STRING_LENGTH,
  keyFromString,
  keyToString,
  MAX_ENVELOPE_BYTES,
  MAX_PLAINTEXT_BYTES,
  TAG_BYTES,
  type BadgeKey,
} from "./envelope.ts";
