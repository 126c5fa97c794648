// Chain reads behind the hosted views: find a badge by uid (recorded on its own) or by uid and
// batch (inside a Merkle batch: its URL names the batch), in O(1) calls either way; its recipient
// wallet; and the revocations of an issuer (AssertionRevoked events in bounded chunks).
import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import { readBatchedStatus } from "../chain/batched.ts";
import { explainError, RegistryError } from "../chain/errors.ts";
import {
  type AssertionStatus,
  REVOCATION_REASONS,
  type RegistryContext,
  type RevocationReasonName,
  readAssertionStatus,
  registryEvents,
} from "../chain/registry.ts";
import { badgeRegistryAbi } from "../generated/abi.ts";

export type LocatedBadge = {
  uid: Hex;
  status: AssertionStatus;
  /** Set for a badge inside a Merkle batch, with the proof rebuilt from the batch's events. */
  batchId?: Hex;
  proof?: Hex[];
  /** The learner's wallet bound into the uid, if the badge has one. */
  recipient?: Address;
};

/** The Merkle batches whose AssertionBatched events name `uid`, between two blocks (oldest first). */
export async function findBatchesOf(ctx: RegistryContext, uid: Hex, range: { fromBlock: bigint; toBlock: bigint }): Promise<Hex[]> {
  if (range.toBlock < range.fromBlock) return [];
  const logs = await registryEvents(ctx, "AssertionBatched", { uid }, range);
  const ids: Hex[] = [];
  for (const log of logs) if (!ids.includes(log.args.batchId)) ids.push(log.args.batchId);
  return ids;
}

async function recipientOfRecorded(ctx: RegistryContext, uid: Hex, issuedBlock: bigint): Promise<Address | undefined> {
  const logs = await ctx.client.getContractEvents({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    eventName: "AssertionIssued",
    args: { uid },
    fromBlock: issuedBlock,
    toBlock: issuedBlock,
    strict: true,
  });
  const recipient = logs.at(-1)?.args.recipient;
  return recipient && recipient !== zeroAddress ? recipient : undefined;
}

/** Whether a failed read is the registry saying it has no such Merkle batch. */
function isUnknownBatch(error: unknown): boolean {
  const explained = explainError(error);
  return explained instanceof RegistryError && explained.errorName === "BadgeRegistryUnknownBatch";
}

/**
 * A badge inside one batch: its status with the proof rebuilt from the batch's leaves, or undefined
 * (also for a batch the registry does not know). At most three calls: `getBatch`, the batch's
 * events at its own block (one getLogs over a single block) and `verifyAssertion`.
 * Throws BatchRootMismatchError when the leaves do not rebuild the batch's root.
 */
export async function locateInBatch(ctx: RegistryContext, uid: Hex, batchId: Hex): Promise<LocatedBadge | undefined> {
  if (batchId === zeroHash) return undefined;
  let found: Awaited<ReturnType<typeof readBatchedStatus>>;
  try {
    found = await readBatchedStatus(ctx, { uid, batchId });
  } catch (error) {
    if (isUnknownBatch(error)) return undefined;
    throw error;
  }
  if (!found?.status.exists) return undefined;
  const recipient = found.batch.recipients[found.index];
  return { uid, status: found.status, batchId, proof: found.proof, ...(recipient && recipient !== zeroAddress ? { recipient } : {}) };
}

export type LocateOptions = {
  /**
   * The Merkle batch the badge's URL or credential names (`?batch=`, `credentialStatus`): the badge
   * is then read from that batch only — the anchor the credential names, even when the same uid is
   * also recorded on its own or in another batch.
   */
  batchId?: Hex;
  /** Batches to try, in order, after the uid is not found on its own (a caller's own index). */
  batchIds?: Hex[];
  /**
   * Opt-in, O(blocks): scan AssertionBatched events over this range when the uid is neither on its
   * own nor in `batchIds` (a one-off tool with an old URL; never a server answering requests).
   */
  scan?: { fromBlock: bigint; toBlock: bigint };
};

/**
 * Finds a badge from its uid. With `batchId`: in that batch only (≤ 3 calls). Without: as a badge
 * recorded on its own (one `eth_call`, plus one single-block getLogs for its recipient when found),
 * then in `batchIds`, then — only when asked — by scanning `scan`. Undefined when not found.
 */
export async function locateBadge(ctx: RegistryContext, uid: Hex, options: LocateOptions = {}): Promise<LocatedBadge | undefined> {
  if (options.batchId !== undefined) return locateInBatch(ctx, uid, options.batchId);
  const status = await readAssertionStatus(ctx, { uid });
  if (status.exists) {
    const recipient = await recipientOfRecorded(ctx, uid, status.issuedBlock);
    return { uid, status, ...(recipient ? { recipient } : {}) };
  }
  const batchIds = options.batchIds ?? (options.scan ? await findBatchesOf(ctx, uid, options.scan) : []);
  for (const batchId of batchIds) {
    const found = await locateInBatch(ctx, uid, batchId);
    if (found) return found;
  }
  return undefined;
}

export type RevocationOnChain = {
  uid: Hex;
  issuerId: number;
  reasonCode: RevocationReasonName;
  /** The issuer's own words, from the event. */
  reason: string;
  blockNumber: bigint;
  logIndex: number;
};

/** Every AssertionRevoked event of an issuer between two blocks, in chain order. */
export async function listIssuerRevocations(
  ctx: RegistryContext,
  issuerId: number,
  range: { fromBlock: bigint; toBlock: bigint },
): Promise<RevocationOnChain[]> {
  if (range.toBlock < range.fromBlock) return [];
  const logs = await registryEvents(ctx, "AssertionRevoked", { issuerId }, range);
  return logs.map((log) => ({
    uid: log.args.uid,
    issuerId: Number(log.args.issuerId),
    reasonCode: REVOCATION_REASONS[Number(log.args.reasonCode)] ?? "unspecified",
    reason: log.args.reason,
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
  }));
}

/** The uids of an issuer's badges erased between two blocks (AssertionErased events). */
export async function listIssuerErasures(
  ctx: RegistryContext,
  issuerId: number,
  range: { fromBlock: bigint; toBlock: bigint },
): Promise<{ uid: Hex; blockNumber: bigint }[]> {
  if (range.toBlock < range.fromBlock) return [];
  const logs = await registryEvents(ctx, "AssertionErased", { issuerId }, range);
  return logs.map((log) => ({ uid: log.args.uid, blockNumber: log.blockNumber }));
}
