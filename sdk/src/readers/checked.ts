// Lists as every reader of ours shows them: found through the indexer when one is configured and
// answers (else the chain), each badge's status then read from the registry itself. An index that is
// stale or lies can hide a badge or show it late; it can never add one or change what it says.
import type { Hex } from "viem";
import { readBatchedStatus } from "../chain/batched.ts";
import { type AssertionStatus, type BatchOnChain, type RegistryContext, readAssertionStatus, readBatch } from "../chain/registry.ts";
import { chainReader } from "./chain.ts";
import { IndexerError, indexerReader } from "./indexer.ts";
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
