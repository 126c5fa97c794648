/**
 * Guess what kind of badge file some bytes are, from magic bytes and the first
 * non-space characters. Cheap and bounded: it never parses the whole input.
 */
export type BadgeFileType = "png" | "svg" | "json" | "jws" | "unknown";

/** How far into a text file we look for the `<svg` root. */
const SVG_SNIFF_BYTES = 64 * 1024;

const lenientUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isB64url(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;
}

/** The code at `i`, or -1 past the end (a value no character test matches). */
function codeAt(codes: ArrayLike<number>, i: number): number {
  return codes[i] ?? -1;
}

/** Compact JWS: three base64url segments, a JSON header (`eyJ` = base64url of `{"`). */
function isCompactJws(codes: ArrayLike<number>, start: number, end: number): boolean {
  if (end - start < 5 || codes[start] !== 0x65 || codes[start + 1] !== 0x79 || codes[start + 2] !== 0x4a) return false;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = codeAt(codes, i);
    if (c === 0x2e) {
      dots++;
      if (dots > 2) return false;
    } else if (!isB64url(c)) return false;
  }
  return dots === 2;
}

function stringCodes(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Detect the badge file type of raw bytes (or already-decoded text). */
export function detectBadgeFile(input: Uint8Array | string): BadgeFileType {
  let codes: ArrayLike<number>;
  if (typeof input === "string") {
    // A PNG mistakenly read as text still starts with U+0089 "PNG" (Latin-1 decoding).
    if (input.startsWith("\x89PNG")) return "png";
    codes = stringCodes(input);
  } else if (input instanceof Uint8Array) {
    codes = input;
    if (input.length >= 4 && input[0] === 0x89 && input[1] === 0x50 && input[2] === 0x4e && input[3] === 0x47) return "png";
  } else {
    return "unknown";
  }
  let start = 0;
  let end = codes.length;
  // UTF-8 BOM (bytes) or U+FEFF (string)
  if (typeof input === "string" ? codes[0] === 0xfeff : codes[0] === 0xef && codes[1] === 0xbb && codes[2] === 0xbf) {
    start = typeof input === "string" ? 1 : 3;
  }
  while (start < end && isSpace(codeAt(codes, start))) start++;
  while (end > start && isSpace(codeAt(codes, end - 1))) end--;
  if (start >= end) return "unknown";
  const first = codeAt(codes, start);
  if (first === 0x7b) return "json"; // {
  if (first === 0x3c) {
    // <
    const head =
      typeof input === "string"
        ? input.slice(start, start + SVG_SNIFF_BYTES)
        : lenientUtf8.decode(input.subarray(start, start + SVG_SNIFF_BYTES));
    return /<svg[\s/>]/i.test(head) ? "svg" : "unknown";
  }
  if (isCompactJws(codes, start, end)) return "jws";
  return "unknown";
}

/** Human description of a non-PNG file, for error messages ("" when unknown). */
export function describeNonPng(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "a JPEG image";
  if (bytes.length >= 4 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38) return "a GIF image";
  if (bytes.length >= 12 && latin(bytes, 0, 4) === "RIFF" && latin(bytes, 8, 12) === "WEBP") return "a WebP image";
  if (bytes.length >= 4 && latin(bytes, 0, 4) === "%PDF") return "a PDF document";
  switch (detectBadgeFile(bytes)) {
    case "svg":
      return "an SVG image";
    case "json":
      return "a JSON credential";
    case "jws":
      return "a compact JWS credential";
    default:
      return "";
  }
}

function latin(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}
