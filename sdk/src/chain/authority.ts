// Named writes for the registry authority and for an issuer's admin and signers, beyond issuing.
import type { Address, Hex } from "viem";
import { ChanceryError } from "../errors.ts";
import { issuerNameKey } from "../ids.ts";
import { publishedDocument } from "./issuing.ts";
import { readIssuer, type WriteContext } from "./registry.ts";
import { writeRegistry } from "./write.ts";

/**
 * Accredits an issuer under the name of its current on-chain profile (its `issuerNameKey`), which
 * no other accredited issuer may hold. `reviewedName`: the name the authority reviewed; refused if
 * the profile was renamed since, so the name vouched for is the one that was checked.
 */
export async function accreditIssuer(ctx: WriteContext, issuerId: number, reviewedName?: string) {
  const issuer = await readIssuer(ctx, issuerId);
  const name = profileName(issuer.profile);
  if (name === undefined) {
    throw new ChanceryError(
      "invalid-input",
      `Issuer #${issuerId} has no profile name on chain, so there is no name to accredit: ask the issuer to publish a profile with a name.`,
    );
  }
  const nameKey = issuerNameKey(name);
  if (reviewedName !== undefined && issuerNameKey(reviewedName) !== nameKey) {
    throw new ChanceryError(
      "invalid-input",
      `Issuer #${issuerId} is now named ${JSON.stringify(name)}, not ${JSON.stringify(reviewedName)} as reviewed: review the new name before accrediting.`,
    );
  }
  return writeRegistry(ctx, "accredit", [issuerId, nameKey]);
}

function profileName(profile: unknown): string | undefined {
  const name = profile !== null && typeof profile === "object" ? (profile as { name?: unknown }).name : undefined;
  return typeof name === "string" ? name : undefined;
}
export const withdrawAccreditation = (ctx: WriteContext, issuerId: number, reason: string) =>
  writeRegistry(ctx, "withdrawAccreditation", [issuerId, reason]);
export const suspendIssuer = (ctx: WriteContext, issuerId: number, reason: string) => writeRegistry(ctx, "suspend", [issuerId, reason]);
export const reinstateIssuer = (ctx: WriteContext, issuerId: number) => writeRegistry(ctx, "reinstate", [issuerId]);

export const removeIssuerSigner = (ctx: WriteContext, issuerId: number, signer: Address) =>
  writeRegistry(ctx, "removeSigner", [issuerId, signer]);
export const revokeIssuerKey = (ctx: WriteContext, issuerId: number, publicKey: Hex) =>
  writeRegistry(ctx, "revokeKey", [issuerId, publicKey]);
export const transferIssuerAdmin = (ctx: WriteContext, issuerId: number, newAdmin: Address) =>
  writeRegistry(ctx, "transferAdmin", [issuerId, newAdmin]);
export const acceptIssuerAdmin = (ctx: WriteContext, issuerId: number) => writeRegistry(ctx, "acceptAdmin", [issuerId]);

export const retireBadgeClass = (ctx: WriteContext, classId: number) => writeRegistry(ctx, "retireBadgeClass", [classId]);
/** A new version of a class: a new class id linked to the old one, which is retired. */
export async function reviseBadgeClass(ctx: WriteContext, classId: number, achievement: object): Promise<{ classId: number; hash: Hex }> {
  const { result, hash } = await writeRegistry(ctx, "reviseBadgeClass", [classId, publishedDocument(achievement)]);
  return { classId: Number(result), hash };
}
