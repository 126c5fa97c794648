// The issuer's controller document: served at the issuer id (the OB 3.0 Profile id), it lists
// the Ed25519 keys registered on chain so any Data Integrity verifier can check our proofs.
// Every key ever registered stays listed (rotation must not break badges signed while a key
// was valid); whether a key was valid when a badge was issued is the chain's answer
// (`isKeyValidAt` / `verifyAssertion(…, publicKey)`), and the windows are shown for information.
//
// Each key of a Chancery issuer is listed twice: as its own Multikey document at a fragment-less
// URL (ob3Key, what new badges name: a plain GET of it gives the key, as stock loaders expect) and
// as `${issuer id}#z6Mk…` (what badges signed before named), both in assertionMethod.

import { hexToBytes } from "@noble/hashes/utils.js";
import { CREDENTIALS_V2_URL, DID_V1_URL, MULTIKEY_V1_URL, OB3_CONTEXT_URL } from "../contexts/index.ts";
import { ChanceryError } from "../documents/errors.ts";
import { parseIssuerProfileId, verificationMethodId, verificationMethodUrl } from "../urls.ts";
import { publicKeyToMultibase } from "./multibase.ts";

// The DID v1 context first: it defines verificationMethod, assertionMethod and controller, and
// jsonld-signatures reads a controller document that starts with it as is, where it would
// otherwise frame it with https://w3id.org/security/v2 (a context the DCC's stock loader does not
// bundle, so it would go to the network). Multikey v1 defines the keys; the two inline terms are
// the keys' windows (W3C credentials IRIs), kept inline so nothing beyond our bundled contexts is needed.
export const CONTROLLER_DOCUMENT_CONTEXT = [
  DID_V1_URL,
  MULTIKEY_V1_URL,
  {
    validFrom: { "@id": "https://www.w3.org/2018/credentials#validFrom", "@type": "http://www.w3.org/2001/XMLSchema#dateTime" },
    validUntil: { "@id": "https://www.w3.org/2018/credentials#validUntil", "@type": "http://www.w3.org/2001/XMLSchema#dateTime" },
  },
] as const;

export interface ControllerKey {
  /** Raw 32-byte Ed25519 public key (or its 0x-hex bytes32 form as stored on chain). */
  publicKey: Uint8Array | string;
  /** Start of the key's window: unix seconds (as on chain), a Date or an ISO string. 0/undefined: none. */
  validFrom?: number | Date | string;
  /** End of the window; 0/undefined means open-ended. */
  validUntil?: number | Date | string;
}

export interface VerificationMethod {
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
  validFrom?: string;
  validUntil?: string;
}

/** One key as its own document, at its own URL: what a loader returns for a proof's `verificationMethod`. */
export interface KeyDocument {
  "@context": typeof MULTIKEY_V1_URL;
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
}

export interface ControllerDocument {
  "@context": unknown;
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
}

