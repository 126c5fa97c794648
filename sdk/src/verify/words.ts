// How step messages name things: short hex, dates, the gist of an error.

export const short = (hex: string) => `${hex.slice(0, 10)}…${hex.slice(-6)}`;
export const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
/** Unix seconds as an ISO 8601 instant: how a step's `date` parameter carries a chain time. */
export const isoInstant = (seconds: number) => new Date(seconds * 1000).toISOString();
/** Where badge data was read from, in English: a word of TERMS.source ("baked-png"…), or a URL as is. */
export function sourceText(source: string): string {
  const words: Record<string, string> = {
    "baked-png": "a baked PNG",
    "baked-svg": "a baked SVG",
    file: "a file",
    text: "text",
    object: "a JSON object",
    "share-link": "the share link",
  };
  return words[source] ?? source;
}

/** A document verification fetches, in English: a word of TERMS.document ("status-list"…), or words as given. */
export function documentText(document: string): string {
  const words: Record<string, string> = {
    "hosted-badge": "the hosted badge",
    "hosted-assertion": "the hosted assertion",
    "badge-class": "the badge class",
    "issuer-profile": "the issuer profile",
    "revocation-list": "the issuer's revocation list",
    "status-list": "the status list",
    "did-document": "the issuer's DID document",
    "controller-document": "the issuer's controller document",
    "signing-key": "the signing key",
    "key-document": "the issuer's key document",
  };
  return words[document] ?? document;
}

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** viem's short message when there is one (its full message carries the whole request). */
export function messageOf(error: unknown): string {
  if (error && typeof error === "object" && "shortMessage" in error && typeof error.shortMessage === "string") return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}
