/// <reference path="./vendor.d.ts" />
// eddsa-rdfc-2022 Data Integrity proofs (the OB 3.0 proof Chancery issues), through the
// Digital Bazaar stack. A Chancery issuer's proofs name the key's own document URL (ob3Key) as
// verification method; badges signed before named `${issuer id}#z6Mk…`. Verification resolves
// either through the offline loader, checks the key is in the controller document's
// assertionMethod and that the controller is the credential's issuer. Other issuers'
// Ed25519Signature2020 proofs verify the same way.

import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { DATA_INTEGRITY_V1_URL } from "../contexts/index.ts";
import { ChanceryError } from "../documents/errors.ts";
import { verificationMethodFor } from "./controller.ts";
import { signingKeyFromSecret } from "./keys.ts";
import { type ControllerResolver, createDocumentLoader, type DocumentLoader, jsonLdRefusal } from "./loader.ts";
import { multibaseToPublicKey } from "./multibase.ts";

export const CRYPTOSUITE = "eddsa-rdfc-2022";
/** The 2022 draft name of eddsa-rdfc-2022 (same canonicalization, hash and signature), on older badges of other issuers. */
export const CRYPTOSUITE_DRAFT_2022 = "eddsa-2022";
/** The older Ed25519 Linked Data proof other issuers' badges (the DCC's among them) carry. */
export const ED25519_SIGNATURE_2020 = "Ed25519Signature2020";

/** The proof Chancery writes: one eddsa-rdfc-2022 DataIntegrityProof. */
export interface DataIntegrityProofValue {
  type: "DataIntegrityProof";
  cryptosuite: typeof CRYPTOSUITE;
  created: string;
  verificationMethod: string;
  proofPurpose: "assertionMethod";
  proofValue: string;
  [k: string]: unknown;
}

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
  /**
   * Defaults to the key's own document URL (ob3Key) for a Chancery issuer id, else
   * `${credential issuer id}#${publicKeyMultibase}` (see verificationMethodFor).
   */
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

/**
 * Adds an eddsa-rdfc-2022 DataIntegrityProof; returns a new object (the input is not changed).
 * `proof` is a list of that one proof, as the 1EdTech OB 3.0 schema requires.
 */
export async function signCredential<T extends Credential>(
  credential: T,
  options: SignOptions,
): Promise<T & { proof: [DataIntegrityProofValue] }> {
  if (credential.proof !== undefined) {
    throw new ChanceryError("signing-failed", "The credential already has a proof; sign the credential without its `proof` property.");
  }
  // What would not be signed (an @index), or could change meaning (a remote context), is never signed.
  const refusal = jsonLdRefusal(credential);
  if (refusal) throw new ChanceryError("signing-failed", refusal.message, { details: { path: refusal.path } });
  const key = signingKeyFromSecret(options.secretKey);
  const issuer = issuerIdOf(credential);
  const vmId = options.verificationMethod ?? verificationMethodFor(issuer, key.publicKeyMultibase);
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
    const signed = await vc.issue({
      credential: structuredClone(credential),
      suite,
      documentLoader: options.documentLoader ?? createDocumentLoader(),
    });
    return { ...signed, proof: [signed.proof as DataIntegrityProofValue] };
  } catch (cause) {
    if (cause instanceof ChanceryError) throw cause;
    throw new ChanceryError("signing-failed", `Could not sign the credential: ${(cause as Error).message}`, { cause });
  }
}

