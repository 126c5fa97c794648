// Baked badge downloads: the signed credential baked (by the sdk) into the class image, as PNG and
// as SVG whatever the image's own format (an SVG image is rasterised for the PNG; a PNG image is
// wrapped in an SVG for the SVG).
import { badgeClassImages, bakePng, bakeSvg, parseImageDataUri, sanitizeSvgForDisplay, svgWrappingPng } from "../sdk/light.ts";

async function svgToPng(svg: string, side = 512): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    return await drawAsPng(url, side);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A WebP or JPEG class image (the app fits large images as WebP) is redrawn as the PNG a baked badge needs, at its own size. */
const RASTER_NOT_PNG = /^data:image\/(webp|jpeg);base64,/;

/** The image at `url` drawn into a canvas and encoded as PNG (`side`: its longer side; its own size by default). */
async function drawAsPng(url: string, side?: number): Promise<Uint8Array> {
  const image = await new Promise<HTMLImageElement>((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("The badge image could not be drawn."));
    img.src = url;
  });
  const ratio = image.naturalWidth && image.naturalHeight ? image.naturalWidth / image.naturalHeight : 1;
  side ??= Math.max(image.naturalWidth, image.naturalHeight) || 512;
  const canvas = document.createElement("canvas");
  canvas.width = ratio >= 1 ? side : Math.round(side * ratio);
  canvas.height = ratio >= 1 ? Math.round(side / ratio) : side;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("The badge image could not be drawn: this browser gave no 2D canvas.");
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("The badge image could not be encoded as PNG.");
  return new Uint8Array(await blob.arrayBuffer());
}

function pngSide(png: Uint8Array): number {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return Math.max(view.getUint32(16), view.getUint32(20)) || 256;
}

/** The class image as PNG or SVG; without a usable one (or an SVG that loads from elsewhere), the sdk's medallion drawn from the badge name. */
type ImageSource = { png: Uint8Array; svg?: string } | { png?: undefined; svg: string };

function sourceOf(imageUri: string | undefined, name: string): ImageSource {
  const parsed = parseImageDataUri(imageUri);
  if (parsed?.type === "image/png") return { png: parsed.bytes };
  if (parsed?.type === "image/svg+xml") {
    try {
      // A baked SVG is opened as a document of its own: it must not load anything from elsewhere.
      return { svg: sanitizeSvgForDisplay(parsed.bytes) };
    } catch {
      // an image that would: the medallion instead
    }
  }
  const art = badgeClassImages({ name, classId: 0 });
  return { png: art.png, svg: art.svg };
}

export async function bakedPng(credential: object, imageUri: string | undefined, name = "Badge"): Promise<Uint8Array> {
  if (imageUri && RASTER_NOT_PNG.test(imageUri)) return bakePng(await drawAsPng(imageUri), JSON.stringify(credential), "ob3");
  const source = sourceOf(imageUri, name);
  const png = source.png !== undefined ? source.png : await svgToPng(source.svg);
  return bakePng(png, JSON.stringify(credential), "ob3");
}

export async function bakedSvg(credential: object, imageUri: string | undefined, name = "Badge"): Promise<string> {
  if (imageUri && RASTER_NOT_PNG.test(imageUri)) {
    const png = await drawAsPng(imageUri);
    return bakeSvg(svgWrappingPng(png, pngSide(png)), JSON.stringify(credential), "ob3");
  }
  const source = sourceOf(imageUri, name);
  const svg = source.svg ?? (source.png !== undefined ? svgWrappingPng(source.png, pngSide(source.png)) : undefined);
  if (svg === undefined) throw new Error("The badge has no image to bake.");
  return bakeSvg(svg, JSON.stringify(credential), "ob3");
}

/** A file name from the badge name: letters, digits and dashes. */
export function badgeFileName(name: string | undefined, extension: string): string {
  const base = (name ?? "badge")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9\u4e00-\u9fff]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  return `${base || "badge"}.${extension}`;
}
