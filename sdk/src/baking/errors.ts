import { ChanceryError, type ChanceryErrorKind } from "../errors.ts";

/**
 * Errors raised while baking or reading badge images.
 *
 * `code` is stable (tests, UI and logs can switch on it); `message` says what is
 * wrong and what the user can do about it.
 */
export type BakingErrorCode =
  // input as a whole
  | "empty-input"
  | "unsupported-format"
  | "not-an-image"
  | "not-a-badge"
  | "empty-badge"
  | "invalid-payload"
  | "payload-too-large"
  // PNG
  | "png-too-large"
  | "png-truncated"
  | "png-bad-signature"
  | "png-bad-chunk-length"
  | "png-bad-chunk-type"
  | "png-bad-crc"
  | "png-missing-ihdr"
  | "png-bad-ihdr"
  | "png-missing-iend"
  | "png-trailing-data"
  | "png-bad-structure"
  | "png-too-many-chunks"
  | "png-multiple-badges"
  | "png-bad-text-chunk"
  | "png-text-too-large"
  | "png-bad-compression"
  | "png-inflate-too-large"
  | "png-bad-utf8"
  // SVG
  | "svg-too-large"
  | "svg-bad-encoding"
  | "svg-malformed"
  | "svg-not-svg"
  | "svg-too-deep"
  | "svg-doctype"
  | "svg-processing-instruction"
  | "svg-script"
  | "svg-event-handler"
  | "svg-javascript-url"
  | "svg-foreign-object"
  | "svg-forbidden-element"
  | "svg-external-resource"
  | "svg-multiple-badges"
  | "svg-badge-misplaced"
  | "svg-badge-malformed";

const KINDS: Partial<Record<BakingErrorCode, ChanceryErrorKind>> = {
  "empty-input": "invalid-input",
  "unsupported-format": "unsupported",
  "not-an-image": "unsupported",
  "not-a-badge": "not-a-badge",
  "empty-badge": "not-a-badge",
  "payload-too-large": "too-large",
  "png-too-large": "too-large",
  "png-too-many-chunks": "too-large",
  "png-text-too-large": "too-large",
  "png-inflate-too-large": "too-large",
  "svg-too-large": "too-large",
  "svg-too-deep": "too-large",
  "svg-doctype": "unsafe",
  "svg-processing-instruction": "unsafe",
  "svg-script": "unsafe",
  "svg-event-handler": "unsafe",
  "svg-javascript-url": "unsafe",
  "svg-foreign-object": "unsafe",
  "svg-forbidden-element": "unsafe",
  "svg-external-resource": "unsafe",
  // every other code: a damaged or malformed image or payload
};

export class BakingError extends ChanceryError {
  declare readonly code: BakingErrorCode;

  constructor(code: BakingErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { ...options, kind: KINDS[code] ?? "invalid-input" });
    this.name = "BakingError";
  }
}

export function isBakingError(value: unknown, code?: BakingErrorCode): value is BakingError {
  return value instanceof BakingError && (code === undefined || value.code === code);
}
