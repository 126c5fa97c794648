/// <reference path="./vendor.d.ts" />
// eddsa-rdfc-2022 Data Integrity proofs (the OB 3.0 proof Chancery issues), through the
// Digital Bazaar stack. The proof's verification method is `${issuer id}#z6Mk…`; verification
// resolves it through the offline loader, checks the key is in the controller document's
// assertionMethod and that the controller is the credential's issuer.

import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { ChanceryError } from "../documents/errors.ts";
import { verificationMethodId } from "../urls.ts";
import { signingKeyFromSecret } from "./keys.ts";
import { type ControllerResolver, createDocumentLoader, type DocumentLoader, jsonLdRefusal } from "./loader.ts";
import { multibaseToPublicKey } from "./multibase.ts";

export const CRYPTOSUITE = "eddsa-rdfc-2022";

export interface Credential {
  "@context": unknown;
  issuer: string | { id: string; [k: string]: unknown };
  proof?: unknown;
  [k: string]: unknown;
}

export interface SignOptions {
  /** 32-byte Ed25519 seed (e.g. `deriveSigningKey(sig).secretKey`) or 64-byte seed‖public key. */
  secretKey: Uint8Array;
  /** Proof `created`; defaults to now (second precision). */
  created?: Date | string;
  /** Defaults to `${credential issuer id}#${publicKeyMultibase}`. */
  verificationMethod?: string;
  documentLoader?: DocumentLoader;
}

export function issuerIdOf(credential: { issuer?: unknown }): string {
  const issuer = credential.issuer;
  const id = typeof issuer === "string" ? issuer : issuer && typeof issuer === "object" ? (issuer as { id?: unknown }).id : undefined;
  if (typeof id !== "string" || id.length === 0)
    throw new ChanceryError("invalid-input", "The credential has no issuer id (issuer must be a URL or an object with an id).");
  return id;
}

function isoSeconds(date: Date | string): string {
  const d = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) throw new ChanceryError("invalid-input", `Invalid proof creation time: ${String(date)}.`);
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Adds an eddsa-rdfc-2022 DataIntegrityProof; returns a new object (the input is not changed). */
export async function signCredential<T extends Credential>(credential: T, options: SignOptions): Promise<T & { proof: object }> {
  if (credential.proof !== undefined) {
    throw new ChanceryError("signing-failed", "The credential already has a proof; sign the credential without its `proof` property.");
  }
  // What would not be signed (an @index), or could change meaning (a remote context), is never signed.
  const refusal = jsonLdRefusal(credential);
  if (refusal) throw new ChanceryError("signing-failed", refusal.message, { details: { path: refusal.path } });
  const key = signingKeyFromSecret(options.secretKey);
  const issuer = issuerIdOf(credential);
  const vmId = options.verificationMethod ?? verificationMethodId(issuer, key.publicKeyMultibase);
  const seed = key.secretKey;
  const signer = {
    algorithm: "Ed25519",
    id: vmId,
    async sign({ data }: { data: Uint8Array }): Promise<Uint8Array> {
      return ed25519.sign(data, seed);
    },
  };
  const suite = new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date: isoSeconds(options.created ?? new Date()) });
  try {
    return await vc.issue({
      credential: structuredClone(credential),
      suite,
      documentLoader: options.documentLoader ?? createDocumentLoader(),
    });
  } catch (cause) {
    if (cause instanceof ChanceryError) throw cause;
    throw new ChanceryError("signing-failed", `Could not sign the credential: ${(cause as Error).message}`, { cause });
  }
}

export interface ProofVerification {
  verified: boolean;
  /** Plain-language reason when not verified. */
  error?: string;
  verificationMethod?: string;
  publicKeyMultibase?: string;
  /** The signing key as the bytes32 hex the chain stores (for isKeyValidAt / verifyAssertion). */
  publicKeyHex?: `0x${string}`;
  created?: string;
}

export interface VerifyOptions {
  /** Resolves issuers' controller documents (e.g. from keys on chain). Ignored if documentLoader is given. */
  resolveController?: ControllerResolver;
  documentLoader?: DocumentLoader;
}

function proofsOf(credential: { proof?: unknown }): Record<string, unknown>[] {
  const p = credential.proof;
  if (p === undefined || p === null) return [];
  return (Array.isArray(p) ? p : [p]).filter((x): x is Record<string, unknown> => !!x && typeof x === "object");
}

function messageOf(error: unknown): string {
  const e = error as { message?: string; errors?: unknown[]; cause?: unknown } | undefined;
  if (!e) return "unknown error";
  if (Array.isArray(e.errors) && e.errors.length > 0) return e.errors.map(messageOf).join("; ");
  return e.message ?? String(error);
}

/**
 * Checks the credential's eddsa-rdfc-2022 proof(s). Only the proof: the validity window and
 * status are separate verification steps, so the library's own date checks are run as of a
 * time inside the credential's window (its validFrom) rather than now.
 */
export async function verifyCredentialProof(credential: Credential, options: VerifyOptions = {}): Promise<ProofVerification> {
  const proofs = proofsOf(credential).filter((p) => p.type === "DataIntegrityProof" && p.cryptosuite === CRYPTOSUITE);
  const [proof] = proofs;
  if (proof === undefined) {
    return { verified: false, error: `The credential has no ${CRYPTOSUITE} DataIntegrityProof.` };
  }
  const vmId = typeof proof.verificationMethod === "string" ? proof.verificationMethod : undefined;
  const base: ProofVerification = { verified: false, created: typeof proof.created === "string" ? proof.created : undefined };
  if (vmId) {
    base.verificationMethod = vmId;
    const fragment = vmId.slice(vmId.indexOf("#") + 1);
    try {
      const raw = multibaseToPublicKey(fragment);
      base.publicKeyMultibase = fragment;
      base.publicKeyHex = `0x${bytesToHex(raw)}`;
    } catch {
      // Not an Ed25519 Multikey fragment; the library will resolve the method by its id.
    }
  }
  const documentLoader = options.documentLoader ?? createDocumentLoader({ resolveController: options.resolveController });
  const validFrom = typeof credential.validFrom === "string" ? credential.validFrom : undefined;
  const now = validFrom && !Number.isNaN(Date.parse(validFrom)) ? new Date(validFrom) : base.created ? new Date(base.created) : new Date();
  try {
    const result = await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader,
      now,
      // Status (revocation) is read from the chain by its own verification step.
      checkStatus: async () => ({ verified: true }),
    });
    if (result.verified) return { ...base, verified: true };
    const first = result.results?.find((r: { verified: boolean }) => !r.verified);
    const reason = messageOf(first?.error ?? result.error);
    return { ...base, error: plainProofError(reason) };
  } catch (cause) {
    return { ...base, error: plainProofError(messageOf(cause)) };
  }
}

function plainProofError(reason: string): string {
  if (/Invalid signature|signature.*(invalid|not verify)/i.test(reason))
    return `The signature does not match the credential: it was changed after signing, or signed with another key. (${reason})`;
  if (/issuer must match the verification method controller/i.test(reason))
    return `The signing key belongs to someone other than the credential's issuer. (${reason})`;
  if (/not authorized by controller/i.test(reason))
    return `The issuer's controller document does not list the signing key in assertionMethod. (${reason})`;
  return `The proof could not be verified: ${reason}`;
}
