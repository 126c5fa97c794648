/**
 * Baked PNG badges: a strict, bounded PNG chunk reader and writer.
 *
 * OB 3.0 — `iTXt` chunk, keyword `openbadgecredential`, text = credential JSON or
 * compact JWS. OB 2.0 — `iTXt` chunk, keyword `openbadges`, text = assertion JSON,
 * JWS or hosted assertion URL. OB 1.0 (legacy, read only) — `tEXt` chunk, keyword
 * `openbadges`, text = hosted assertion URL.
 *
 * The reader treats every file as hostile: it checks the signature, every chunk's
 * length and CRC-32, the IHDR…IEND framing, and caps file size, chunk count, badge
 * text size and inflated size, so a crafted file fails fast with a clear code instead
 * of hanging or exhausting memory.
 */
import { inflateCapped } from "../codecs/inflate.ts";
import { crc32 } from "./crc32.ts";
import { describeNonPng } from "./detect.ts";
import { BakingError } from "./errors.ts";
import { type BadgeKind, validateBakePayload } from "./payload.ts";

export type { BadgeKind };

export interface PngLimits {
  /** Largest PNG accepted, in bytes. Default 10 MiB. */
  maxBytes?: number;
  /** Largest badge text chunk (raw chunk data), in bytes. Default 1 MiB. */
  maxTextBytes?: number;
  /** Largest inflated text of a compressed iTXt badge chunk, in bytes. Default 1 MiB. */
  maxInflatedBytes?: number;
  /** Most chunks accepted in one file. Default 10,000. */
  maxChunks?: number;
}

export const PNG_DEFAULT_LIMITS: Readonly<Required<PngLimits>> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxTextBytes: 1024 * 1024,
  maxInflatedBytes: 1024 * 1024,
  maxChunks: 10_000,
});

export interface ExtractedPngBadge {
  kind: BadgeKind;
  payload: string;
  /** Which chunk carried it: `iTXt` (OB 2.0/3.0) or legacy `tEXt` (OB 1.0/2.0 URL). */
  chunk: "iTXt" | "tEXt";
}

export const PNG_SIGNATURE: Uint8Array = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** iTXt keyword → badge kind (a Map: a keyword such as "constructor" finds nothing). */
const ITXT_KEYWORDS: ReadonlyMap<string, BadgeKind> = new Map([
  ["openbadgecredential", "ob3"],
  ["openbadges", "ob2"],
]);
const KEYWORD_FOR: Readonly<Record<BadgeKind, string>> = { ob3: "openbadgecredential", ob2: "openbadges" };

interface Chunk {
  type: string;
  /** Offset of the length field. */
  start: number;
  /** Offset just past the CRC. */
  end: number;
  dataStart: number;
  dataEnd: number;
}

