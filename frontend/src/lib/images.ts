import type { TFunction } from "i18next";
import { sanitizeSvgForDisplay, toDataUri } from "../sdk/light.ts";
// Preparing an uploaded image to live inside an on-chain document (profile logo, badge class image).
// The registry keeps a whole document in 16,384 bytes of calldata, so the image is fitted here, in
// the browser: an SVG that passes the sdk's safe-SVG rules stays vector when it fits, a raster
// (PNG, JPEG, WebP, GIF — or an SVG too large as text) is redrawn in a canvas and re-encoded down a
// ladder of sizes and qualities until it fits. Lossless PNG comes first at each size because every
// Open Badges tool (and the gateway's baking) reads PNG; WebP (alpha kept) takes over where PNG
// cannot reach a sharp size. Nothing is dropped silently: what cannot fit is refused with the reason.
import { UiError } from "./errors.ts";
import { formatBytes } from "./format.ts";

export type ImageFormat = "image/png" | "image/webp" | "image/svg+xml";

export type PreparedImage = {
  dataUri: string;
  type: ImageFormat;
  /** Bytes of the image itself (the data: URI is larger: base64). */
  bytes: number;
  width?: number;
  height?: number;
  /** What the issuer chose; kept so the image can be fitted again into the room the document leaves. */
  source?: { file: Blob; name: string; bytes: number; width?: number; height?: number; kind: "raster" | "svg" };
};

/** Largest file accepted for preparing (a 1024×1024 photo as PNG is about 2–3 MB). */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
/**
 * The side an image needs to look sharp everywhere it is shown: the badge page shows it at 180 CSS
 * pixels, so 2× screens need 360 device pixels. Smaller results are accepted but said to be soft.
 */
export const SHARP_SIDE = 360;

/** The encodings tried, in order; the first that fits wins (a raster is never scaled up). */
export const LADDER: readonly { side: number; type: "image/png" | "image/webp"; quality?: number }[] = [
  { side: 512, type: "image/png" },
  { side: 384, type: "image/png" },
  ...[0.92, 0.85, 0.75, 0.65].map((quality) => ({ side: 384, type: "image/webp" as const, quality })),
  { side: 256, type: "image/png" },
  ...[0.85, 0.7, 0.55].map((quality) => ({ side: 256, type: "image/webp" as const, quality })),
  { side: 192, type: "image/png" },
  ...[0.7, 0.5].map((quality) => ({ side: 192, type: "image/webp" as const, quality })),
  { side: 128, type: "image/png" },
  { side: 128, type: "image/webp", quality: 0.5 },
];

type T = TFunction;

/** Why a chosen image cannot be used: its words are made again from `text` in whatever language the page is in now. */
export class ImageRefusal extends UiError {
  constructor(
    readonly uiKind: "too-large" | "not-a-badge",
    readonly text: (t: T) => string,
    t: T,
  ) {
    super(uiKind, text(t));
    this.name = "ImageRefusal";
  }
}
type Sniffed = "png" | "jpeg" | "webp" | "gif" | "svg" | "unknown";

/** What a file is, by its first bytes (a file name or a browser's type can lie). */
export function sniffImage(head: Uint8Array): Sniffed {
  const at = (i: number, bytes: number[]) => bytes.every((b, j) => head[i + j] === b);
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (at(0, [0xff, 0xd8, 0xff])) return "jpeg";
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return "webp";
  if (at(0, [0x47, 0x49, 0x46, 0x38])) return "gif";
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head);
  // An XML prolog, comments or a BOM may come first; <svg must appear early in any real SVG file.
  if (/<svg[\s>]/i.test(text)) return "svg";
  return "unknown";
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("decode"));
    image.src = url;
  });
}

type Encoded = { bytes: Uint8Array; type: "image/png" | "image/webp"; width: number; height: number };

/** Draws `image` at most `side` pixels on its longer side (aspect and transparency kept) and encodes it. */
async function encode(image: HTMLImageElement, natural: { width: number; height: number }, step: (typeof LADDER)[number]) {
  const scale = step.side / Math.max(natural.width, natural.height);
  const width = Math.max(1, Math.round(natural.width * scale));
  const height = Math.max(1, Math.round(natural.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("canvas");
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = "high";
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, step.type, step.quality));
  if (!blob) throw new Error("encode");
  // A browser without a WebP encoder hands back a PNG: that step is then not a WebP one.
  if (blob.type !== step.type) return undefined;
  return { bytes: new Uint8Array(await blob.arrayBuffer()), type: step.type, width, height } satisfies Encoded;
}

