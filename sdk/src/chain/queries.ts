// Lists over the registry: an account's issuers, all issuers, an issuer's badge classes and issued
// badges, the reason of an issuer's status, the authority role. Indexed events read in bounded
// chunks from the deployment block (getLogsInChunks), then one read per item.
import { type Address, type Hex, keccak256, stringToHex } from "viem";
import { ChanceryError } from "../errors.ts";
import { badgeRegistryAbi } from "../generated/abi.ts";
import { issuerNameKey, normalizeIssuerName } from "../ids.ts";
import {
  type AssertionStatus,
  type IssuerOnChain,
  issuerFromRecord,
  type RegistryContext,
  readAssertionStatus,
  readIssuer,
  readIssuerSigners,
  registryEvents,
} from "./registry.ts";

type EventName =
  | "IssuerRegistered"
  | "IssuerAdminTransferred"
  | "IssuerAdminTransferStarted"
  | "SignerAdded"
  | "BadgeClassCreated"
  | "BadgeClassRetired"
  | "AssertionIssued"
  | "AssertionRevoked"
  | "AssertionErased"
  | "IssuerSuspended"
  | "IssuerAccreditationWithdrawn";

type AnyLog = { args: Record<string, unknown>; blockNumber: bigint; transactionHash: Hex; logIndex: number };

async function events(
  ctx: RegistryContext,
  eventName: EventName,
  args: Record<string, unknown>,
  fromBlock?: bigint,
  toBlock?: bigint,
): Promise<AnyLog[]> {
  return (await registryEvents(ctx, eventName, args as never, { fromBlock, toBlock })) as unknown as AnyLog[];
}

export type IssuerMembership = { issuer: IssuerOnChain; role: "admin" | "signer" };

/**
 * Issuers the account administers or signs for at `now` (default: the chain's now, readChainNow): the
 * candidates from three indexed-event scans, each then confirmed by the registry (confirmMemberships).
 */
export async function findIssuersOf(ctx: RegistryContext, account: Address, now?: number): Promise<IssuerMembership[]> {
  const [registered, transferred, signer] = await Promise.all([
    events(ctx, "IssuerRegistered", { admin: account }),
    events(ctx, "IssuerAdminTransferred", { newAdmin: account }),
    events(ctx, "SignerAdded", { signer: account }),
  ]);
  return confirmMemberships(
    ctx,
    account,
    [...registered, ...transferred, ...signer].map((l) => Number(l.args.issuerId)),
    now,
  );
}

/**
 * Of the candidate issuers (found by events or an index), those the account administers or signs for
 * at `now`, as the registry says: one getIssuer each, and getSigners where it is not the admin. In id
 * order. Whoever found the candidates can only leave one out, never add one.
 */
export async function confirmMemberships(
  ctx: RegistryContext,
  account: Address,
  candidates: number[],
  now?: number,
): Promise<IssuerMembership[]> {
  const ids = [...new Set(candidates)].sort((a, b) => a - b);
  // At the chain's time: a signer added in the last block may be valid from a time still ahead of the wall clock.
  const at = ids.length === 0 ? 0 : (now ?? (await readChainNow(ctx)));
  const found = await Promise.all(
    ids.map(async (issuerId): Promise<IssuerMembership | undefined> => {
      const issuer = await readIssuer(ctx, issuerId);
      if (issuer.admin.toLowerCase() === account.toLowerCase()) return { issuer, role: "admin" };
      const signers = await readIssuerSigners(ctx, issuerId);
      const active = signers.some(
        (s) => s.signer.toLowerCase() === account.toLowerCase() && s.validFrom <= at && (!s.validUntil || s.validUntil > at),
      );
      return active ? { issuer, role: "signer" } : undefined;
    }),
  );
  return found.filter((m): m is IssuerMembership => !!m);
}

/** Issuers whose admin offered the account the admin role, still waiting for it to accept (acceptAdmin). */
export async function findAdminOffersTo(ctx: RegistryContext, account: Address): Promise<IssuerOnChain[]> {
  const started = await events(ctx, "IssuerAdminTransferStarted", { newAdmin: account });
  return confirmAdminOffers(
    ctx,
    account,
    started.map((l) => Number(l.args.issuerId)),
  );
}