export interface ProofVerification {
  verified: boolean;
  /** Plain-language reason when not verified. */
  error?: string;
  /** Which kind of proof was checked. */
  suite?: typeof CRYPTOSUITE | typeof CRYPTOSUITE_DRAFT_2022 | typeof ED25519_SIGNATURE_2020;
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

/**
 * The proof verifyCredentialProof checks: the first eddsa-rdfc-2022 one, else the first under its
 * 2022 draft name, else the first Ed25519Signature2020 one.
 */
export function supportedProofOf(credential: { proof?: unknown }): Record<string, unknown> | undefined {
  const proofs = proofsOf(credential);
  const dataIntegrity = (cryptosuite: string) => proofs.find((p) => p.type === "DataIntegrityProof" && p.cryptosuite === cryptosuite);
  return dataIntegrity(CRYPTOSUITE) ?? dataIntegrity(CRYPTOSUITE_DRAFT_2022) ?? proofs.find((p) => p.type === ED25519_SIGNATURE_2020);
}

/** The library suite for a proof supportedProofOf picked. */
async function suiteFor(proof: Record<string, unknown>, credential: Credential) {
  if (proof.type === ED25519_SIGNATURE_2020) {
    // The older suite is loaded only for a proof that needs it (other issuers' badges), not in every bundle.
    const { Ed25519Signature2020 } = await import("@digitalbazaar/ed25519-signature-2020");
    return new Ed25519Signature2020();
  }
  if (proof.cryptosuite === CRYPTOSUITE_DRAFT_2022) {
    const context = Array.isArray(credential["@context"]) ? credential["@context"] : [credential["@context"]];
    return new DataIntegrityProof({
      cryptosuite: { ...eddsaRdfc2022, name: CRYPTOSUITE_DRAFT_2022 },
      legacyContext: context.includes(DATA_INTEGRITY_V1_URL),
    });
  }
  return new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
}

function messageOf(error: unknown): string {
  const e = error as { message?: string; errors?: unknown[]; cause?: unknown } | undefined;
  if (!e) return "unknown error";
  if (Array.isArray(e.errors) && e.errors.length > 0) return e.errors.map(messageOf).join("; ");
  return e.message ?? String(error);
}

/** The Ed25519 key of a loaded verification method (Multikey or Ed25519VerificationKey2020), as raw bytes. */
function keyOfMethod(document: unknown): { publicKeyMultibase: string; raw: Uint8Array } | undefined {
  const multibase =
    document && typeof document === "object" ? (document as { publicKeyMultibase?: unknown }).publicKeyMultibase : undefined;
  if (typeof multibase !== "string") return undefined;
  try {
    return { publicKeyMultibase: multibase, raw: multibaseToPublicKey(multibase) };
  } catch {
    return undefined;
  }
}

const validDate = (value: unknown) => (typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined);

/**
 * Checks the credential's eddsa-rdfc-2022 proof (or, for other issuers' badges, its
 * Ed25519Signature2020 proof); `proof` may be one object or a list. Only the proof: the validity
 * window and status are separate verification steps, so the library's own date checks are run as
 * of a time inside the credential's window (its validFrom, or VC 1.1 issuanceDate) rather than now.
 * The key comes back as the loader gave it (whatever the form of its id), for the chain's checks.
 */
export async function verifyCredentialProof(credential: Credential, options: VerifyOptions = {}): Promise<ProofVerification> {
  const proof = supportedProofOf(credential);
  if (proof === undefined) {
    return { verified: false, error: `The credential has no ${CRYPTOSUITE} DataIntegrityProof (nor an ${ED25519_SIGNATURE_2020} proof).` };
  }
  const suiteName =
    proof.type === ED25519_SIGNATURE_2020
      ? ED25519_SIGNATURE_2020
      : proof.cryptosuite === CRYPTOSUITE_DRAFT_2022
        ? CRYPTOSUITE_DRAFT_2022
        : CRYPTOSUITE;
  const vmId = typeof proof.verificationMethod === "string" ? proof.verificationMethod : undefined;
  const base: ProofVerification = {
    verified: false,
    suite: suiteName,
    created: typeof proof.created === "string" ? proof.created : undefined,
    ...(vmId ? { verificationMethod: vmId } : {}),
  };
  const inner = options.documentLoader ?? createDocumentLoader({ resolveController: options.resolveController });
  // The key is read from the method document the library loads: one reading for every form of id.
  const documentLoader: DocumentLoader = async (url) => {
    const loaded = await inner(url);
    const key = url === vmId ? keyOfMethod(loaded.document) : undefined;
    if (key) {
      base.publicKeyMultibase = key.publicKeyMultibase;
      base.publicKeyHex = `0x${bytesToHex(key.raw)}`;
    }
    return loaded;
  };
  const now = validDate(credential.validFrom) ?? validDate(credential.issuanceDate) ?? validDate(base.created) ?? new Date();
  const suite = await suiteFor(proof, credential);
  try {
    const result = await vc.verifyCredential({
      credential,
      suite,
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
  if (/Could not find proof|No matching proofs found/i.test(reason))
    return `The proof could not be checked: its type or the credential's @context does not match a supported suite. (${reason})`;
  return `The proof could not be verified: ${reason}`;
}
