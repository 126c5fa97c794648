// The only way the sdk's JSON-LD processing reads a document. It serves the bundled contexts
// and, through a caller-supplied hook, issuers' controller documents (e.g. built from the keys
// registered on chain). It never fetches: any other URL is an error that says so, because a
// remote context could redefine terms and change what a signed badge says.
import { bundledContexts, MULTIKEY_V1_URL } from "../contexts/index.ts";
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
      "@context": MULTIKEY_V1_URL,
      id: vm.id,
      type: vm.type,
      controller: vm.controller,
      publicKeyMultibase: vm.publicKeyMultibase,
    });
  };
}

/** The loader for canonicalisation: bundled contexts only. */
export const contextLoader: DocumentLoader = createDocumentLoader();
