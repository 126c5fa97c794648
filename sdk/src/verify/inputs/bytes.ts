// Bytes: a baked PNG or SVG (the badge is the payload it carries), or a JSON or JWS file.
import { detectBadgeFile } from "../../baking/detect.ts";
import { extractBadge } from "../../baking/extract.ts";
import { failuresOf } from "../run.ts";
import { checkFileSize, utf8Text } from "../steps/parse.ts";
import { said } from "../steps.ts";
import { messageOf } from "../words.ts";

const fail = failuresOf("parse");

/** The badge text the bytes carry, and where it was found (a word of TERMS.source). */
export function textOfBytes(bytes: Uint8Array): { text: string; source: string } {
  const type = detectBadgeFile(bytes);
  if (type === "png" || type === "svg") {
    const name = type.toUpperCase();
    try {
      return { text: extractBadge(bytes).payload, source: type === "png" ? "baked-png" : "baked-svg" };
    } catch (error) {
      const detail = messageOf(error);
      throw fail(said("parse.baked-unreadable", { format: name, detail }, `This ${name} is not a readable badge: ${detail}`));
    }
  }
  if (type === "json" || type === "jws") {
    checkFileSize(bytes);
    return { text: utf8Text(bytes), source: "file" };
  }
  throw fail(said("parse.not-badge-file", {}, "This file is not a badge: expected a baked PNG or SVG, a JSON credential or a JWS."));
}
