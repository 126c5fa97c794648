// Small display helpers (no Open Badges logic).
export function shortHex(value: string | undefined, head = 6, tail = 4): string {
  if (!value) return "";
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}

export function formatDate(seconds: number | undefined, locale: string): string {
  if (!seconds) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(seconds * 1000));
}

export function formatDateTime(seconds: number | undefined, locale: string): string {
  if (!seconds) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(seconds * 1000));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Reads a JSON-ish field of on-chain content that may be a string or an { id } object. */
export function imageOf(content: unknown): string | undefined {
  const image = (content as { image?: unknown } | undefined)?.image;
  if (typeof image === "string") return image;
  if (image && typeof image === "object" && typeof (image as { id?: unknown }).id === "string") return (image as { id: string }).id;
  return undefined;
}

export function textOf(content: unknown, key: string): string | undefined {
  const value = (content as Record<string, unknown> | undefined)?.[key];
  return typeof value === "string" ? value : undefined;
}

// Badge images go through one checked path (no external loads): see ./displayImage.ts.
export { safeImageSrc } from "./displayImage.ts";

export function downloadBlob(data: Uint8Array | string, type: string, filename: string) {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
