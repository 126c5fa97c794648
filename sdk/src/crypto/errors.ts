/** Errors of the badge payload encryption. `code` is stable; `message` says what to do. */
export type CryptoErrorCode =
  | "bad-key"
  | "crypto-unavailable"
  | "payload-too-large"
  | "envelope-too-short"
  | "envelope-too-large"
  | "bad-envelope-version"
  | "decrypt-failed"
  | "bad-plaintext"
  | "bad-aad";

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CryptoError";
    this.code = code;
  }
}
