// Baked badge downloads: the signed credential baked (by the sdk) into the class image, as PNG and
// as SVG whatever the image's own format (an SVG image is rasterised for the PNG; a PNG image is
// wrapped in an SVG for the SVG).
import { bakePng, bakeSvg } from "../sdk/light.ts";
import { bytesToDataUri, dataUriToBytes } from "./format.ts";

const FALLBACK_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><circle cx="128" cy="128" r="120" fill="#14213d"/><circle cx="128" cy="128" r="92" fill="none" stroke="#e0a526" stroke-width="8"/><path d="M88 130l28 28 52-58" fill="none" stroke="#e0a526" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

async function svgToPng(svg: string, side = 512): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error("The badge image could not be drawn."));
      img.src = url;
    });
    const ratio = image.naturalWidth && image.naturalHeight ? image.naturalWidth / image.naturalHeight : 1;
    const canvas = document.createElement("canvas");
    canvas.width = ratio >= 1 ? side : Math.round(side * ratio);
    canvas.height = ratio >= 1 ? Math.round(side / ratio) : side;
    canvas.getContext("2d")!.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("The badge image could not be encoded as PNG.");
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function pngSize(png: Uint8Array): Promise<{ width: number; height: number }> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function sourceOf(imageUri: string | undefined): { kind: "png" | "svg"; png?: Uint8Array; svg?: string } {
  const parsed = imageUri ? dataUriToBytes(imageUri) : undefined;
  if (parsed?.type === "image/png") return { kind: "png", png: parsed.bytes };
  if (parsed?.type === "image/svg+xml") return { kind: "svg", svg: new TextDecoder().decode(parsed.bytes) };
  return { kind: "svg", svg: FALLBACK_SVG };
}

export async function bakedPng(credential: object, imageUri: string | undefined): Promise<Uint8Array> {
  const source = sourceOf(imageUri);
  const png = source.png ?? (await svgToPng(source.svg!));
  return bakePng(png, JSON.stringify(credential), "ob3");
}

export async function bakedSvg(credential: object, imageUri: string | undefined): Promise<string> {
  const source = sourceOf(imageUri);
  let svg = source.svg;
  if (!svg) {
    const { width, height } = await pngSize(source.png!);
    svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><image width="${width}" height="${height}" xlink:href="${bytesToDataUri(source.png!, "image/png")}"/></svg>`;
  }
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
