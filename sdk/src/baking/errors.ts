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
  | "svg-multiple-badges"
  | "svg-badge-misplaced"
  | "svg-badge-malformed";

export class BakingError extends Error {
  readonly code: BakingErrorCode;

  constructor(code: BakingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BakingError";
    this.code = code;
  }
}

export function isBakingError(value: unknown, code?: BakingErrorCode): value is BakingError {
  return value instanceof BakingError && (code === undefined || value.code === code);
}
