/** One entry point for "here is a file the user dropped": find the baked badge in it. */
import { detectBadgeFile } from "./detect.ts";
import { BakingError } from "./errors.ts";
import type { BadgeKind } from "./payload.ts";
import { extractFromPng, type PngLimits } from "./png.ts";
import { extractFromSvg } from "./svg.ts";

export interface ExtractLimits extends PngLimits {
  /** Largest SVG accepted. Default 2 MiB. */
  maxSvgBytes?: number;
}

export interface ExtractedBadge {
  format: "png" | "svg";
  kind: BadgeKind;
  payload: string;
  /** SVG only: the raw `verify` attribute of the badge element, when present. */
  verify?: string;
}

/**
 * Detect PNG or SVG and read its baked badge. JSON or JWS input is refused with
 * `not-an-image` (it is already a credential: hand it to the verifier directly);
 * anything else with `unsupported-format`.
 */
export function extractBadge(input: Uint8Array | string, limits?: ExtractLimits): ExtractedBadge {
  if (typeof input !== "string" && !(input instanceof Uint8Array)) {
    throw new TypeError("extractBadge expects a Uint8Array or a string");
  }
  if (input.length === 0) throw new BakingError("empty-input", "The file is empty. Choose the badge file again.");
  const type = detectBadgeFile(input);
  switch (type) {
    case "png": {
      if (typeof input === "string") {
        throw new BakingError("unsupported-format", "A PNG was given as text; pass the file's bytes (Uint8Array) instead.");
      }
      const { kind, payload } = extractFromPng(input, limits);
      return { format: "png", kind, payload };
    }
    case "svg": {
      const svgLimits = limits?.maxSvgBytes !== undefined ? { maxBytes: limits.maxSvgBytes } : undefined;
      return { format: "svg", ...extractFromSvg(input, svgLimits) };
    }
    case "json":
    case "jws":
      throw new BakingError(
        "not-an-image",
        `This is a ${type === "json" ? "JSON" : "compact JWS"} credential, not a baked image: there is nothing to extract. Verify it directly.`,
      );
    default:
      throw new BakingError(
        "unsupported-format",
        "This file is neither a PNG nor an SVG badge image (nor a JSON or JWS credential). Open Badges are baked only into PNG and SVG.",
      );
  }
}
