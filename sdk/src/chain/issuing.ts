// Named registry writes for the app and the CLI: each simulates first, then sends and waits.
import type { Address, Hex } from "viem";
import type { WriteContext } from "./registry.ts";
import { REVOCATION_REASONS, type RevocationReasonName } from "./registry.ts";
import { type WriteOptions, writeRegistry } from "./write.ts";

/** The per-transaction gas cap (EIP-7825); batches are sized to stay well under it. */
export const TRANSACTION_GAS_CAP = 16_777_216n;
/** Measured per-badge gas (bench/gas.json) plus headroom, used to size batches. */
export const GAS_PER_BATCHED_BADGE = 27_000n;
export const GAS_PER_MERKLE_BADGE = 4_000n;

/** How many badges fit in one transaction of the given kind, keeping 20 % of the cap free. */
export function maxBadgesPerTransaction(kind: "batch" | "merkle"): number {
  const budget = (TRANSACTION_GAS_CAP * 8n) / 10n;
  const perBadge = kind === "batch" ? GAS_PER_BATCHED_BADGE : GAS_PER_MERKLE_BADGE;
  const limit = Number(budget / perBadge);
  return Math.min(limit, kind === "batch" ? 500 : 4_000);
}

const seconds = (date: Date | undefined) => (date ? Math.floor(date.getTime() / 1000) : 0);

/**
 * The JSON published on chain carries no `id`: the registry assigns the issuer or class id in the
 * same transaction, and readers derive the document's URL from that id (a guessed id could be
 * wrong when two registrations race).
 */
export function publishedDocument(document: object): string {
  const { id: _id, ...rest } = document as { id?: unknown };
  return JSON.stringify(rest);
}

export async function registerIssuer(ctx: WriteContext, profile: object): Promise<{ issuerId: number; hash: Hex }> {
  const { result, hash } = await writeRegistry(ctx, "registerIssuer", [publishedDocument(profile)]);
  return { issuerId: Number(result), hash };
}

export async function updateIssuerProfile(ctx: WriteContext, issuerId: number, profile: object) {
  return writeRegistry(ctx, "updateProfile", [issuerId, publishedDocument(profile)]);
}

export async function addIssuerKey(ctx: WriteContext, issuerId: number, publicKey: Hex, window: { from?: Date; until?: Date } = {}) {
  return writeRegistry(ctx, "addKey", [issuerId, publicKey, seconds(window.from), seconds(window.until)]);
}

export async function addIssuerSigner(ctx: WriteContext, issuerId: number, signer: Address, window: { from?: Date; until?: Date } = {}) {
  return writeRegistry(ctx, "addSigner", [issuerId, signer, seconds(window.from), seconds(window.until)]);
}

export async function createBadgeClass(ctx: WriteContext, issuerId: number, achievement: object): Promise<{ classId: number; hash: Hex }> {
  const { result, hash } = await writeRegistry(ctx, "createBadgeClass", [issuerId, publishedDocument(achievement)]);
  return { classId: Number(result), hash };
}

/** `statusIndex`: the class's `nextStatusIndex`, which the credential's status entry names (readNextStatusIndex). */
export type BadgeToIssue = {
  classId: number;
  statusIndex: number;
  credentialHash: Hex;
  recipient?: Address;
  expiresAt?: Date;
  payload?: Hex;
};

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as const;

/** Records one badge (with its encrypted credential when `payload` is given). */
export async function issueBadge(
  ctx: WriteContext,
  badge: BadgeToIssue,
  options?: WriteOptions,
): Promise<{ uid: Hex; hash: Hex; blockNumber: bigint }> {
  const common = [
    badge.classId,
    badge.statusIndex,
    badge.credentialHash,
    badge.recipient ?? ZERO_ADDRESS,
    seconds(badge.expiresAt),
  ] as const;
  const { result, hash, blockNumber } = badge.payload
    ? await writeRegistry(ctx, "issueWithPayload", [...common, badge.payload], options)
    : await writeRegistry(ctx, "issue", common, options);
  return { uid: result, hash, blockNumber };
}

