import { ChanceryError, type ChanceryErrorKind } from "../errors.ts";

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

const KINDS: Record<CryptoErrorCode, ChanceryErrorKind> = {
  "bad-key": "invalid-input",
  "crypto-unavailable": "unsupported",
  "payload-too-large": "too-large",
  "envelope-too-short": "invalid-input",
  "envelope-too-large": "too-large",
  "bad-envelope-version": "unsupported",
  "decrypt-failed": "crypto",
  "bad-plaintext": "invalid-input",
  "bad-aad": "invalid-input",
};

export class CryptoError extends ChanceryError {
  declare readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { ...options, kind: KINDS[code] });
    this.name = "CryptoError";
  }
}
