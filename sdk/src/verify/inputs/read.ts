// The parse step's first question: what was given? Bytes, text or an object, read into one of the
// inputs verification knows: a JSON document, a JWS, one of our share links, or a hosted badge URL.
import { MAX_FULL_LINK_LENGTH, MAX_LINK_CREDENTIAL_BYTES } from "../../links/credential.ts";
import { LinkError, parseShareLink, type ShareLinkParts } from "../../links/share.ts";
import { isJson, type Json } from "../json.ts";
import { failuresOf } from "../run.ts";
import { badgeText, checkGivenObject, JWS, jsonObject } from "../steps/parse.ts";
import { said } from "../steps.ts";
import { textOfBytes } from "./bytes.ts";

const fail = failuresOf("parse");

export type Input =
  | { kind: "document"; document: Json; source: string }
  | { kind: "jws"; jws: string; source: string }
  | { kind: "share-link"; link: ShareLinkParts }
  | { kind: "hosted-url"; url: string };

/** One of our share links, or undefined: any other URL is a hosted badge's. */
function shareLinkOf(url: string): ShareLinkParts | undefined {
  try {
    return parseShareLink(url);
  } catch (error) {
    // A full-badge link that was cut or altered says so, rather than being fetched as a hosted badge.
    if (error instanceof LinkError) {
      if (error.code === "link-too-long")
        throw fail(
          said(
            "parse.link-too-long",
            { length: url.length, max: MAX_FULL_LINK_LENGTH },
            `The link is ${url.length} characters; a badge link is at most ${MAX_FULL_LINK_LENGTH}.`,
          ),
        );
      if (error.code === "link-credential-too-large")
        throw fail(
          said(
            "parse.link-credential-too-large",
            { max: MAX_LINK_CREDENTIAL_BYTES },
            `The badge this link carries decompresses to more than ${MAX_LINK_CREDENTIAL_BYTES} bytes, which no badge needs: refused.`,
          ),
        );
      if (error.code === "link-bad-credential")
        throw fail(
          said(
            "parse.link-credential-damaged",
            {},
            "This full-badge link is damaged: the badge it carries cannot be read (cut or altered when copied). Copy the whole link again.",
          ),
        );
    }
    return undefined;
  }
}

export function readInput(input: unknown): Input {
  if (input instanceof ArrayBuffer) input = new Uint8Array(input);
  if (input instanceof Uint8Array) return readText(textOfBytes(input));
  if (typeof input === "string") return readText({ text: input, source: "text" });
  if (isJson(input)) return { kind: "document", document: checkGivenObject(input), source: "object" };
  throw fail(said("parse.nothing", {}, "Nothing to verify: give a badge file, its JSON, a share link or a hosted badge URL."));
}

function readText({ text: raw, source }: { text: string; source: string }): Input {
  const text = badgeText(raw, source);
  if (text.startsWith("{")) return { kind: "document", document: jsonObject(text, source), source };
  // An SVG pasted as text is read as the file it is.
  if (text.startsWith("<")) return readText(textOfBytes(new TextEncoder().encode(text)));
  if (JWS.test(text)) return { kind: "jws", jws: text, source };
  if (/^https?:\/\//i.test(text)) {
    const link = shareLinkOf(text);
    return link ? { kind: "share-link", link } : { kind: "hosted-url", url: text };
  }
  throw fail(
    said("parse.not-badge-text", {}, "This is not a badge: expected JSON, a JWS, a share link or an https URL of a hosted badge."),
  );
}
