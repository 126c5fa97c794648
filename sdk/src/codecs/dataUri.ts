// `data:` URIs (RFC 2397): one builder and one bounded parser for the images that live inside
// on-chain documents (issuer logos, badge class images) and the baked badges made from them.
import { ChanceryError } from "../errors.ts";
import { base64DecodeForgiving, base64Encode } from "./base64.ts";

export type DataUri = {
  /** Lower-cased, without parameters; `text/plain` when the URI names none (RFC 2397). */
  mediaType: string;
  /** Parameters before `;base64`, e.g. `{ charset: "utf-8" }` (names lower-cased). */
  parameters: Record<string, string>;
  base64: boolean;
  bytes: Uint8Array;
};

/** Default cap of `parseDataUri` on the decoded size (an upload the app accepts is at most 5 MiB). */
export const MAX_DATA_URI_BYTES = 8 * 1024 * 1024;

const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;
const PARAMETER = /^([a-z0-9!#$&^_.+-]+)=([^;,]*)$/i;

/** `data:<mediaType>;base64,<bytes>` — a string is written as UTF-8. */
export function toDataUri(mediaType: string, content: Uint8Array | string): string {
  if (typeof mediaType !== "string" || !MEDIA_TYPE.test(mediaType)) {
    throw new ChanceryError("invalid-input", `A data: URI needs a media type such as image/png; got ${JSON.stringify(mediaType)}.`);
  }
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return `data:${mediaType};base64,${base64Encode(bytes)}`;
}

/**
 * Reads a `data:` URI, base64 or percent-encoded. Returns undefined for anything else (another
 * scheme, a malformed header or body, a media type outside `mediaTypes` when given) and for a
 * body over `maxBytes` decoded, which is refused before any decoding work.
 */
export function parseDataUri(uri: unknown, options: { maxBytes?: number; mediaTypes?: readonly string[] } = {}): DataUri | undefined {
  if (typeof uri !== "string") return undefined;
  const maxBytes = options.maxBytes ?? MAX_DATA_URI_BYTES;
  // Percent-encoding takes at most 3 characters per byte, base64 4 per 3 (whitespace aside).
  if (uri.length > 3 * maxBytes + 1024) return undefined;
  const text = uri.trim();
  if (!/^data:/i.test(text)) return undefined;
  const comma = text.indexOf(",");
  if (comma < 0 || comma > 1024) return undefined;
  const header = text.slice(5, comma).split(";");
  const body = text.slice(comma + 1);
  const base64 = header.length > 1 && header.at(-1)?.toLowerCase() === "base64";
  if (base64) header.pop();
  // split() always yields at least one element: the media type (possibly "").
  const type = (header.shift() ?? "").trim().toLowerCase();
  if (type !== "" && !MEDIA_TYPE.test(type)) return undefined;
  const mediaType = type || "text/plain";
  if (options.mediaTypes && !options.mediaTypes.includes(mediaType)) return undefined;
  const parameters: Record<string, string> = {};
  for (const parameter of header) {
    const [, name, value] = PARAMETER.exec(parameter.trim()) ?? [];
    if (name === undefined || value === undefined) return undefined;
    parameters[name.toLowerCase()] = value;
  }
  let bytes: Uint8Array | null;
  if (base64) {
    bytes = base64DecodeForgiving(body);
  } else {
    try {
      bytes = new TextEncoder().encode(decodeURIComponent(body));
    } catch {
      bytes = null;
    }
  }
  if (!bytes || bytes.length > maxBytes) return undefined;
  return { mediaType, parameters, base64, bytes };
}
