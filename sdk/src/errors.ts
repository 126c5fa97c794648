// One error base class for everything the sdk refuses or fails at. Callers branch on `kind` (a
// small closed family: what the app shows a person) or on `code` (stable, kebab-case, specific to
// the error class: what tests and logs match), and show `message`, which always says what is wrong
// and what to do about it. Every error class of the sdk extends ChanceryError; apps subclass it for
// their own errors, so one `instanceof ChanceryError` and one `kind` cover them all.

/** The family of an error: what a person is told, whichever part of the sdk raised it. */
export type ChanceryErrorKind =
  /** A value is malformed or out of range: an address, id, date, URL, share link, key, CSV, document. */
  | "invalid-input"
  /** An input is over a size limit (a file, a document, a payload). */
  | "too-large"
  /** A file or text carries no badge: no baked credential in the image, not an Open Badge. */
  | "not-a-badge"
  /** Refused because it could run code where it is shown (an SVG with a script, an event handler…). */
  | "unsafe"
  /** Something that must resolve does not: a JSON-LD context, a controller document, a key. */
  | "not-found"
  /** Signing, key derivation or decryption failed (a wrong key, a damaged ciphertext). */
  | "crypto"
  /** This environment or this sdk cannot do it: no WebCrypto, an unknown format or envelope version. */
  | "unsupported"
  /** A verification check found the badge not valid (the step and the verdict are on the error). */
  | "invalid-badge"
  /** A check could not run: no RPC for the badge's chain, a fetch failed. Never means "valid". */
  | "unavailable"
  /** The registry contract refused the call (one of its custom errors). */
  | "reverted"
  /** The person refused the request in their wallet. */
  | "rejected"
  /** The chain's RPC endpoint did not answer. */
  | "rpc"
  /** The wallet or the RPC is on another chain than the registry. */
  | "wrong-network"
  /** No contract answers at the registry's address on this chain. */
  | "not-deployed"
  /** Anything nobody classified: an unexpected failure (a bug, an unknown wallet error). */
  | "unknown";

export const CHANCERY_ERROR_KINDS = [
  "invalid-input",
  "too-large",
  "not-a-badge",
  "unsafe",
  "not-found",
  "crypto",
  "unsupported",
  "invalid-badge",
  "unavailable",
  "reverted",
  "rejected",
  "rpc",
  "wrong-network",
  "not-deployed",
  "unknown",
] as const satisfies readonly ChanceryErrorKind[];

/** Codes of the errors raised as a plain ChanceryError (documents, ids, anchoring, proofs). */
export type GeneralErrorCode =
  | "invalid-input" // a caller passed something malformed (a bad address, id, date, URL…)
  | "invalid-url" // a Chancery URL (issuer, status, OB 2.0 hosted) does not follow the conventions
  | "document-not-bundled" // the offline document loader was asked for a URL it does not serve
  | "controller-not-found" // the issuer's controller document or key could not be resolved
  | "canonicalization-failed" // JSON-LD could not map the credential to RDF (e.g. an undefined term)
  | "signing-failed"
  | "key-derivation-failed";

const GENERAL_KINDS: Record<GeneralErrorCode, ChanceryErrorKind> = {
  "invalid-input": "invalid-input",
  "invalid-url": "invalid-input",
  "document-not-bundled": "not-found",
  "controller-not-found": "not-found",
  "canonicalization-failed": "invalid-input",
  "signing-failed": "crypto",
  "key-derivation-failed": "crypto",
};

export interface ChanceryErrorOptions {
  cause?: unknown;
  /** Machine-readable facts about the failure (the URL that failed, the limit that was passed…). */
  details?: Record<string, unknown>;
}

/**
 * The base of every sdk error. `new ChanceryError(code, message)` for the general codes; a
 * subclass passes its own code and `kind`.
 */
export class ChanceryError extends Error {
  readonly kind: ChanceryErrorKind;
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(code: GeneralErrorCode, message: string, options?: ChanceryErrorOptions);
  constructor(code: string, message: string, options: ChanceryErrorOptions & { kind: ChanceryErrorKind });
  constructor(code: string, message: string, options: ChanceryErrorOptions & { kind?: ChanceryErrorKind } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ChanceryError"; // subclasses set their own (a minifier may rename classes)
    this.kind = options.kind ?? GENERAL_KINDS[code as GeneralErrorCode] ?? "unknown";
    this.code = code;
    if (options.details) this.details = options.details;
  }
}

/** Whether `value` is a ChanceryError (optionally: of this kind). */
export function isChanceryError(value: unknown, kind?: ChanceryErrorKind): value is ChanceryError {
  return value instanceof ChanceryError && (kind === undefined || value.kind === kind);
}

/** Throws an `invalid-input` ChanceryError (or the given general code) unless `condition` holds. */
export function check(condition: unknown, message: string, code: GeneralErrorCode = "invalid-input"): asserts condition {
  if (!condition) throw new ChanceryError(code, message);
}