/** Of the candidate issuers, those whose pending admin is the account now (one getIssuer each), in id order. */
export async function confirmAdminOffers(ctx: RegistryContext, account: Address, candidates: number[]): Promise<IssuerOnChain[]> {
  const ids = [...new Set(candidates)].sort((a, b) => a - b);
  const issuers = await Promise.all(ids.map((issuerId) => readIssuer(ctx, issuerId)));
  // A later offer to someone else, a cancellation (offer to the zero address) or an acceptance replaces it.
  return issuers.filter((issuer) => issuer.pendingAdmin?.toLowerCase() === account.toLowerCase());
}

/**
 * "Now" as the registry will see it: the later of the wall clock and the latest block's time (a
 * local node that mined many blocks in one second runs ahead of the wall clock, and a signer or key
 * added in the last block is valid from that block's time).
 */
export async function readChainNow(ctx: RegistryContext): Promise<number> {
  const block = await ctx.client.getBlock({ blockTag: "latest" });
  return Math.max(Math.floor(Date.now() / 1000), Number(block.timestamp));
}

/** Most issuers one `listIssuers` page holds: the registry's `MAX_ISSUER_PAGE`. */
export const MAX_ISSUER_PAGE = 100;

export type IssuerPage = {
  /** Issuers `offset + 1` … in id order (ids start at 1), at most `limit`. */
  issuers: IssuerOnChain[];
  /** Every registered issuer: the pages run while `offset + issuers.length < total`. */
  total: number;
};

/**
 * One page of registered issuers in id order: one `getIssuers` call (records and the total, read
 * together), then the profile event of each. `limit` defaults to, and is capped at, MAX_ISSUER_PAGE.
 */
export async function listIssuers(ctx: RegistryContext, page: { offset?: number; limit?: number } = {}): Promise<IssuerPage> {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? MAX_ISSUER_PAGE;
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= 0xffffffff) {
    throw new ChanceryError("invalid-input", `offset must be a whole number of issuers to skip (0 or more); got ${String(offset)}.`);
  }
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_ISSUER_PAGE) {
    throw new ChanceryError("invalid-input", `limit must be between 1 and ${MAX_ISSUER_PAGE} issuers; got ${String(limit)}.`);
  }
  const [records, total] = await ctx.client.readContract({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    functionName: "getIssuers",
    args: [offset + 1, limit],
  });
  const issuers = await Promise.all(records.map((record, i) => issuerFromRecord(ctx, offset + 1 + i, record)));
  return { issuers, total };
}

/**
 * The accredited issuer (possibly suspended) whose accredited name is `name` once normalised
 * (`issuerNameKey`): 0 for none (also for a name with no letters or digits). What a verifier asks to
 * tell an impostor of the same name.
 */
export async function readAccreditedIssuerByName(ctx: RegistryContext, name: string): Promise<number> {
  // Nothing is accredited under a name with no letters or digits (issuerNameKey refuses one).
  if (normalizeIssuerName(name) === "") return 0;
  return ctx.client.readContract({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    functionName: "accreditedIssuerByName",
    args: [issuerNameKey(name)],
  });
}

/** The authority's words for the issuer's current status (suspension or withdrawn accreditation). */
export async function readStatusReason(ctx: RegistryContext, issuer: IssuerOnChain): Promise<string | undefined> {
  if (issuer.status !== "suspended" && !(issuer.status === "self-declared" && issuer.statusChangedBlock > 0n)) return undefined;
  const name: EventName = issuer.status === "suspended" ? "IssuerSuspended" : "IssuerAccreditationWithdrawn";
  const logs = await events(ctx, name, { issuerId: issuer.issuerId }, issuer.statusChangedBlock, issuer.statusChangedBlock);
  return logs.at(-1)?.args.reason as string | undefined;
}

export type IssuerClass = {
  classId: number;
  content: Record<string, unknown> | undefined;
  /** The Achievement JSON exactly as recorded (what the registry's contentHash is the keccak256 of). */
  document: string;
  retired: boolean;
  blockNumber: bigint;
  previousVersion: number;
};

/** A class as a list shows it: its document parsed (content undefined when it is not JSON). */
export function issuerClassOf(found: Omit<IssuerClass, "content">): IssuerClass {
  let content: Record<string, unknown> | undefined;
  try {
    content = JSON.parse(found.document);
  } catch {
    content = undefined;
  }
  return { ...found, content };
}

