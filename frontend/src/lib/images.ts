import type { TFunction } from "i18next";
import { sanitizeSvgForDisplay, toDataUri } from "../sdk/light.ts";
// Preparing an uploaded image to live inside an on-chain document (profile logo, badge class
// image): SVG is checked with the sdk's safe-SVG rules; raster images are scaled down in a canvas
// until they fit the byte budget the registry allows for a whole document.
import { UiError } from "./errors.ts";
import { formatBytes } from "./format.ts";

export type PreparedImage = { dataUri: string; type: "image/png" | "image/svg+xml"; bytes: number; width?: number; height?: number };

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

type T = TFunction;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("decode"));
    image.src = url;
  });
}

async function rasterToPng(file: Blob, maxSide: number): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const url = URL.createObjectURL(file);
  try {
    const image = await loadImage(url);
    const scale = Math.min(1, maxSide / Math.max(image.naturalWidth, image.naturalHeight));
    const width = Math.max(1, Math.round(image.naturalWidth * scale));
    const height = Math.max(1, Math.round(image.naturalHeight * scale));
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("canvas");
    context.imageSmoothingQuality = "high";
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("encode");
    return { bytes: new Uint8Array(await blob.arrayBuffer()), width, height };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A PNG or SVG (JPEG/WebP are converted to PNG) as a data: URI of at most `budget` characters. */
export async function prepareImage(file: File, budget: number, t: T): Promise<PreparedImage> {
  if (file.size > MAX_UPLOAD_BYTES)
    throw new UiError("too-large", t("images.tooLarge", { size: formatBytes(file.size), max: formatBytes(MAX_UPLOAD_BYTES) }));
  const head = new Uint8Array(await file.slice(0, 512).arrayBuffer());
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head);
  const isSvg = file.type === "image/svg+xml" || /\.svg$/i.test(file.name) || /<svg[\s>]/i.test(text);
  if (isSvg) {
    const svg = await file.text();
    try {
      // The display rules, not only the safe-SVG ones: what the app would refuse to show must not go on chain either.
      sanitizeSvgForDisplay(svg);
    } catch (error) {
      throw new UiError("not-a-badge", t("images.unsafeSvg", { reason: (error as Error).message }));
    }
    const dataUri = toDataUri("image/svg+xml", svg);
    if (dataUri.length > budget)
      throw new UiError("too-large", t("images.svgTooLarge", { size: formatBytes(dataUri.length), max: formatBytes(budget) }));
    return { dataUri, type: "image/svg+xml", bytes: svg.length };
  }
  const isRaster =
    /^image\/(png|jpeg|webp|gif)$/.test(file.type) || (head[0] === 0x89 && head[1] === 0x50) || (head[0] === 0xff && head[1] === 0xd8);
  if (!isRaster) throw new UiError("not-a-badge", t("images.unsupported"));
  for (const side of [512, 384, 256, 200, 160, 128, 96]) {
    let png: Awaited<ReturnType<typeof rasterToPng>>;
    try {
      png = await rasterToPng(file, side);
    } catch {
      throw new UiError("not-a-badge", t("images.unreadable"));
    }
    const dataUri = toDataUri("image/png", png.bytes);
    if (dataUri.length <= budget) return { dataUri, type: "image/png", bytes: png.bytes.length, width: png.width, height: png.height };
  }
  throw new UiError("too-large", t("images.cannotFit", { max: formatBytes(budget) }));
}
