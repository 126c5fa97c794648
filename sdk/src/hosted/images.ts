// Badge images made in code, with no download and no canvas, so the same pixels come out in node
// and in the browser: a medallion (scalloped rosette, ring, disc, initials, two ribbon tails) drawn
// as SVG text or rasterised to a PNG. The gateway bakes assertions into these when a badge class
// has no image it can use, and the demo seed gives its classes such images.
import { zlibSync } from "fflate";
import { PNG_SIGNATURE, pngChunk } from "../baking/png.ts";
import { assertSafeSvg } from "../baking/svg.ts";
import { parseDataUri, toDataUri } from "../codecs/dataUri.ts";

export interface BadgeArtOptions {
  /** Up to three letters or digits drawn in the middle (other characters are dropped). */
  initials: string;
  /** Colour hue in degrees (0–360). */
  hue: number;
  /** Width and height of the PNG in pixels (default 128). */
  size?: number;
}

/** Up to three initials of a name: "Data Literacy I" → "DLI". */
export function initialsOf(name: string): string {
  const words = String(name)
    .toUpperCase()
    .normalize("NFD")
    .replace(/[^A-Z0-9 ]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const [first, ...rest] = words;
  const letters = first !== undefined && rest.length === 0 ? first.slice(0, 2) : words.map((w) => w[0]).join("");
  return letters.slice(0, 3) || "OB";
}

/** A stable hue for an id or a name (so every class keeps its colour). */
export function hueOf(seed: string | number): number {
  let h = 2166136261;
  for (const ch of String(seed)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % 360;
}

type Rgb = [number, number, number];

function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

function palette(hue: number) {
  const h = ((hue % 360) + 360) % 360;
  return {
    dark: hsl(h, 0.55, 0.28),
    ring: hsl(h, 0.35, 0.92),
    main: hsl(h, 0.6, 0.45),
    light: hsl(h, 0.7, 0.62),
    ink: [255, 255, 255] as Rgb,
  };
}

const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;

// 5×7 bitmap glyphs (rows top to bottom, 5 bits each, most significant bit on the left).
const FONT: Record<string, number[]> = {
  A: [14, 17, 17, 31, 17, 17, 17],
  B: [30, 17, 17, 30, 17, 17, 30],
  C: [14, 17, 16, 16, 16, 17, 14],
  D: [30, 17, 17, 17, 17, 17, 30],
  E: [31, 16, 16, 30, 16, 16, 31],
  F: [31, 16, 16, 30, 16, 16, 16],
  G: [14, 17, 16, 23, 17, 17, 15],
  H: [17, 17, 17, 31, 17, 17, 17],
  I: [14, 4, 4, 4, 4, 4, 14],
  J: [7, 2, 2, 2, 2, 18, 12],
  K: [17, 18, 20, 24, 20, 18, 17],
  L: [16, 16, 16, 16, 16, 16, 31],
  M: [17, 27, 21, 21, 17, 17, 17],
  N: [17, 17, 25, 21, 19, 17, 17],
  O: [14, 17, 17, 17, 17, 17, 14],
  P: [30, 17, 17, 30, 16, 16, 16],
  Q: [14, 17, 17, 17, 21, 18, 13],
  R: [30, 17, 17, 30, 20, 18, 17],
  S: [15, 16, 16, 14, 1, 1, 30],
  T: [31, 4, 4, 4, 4, 4, 4],
  U: [17, 17, 17, 17, 17, 17, 14],
  V: [17, 17, 17, 17, 17, 10, 4],
  W: [17, 17, 17, 21, 21, 21, 10],
  X: [17, 17, 10, 4, 10, 17, 17],
  Y: [17, 17, 10, 4, 4, 4, 4],
  Z: [31, 1, 2, 4, 8, 16, 31],
  "0": [14, 17, 19, 21, 25, 17, 14],
  "1": [4, 12, 4, 4, 4, 4, 14],
  "2": [14, 17, 1, 2, 4, 8, 31],
  "3": [31, 2, 4, 2, 1, 17, 14],
  "4": [2, 6, 10, 18, 31, 2, 2],
  "5": [31, 16, 30, 1, 1, 17, 14],
  "6": [6, 8, 16, 30, 17, 17, 14],
  "7": [31, 1, 2, 4, 8, 8, 8],
  "8": [14, 17, 17, 14, 17, 17, 14],
  "9": [14, 17, 17, 15, 1, 2, 12],
};

function cleanInitials(initials: string): string {
  const text = String(initials ?? "")
    .toUpperCase()
    .split("")
    .filter((c) => FONT[c])
    .join("")
    .slice(0, 3);
  return text || "OB";
}

// Geometry in unit coordinates (0..1 of the image side).
const CX = 0.5;
const CY = 0.42;
const R = 0.38;
const SCALLOPS = 18;
const rosetteRadius = (theta: number) => R * (0.93 + 0.07 * Math.cos(SCALLOPS * theta));
const RIBBONS: [number, number][][] = [
  [
    [0.3, 0.62],
    [0.44, 0.66],
    [0.36, 0.97],
    [0.29, 0.89],
    [0.2, 0.93],
  ],
  [
    [0.7, 0.62],
    [0.56, 0.66],
    [0.64, 0.97],
    [0.71, 0.89],
    [0.8, 0.93],
  ],
];

function insidePolygon(x: number, y: number, poly: [number, number][]): boolean {
  let inside = false;
  // Each edge runs from the previous vertex (the last one, for the first edge) to this one.
  let previous = poly.at(-1);
  if (previous === undefined) return false;
  for (const vertex of poly) {
    const [xi, yi] = vertex;
    const [xj, yj] = previous;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    previous = vertex;
  }
  return inside;
}

function glyphLayout(text: string) {
  // Glyph cells of 5×7 with one column of spacing; the block fits 62 % of the disc's width.
  const columns = text.length * 6 - 1;
  const cell = Math.min((R * 0.7 * 2 * 0.74) / columns, (R * 0.7 * 2 * 0.56) / 7);
  return { cell, x0: CX - (columns * cell) / 2, y0: CY - (7 * cell) / 2 };
}

function glyphAt(text: string, layout: ReturnType<typeof glyphLayout>, x: number, y: number): boolean {
  const col = Math.floor((x - layout.x0) / layout.cell);
  const row = Math.floor((y - layout.y0) / layout.cell);
  if (row < 0 || row > 6 || col < 0) return false;
  const index = Math.floor(col / 6);
  const within = col % 6;
  if (index >= text.length || within === 5) return false;
  const bits = FONT[text.charAt(index)]?.[row];
  return bits !== undefined && ((bits >> (4 - within)) & 1) === 1;
}

function colourAt(
  x: number,
  y: number,
  text: string,
  layout: ReturnType<typeof glyphLayout>,
  p: ReturnType<typeof palette>,
): Rgb | undefined {
  const dx = x - CX;
  const dy = y - CY;
  const d = Math.hypot(dx, dy);
  if (d <= R * 0.7) {
    // A second sample a third of a cell to the left makes the strokes bold.
    if (glyphAt(text, layout, x, y) || glyphAt(text, layout, x - layout.cell * 0.35, y)) return p.ink;
    return dy < -R * 0.25 && d > R * 0.5 ? p.light : p.main;
  }
  if (d <= R * 0.78) return p.ring;
  if (d <= rosetteRadius(Math.atan2(dy, dx))) return p.dark;
  for (const ribbon of RIBBONS) if (insidePolygon(x, y, ribbon)) return p.main;
  return undefined;
}

/** RGBA pixels of the medallion, 4×4 supersampled. */
function rasterise(options: BadgeArtOptions): { size: number; rgba: Uint8Array } {
  const size = options.size ?? 128;
  if (!Number.isInteger(size) || size < 16 || size > 1024)
    throw new RangeError("The image size must be an integer between 16 and 1024 pixels.");
  const text = cleanInitials(options.initials);
  const p = palette(options.hue);
  const layout = glyphLayout(text);
  const rgba = new Uint8Array(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = colourAt((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size, text, layout, p);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            n++;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (n > 0) {
        rgba[o] = Math.round(r / n);
        rgba[o + 1] = Math.round(g / n);
        rgba[o + 2] = Math.round(b / n);
        rgba[o + 3] = Math.round((255 * n) / (S * S));
      }
    }
  }
  return { size, rgba };
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, per-row filter chosen among None / Sub / Up). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  if (rgba.length !== width * height * 4) throw new RangeError("RGBA data does not match the image size.");
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  const candidate = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = rgba.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? rgba.subarray((y - 1) * stride, y * stride) : undefined;
    let best = 0;
    let bestScore = Infinity;
    let bestBytes: Uint8Array = row;
    for (const filter of [0, 1, 2]) {
      const bytes = filter === 0 ? row : candidate;
      if (filter !== 0) {
        let i = 0;
        for (const byte of row) {
          // PNG filters read the bytes left of the row and above the first row as 0.
          const left = filter === 1 && i >= 4 ? (row[i - 4] ?? 0) : 0;
          const up = filter === 2 && prev ? (prev[i] ?? 0) : 0;
          candidate[i] = (byte - left - up) & 0xff;
          i++;
        }
      }
      let score = 0;
      for (const byte of bytes) score += byte < 128 ? byte : 256 - byte;
      if (score < bestScore) {
        bestScore = score;
        best = filter;
        bestBytes = filter === 0 ? row : candidate.slice();
      }
    }
    raw[y * (stride + 1)] = best;
    raw.set(bestBytes, y * (stride + 1) + 1);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8);
  const parts = [
    PNG_SIGNATURE,
    pngChunk("IHDR", header),
    pngChunk("IDAT", zlibSync(raw, { level: 9 })),
    pngChunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The medallion as a PNG. */
export function badgeArtPng(options: BadgeArtOptions): Uint8Array {
  const { size, rgba } = rasterise(options);
  return encodePng(size, size, rgba);
}

const n = (v: number) => Number((v * 100).toFixed(2));

/** The medallion as SVG (vector, a few kB). */
export function badgeArtSvg(options: BadgeArtOptions & { title?: string }): string {
  const text = cleanInitials(options.initials);
  const p = palette(options.hue);
  const points: string[] = [];
  const steps = SCALLOPS * 8;
  for (let i = 0; i < steps; i++) {
    const theta = (i / steps) * 2 * Math.PI;
    const r = rosetteRadius(theta);
    points.push(`${n(CX + r * Math.cos(theta))},${n(CY + r * Math.sin(theta))}`);
  }
  const ribbons = RIBBONS.map(
    (poly) => `<polygon fill="${hex(p.main)}" points="${poly.map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}"/>`,
  ).join("");
  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${options.size ?? 128}" height="${options.size ?? 128}" viewBox="0 0 100 100">${title}` +
    ribbons +
    `<polygon fill="${hex(p.dark)}" points="${points.join(" ")}"/>` +
    `<circle cx="${n(CX)}" cy="${n(CY)}" r="${n(R * 0.78)}" fill="${hex(p.ring)}"/>` +
    `<circle cx="${n(CX)}" cy="${n(CY)}" r="${n(R * 0.7)}" fill="${hex(p.main)}"/>` +
    `<text x="${n(CX)}" y="${n(CY)}" dy="0.35em" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-weight="700" font-size="${text.length > 2 ? 13 : 16}" fill="${hex(p.ink)}">${text}</text>` +
    `</svg>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

export { toDataUri };

export type BadgeImageData = { type: "image/png"; bytes: Uint8Array } | { type: "image/svg+xml"; bytes: Uint8Array; text: string };

/**
 * A PNG or SVG `data:` URI decoded (base64 or percent-encoded), or undefined for anything else
 * (an https URL, another image type, broken data, an SVG that fails the safe-SVG rules).
 */
export function parseImageDataUri(uri: unknown, options: { maxBytes?: number } = {}): BadgeImageData | undefined {
  const parsed = parseDataUri(uri, { maxBytes: options.maxBytes, mediaTypes: ["image/png", "image/svg+xml"] });
  if (!parsed) return undefined;
  const { bytes } = parsed;
  const type = parsed.mediaType as "image/png" | "image/svg+xml";
  if (type === "image/png") {
    if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
    return { type, bytes };
  }
  try {
    const text = assertSafeSvg(bytes);
    return { type, bytes, text };
  } catch {
    return undefined;
  }
}

/** An SVG that shows a PNG (for the `.svg` form of a badge whose class image is a PNG). */
export function svgWrappingPng(png: Uint8Array, size = 256): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}"><image width="${size}" height="${size}" xlink:href="${toDataUri("image/png", png)}"/></svg>`;
}

/**
 * The two images a badge of a class is baked into: the class's own PNG or SVG when it is a
 * `data:` URI, otherwise (no image, an https URL that must not be fetched, another format) a
 * medallion drawn in code from the class name and id. An SVG class image has no PNG form here
 * (no rasteriser), so its `.png` is the medallion; a PNG class image is wrapped for the `.svg`.
 */
export function badgeClassImages(input: { name: string; classId: number; image?: string | { id?: string } }): {
  png: Uint8Array;
  svg: string;
  source: "class-png" | "class-svg" | "generated";
} {
  const uri = typeof input.image === "string" ? input.image : input.image?.id;
  const data = parseImageDataUri(uri);
  const art = { initials: initialsOf(input.name), hue: hueOf(`class:${input.classId}:${input.name}`), size: 256 };
  if (data?.type === "image/png") return { png: data.bytes, svg: svgWrappingPng(data.bytes), source: "class-png" };
  if (data?.type === "image/svg+xml") return { png: badgeArtPng(art), svg: data.text, source: "class-svg" };
  return { png: badgeArtPng(art), svg: badgeArtSvg({ ...art, title: input.name }), source: "generated" };
}
