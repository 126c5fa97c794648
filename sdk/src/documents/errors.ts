// One error type for everything the sdk refuses, so callers (UI, gateway, CLI) can branch on
// `code` and show `message`, which always says what is wrong and what to do about it.

export type ChanceryErrorCode =
  | "INVALID_INPUT" // a caller passed something malformed (a bad address, id, date, URL…)
  | "INVALID_URL" // a Chancery URL (issuer, status, OB 2.0 hosted) does not follow the conventions
  | "DOCUMENT_NOT_BUNDLED" // the offline document loader was asked for a URL it does not serve
  | "CONTROLLER_NOT_FOUND" // the issuer's controller document or key could not be resolved
  | "CANONICALIZATION_FAILED" // JSON-LD could not map the credential to RDF (e.g. an undefined term)
  | "SIGNING_FAILED"
  | "KEY_DERIVATION_FAILED";

export class ChanceryError extends Error {
  readonly code: ChanceryErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ChanceryErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ChanceryError";
    this.code = code;
    if (options?.details) this.details = options.details;
  }
}

/** Throws an INVALID_INPUT ChanceryError unless `condition` holds. */
export function check(condition: unknown, message: string, code: ChanceryErrorCode = "INVALID_INPUT"): asserts condition {
  if (!condition) throw new ChanceryError(code, message);
}
