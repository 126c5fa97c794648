// The parse step's checks: is the input small enough, is it text, is it a JSON object, and which
// kind of Open Badge does it say it is.
import { decodeJwsPayloadText } from "../../proofs/jws.ts";
import { checkJsonValue, isJson, type Json, JsonShapeError, parseJsonDocument } from "../json.ts";
import { failuresOf } from "../run.ts";
import { said } from "../steps.ts";
import { messageOf, sourceText } from "../words.ts";

const fail = failuresOf("parse");

/** Largest JSON document accepted as a badge (a credential with an embedded image can be large). */
export const MAX_DOCUMENT_LENGTH = 2 * 1024 * 1024;
/** A compact JWS: three base64url parts (the signature may be empty only to be refused later). */
export const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function checkFileSize(bytes: Uint8Array) {
  if (bytes.length > MAX_DOCUMENT_LENGTH)
    throw fail(
      said(
        "parse.file-too-large",
        { bytes: bytes.length, max: MAX_DOCUMENT_LENGTH },
        `The file is ${bytes.length} bytes; a badge document is at most ${MAX_DOCUMENT_LENGTH}.`,
      ),
    );
}

export function utf8Text(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fail(said("parse.not-utf8", {}, "The file is not valid UTF-8 text, so it is not a badge document."));
  }
}

/** The text without surrounding blanks; refused when empty or too long. `source`: a word of TERMS.source, or a URL. */
export function badgeText(raw: string, source: string): string {
  const text = raw.trim();
  if (text.length === 0) throw fail(said("parse.empty", { source }, `The badge data in ${sourceText(source)} is empty.`));
  if (text.length > MAX_DOCUMENT_LENGTH)
    throw fail(
      said(
        "parse.too-long",
        { length: text.length, max: MAX_DOCUMENT_LENGTH },
        `The badge data is ${text.length} characters; at most ${MAX_DOCUMENT_LENGTH} are accepted.`,
      ),
    );
  return text;
}

/** The JSON object of a badge's text, its shape checked before it is parsed (see `checkJsonText`). */
export function jsonObject(text: string, source: string): Json {
  let document: unknown;
  try {
    document = parseJsonDocument(text);
  } catch (error) {
    if (error instanceof JsonShapeError)
      throw fail(
        said(
          "parse.json-refused",
          { source, detail: error.message },
          `The badge data in ${sourceText(source)} is refused: ${error.message}`,
        ),
      );
    const detail = messageOf(error);
    throw fail(said("parse.not-json", { source, detail }, `The badge data in ${sourceText(source)} is not valid JSON (${detail}).`));
  }
  if (!isJson(document)) throw fail(said("parse.not-object", {}, "The badge JSON must be an object."));
  return document;
}

/** A badge given as an object: the same shape bounds as a text (no duplicate keys can exist there). */
export function checkGivenObject(document: Json): Json {
  try {
    checkJsonValue(document);
  } catch (error) {
    if (error instanceof JsonShapeError)
      throw fail(said("parse.object-refused", { detail: error.message }, `The badge object is refused: ${error.message}`));
    throw error;
  }
  return document;
}

/** The JSON payload of a compact JWS (not yet verified: the proof step does that), shape-checked like any badge text. */
export function jwsPayload(jws: string, source: string): Json {
  const text = decodeJwsPayloadText(jws);
  let payload: unknown;
  try {
    payload = text === undefined ? undefined : parseJsonDocument(text);
  } catch (error) {
    if (error instanceof JsonShapeError)
      throw fail(
        said(
          "parse.jws-payload-refused",
          { source, detail: error.message },
          `The payload of the JWS in ${sourceText(source)} is refused: ${error.message}`,
        ),
      );
  }
  if (!isJson(payload))
    throw fail(said("parse.jws-no-payload", { source }, `The JWS in ${sourceText(source)} has no readable JSON payload.`));
  return payload;
}

function typesOf(document: Json): string[] {
  const type = document.type ?? document["@type"];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");
}

const isOb3 = (document: Json) => typesOf(document).some((type) => type === "OpenBadgeCredential" || type === "AchievementCredential");

export type DocumentKind = "ob3" | "ob2";

/** An Open Badges 3.0 credential or an Open Badges 2.0 assertion, by its type; anything else is refused. */
export function documentKind(document: Json): DocumentKind {
  if (isOb3(document)) return "ob3";
  const types = typesOf(document);
  if (types.includes("Assertion")) return "ob2";
  if (types.includes("VerifiableCredential"))
    throw fail(
      said("parse.vc-not-badge", {}, "This is a Verifiable Credential but not an Open Badge (its type has no OpenBadgeCredential)."),
    );
  throw fail(
    said("parse.not-badge-json", {}, "This JSON is not an Open Badge: it is neither an OB 3.0 credential nor an OB 2.0 assertion."),
  );
}

/** What a JWS payload carries: an OB 3.0 VC-JWT (the credential, or its `vc` claim) or a signed OB 2.0 assertion. */
export function jwsKind(payload: Json): DocumentKind {
  const vc = payload.vc ?? payload;
  if (isJson(vc) && isOb3(vc)) return "ob3";
  if (typesOf(payload).includes("Assertion") || payload.recipient) return "ob2";
  throw fail(said("parse.jws-not-badge", {}, "The JWS payload is neither an Open Badges 2.0 assertion nor an OB 3.0 credential."));
}
