// How a badge image (a class image, a dropped baked SVG, an issuer logo) reaches the screen. It is
// always shown through <img src="data:…">, which browsers sandbox (no script, no external load), and
// on top of that: an SVG that references anything outside itself (<use href> to another document,
// <image href> that is not data:, @import, url(…) other than #fragment or data:) is refused, and a
// remote http(s) image is not loaded at all — fetching it would tell its host who looks at the badge.
import { parseImageDataUri, toDataUri } from "../sdk/light.ts";

export type DisplayImage = { src?: string; blocked?: "remote" | "unsafe" };

const RASTER = /^data:image\/(jpeg|gif|webp)[;,]/i;
const SVG_OR_PNG = /^data:image\/(png|svg\+xml)[;,]/i;

/** A reference that leaves the document: anything but a same-document #fragment or a data: URI. */
const external = (target: string) => {
  const t = target
    .trim()
    .replace(/^['"]|['"]$/g, "")
    .trim();
  return t !== "" && !t.startsWith("#") && !/^data:/i.test(t);
};

/**
 * The reason an SVG (already through the sdk's assertSafeSvg: no script, handler, foreignObject,
 * DOCTYPE) could still load something from elsewhere, or undefined when it cannot.
 */
export function externalReferenceIn(svg: string): string | undefined {
  // The baked badge data is never rendered (and may quote anything): judge only the artwork.
  const art = svg.replace(/<openbadges:(credential|assertion)\b[\s\S]*?<\/openbadges:\1\s*>/gi, "");
  if (/@import/i.test(art)) return "@import";
  // A CSS escape can spell @import or url( in a way no plain search sees (@\69mport, \75rl(): refuse them.
  if (/<style|\sstyle\s*=/i.test(art) && art.includes("\\")) return "a CSS escape in a style";
  if (/image-set\s*\(|\bsrc\s*\(/i.test(art)) return "a CSS image-set() or src()";
  for (const m of art.matchAll(/url\(\s*([^)]*)\)/gi)) if (external(m[1] ?? "")) return `url(${m[1]})`;
  for (const m of art.matchAll(/\s(?:[a-z-]+:)?(href|src)\s*=\s*("[^"]*"|'[^']*')/gi)) {
    const value = (m[2] ?? "").slice(1, -1);
    if (external(value)) return `${m[1]}="${value}"`;
  }
  return undefined;
}

const cache = new Map<string, DisplayImage>();
const CACHE_ENTRIES = 200;

function decide(src: string): DisplayImage {
  if (RASTER.test(src)) return { src };
  if (/^https?:\/\//i.test(src)) return { blocked: "remote" };
  if (!SVG_OR_PNG.test(src)) return { blocked: "unsafe" };
  const image = parseImageDataUri(src);
  if (!image) return { blocked: "unsafe" };
  if (image.type === "image/png") return { src };
  if (image.text === undefined || externalReferenceIn(image.text)) return { blocked: "unsafe" };
  // Re-encoded from the checked text, so what is shown is exactly what was checked.
  return { src: toDataUri("image/svg+xml", image.text) };
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
