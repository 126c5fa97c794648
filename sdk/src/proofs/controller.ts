// The issuer's controller document: served at the issuer id (the OB 3.0 Profile id), it lists
// the Ed25519 keys registered on chain so any Data Integrity verifier can check our proofs.
// Every key ever registered stays listed (rotation must not break badges signed while a key
// was valid); whether a key was valid when a badge was issued is the chain's answer
// (`isKeyValidAt` / `verifyAssertion(…, publicKey)`), and the windows are shown for information.

import { hexToBytes } from "@noble/hashes/utils.js";
import { CREDENTIALS_V2_URL, MULTIKEY_V1_URL, OB3_CONTEXT_URL } from "../contexts/index.ts";
import { ChanceryError } from "../documents/errors.ts";
import { verificationMethodId } from "../urls.ts";
import { publicKeyToMultibase } from "./multibase.ts";

// The multikey context defines Multikey and its properties; these few terms cover the rest of
// a controller document (the same IRIs as the W3C Controlled Identifiers vocabulary), kept
// inline so the document needs no context beyond the ones we bundle.
export const CONTROLLER_DOCUMENT_CONTEXT = [
  MULTIKEY_V1_URL,
  {
    verificationMethod: { "@id": "https://w3id.org/security#verificationMethod", "@type": "@id" },
    assertionMethod: { "@id": "https://w3id.org/security#assertionMethod", "@type": "@id", "@container": "@set" },
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
  const verificationMethod = keys.map((key, i): VerificationMethod => {
    const publicKeyMultibase = publicKeyToMultibase(toKeyBytes(key.publicKey));
    const vm: VerificationMethod = {
      id: verificationMethodId(controllerId, publicKeyMultibase),
      type: "Multikey",
      controller: controllerId,
      publicKeyMultibase,
    };
    const from = toIsoSeconds(key.validFrom, `keys[${i}].validFrom`);
    const until = toIsoSeconds(key.validUntil, `keys[${i}].validUntil`);
    if (from) vm.validFrom = from;
    if (until) vm.validUntil = until;
    return vm;
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
    "@context": [CREDENTIALS_V2_URL, OB3_CONTEXT_URL, ...structuredClone(CONTROLLER_DOCUMENT_CONTEXT)],
    ...fields,
  };
}
