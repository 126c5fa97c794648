// Lists as every reader of ours shows them: found through the indexer when one is configured and
// answers (else the chain), each badge's status then read from the registry itself. An index that is
// stale or lies can hide a badge or show it late; it can never add one or change what it says.
import type { Address, Hex } from "viem";
import { readBatchedStatus } from "../chain/batched.ts";
import {
  confirmAdminOffers,
  confirmIssuerClasses,
  confirmMemberships,
  type IssuerClass,
  type IssuerMembership,
  readChainNow,
} from "../chain/queries.ts";
import {
  type AssertionStatus,
  type BatchOnChain,
  type IssuerOnChain,
  type RegistryContext,
  readAssertionStatus,
  readBatch,
} from "../chain/registry.ts";
import { chainReader } from "./chain.ts";
import { IndexerError, indexerReader, readIndexedBlock } from "./indexer.ts";
import type { BadgeListing, BadgeReader } from "./types.ts";

/** Status reads in flight at once (as the chain reader: what public RPCs tolerate). */
const READS_IN_FLIGHT = 16;

/** A list, with what answered it. */
export type SourcedList<T> = {
  rows: T;
  source: "indexer" | "chain";
  /** Why the chain answered although an indexer was configured (it was down or answered nonsense). */
  indexerError?: IndexerError;
};

export type CheckedListOptions = {
  /** Called once per indexer HTTP query (benchmarks and tests count them). */
  onQuery?: () => void;
  fetch?: typeof fetch;
};

/**
 * Runs `list` on the indexer at `indexerUrl` (when set), falling back to the chain when it cannot be
 * reached; what the indexer returned is not re-checked here (see `checkBadgeStatuses`).
 */
export async function readSourcedList<T>(
  ctx: RegistryContext,
  indexerUrl: string | undefined,
  list: (reader: BadgeReader) => Promise<T>,
  options: CheckedListOptions = {},
): Promise<SourcedList<T>> {
  if (indexerUrl) {
    try {
      return { rows: await list(indexerReader({ url: indexerUrl, onQuery: options.onQuery, fetch: options.fetch })), source: "indexer" };
    } catch (error) {
      if (!(error instanceof IndexerError)) throw error;
      return { rows: await list(chainReader(ctx)), source: "chain", indexerError: error };
    }
  }
  return { rows: await list(chainReader(ctx)), source: "chain" };
}

/**
 * Each listed badge's status as the registry says (one `verifyAssertion` each; a Merkle badge with the
 * proof rebuilt from its batch, read once per batch). Badges the registry does not know are left out.
 * The chain reader already reads statuses this way: use this on what an index returned.
 */
export async function checkBadgeStatuses(ctx: RegistryContext, listings: BadgeListing[]): Promise<BadgeListing[]> {
  const batches = new Map<Hex, Promise<BatchOnChain>>();
  const batchOf = (batchId: Hex) => {
    let batch = batches.get(batchId);
    if (!batch) {
      batch = readBatch(ctx, batchId);
      batches.set(batchId, batch);
    }
    return batch;
  };
  const statusOf = async (listing: BadgeListing): Promise<AssertionStatus | undefined> => {
    if (!listing.batchId) return readAssertionStatus(ctx, { uid: listing.uid });
    return (await readBatchedStatus(ctx, { uid: listing.uid, batchId: listing.batchId }, await batchOf(listing.batchId)))?.status;
  };
  const checked = new Array<BadgeListing | undefined>(listings.length);
  let next = 0;
  const worker = async () => {
    while (next < listings.length) {
      const i = next++;
      const listing = listings[i] as BadgeListing;
      const status = await statusOf(listing);
      checked[i] = status?.exists ? withStatus(listing, status) : undefined;
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, listings.length) }, worker));
  return checked.filter((l): l is BadgeListing => l !== undefined);
}

function withStatus(listing: BadgeListing, status: AssertionStatus): BadgeListing {
  return {
    ...listing,
    issuerId: status.issuerId,
    classId: status.classId,
    issuedAt: status.issuedAt,
    expiresAt: status.expiresAt,
    revokedAt: status.revokedAt,
    revocationCode: status.revocationReason,
    // The issuer's words come from the index's copy of the revocation event; a revocation the index
    // has not seen yet shows without them rather than costing a log read per badge.
    revocationReason: status.revokedAt !== undefined ? (listing.revocationReason ?? "") : undefined,
    erased: status.erased,
  };
}

