// What the pre-authorized code and the access token carry: the badge (chain, registry, class, uid),
// its key, an expiry and a one-time id (jti), AES-256-GCM sealed (the sdk's envelope) under a key
// derived from the gateway's secret. The gateway keeps no database: a code is everything needed to
// serve its one badge, and nobody without the secret can read, forge or re-aim one. A code and a
// token are sealed with different authenticated data, so neither passes for the other.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { base64urlDecode, base64urlEncode } from "@chancery/sdk/codecs";
import { decryptCredential, encryptCredential } from "@chancery/sdk/crypto";

export type SealKind = "code" | "token";

export interface Grant {
  chainId: number;
  registry: string;
  classId: number;
  uid: `0x${string}`;
  /** The badge key (43 base64url characters). */
  key: string;
  /** Unix seconds after which the code (or token) is refused. */
  exp: number;
  /** The code's one-time id (a token carries its code's). */
  jti: string;
  /** sha256(jti ‖ PIN) in hex, when the offer asks for a PIN. */
  pin?: string;
}

/** The sealing key of OpenID4VCI codes: the gateway secret, domain-separated from claim URLs' seal. */
export function sealKeyOf(secret: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac("sha256", secret).update("chancery/oid4vci/seal/v1").digest());
}

const aadOf = (kind: SealKind, chainId: number, registry: string) => `chancery/oid4vci/${kind}/v1|${chainId}|${registry.toLowerCase()}`;

export const newJti = () => base64urlEncode(randomBytes(16));

export const pinHash = (jti: string, pin: string) => createHash("sha256").update(`${jti}\n${pin}`).digest("hex");

export function pinMatches(grant: Grant, pin: string | undefined): boolean {
  if (!grant.pin) return true;
  if (typeof pin !== "string") return false;
  return timingSafeEqual(Buffer.from(pinHash(grant.jti, pin), "hex"), Buffer.from(grant.pin, "hex"));
}

export async function seal(sealKey: Uint8Array, kind: SealKind, grant: Grant): Promise<string> {
  return base64urlEncode(await encryptCredential(JSON.stringify(grant), sealKey, aadOf(kind, grant.chainId, grant.registry)));
}

/**
 * The grant a code (or token) carries, when it was sealed by this gateway for this deployment;
 * undefined for anything damaged, forged, of the other kind or sealed under another secret.
 * Expiry is the caller's to judge (it answers a different error).
 */
export async function open(
  sealKey: Uint8Array,
  kind: SealKind,
  scope: { chainId: number; registry: string },
  text: unknown,
): Promise<Grant | undefined> {
  if (typeof text !== "string" || text.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = base64urlDecode(text);
  if (!bytes) return undefined;
  try {
    const grant = JSON.parse(await decryptCredential(bytes, sealKey, aadOf(kind, scope.chainId, scope.registry))) as Grant;
    return grant.chainId === scope.chainId && grant.registry.toLowerCase() === scope.registry.toLowerCase() ? grant : undefined;
  } catch {
    return undefined;
  }
}