function resolveLimits(limits: PngLimits | undefined): Required<PngLimits> {
  const out = { ...PNG_DEFAULT_LIMITS, ...stripUndefined(limits) };
  for (const [name, value] of Object.entries(out)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`PNG limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return out;
}

function stripUndefined<T extends object>(obj: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!obj) return out;
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The byte at `at`; a read past the end is a truncated file, never a silent `undefined`. */
function byteAt(bytes: Uint8Array, at: number): number {
  const byte = bytes[at];
  if (byte === undefined) {
    throw new BakingError("png-truncated", `The PNG ends before byte ${at}: the file is truncated. Download it again.`);
  }
  return byte;
}

function readU32(bytes: Uint8Array, at: number): number {
  return ((byteAt(bytes, at) << 24) | (byteAt(bytes, at + 1) << 16) | (byteAt(bytes, at + 2) << 8) | byteAt(bytes, at + 3)) >>> 0;
}

function writeU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}

function isChunkTypeByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

function kib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

/** Walk and validate every chunk of a PNG. Throws BakingError on the first problem. */
function readChunks(png: Uint8Array, limits: Required<PngLimits>): Chunk[] {
  if (!(png instanceof Uint8Array)) throw new TypeError("PNG input must be a Uint8Array");
  if (png.length === 0) {
    throw new BakingError("png-truncated", "The file is empty: expected a PNG image. Choose the badge image file again.");
  }
  if (png.length > limits.maxBytes) {
    throw new BakingError(
      "png-too-large",
      `The PNG is ${kib(png.length)}, more than the ${kib(limits.maxBytes)} accepted for a badge image. Use a smaller image.`,
    );
  }
  const sigLen = Math.min(png.length, PNG_SIGNATURE.length);
  for (let i = 0; i < sigLen; i++) {
    if (png[i] !== PNG_SIGNATURE[i]) {
      const what = describeNonPng(png);
      throw new BakingError(
        "png-bad-signature",
        `This is not a PNG image${what ? ` (it looks like ${what})` : ""}: the PNG signature is missing. ` +
          "Provide the baked .png badge file" +
          (what ? ", or open this file with the matching reader." : "."),
      );
    }
  }
  if (png.length < PNG_SIGNATURE.length) {
    throw new BakingError("png-truncated", "The PNG ends inside its signature: the file is truncated. Download it again.");
  }

  const chunks: Chunk[] = [];
  let pos = PNG_SIGNATURE.length;
  for (;;) {
    if (pos === png.length) {
      if (chunks.length === 0) {
        throw new BakingError("png-truncated", "The PNG has a signature but no chunks: the file is truncated. Download it again.");
      }
      throw new BakingError("png-missing-iend", "The PNG has no IEND chunk: the file is truncated or damaged. Download it again.");
    }
    if (png.length - pos < 12) {
      throw new BakingError(
        "png-truncated",
        `The PNG ends inside a chunk header at byte ${pos}: the file is truncated. Download it again.`,
      );
    }
    const length = readU32(png, pos);
    if (length > 0x7fffffff) {
      throw new BakingError(
        "png-bad-chunk-length",
        `A PNG chunk at byte ${pos} declares ${length} bytes, beyond the 2^31-1 the format allows: the file is corrupt.`,
      );
    }
    const dataStart = pos + 8;
    if (length > png.length - dataStart - 4) {
      throw new BakingError(
        "png-truncated",
        `A PNG chunk at byte ${pos} declares ${length} bytes but the file ends first: the file is truncated. Download it again.`,
      );
    }
    const dataEnd = dataStart + length;
    const end = dataEnd + 4;
    const stored = readU32(png, dataEnd);
    const actual = crc32(png, 0, pos + 4, dataEnd);
    if (stored !== actual) {
      throw new BakingError(
        "png-bad-crc",
        `A PNG chunk at byte ${pos} fails its CRC check: the file was damaged or edited. Download the original badge again.`,
      );
    }
    for (let i = pos + 4; i < pos + 8; i++) {
      if (!isChunkTypeByte(byteAt(png, i))) {
        throw new BakingError("png-bad-chunk-type", `A PNG chunk at byte ${pos} has an invalid type name: the file is corrupt.`);
      }
    }
    const type = latin1(png, pos + 4, pos + 8);
    if (chunks.length === 0) {
      if (type !== "IHDR") {
        throw new BakingError("png-missing-ihdr", `The PNG starts with a ${type} chunk instead of IHDR: it is not a valid PNG image.`);
      }
      if (length !== 13 || readU32(png, dataStart) === 0 || readU32(png, dataStart + 4) === 0) {
        throw new BakingError("png-bad-ihdr", "The PNG header (IHDR) is malformed: it is not a valid PNG image.");
      }
    } else if (type === "IHDR") {
      throw new BakingError("png-bad-structure", "The PNG has a second IHDR chunk: it is not a valid PNG image.");
    }
    if (chunks.length >= limits.maxChunks) {
      throw new BakingError(
        "png-too-many-chunks",
        `The PNG has more than ${limits.maxChunks} chunks, far more than any badge image needs: refusing to read it.`,
      );
    }
    chunks.push({ type, start: pos, end, dataStart, dataEnd });
    pos = end;
    if (type === "IEND") {
      if (length !== 0) throw new BakingError("png-bad-structure", "The PNG's IEND chunk is not empty: the file is corrupt.");
      if (pos !== png.length) {
        throw new BakingError(
          "png-trailing-data",
          `The PNG has ${png.length - pos} unexpected bytes after its end (IEND). Something was appended to the image; use the original badge file.`,
        );
      }
      break;
    }
  }
  if (!chunks.some((c) => c.type === "IDAT")) {
    throw new BakingError("png-bad-structure", "The PNG has no image data (IDAT chunk): it is not a valid PNG image.");
  }
  return chunks;
}

/** Keyword of a tEXt/iTXt/zTXt chunk (bytes before the first NUL), or null if none within 79 bytes. */
function peekKeyword(png: Uint8Array, c: Chunk): string | null {
  const limit = Math.min(c.dataEnd, c.dataStart + 80);
  for (let i = c.dataStart; i < limit; i++) {
    if (png[i] === 0) return latin1(png, c.dataStart, i);
  }
  return null;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = "";
  for (const byte of bytes.subarray(start, end)) s += String.fromCharCode(byte);
  return s;
}

/** Is this chunk an Open Badges chunk (any kind)? */
function badgeChunkKind(png: Uint8Array, c: Chunk): BadgeKind | null {
  if (c.type === "iTXt") {
    const kw = peekKeyword(png, c);
    return kw === null ? null : (ITXT_KEYWORDS.get(kw) ?? null);
  }
  if (c.type === "tEXt") return peekKeyword(png, c) === "openbadges" ? "ob2" : null;
  return null;
}

const utf8Fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8Fatal.decode(bytes);
  } catch (cause) {
    throw new BakingError("png-bad-utf8", `The ${what} is not valid UTF-8 text: the badge data is corrupt.`, { cause });
  }
}

function findNul(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (bytes[i] === 0) return i;
  return -1;
}

/** The badge text of a compressed iTXt chunk: a zlib stream inflated up to `cap` bytes, its checksum verified. */
function inflateText(data: Uint8Array, cap: number): Uint8Array {
  const inflated = inflateCapped(data, cap, { zlib: true });
  if ("problem" in inflated && inflated.problem === "too-large")
    throw new BakingError(
      "png-inflate-too-large",
      `The compressed badge text inflates to more than ${kib(cap)}: refusing it (this is how decompression bombs work).`,
    );
  if (!("bytes" in inflated))
    throw new BakingError("png-bad-compression", "The compressed badge text in the PNG is corrupt and cannot be inflated.");
  // fflate does not check the zlib trailer: verify Adler-32 ourselves.
  if (data.length < 4) {
    throw new BakingError("png-bad-compression", "The compressed badge text in the PNG lacks its checksum: the data is corrupt.");
  }
  if (adler32(inflated.bytes) !== readU32(data, data.length - 4)) {
    throw new BakingError("png-bad-compression", "The compressed badge text in the PNG fails its checksum: the data is corrupt.");
  }
  return inflated.bytes;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  const MOD = 65521;
  for (let i = 0; i < bytes.length; i += 3800) {
    for (const byte of bytes.subarray(i, i + 3800)) {
      a += byte;
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return ((b << 16) | a) >>> 0;
}

function parseBadgeChunk(png: Uint8Array, c: Chunk, kind: BadgeKind, limits: Required<PngLimits>): ExtractedPngBadge {
  const length = c.dataEnd - c.dataStart;
  if (length > limits.maxTextBytes) {
    throw new BakingError(
      "png-text-too-large",
      `The badge text chunk is ${kib(length)}, more than the ${kib(limits.maxTextBytes)} accepted: refusing it.`,
    );
  }
  const kwEnd = findNul(png, c.dataStart, c.dataEnd); // peekKeyword guarantees it exists
  if (c.type === "tEXt") {
    // Legacy OB 1.0 bake: Latin-1 text, a hosted assertion URL.
    const payload = latin1(png, kwEnd + 1, c.dataEnd);
    return { kind, payload: checkPayload(payload), chunk: "tEXt" };
  }
  // iTXt: keyword NUL flag method language NUL translated-keyword NUL text
  let p = kwEnd + 1;
  if (c.dataEnd - p < 2) {
    throw new BakingError("png-bad-text-chunk", "The badge iTXt chunk is cut short after its keyword: the badge data is corrupt.");
  }
  const flag = byteAt(png, p);
  const method = byteAt(png, p + 1);
  if (flag !== 0 && flag !== 1) {
    throw new BakingError("png-bad-text-chunk", `The badge iTXt chunk has an invalid compression flag (${flag}); only 0 or 1 exist.`);
  }
  if (method !== 0) {
    throw new BakingError("png-bad-text-chunk", `The badge iTXt chunk uses unknown compression method ${method}; only 0 (zlib) exists.`);
  }
  p += 2;
  const langEnd = findNul(png, p, c.dataEnd);
  if (langEnd < 0) {
    throw new BakingError("png-bad-text-chunk", "The badge iTXt chunk lacks the NUL after its language tag: the badge data is corrupt.");
  }
  const transEnd = findNul(png, langEnd + 1, c.dataEnd);
  if (transEnd < 0) {
    throw new BakingError(
      "png-bad-text-chunk",
      "The badge iTXt chunk lacks the NUL after its translated keyword: the badge data is corrupt.",
    );
  }
  decodeUtf8(png.subarray(langEnd + 1, transEnd), "translated keyword of the badge chunk");
  let text = png.subarray(transEnd + 1, c.dataEnd);
  if (flag === 1) text = inflateText(text, limits.maxInflatedBytes);
  const payload = decodeUtf8(text, "badge text in the PNG");
  return { kind, payload: checkPayload(payload), chunk: "iTXt" };
}

function checkPayload(payload: string): string {
  if (payload.trim() === "") {
    throw new BakingError("empty-badge", "The image has an Open Badges chunk, but it is empty: there is no badge to read.");
  }
  return payload;
}

/**
 * Read the badge baked into a PNG. Strict: the whole file is validated first.
 * Throws BakingError (`not-a-badge` when the PNG is fine but carries no badge).
 */
export function extractFromPng(png: Uint8Array, limits?: PngLimits): ExtractedPngBadge {
  const lim = resolveLimits(limits);
  const chunks = readChunks(png, lim);
  const found: { chunk: Chunk; kind: BadgeKind }[] = [];
  for (const c of chunks) {
    const kind = badgeChunkKind(png, c);
    if (kind) found.push({ chunk: c, kind });
  }
  const [only, ...others] = found;
  if (only === undefined) {
    throw new BakingError(
      "not-a-badge",
      "This PNG is a valid image but carries no Open Badges data. Use the baked badge downloaded from the issuer or the learner page.",
    );
  }
  if (others.length > 0) {
    throw new BakingError(
      "png-multiple-badges",
      `This PNG carries ${found.length} Open Badges chunks; a baked badge must carry exactly one. Use the original badge file.`,
    );
  }
  return parseBadgeChunk(png, only.chunk, only.kind, lim);
}

/**
 * One PNG chunk: length, type, data and CRC-32 (the one chunk writer of the sdk: baking and the
 * badge images drawn in code both use it). `type` is four ASCII letters, e.g. "IHDR" or "iTXt".
 */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  if (typeof type !== "string" || !/^[A-Za-z]{4}$/.test(type))
    throw new TypeError(`A PNG chunk type is four ASCII letters; got ${JSON.stringify(type)}.`);
  if (data.length > 0x7fffffff) throw new RangeError("A PNG chunk holds at most 2^31 - 1 bytes.");
  const out = new Uint8Array(12 + data.length);
  writeU32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeU32(out, 8 + data.length, crc32(out, 0, 4, 8 + data.length));
  return out;
}

/** Build the uncompressed iTXt chunk for a badge (empty language and translated keyword). */
function makeBadgeITXt(payload: string, kind: BadgeKind): Uint8Array {
  const keyword = KEYWORD_FOR[kind];
  const text = new TextEncoder().encode(payload);
  const data = new Uint8Array(keyword.length + 5 + text.length);
  for (let i = 0; i < keyword.length; i++) data[i] = keyword.charCodeAt(i);
  // [kw] NUL, flag 0, method 0, empty language NUL, empty translated keyword NUL
  data.set([0, 0, 0, 0, 0], keyword.length);
  data.set(text, keyword.length + 5);
  return pngChunk("iTXt", data);
}

/**
 * Bake a badge into a PNG: an uncompressed `iTXt` chunk (keyword
 * `openbadgecredential` for OB 3.0, `openbadges` for OB 2.0) inserted just before
 * IEND. Any badge chunk already present (of either kind, or legacy `tEXt`) is
 * removed, so the result always carries exactly one. Returns a new array.
 */
export function bakePng(png: Uint8Array, payload: string, kind: BadgeKind, limits?: PngLimits): Uint8Array {
  const lim = resolveLimits(limits);
  validateBakePayload(payload, kind);
  const textBytes = new TextEncoder().encode(payload).length + KEYWORD_FOR[kind].length + 5;
  if (textBytes > lim.maxTextBytes) {
    throw new BakingError(
      "payload-too-large",
      `The badge payload is ${kib(textBytes)}, more than the ${kib(lim.maxTextBytes)} a baked PNG may carry.`,
    );
  }
  const chunks = readChunks(png, lim);
  const kept = chunks.filter((c) => badgeChunkKind(png, c) === null);
  const badge = makeBadgeITXt(payload, kind);
  let size = PNG_SIGNATURE.length + badge.length;
  for (const c of kept) size += c.end - c.start;
  if (size > lim.maxBytes) {
    throw new BakingError(
      "png-too-large",
      `The baked PNG would be ${kib(size)}, more than the ${kib(lim.maxBytes)} accepted. Use a smaller image.`,
    );
  }
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE, 0);
  let at = PNG_SIGNATURE.length;
  for (const c of kept) {
    if (c.type === "IEND") {
      out.set(badge, at);
      at += badge.length;
    }
    out.set(png.subarray(c.start, c.end), at);
    at += c.end - c.start;
  }
  return out;
}

/** List chunk types in order (for tests and diagnostics). Validates like extraction. */
export function listPngChunks(png: Uint8Array, limits?: PngLimits): string[] {
  return readChunks(png, resolveLimits(limits)).map((c) => c.type);
}
