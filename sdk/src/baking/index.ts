/** Baked badges: Open Badges 2.0/3.0 data inside PNG and SVG images. */

export { crc32 } from "./crc32.ts";
export { type BadgeFileType, detectBadgeFile } from "./detect.ts";
export { BakingError, type BakingErrorCode, isBakingError } from "./errors.ts";
export { type ExtractedBadge, type ExtractLimits, extractBadge } from "./extract.ts";
export { type BadgeKind, validateBakePayload } from "./payload.ts";
export {
  bakePng,
  type ExtractedPngBadge,
  extractFromPng,
  listPngChunks,
  PNG_DEFAULT_LIMITS,
  PNG_SIGNATURE,
  type PngLimits,
  pngChunk,
} from "./png.ts";
export {
  assertSafeSvg,
  type BakeSvgOptions,
  bakeSvg,
  type ExtractedSvgBadge,
  extractFromSvg,
  OB2_SVG_NS,
  OB3_SVG_NS,
  SVG_DEFAULT_LIMITS,
  SVG_MAX_DEPTH,
  type SvgLimits,
  // sanitizeSvgForDisplay: an SVG safe to show (no script, no external resource), or a BakingError.
  sanitizeSvgForDisplay,
} from "./svg.ts";