function toIsoSeconds(value: number | Date | string | undefined, what: string): string | undefined {
  if (value === undefined || value === 0) return undefined;
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new ChanceryError("invalid-input", `${what} is not a valid time: ${String(value)}.`);
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function toKeyBytes(key: Uint8Array | string): Uint8Array {
  if (typeof key === "string") {
    if (!/^0x[0-9a-fA-F]{64}$/.test(key))
      throw new ChanceryError(
        "invalid-input",
        `A public key given as text must be 0x + 64 hex digits (the bytes32 on chain); got ${JSON.stringify(key)}.`,
      );
    return hexToBytes(key.slice(2));
  }
  return key;
}

/** The (gateway, deployment, issuer) a Chancery issuer id names, or undefined for anyone else's id. */
function chanceryIssuer(controllerId: string) {
  try {
    return parseIssuerProfileId(controllerId);
  } catch {
    return undefined;
  }
}

/**
 * The `verificationMethod` a proof by this key names: for a Chancery issuer, the key's own document
 * URL (ob3Key); for any other controller (a did:key, another issuer's URL), `${controller}#z6Mk…`.
 */
export function verificationMethodFor(controllerId: string, publicKeyMultibase: string): string {
  const chancery = chanceryIssuer(controllerId);
  return chancery
    ? verificationMethodUrl(chancery.gatewayBase, chancery.deployment, chancery.issuerId, publicKeyMultibase)
    : verificationMethodId(controllerId, publicKeyMultibase);
}

/**
 * The Multikey document of one key of a Chancery issuer, served at its ob3Key URL. Only the
 * Multikey context: `@digitalbazaar/ed25519-multikey` (under both Digital Bazaar's and the DCC's
 * verifiers) requires it by name and reads the key without JSON-LD processing, so no loader fetches it.
 */
export function buildKeyDocument(issuerProfileId: string, publicKey: Uint8Array | string): KeyDocument {
  const chancery = chanceryIssuer(issuerProfileId);
  if (!chancery)
    throw new ChanceryError(
      "invalid-input",
      `A key document is served for a Chancery issuer id ({base}/ob3/issuers/…); got ${JSON.stringify(issuerProfileId)}.`,
    );
  const publicKeyMultibase = publicKeyToMultibase(toKeyBytes(publicKey));
  return {
    "@context": MULTIKEY_V1_URL,
    id: verificationMethodUrl(chancery.gatewayBase, chancery.deployment, chancery.issuerId, publicKeyMultibase),
    type: "Multikey",
    controller: issuerProfileId,
    publicKeyMultibase,
  };
}

/**
 * The controller document of `controllerId` listing `keys`. With `options.profile` (the issuer's
 * OB 3.0 Profile, same id) the result is one document that is both the Profile and the
 * controller document — what the gateway serves at the issuer id, so OB 3.0 consumers and Data
 * Integrity verifiers dereferencing it both find what they need.
 */
export function buildControllerDocument(
  controllerId: string,
  keys: ControllerKey[],
  options: { profile?: Record<string, unknown> } = {},
): ControllerDocument {
  if (typeof controllerId !== "string" || controllerId.length === 0 || controllerId.includes("#")) {
    throw new ChanceryError(
      "invalid-input",
      `The controller id must be the issuer id URL without a fragment; got ${JSON.stringify(controllerId)}.`,
    );
  }
  const chancery = chanceryIssuer(controllerId);
  const verificationMethod = keys.flatMap((key, i): VerificationMethod[] => {
    const publicKeyMultibase = publicKeyToMultibase(toKeyBytes(key.publicKey));
    const window: Pick<VerificationMethod, "validFrom" | "validUntil"> = {};
    const from = toIsoSeconds(key.validFrom, `keys[${i}].validFrom`);
    const until = toIsoSeconds(key.validUntil, `keys[${i}].validUntil`);
    if (from) window.validFrom = from;
    if (until) window.validUntil = until;
    const method = (id: string): VerificationMethod => ({ id, type: "Multikey", controller: controllerId, publicKeyMultibase, ...window });
    const fragment = method(verificationMethodId(controllerId, publicKeyMultibase));
    if (!chancery) return [fragment];
    return [method(verificationMethodUrl(chancery.gatewayBase, chancery.deployment, chancery.issuerId, publicKeyMultibase)), fragment];
  });
  const document: ControllerDocument = {
    "@context": structuredClone(CONTROLLER_DOCUMENT_CONTEXT),
    id: controllerId,
    verificationMethod,
    assertionMethod: verificationMethod.map((vm) => vm.id),
  };
  const profile = options.profile;
  if (profile === undefined) return document;
  if (!profile || typeof profile !== "object" || profile.id !== controllerId) {
    throw new ChanceryError(
      "invalid-input",
      `The issuer Profile merged into the controller document must have the same id (${controllerId}); got ${JSON.stringify((profile as { id?: unknown })?.id)}.`,
    );
  }
  const { "@context": _ignored, id: _id, verificationMethod: _vm, assertionMethod: _am, ...fields } = profile;
  return {
    ...document,
    // DID v1 stays first (see CONTROLLER_DOCUMENT_CONTEXT); credentials v2 and OB 3.0 make it the Profile.
    "@context": [DID_V1_URL, CREDENTIALS_V2_URL, OB3_CONTEXT_URL, ...structuredClone(CONTROLLER_DOCUMENT_CONTEXT).slice(1)],
    ...fields,
  };
}
