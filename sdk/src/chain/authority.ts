// Named writes for the registry authority and for an issuer's admin and signers, beyond issuing.
import type { Address, Hex } from "viem";
import { publishedDocument } from "./issuing.ts";
import type { WriteContext } from "./registry.ts";
import { writeRegistry } from "./write.ts";

export const accreditIssuer = (ctx: WriteContext, issuerId: number) => writeRegistry(ctx, "accredit", [issuerId]);
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