/** The issuer's badge classes, newest first, with the Achievement JSON from their creation events. */
export async function listIssuerClasses(ctx: RegistryContext, issuerId: number): Promise<IssuerClass[]> {
  const [created, retired] = await Promise.all([
    events(ctx, "BadgeClassCreated", { issuerId }),
    events(ctx, "BadgeClassRetired", { issuerId }),
  ]);
  const retiredIds = new Set(retired.map((l) => Number(l.args.classId)));
  return created
    .map((l) =>
      issuerClassOf({
        classId: Number(l.args.classId),
        document: String(l.args.content),
        retired: retiredIds.has(Number(l.args.classId)),
        blockNumber: l.blockNumber,
        previousVersion: Number(l.args.previousVersion ?? 0),
      }),
    )
    .sort((a, b) => b.classId - a.classId);
}

/**
 * The listed classes as the registry says (one getBadgeClass each): only those of `issuerId`, retired
 * as the registry has it now, and only when its document hashes to the registry's contentHash (the
 * award puts it in credentials) — a stale or lying list can leave a class out, never change one.
 */
export async function confirmIssuerClasses(ctx: RegistryContext, issuerId: number, classes: IssuerClass[]): Promise<IssuerClass[]> {
  const confirmed = await Promise.all(
    classes.map(async (c): Promise<IssuerClass | undefined> => {
      const record = await ctx.client.readContract({
        address: ctx.registry,
        abi: badgeRegistryAbi,
        functionName: "getBadgeClass",
        args: [c.classId],
      });
      if (record.issuerId !== issuerId || record.createdBlock === 0) return undefined;
      // The document must be the one the registry committed to (its JSON parsed here again, not taken from the list).
      if (keccak256(stringToHex(c.document)) !== record.contentHash) return undefined;
      return issuerClassOf({
        classId: c.classId,
        document: c.document,
        retired: record.retired,
        blockNumber: BigInt(record.createdBlock),
        previousVersion: record.previousVersion,
      });
    }),
  );
  return confirmed.filter((c): c is IssuerClass => c !== undefined);
}

export type IssuedBadge = {
  uid: Hex;
  recipient: Address | undefined;
  blockNumber: bigint;
  transactionHash: Hex;
  status: AssertionStatus | undefined;
  revocationReason: string | undefined;
};

const ZERO = "0x0000000000000000000000000000000000000000";

/** Badges the issuer recorded one by one (newest first), with their status in one call each. */
export async function listIssuedBadges(ctx: RegistryContext, issuerId: number): Promise<IssuedBadge[]> {
  const [issued, revoked] = await Promise.all([
    events(ctx, "AssertionIssued", { issuerId }),
    events(ctx, "AssertionRevoked", { issuerId }),
  ]);
  const reasons = new Map(revoked.map((l) => [String(l.args.uid), String(l.args.reason ?? "")]));
  const rows = await Promise.all(
    issued.map(async (l): Promise<IssuedBadge> => {
      const uid = l.args.uid as Hex;
      const recipient = l.args.recipient as Address;
      let status: AssertionStatus | undefined;
      try {
        status = await readAssertionStatus(ctx, { uid });
      } catch {
        status = undefined;
      }
      return {
        uid,
        recipient: recipient === ZERO ? undefined : recipient,
        blockNumber: l.blockNumber,
        transactionHash: l.transactionHash,
        status,
        revocationReason: reasons.get(uid),
      };
    }),
  );
  return rows.sort((a, b) => (a.blockNumber === b.blockNumber ? 0 : a.blockNumber > b.blockNumber ? -1 : 1));
}

/** Whether the account holds REGISTRY_AUTHORITY_ROLE. */
export async function isRegistryAuthority(ctx: RegistryContext, account: Address): Promise<boolean> {
  const role = await ctx.client.readContract({ address: ctx.registry, abi: badgeRegistryAbi, functionName: "REGISTRY_AUTHORITY_ROLE" });
  return ctx.client.readContract({ address: ctx.registry, abi: badgeRegistryAbi, functionName: "hasRole", args: [role, account] });
}