/**
 * Records badges of one class and expiry in one transaction (see `maxBadgesPerTransaction`); badge `i`
 * takes status index `firstStatusIndex + i` (the class's `nextStatusIndex` when the credentials were signed).
 */
export async function issueBadges(
  ctx: WriteContext,
  batch: {
    classId: number;
    firstStatusIndex: number;
    expiresAt?: Date;
    badges: { credentialHash: Hex; recipient?: Address; payload?: Hex }[];
  },
  options?: WriteOptions,
) {
  const payloads = batch.badges.some((b) => b.payload) ? batch.badges.map((b) => b.payload ?? "0x") : [];
  return writeRegistry(
    ctx,
    "issueBatch",
    [
      batch.classId,
      batch.firstStatusIndex,
      batch.badges.map((b) => b.credentialHash),
      batch.badges.map((b) => b.recipient ?? ZERO_ADDRESS),
      seconds(batch.expiresAt),
      payloads,
    ],
    options,
  );
}

/**
 * Records a Merkle batch; returns the root the contract computed. The batch is stored under
 * `merkleBatchId(issuerId, batchKey)` (the id its credentials name), not under the key itself.
 */
export async function issueMerkleBatch(
  ctx: WriteContext,
  batch: { classId: number; batchKey: Hex; expiresAt?: Date; badges: { credentialHash: Hex; recipient?: Address }[] },
  options?: WriteOptions,
): Promise<{ root: Hex; hash: Hex; blockNumber: bigint }> {
  const { result, hash, blockNumber } = await writeRegistry(
    ctx,
    "issueMerkleBatch",
    [
      batch.classId,
      batch.batchKey,
      batch.badges.map((b) => b.credentialHash),
      batch.badges.map((b) => b.recipient ?? ZERO_ADDRESS),
      seconds(batch.expiresAt),
    ],
    options,
  );
  return { root: result, hash, blockNumber };
}

/**
 * Revokes a badge; `batch` (id + Merkle proof) for a badge inside a Merkle batch. Its status list is
 * left behind until the issuer publishes it again: with the issuer's signing key, use
 * `revokeAndPublish` (statusLists.ts), which does both in one transaction.
 */
export async function revokeBadge(
  ctx: WriteContext,
  revocation: { uid: Hex; reason: string; code?: RevocationReasonName; batch?: { batchId: Hex; proof: readonly Hex[] } },
) {
  const code = REVOCATION_REASONS.indexOf(revocation.code ?? "unspecified");
  if (code < 0) throw new Error(`Unknown revocation reason "${revocation.code}": use one of ${REVOCATION_REASONS.join(", ")}.`);
  return revocation.batch
    ? writeRegistry(ctx, "revokeBatched", [revocation.batch.batchId, revocation.uid, revocation.batch.proof, code, revocation.reason])
    : writeRegistry(ctx, "revoke", [revocation.uid, code, revocation.reason]);
}

/** Erases a badge as a signer of its issuer, or as the registry authority (on the learner's request). */
export async function eraseBadge(ctx: WriteContext, erasure: { uid: Hex; batch?: { batchId: Hex; proof: readonly Hex[] } }) {
  const zero = `0x${"0".repeat(64)}` as Hex;
  return writeRegistry(ctx, "erase", [erasure.uid, erasure.batch?.batchId ?? zero, erasure.batch?.proof ?? []]);
}

/** Erases one's own badge as its recipient wallet (the contract rebuilds the uid from the caller). */
export async function eraseOwnBadge(
  ctx: WriteContext,
  erasure: { issuerId: number; credentialHash: Hex; batch?: { batchId: Hex; proof: readonly Hex[] } },
) {
  const zero = `0x${"0".repeat(64)}` as Hex;
  return writeRegistry(ctx, "eraseAsRecipient", [
    erasure.issuerId,
    erasure.credentialHash,
    erasure.batch?.batchId ?? zero,
    erasure.batch?.proof ?? [],
  ]);
}
