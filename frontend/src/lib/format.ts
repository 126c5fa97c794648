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

/** The page's language (i18n/index.ts keeps <html lang> on the reader's choice): the default locale of these helpers. */
export const pageLocale = () => (typeof document !== "undefined" && document.documentElement.lang) || "en";

/** An instant (ISO 8601 string, Date or unix ms) as the reader's locale writes a date and time. */
export function formatInstant(value: string | number | Date, locale: string, style: "date" | "date-time" = "date-time"): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, style === "date" ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" }).format(
    date,
  );
}

export function formatNumber(value: number, locale = pageLocale(), options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** A duration in milliseconds, in seconds with the locale's decimal sign and unit ("0,27 s", "0.27秒"). */
export function formatDuration(ms: number, locale: string): string {
  const seconds = ms / 1000;
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: "second",
    unitDisplay: "short",
    maximumFractionDigits: seconds < 10 ? 2 : 0,
  }).format(seconds);
}

/** Words joined the locale's way ("a, b and c", "a、b和c"). */
export function formatList(items: string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

/** A size in bytes, kB or MB, with the locale's digits and decimal sign. */
export function formatBytes(bytes: number, locale = pageLocale()): string {
  const [value, unit] =
    bytes < 1024 ? [bytes, "byte"] : bytes < 1024 * 1024 ? [bytes / 1024, "kilobyte"] : [bytes / 1024 / 1024, "megabyte"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
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