/** A badge list from the indexer (chain fallback), every status read from the registry. */
export async function readCheckedBadges(
  ctx: RegistryContext,
  indexerUrl: string | undefined,
  list: (reader: BadgeReader) => Promise<BadgeListing[]>,
  options: CheckedListOptions = {},
): Promise<SourcedList<BadgeListing[]>> {
  const found = await readSourcedList(ctx, indexerUrl, list, options);
  return found.source === "indexer" ? { ...found, rows: await checkBadgeStatuses(ctx, found.rows) } : found;
}

/** How long a console list waits for the index to catch up with the chain's head (a write just made). */
const CATCH_UP_MS = 4_000;

/**
 * Waits until the index has indexed the chain's latest block (at most CATCH_UP_MS), so a list read
 * right after the console's own write (a registration, a new class) shows it. Past that, the index is
 * read as it is: behind, it can only leave something out, and the chain reader answers when it is down.
 */
async function catchUp(ctx: RegistryContext, indexerUrl: string, options: CheckedListOptions): Promise<void> {
  const head = await ctx.client.getBlockNumber({ cacheTime: 0 });
  const until = Date.now() + CATCH_UP_MS;
  while ((await readIndexedBlock(indexerUrl, options)) < head && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** A console list: the index caught up first (when configured and answering), then `list` as readSourcedList. */
async function readConsoleList<T>(
  ctx: RegistryContext,
  indexerUrl: string | undefined,
  list: (reader: BadgeReader) => Promise<T>,
  options: CheckedListOptions,
): Promise<SourcedList<T>> {
  if (!indexerUrl) return readSourcedList(ctx, indexerUrl, list, options);
  try {
    await catchUp(ctx, indexerUrl, options);
  } catch (error) {
    if (!(error instanceof IndexerError)) throw error;
    return { rows: await list(chainReader(ctx)), source: "chain", indexerError: error };
  }
  return readSourcedList(ctx, indexerUrl, list, options);
}

/**
 * The issuers the account administers or signs for now (the console's first question): found through
 * the indexer (chain fallback), each role then confirmed by the registry (getIssuer, getSigners).
 */
export async function readCheckedMemberships(
  ctx: RegistryContext,
  indexerUrl: string | undefined,
  account: Address,
  options: CheckedListOptions = {},
): Promise<SourcedList<IssuerMembership[]>> {
  // Without an index the chain reader reads the chain's time itself, only when it found a candidate.
  if (!indexerUrl) return readSourcedList(ctx, undefined, (r) => r.listIssuersOfAccount(account), options);
  const now = await readChainNow(ctx);
  const found = await readConsoleList(ctx, indexerUrl, (r) => r.listIssuersOfAccount(account, now), options);
  if (found.source === "chain") return found;
  return {
    ...found,
    rows: await confirmMemberships(
      ctx,
      account,
      found.rows.map((m) => m.issuer.issuerId),
      now,
    ),
  };
}

/** Admin offers waiting for the account: found through the indexer (chain fallback), each confirmed by getIssuer. */
export async function readCheckedAdminOffers(
  ctx: RegistryContext,
  indexerUrl: string | undefined,
  account: Address,
  options: CheckedListOptions = {},
): Promise<SourcedList<IssuerOnChain[]>> {
  const found = await readConsoleList(ctx, indexerUrl, (r) => r.listAdminOffersTo(account), options);
  if (found.source === "chain") return found;
  return {
    ...found,
    rows: await confirmAdminOffers(
      ctx,
      account,
      found.rows.map((i) => i.issuerId),
    ),
  };
}

/**
 * The issuer's badge classes: found through the indexer (chain fallback), each confirmed by
 * getBadgeClass (its issuer, whether it is retired, its document's hash: the award copies it).
 */
export async function readCheckedClasses(
  ctx: RegistryContext,
  indexerUrl: string | undefined,
  issuerId: number,
  options: CheckedListOptions = {},
): Promise<SourcedList<IssuerClass[]>> {
  const found = await readConsoleList(ctx, indexerUrl, (r) => r.listClassesOfIssuer(issuerId), options);
  if (found.source === "chain") return found;
  return { ...found, rows: await confirmIssuerClasses(ctx, issuerId, found.rows) };
}
