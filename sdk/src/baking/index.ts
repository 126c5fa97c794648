/** Baked badges: Open Badges 2.0/3.0 data inside PNG and SVG images. */
export { BakingError, isBakingError, type BakingErrorCode } from "./errors.ts";
export { crc32 } from "./crc32.ts";
export { type BadgeKind, validateBakePayload } from "./payload.ts";
export {
  bakePng,
  extractFromPng,
  listPngChunks,
  PNG_DEFAULT_LIMITS,
  PNG_SIGNATURE,
  pngChunk,
  type ExtractedPngBadge,
  type PngLimits,
} from "./png.ts";
export {
  assertSafeSvg,
  bakeSvg,
  extractFromSvg,
  OB2_SVG_NS,
  OB3_SVG_NS,
  SVG_DEFAULT_LIMITS,
  SVG_MAX_DEPTH,
  type BakeSvgOptions,
  type ExtractedSvgBadge,
  type SvgLimits,
} from "./svg.ts";
export { detectBadgeFile, type BadgeFileType } from "./detect.ts";
export { extractBadge, type ExtractedBadge, type ExtractLimits } from "./extract.ts";
