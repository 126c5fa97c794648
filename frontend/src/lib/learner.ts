// A learner's badges for the grid: the indexer's list (or the sdk's recipient index on the chain),
// one status read per badge (with the Merkle proof for batched badges), and each class and issuer
// read once.
import { readBatchedStatus } from "@chancery/sdk";
import { IndexerError, indexerReader } from "@chancery/sdk/readers";
import type { Address, Hex } from "viem";
import type { ListSourceValue } from "../components/ListSource.tsx";
import { appConfig } from "../config.ts";
import {
  type AssertionStatus,
  type BadgeClassOnChain,
  type IssuerOnChain,
  listRecipientBadges,
  type RegistryContext,
  readAssertionStatus,
  readBadgeClass,
  readBatch,
  readIssuer,
} from "../sdk/light.ts";

export type LearnerBadge = {
  uid: Hex;
  batchId?: Hex;
  proof?: Hex[];
  status: AssertionStatus;
  badgeClass: BadgeClassOnChain | undefined;
  issuer: IssuerOnChain | undefined;
};

function memo<K, V>(load: (key: K) => Promise<V>) {
  const cache = new Map<K, Promise<V>>();
  return (key: K) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = load(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** Reads one badge's status, with its batch proof when it was recorded in a Merkle batch. */
export async function readBadgeStatus(
  ctx: RegistryContext,
  uid: Hex,
  batchId?: Hex,
  batches = memo((id: Hex) => readBatch(ctx, id)),
): Promise<{ status: AssertionStatus; proof?: Hex[] }> {
  if (!batchId) return { status: await readAssertionStatus(ctx, { uid }) };
  const found = await readBatchedStatus(ctx, { uid, batchId }, await batches(batchId));
  if (!found) throw new Error(`Badge ${uid} is not in batch ${batchId}.`);
  return { status: found.status, proof: found.proof };
}

/**
 * Which badges name the wallet: from the indexer when one is configured (one query, no log scan),
 * else (or when it does not answer) from the chain's events. Only a finding: each badge's status
 * is then read from the registry, so an index can hide a badge but never vouch for one.
 */
async function findLearnerBadges(
  ctx: RegistryContext,
  address: Address,
  indexerUrl: string | undefined,
): Promise<{ found: { uid: Hex; batchId?: Hex }[]; source: ListSourceValue }> {
  if (indexerUrl) {
    try {
      const listed = await indexerReader({ url: indexerUrl }).listBadgesOfRecipient(address);
      return { found: listed.map((b) => ({ uid: b.uid, batchId: b.batchId })), source: { source: "indexer", indexerDown: false } };
    } catch (error) {
      if (!(error instanceof IndexerError)) throw error;
      console.warn(`${error.message} Reading the chain instead.`);
    }
  }
  const found = await listRecipientBadges(ctx, address, { toBlock: await ctx.client.getBlockNumber({ cacheTime: 0 }) });
  return { found, source: { source: "chain", indexerDown: !!indexerUrl } };
}

/** The learner's badges (newest first), each status read from the registry, and what found them. */
export async function loadLearnerList(
  ctx: RegistryContext,
  address: Address,
  indexerUrl: string | undefined = appConfig.indexerUrl,
): Promise<{ badges: LearnerBadge[]; source: ListSourceValue }> {
  const { found, source } = await findLearnerBadges(ctx, address, indexerUrl);
  const batches = memo((id: Hex) => readBatch(ctx, id));
  const classes = memo((id: number) => readBadgeClass(ctx, id).catch(() => undefined));
  const issuers = memo((id: number) => readIssuer(ctx, id).catch(() => undefined));
  const badges = await Promise.all(
    found.map(async (b): Promise<LearnerBadge> => {
      const { status, proof } = await readBadgeStatus(ctx, b.uid, b.batchId, batches);
      const [badgeClass, issuer] = await Promise.all([
        status.classId ? classes(status.classId) : undefined,
        status.issuerId ? issuers(status.issuerId) : undefined,
      ]);
      return { uid: b.uid, batchId: b.batchId, proof, status, badgeClass, issuer };
    }),
  );
  return { badges: badges.sort((a, b) => b.status.issuedAt - a.status.issuedAt), source };
}
