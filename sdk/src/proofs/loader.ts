// The only way the sdk's JSON-LD processing reads a document. It serves the bundled contexts
// and, through a caller-supplied hook, issuers' controller documents (e.g. built from the keys
// registered on chain). It never fetches: any other URL is an error that says so, because a
// remote context could redefine terms and change what a signed badge says.
import { bundledContexts, ED25519_2020_URL, MULTIKEY_V1_URL } from "../contexts/index.ts";
import { ChanceryError } from "../documents/errors.ts";
import { buildControllerDocument, type ControllerDocument } from "./controller.ts";
import { multibaseToPublicKey } from "./multibase.ts";

export interface RemoteDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * Returns the controller document whose id is `controllerId` (a URL without fragment), or
 * null/undefined when the controller is unknown. For Chancery issuers, build it from the keys
 * registered on chain with `buildControllerDocument(issuerProfileId(…), keys)`.
 */
export type ControllerResolver = (controllerId: string) => Promise<ControllerDocument | object | null | undefined>;

export interface DocumentLoaderOptions {
  resolveController?: ControllerResolver;
  /** Extra fixed documents by exact URL (tests, or more contexts an integrator trusts). */
  documents?: Record<string, object>;
}

function remote(url: string, document: unknown): RemoteDocument {
  return { contextUrl: null, documentUrl: url, document };
}

/** did:key with an Ed25519 key resolves locally: the key is the identifier. */
function didKeyController(did: string): ControllerDocument | undefined {
  const [, multibase] = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(did) ?? [];
  if (multibase === undefined) return undefined;
  return buildControllerDocument(did, [{ publicKey: multibaseToPublicKey(multibase) }]);
}

export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const extra = new Map(Object.entries(options.documents ?? {}));
  return async function documentLoader(url: string): Promise<RemoteDocument> {
    const bundled = bundledContexts.get(url) ?? extra.get(url);
    if (bundled) return remote(url, bundled);

    const hash = url.indexOf("#");
    const controllerId = hash < 0 ? url : url.slice(0, hash);
    let controller: unknown = didKeyController(controllerId);
    if (!controller && options.resolveController) {
      try {
        controller = await options.resolveController(controllerId);
      } catch (cause) {
        throw new ChanceryError(
          "controller-not-found",
          `Could not resolve the controller document ${controllerId}: ${(cause as Error)?.message ?? String(cause)}`,
          { cause, details: { url } },
        );
      }
    }
    if (!controller) {
      throw new ChanceryError(
        "document-not-bundled",
        options.resolveController
          ? `No document for ${url}: it is not a bundled JSON-LD context and the controller resolver knows no issuer ${controllerId}.`
          : `Refusing to fetch ${url}: only bundled JSON-LD contexts are served offline. Pass resolveController to resolve issuers' controller documents.`,
        { details: { url } },
      );
    }
    const doc = controller as Partial<ControllerDocument>;
    if (doc.id !== controllerId) {
      throw new ChanceryError(
        "controller-not-found",
        `The controller document resolved for ${controllerId} has id ${JSON.stringify(doc.id)}; the ids must match exactly.`,
        { details: { url } },
      );
    }
    if (hash < 0) return remote(url, controller);

    // A verification method id: return that method alone, as Data Integrity suites expect.
    const methods = Array.isArray(doc.verificationMethod) ? doc.verificationMethod : doc.verificationMethod ? [doc.verificationMethod] : [];
    const vm = methods.find((m) => m && typeof m === "object" && (m as { id?: string }).id === url) as Record<string, unknown> | undefined;
    if (!vm) {
      throw new ChanceryError(
        "controller-not-found",
        `The controller document ${controllerId} lists no verification method ${url}: the key is not (or no longer) registered for this issuer.`,
        { details: { url } },
      );
    }
    if (vm.controller !== controllerId) {
      throw new ChanceryError(
        "controller-not-found",
        `Verification method ${url} names controller ${JSON.stringify(vm.controller)} instead of ${controllerId}.`,
        { details: { url } },
      );
    }
    return remote(url, {
      // The context a key library expects for the method's type (it checks it by name).
      "@context": vm.type === "Ed25519VerificationKey2020" ? ED25519_2020_URL : MULTIKEY_V1_URL,
      id: vm.id,
      type: vm.type,
      controller: vm.controller,
      publicKeyMultibase: vm.publicKeyMultibase,
    });
  };
}

/** The loader for canonicalisation: bundled contexts only. */
export const contextLoader: DocumentLoader = createDocumentLoader();

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** How deep inline contexts may nest (a scoped context inside a term of an inline context…). */
export const MAX_CONTEXT_DEPTH = 4;
/** Terms all inline contexts of one document may define together. */
export const MAX_INLINE_TERMS = 1_000;