/** The ladder's steps for an image of this size: never above its own pixels (a vector scales freely), each step once. */
function stepsFor(natural: { width: number; height: number }, vector: boolean) {
  if (vector) return LADDER;
  const longest = Math.max(natural.width, natural.height);
  const seen = new Set<string>();
  return LADDER.map((step) => ({ ...step, side: Math.min(step.side, longest) })).filter((step) => {
    const key = `${step.side}:${step.type}:${step.quality ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The largest, best encoding of `url` whose data: URI fits in `budget` characters, or why none does. */
async function fitRaster(url: string, budget: number, vector: boolean, t: T): Promise<Encoded> {
  let image: HTMLImageElement;
  try {
    image = await loadImage(url);
  } catch {
    throw new ImageRefusal("not-a-badge", (t) => t("images.unreadable"), t);
  }
  // An SVG without width/height has no natural size in some browsers: a square is assumed.
  const natural = { width: image.naturalWidth || 512, height: image.naturalHeight || 512 };
  let smallest: number | undefined;
  for (const step of stepsFor(natural, vector)) {
    let encoded: Encoded | undefined;
    try {
      encoded = await encode(image, natural, step);
    } catch {
      throw new ImageRefusal("not-a-badge", (t) => t("images.unreadable"), t);
    }
    if (!encoded) continue;
    const length = toDataUri(encoded.type, encoded.bytes).length;
    if (length <= budget) return encoded;
    smallest = Math.min(smallest ?? length, length);
  }
  throw new ImageRefusal("too-large", (t) => t("imageFit.cannotFit", { size: formatBytes(smallest ?? 0), max: formatBytes(budget) }), t);
}

function unsafeSvgReason(error: unknown, t: T): string {
  const code = (error as { code?: unknown }).code;
  const known = ["svg-script", "svg-event-handler", "svg-javascript-url", "svg-foreign-object", "svg-external-resource", "svg-doctype"];
  return typeof code === "string" && known.includes(code) ? t(`imageFit.svgRefused.${code}`) : (error as Error).message;
}

/**
 * `file` as a PNG, WebP or SVG data: URI of at most `budget` characters: as it is when it fits
 * (a PNG, or a safe SVG kept as vector), otherwise redrawn down the ladder. Throws a UiError that
 * says what is wrong and what to do.
 */
export async function prepareImage(file: Blob & { name?: string }, budget: number, t: T): Promise<PreparedImage> {
  const name = file.name ?? "image";
  if (file.size === 0) throw new ImageRefusal("not-a-badge", (t) => t("imageFit.empty"), t);
  if (file.size > MAX_UPLOAD_BYTES)
    throw new ImageRefusal(
      "too-large",
      (t) => t("images.tooLarge", { size: formatBytes(file.size), max: formatBytes(MAX_UPLOAD_BYTES) }),
      t,
    );
  const kind = sniffImage(new Uint8Array(await file.slice(0, 1024).arrayBuffer()));
  if (kind === "unknown") throw new ImageRefusal("not-a-badge", (t) => t("imageFit.unsupported", { name }), t);

  if (kind === "svg") {
    let svg: string;
    try {
      // The display rules, not only the safe-SVG ones: what the app would refuse to show must not go on chain either.
      svg = sanitizeSvgForDisplay(await file.text());
    } catch (error) {
      throw new ImageRefusal("not-a-badge", (t) => t("images.unsafeSvg", { reason: unsafeSvgReason(error, t) }), t);
    }
    const source = { file, name, bytes: file.size, kind: "svg" as const };
    const dataUri = toDataUri("image/svg+xml", svg);
    if (dataUri.length <= budget) return { dataUri, type: "image/svg+xml", bytes: svg.length, source };
    // Too large as text: drawn from the checked text (never the original bytes) into pixels.
    const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    try {
      const fitted = await fitRaster(url, budget, true, t);
      return { dataUri: toDataUri(fitted.type, fitted.bytes), type: fitted.type, bytes: fitted.bytes.length, ...size(fitted), source };
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  const url = URL.createObjectURL(file);
  try {
    const natural = await loadImage(url).then(
      (image) => ({ width: image.naturalWidth, height: image.naturalHeight }),
      () => {
        throw new ImageRefusal("not-a-badge", (t) => t("images.unreadable"), t);
      },
    );
    const source = { file, name, bytes: file.size, ...natural, kind: "raster" as const };
    // A PNG that already fits and is no larger than the ladder's top is kept byte for byte.
    if (kind === "png" && Math.max(natural.width, natural.height) <= LADDER[0].side) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const dataUri = toDataUri("image/png", bytes);
      if (dataUri.length <= budget) return { dataUri, type: "image/png", bytes: bytes.length, ...natural, source };
    }
    const fitted = await fitRaster(url, budget, false, t);
    return { dataUri: toDataUri(fitted.type, fitted.bytes), type: fitted.type, bytes: fitted.bytes.length, ...size(fitted), source };
  } finally {
    URL.revokeObjectURL(url);
  }
}

const size = (e: Encoded) => ({ width: e.width, height: e.height });

/** Whether the prepared image has the pixels to look sharp on a 2× screen (a vector always does). */
export function isSharp(image: PreparedImage): boolean {
  return image.type === "image/svg+xml" || Math.max(image.width ?? 0, image.height ?? 0) >= SHARP_SIDE;
}

/** "PNG", "WebP" or "SVG" — for the picker's line about the prepared image. */
export function formatName(type: ImageFormat): string {
  return type === "image/svg+xml" ? "SVG" : type === "image/webp" ? "WebP" : "PNG";
}

/** Width and height from a PNG's IHDR or a WebP's VP8 / VP8L / VP8X header (undefined if neither). */
export function pixelSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 30) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = sniffImage(bytes.subarray(0, 16));
  if (kind === "png") return { width: view.getUint32(16), height: view.getUint32(20) };
  if (kind !== "webp") return undefined;
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  const u24 = (at: number) => view.getUint16(at, true) | (view.getUint8(at + 2) << 16);
  if (chunk === "VP8X") return { width: u24(24) + 1, height: u24(27) + 1 };
  if (chunk === "VP8 ") return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === "VP8L") {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

/** An image already in an on-chain document, as the picker shows a prepared one (kept unless replaced). */
export function preparedFromDataUri(uri: string | undefined): PreparedImage | undefined {
  if (uri && /^data:image\/svg\+xml,/.test(uri)) return { dataUri: uri, type: "image/svg+xml", bytes: uri.length };
  const match = uri && /^data:(image\/png|image\/webp|image\/svg\+xml);base64,([A-Za-z0-9+/=]+)$/.exec(uri);
  if (!uri || !match) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(match[2] ?? ""), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
  return { dataUri: uri, type: match[1] as ImageFormat, bytes: bytes.length, ...pixelSize(bytes) };
}
