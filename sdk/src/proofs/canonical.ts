/// <reference path="./vendor.d.ts" />
// RDF Dataset Canonicalization (RDFC-1.0) of a JSON-LD document into N-Quads: the bytes that
// eddsa-rdfc-2022 signs (hashed) and that the on-chain credential hash commits to. Both use the
// same options as @digitalbazaar/eddsa-rdfc-2022-cryptosuite, so sha256(canonical credential
// without proof) here equals the document hash inside the Data Integrity proof.
import jsonld from "jsonld";
import { ChanceryError } from "../documents/errors.ts";
import { contextLoader, type DocumentLoader, jsonLdRefusal } from "./loader.ts";

export async function canonicalize(document: object, options: { documentLoader?: DocumentLoader } = {}): Promise<string> {
  // Remote contexts, @import and @index are refused before jsonld sees them (see jsonLdRefusal).
  const refusal = jsonLdRefusal(document);
  if (refusal)
    throw new ChanceryError(refusal.reason === "remote-context" ? "document-not-bundled" : "canonicalization-failed", refusal.message, {
      details: { path: refusal.path, context: refusal.context },
    });
  try {
    return await jsonld.canonize(document, {
      algorithm: "RDFC-1.0",
      format: "application/n-quads",
      // Safe mode turns any term no context defines into an error instead of silently
      // dropping it: a dropped claim would be neither signed nor hashed.
      safe: true,
      base: null,
      rdfDirection: "i18n-datatype",
      documentLoader: options.documentLoader ?? contextLoader,
    });
  } catch (cause) {
    // jsonld wraps a loader error (e.g. our refusal to fetch a context): surface ours as is.
    for (let e: unknown = cause, depth = 0; e && depth < 6; depth++) {
      if (e instanceof ChanceryError) throw e;
      const err = e as { cause?: unknown; details?: { cause?: unknown } };
      e = err.details?.cause ?? err.cause;
    }
    const e = cause as { message?: string; details?: { event?: { message?: string; details?: unknown } }; cause?: { message?: string } };
    const event = e.details?.event;
    const detail = event?.message ?? e.cause?.message ?? "";
    const where = event?.details ? ` (${JSON.stringify(event.details).slice(0, 200)})` : "";
    throw new ChanceryError(
      "canonicalization-failed",
      `The document cannot be canonicalised as JSON-LD: ${e.message ?? String(cause)}${detail ? ` ${detail}` : ""}${where}. Every property must be defined by one of its @context entries (bundled: credentials v2, Open Badges 3.0, extensions).`,
      { cause },
    );
  }
}
