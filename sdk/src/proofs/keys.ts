// Ed25519 signing keys for OB 3.0 proofs, derived from a wallet signature so an issuer needs
// no new key management: the same wallet signing the same message always yields the same key
// (wallets sign with RFC 6979 deterministic ECDSA), and the key can be re-derived on any device.
import { ed25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { ChanceryError } from "../documents/errors.ts";
import { assertUint32Id, type Deployment, normalizeDeployment } from "../ids.ts";
import { publicKeyToMultibase } from "./multibase.ts";

export const SIGNING_KEY_MESSAGE_VERSION = 1;
// HKDF domain separation: a signature made for anything else can never collide with this use,
// and a future scheme gets a new version instead of silently changing keys.
const HKDF_SALT = new TextEncoder().encode("Chancery OB3 Ed25519 signing key salt v1");
const HKDF_INFO = new TextEncoder().encode("Chancery OB3 Ed25519 signing key v1");

/**
 * The message an issuer's admin wallet signs (EIP-191 personal_sign) to derive the issuer's
 * Ed25519 key. It names the app, the purpose, the exact issuer (chain, registry, id) and a
 * version, and warns that the signature is a secret: anyone holding it can re-derive the key.
 * Changing a single character changes the key, so this text is frozen per version.
 *
 * `generation` rotates the key: the registry accepts a key only once, so after a key is revoked
 * the same wallet derives its next key from generation n + 1 (see `keyGenerationToUse`). The first
 * generation's text carries no generation line.
 */
export function signingKeyMessage(params: { chainId: number; registry: string; issuerId: number; generation?: number }): string {
  const d: Deployment = normalizeDeployment({ chainId: params.chainId, registry: params.registry });
  assertUint32Id(params.issuerId, "issuerId");
  const generation = params.generation ?? 1;
  if (!Number.isSafeInteger(generation) || generation < 1) {
    throw new ChanceryError("invalid-input", `The key generation must be a whole number from 1; got ${String(params.generation)}.`);
  }
  return [
    "Chancery: create the Open Badges signing key of an issuer",
    "",
    "Signing this message derives the Ed25519 key that signs this issuer's Open Badges 3.0 credentials.",
    "It sends no transaction and costs nothing.",
    "Keep this signature secret: anyone who has it can sign badges in the issuer's name.",
    "Sign it only in the Chancery app.",
    "",
    `Chain ID: ${d.chainId}`,
    `Badge registry: ${d.registry}`,
    `Issuer ID: ${params.issuerId}`,
    ...(generation > 1 ? [`Key generation: ${generation}`] : []),
    `Version: ${SIGNING_KEY_MESSAGE_VERSION}`,
  ].join("\n");
}

/**
 * Which generation of the issuer's key to derive, given its keys on chain in registration order:
 * the newest key still valid (its generation is its position in the list), or, when none is,
 * a new generation past every key ever registered. A key registered by a former admin's wallet
 * does not derive from the current admin's signature: the caller then registers a new generation.
 */
export function keyGenerationToUse(
  keys: readonly { validFrom: number; validUntil?: number }[],
  now: number = Math.floor(Date.now() / 1000),
): { generation: number; registered: boolean } {
  const newestValid = keys.findLastIndex((key) => key.validFrom <= now && (!key.validUntil || key.validUntil > now));
  if (newestValid >= 0) return { generation: newestValid + 1, registered: true };
  return { generation: keys.length + 1, registered: false };
}

export interface Ed25519SigningKey {
  /** 32-byte Ed25519 seed (the secret). */
  secretKey: Uint8Array;
  /** Raw 32-byte public key: what the issuer registers on chain with addKey (as bytes32). */
  publicKey: Uint8Array;
  /** `0x` + 64 hex of `publicKey`, ready for `addKey(issuerId, publicKey, …)`. */
  publicKeyHex: `0x${string}`;
  /** `z6Mk…` Multikey form, the fragment of the verification method id. */
  publicKeyMultibase: string;
}

/** Builds a key pair from a 32-byte Ed25519 seed (or a 64-byte seed‖publicKey secret key). */
export function signingKeyFromSecret(secret: Uint8Array): Ed25519SigningKey {
  if (!(secret instanceof Uint8Array) || (secret.length !== 32 && secret.length !== 64)) {
    throw new ChanceryError("invalid-input", "An Ed25519 secret key is a 32-byte seed (or 64 bytes: seed followed by public key).");
  }
  const seed = secret.slice(0, 32);
  const publicKey = ed25519.getPublicKey(seed);
  if (secret.length === 64 && bytesToHex(secret.slice(32)) !== bytesToHex(publicKey)) {
    throw new ChanceryError("invalid-input", "The 64-byte secret key's second half is not the public key of its seed.");
  }
  return { secretKey: seed, publicKey, publicKeyHex: `0x${bytesToHex(publicKey)}`, publicKeyMultibase: publicKeyToMultibase(publicKey) };
}

/**
 * Ed25519 key from the wallet's 65-byte signature of `signingKeyMessage(…)`:
 * seed = HKDF-SHA256(ikm = signature bytes, salt, info) (fixed salt/info naming Chancery and v1).
 * Only deterministic signers qualify (EOAs with RFC 6979, as every mainstream wallet); a
 * smart-contract or MPC wallet whose signatures vary would get a new key each time.
 */
export function deriveSigningKey(signatureHex: string): Ed25519SigningKey {
  if (typeof signatureHex !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(signatureHex)) {
    throw new ChanceryError(
      "key-derivation-failed",
      "deriveSigningKey needs the wallet's 65-byte ECDSA signature as 0x + 130 hex digits (what personal_sign returns).",
    );
  }
  const signature = hexToBytes(signatureHex.slice(2));
  const seed = hkdf(sha256, signature, HKDF_SALT, HKDF_INFO, 32);
  return signingKeyFromSecret(seed);
}
