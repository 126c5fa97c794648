// A learner's badges for the grid: the sdk's recipient index, one status read per badge (with the
// Merkle proof for batched badges), and each class and issuer read once.
import { readBatchedStatus } from "@chancery/sdk";
import type { Address, Hex } from "viem";
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

export async function loadLearnerBadges(ctx: RegistryContext, address: Address): Promise<LearnerBadge[]> {
  const found = await listRecipientBadges(ctx, address, { toBlock: await ctx.client.getBlockNumber({ cacheTime: 0 }) });
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
  return badges.sort((a, b) => b.status.issuedAt - a.status.issuedAt);
}