/** Why a document cannot be processed safely offline: the first thing found, with where it is. */
export type JsonLdRefusal = {
  reason: "remote-context" | "inline-context" | "index" | "context-shape";
  message: string;
  context?: string;
  path: string;
};

/**
 * Checks, before any JSON-LD work, what the document asks JSON-LD to do: every context it names
 * (at any level, in arrays, in scoped term definitions, by `@import`) must be a bundled one, since
 * a remote context could redefine terms and change what a signed badge says (and fetching it would
 * let the badge make the verifier call a host of its choosing); inline contexts nest at most
 * MAX_CONTEXT_DEPTH deep; and no `@index` carries a value: an index produces no RDF triple, so what
 * it holds would be shown next to a valid signature without being signed. With `inlineContexts:
 * false`, a context written inline is refused too (our own credentials never have one). Returns
 * the first refusal, or undefined.
 */
export function jsonLdRefusal(document: unknown, options: { inlineContexts?: boolean } = {}): JsonLdRefusal | undefined {
  let terms = 0;
  const context = (value: unknown, depth: number, path: string): JsonLdRefusal | undefined => {
    if (value === null || value === undefined) return undefined;
    if (typeof value === "string")
      return bundledContexts.has(value)
        ? undefined
        : {
            reason: "remote-context",
            context: value,
            path,
            message: `Refusing to fetch ${value}: the document needs this JSON-LD context (at ${path}), which is not one of the bundled contexts (credentials v2, Open Badges 3.0 and its extensions, Data Integrity, Multikey); remote contexts are never fetched.`,
          };
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        const refusal = context(item, depth, `${path}[${i}]`);
        if (refusal) return refusal;
      }
      return undefined;
    }
    if (typeof value !== "object")
      return { reason: "context-shape", path, message: `The @context at ${path} is neither a URL, an object nor a list.` };
    if (depth > MAX_CONTEXT_DEPTH)
      return {
        reason: "context-shape",
        path,
        message: `Inline JSON-LD contexts nest deeper than ${MAX_CONTEXT_DEPTH} levels (at ${path}); the document is refused.`,
      };
    for (const [term, definition] of Object.entries(value as Record<string, unknown>)) {
      const at = `${path}.${term}`;
      if (++terms > MAX_INLINE_TERMS)
        return { reason: "context-shape", path: at, message: `The inline JSON-LD contexts define more than ${MAX_INLINE_TERMS} terms.` };
      if (term === "@import") {
        const imported = typeof definition === "string" ? definition : JSON.stringify(definition);
        return {
          reason: "remote-context",
          context: imported,
          path: at,
          message: `The document's context imports ${imported} (@import at ${at}); imported contexts are never fetched.`,
        };
      }
      if (!definition || typeof definition !== "object" || Array.isArray(definition)) continue;
      const def = definition as Record<string, unknown>;
      const containers = Array.isArray(def["@container"]) ? def["@container"] : [def["@container"]];
      if (containers.includes("@index"))
        return {
          reason: "index",
          path: at,
          message: `The document's context makes "${term}" an index map (at ${at}): index keys produce no RDF triple, so what they say is not signed.`,
        };
      const refusal = context(def["@context"], depth + 1, `${at}.@context`);
      if (refusal) return refusal;
    }
    return undefined;
  };
  const pending: { value: unknown; path: string }[] = [{ value: document, path: "" }];
  while (pending.length > 0) {
    const { value, path } = pending.pop() as (typeof pending)[number];
    if (!value || typeof value !== "object") continue;
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v]) : Object.entries(value);
    for (const [key, child] of entries) {
      const at = Array.isArray(value) ? `${path}${key}` : path ? `${path}.${key}` : key;
      if (key === "@context") {
        const refusal = context(child, 1, at);
        if (refusal) return refusal;
        if (options.inlineContexts === false && asList(child).some((item) => item !== null && typeof item === "object"))
          return {
            reason: "inline-context",
            path: at,
            message: `The document writes a JSON-LD context inline (at ${at}); a Chancery credential uses only the bundled contexts, so none of its terms can be redefined next to the signature.`,
          };
        continue;
      }
      if (key === "@index" && !Array.isArray(value))
        return {
          reason: "index",
          path: at,
          message: `The document has an @index (at ${at}): it produces no RDF triple, so what it says is not signed.`,
        };
      pending.push({ value: child, path: at });
    }
  }
  return undefined;
}
