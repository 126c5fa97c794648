// did:web: a DID whose document is a did.json served over HTTPS by the domain it names
// (W3C CCG did:web method). Only the URL is computed here; the verifier fetches it with its own
// budget and host rules, like any other document a badge names.
import { ChanceryError } from "../documents/errors.ts";

const DID_WEB = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/;

/** The HTTPS URL of a did:web DID's document: `did:web:example.com:u:1` → `https://example.com/u/1/did.json`. */
export function didWebDocumentUrl(did: string): string {
  const match = DID_WEB.exec(did);
  if (!match)
    throw new ChanceryError(
      "invalid-input",
      `${JSON.stringify(did)} is not a did:web DID (did:web:<domain>[:<path>…], without fragment or query).`,
    );
  const [, domain = "", path = ""] = match;
  let host: string;
  let segments: string[];
  try {
    // A port is written percent-encoded (example.com%3A8443); path segments may be percent-encoded too.
    host = decodeURIComponent(domain);
    segments = path.split(":").slice(1).map(decodeURIComponent);
  } catch {
    throw new ChanceryError("invalid-input", `${JSON.stringify(did)} has a malformed percent-encoding.`);
  }
  let url: URL;
  try {
    url = new URL(`https://${host}`);
  } catch {
    throw new ChanceryError("invalid-input", `${JSON.stringify(did)} does not name a valid host (${JSON.stringify(host)}).`);
  }
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password)
    throw new ChanceryError("invalid-input", `${JSON.stringify(did)} does not name a plain host (got ${JSON.stringify(host)}).`);
  if (segments.some((s) => s === "" || s === "." || s === ".." || s.includes("/")))
    throw new ChanceryError("invalid-input", `${JSON.stringify(did)} has an empty or relative path segment.`);
  return segments.length === 0
    ? `${url.origin}/.well-known/did.json`
    : `${url.origin}/${segments.map(encodeURIComponent).join("/")}/did.json`;
}
