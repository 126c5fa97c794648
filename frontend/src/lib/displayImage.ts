// How a badge image (a class image, a dropped baked SVG, an issuer logo) reaches the screen. It is
// always shown through <img src="data:…">, which browsers sandbox (no script, no external load), and
// on top of that an SVG goes through the sdk's sanitizeSvgForDisplay, which refuses anything that
// would load from elsewhere (<use>/<image> hrefs to other documents, @import, url(…) other than
// #fragment or data:, CSS escapes); a remote http(s) image is not loaded at all — fetching it would
// tell its host who looks at the badge.
import { parseImageDataUri, sanitizeSvgForDisplay, toDataUri } from "../sdk/light.ts";

export type DisplayImage = { src?: string; blocked?: "remote" | "unsafe" };

const RASTER = /^data:image\/(jpeg|gif|webp)[;,]/i;
const SVG_OR_PNG = /^data:image\/(png|svg\+xml)[;,]/i;

const cache = new Map<string, DisplayImage>();
const CACHE_ENTRIES = 200;

function decide(src: string): DisplayImage {
  if (RASTER.test(src)) return { src };
  if (/^https?:\/\//i.test(src)) return { blocked: "remote" };
  if (!SVG_OR_PNG.test(src)) return { blocked: "unsafe" };
  const image = parseImageDataUri(src);
  if (!image) return { blocked: "unsafe" };
  if (image.type === "image/png") return { src };
  try {
    // Re-encoded from the checked text, so what is shown is exactly what was checked.
    return { src: toDataUri("image/svg+xml", sanitizeSvgForDisplay(image.bytes)) };
  } catch {
    return { blocked: "unsafe" };
  }
}

/** What to show for a badge image: a safe data: URI, or why nothing is shown. */
export function displayImage(src: string | undefined): DisplayImage {
  if (!src) return {};
  const known = cache.get(src);
  if (known) return known;
  const decided = decide(src);
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(src, decided);
  return decided;
}

/** Only images we can show safely, as a data: URI (undefined: show the placeholder). */
export function safeImageSrc(src: string | undefined): string | undefined {
  return displayImage(src).src;
}
