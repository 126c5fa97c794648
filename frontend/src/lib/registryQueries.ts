// The registry lists live in the sdk (one implementation for the app, the gateway and the CLI).

import { listIssuers } from "@chancery/sdk/chain";
import { badgeRegistryAbi, type IssuerOnChain, type RegistryContext } from "../sdk/light.ts";

export {
  type IssuedBadge,
  type IssuerClass,
  isRegistryAuthority,
  listIssuedBadges,
  readStatusReason,
} from "@chancery/sdk/chain";

/** Issuers per page of every issuer list the app shows: a registry may hold thousands, never read them all. */
export const ISSUER_PAGE_SIZE = 20;

export type IssuerListPage = {
  /** Newest first. */
  issuers: IssuerOnChain[];
  total: number;
  /** Positions (1 = newest) of the first and last issuer of the page, for "21–40 of 230". */
  from: number;
  to: number;
};

/** Page `page` (0 = the newest issuers) of the registry: one count read, then one sdk page read. */
export async function listIssuerPage(ctx: RegistryContext, page: number, size = ISSUER_PAGE_SIZE): Promise<IssuerListPage> {
  const total = Number(await ctx.client.readContract({ address: ctx.registry, abi: badgeRegistryAbi, functionName: "issuerCount" }));
  const newestId = total - page * size;
  if (newestId < 1) return { issuers: [], total, from: 0, to: 0 };
  const oldestId = Math.max(1, newestId - size + 1);
  const { issuers } = await listIssuers(ctx, { offset: oldestId - 1, limit: newestId - oldestId + 1 });
  return { issuers: [...issuers].reverse(), total, from: page * size + 1, to: page * size + issuers.length };
}
