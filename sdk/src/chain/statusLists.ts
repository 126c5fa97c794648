// Status indexes and signed BitstringStatusLists on chain. A class's next badge takes the class's
// cursor (`nextStatusIndex`), which the client reads, signs into the credential and sends with the
// issue; the registry refuses a stale one (BadgeRegistryStaleStatusIndex), so two issuers' clients
// never share an index. Each list's latest signed credential lives in a `StatusListPublished` event
// whose block the registry keeps: one read and one single-block log query find it.
import { encodeFunctionData, type Hex, hexToString, stringToHex } from "viem";
import { proofFor, rebuildBatchTreeFromLeaves } from "../anchor/merkle.ts";
import {
  buildStatusListCredential,
  classStatusListKey,
  STATUS_LIST_LENGTH,
  type StatusListCredential,
  statusPosition,
} from "../anchor/statusList.ts";
import { ChanceryError } from "../errors.ts";
import { type Deployment, normalizeDeployment } from "../ids.ts";
import { signCredential } from "../proofs/dataIntegrity.ts";
import { batchStatusListUrl, issuerProfileId, statusListUrl } from "../urls.ts";
import { decodeBitstring } from "../verify/steps/statusLists.ts";
import {
  badgeRegistryAbi,
  getLogsInChunks,
  REVOCATION_REASONS,
  type RegistryContext,
  type RevocationReasonName,
  readBatch,
  type WriteContext,
} from "./registry.ts";
import { type WriteOptions, writeRegistry } from "./write.ts";

/** The status index the class's next badge must be signed with. */
export async function readNextStatusIndex(ctx: RegistryContext, classId: number): Promise<number> {
  return ctx.client.readContract({ address: ctx.registry, abi: badgeRegistryAbi, functionName: "nextStatusIndex", args: [classId] });
}

export type StatusListState = {
  /** Zero: no such list (unknown class or batch, or a class list no badge reached yet). */
  issuerId: number;
  /** Block of the latest publication; undefined when never published. */
  publishedBlock: bigint | undefined;
  publishedRevocations: number;
  /** Revocations so far among the badges of the list's class (recorded on their own) or batch. */
  revocations: number;
  /** True when a revocation came after the latest publication (or nothing was published): the issuer must publish again. */
  behind: boolean;
};

export async function readStatusListState(ctx: RegistryContext, listKey: Hex): Promise<StatusListState> {
  const raw = await ctx.client.readContract({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    functionName: "getStatusList",
    args: [listKey],
  });
  return {
    issuerId: raw.issuerId,
    publishedBlock: raw.publishedBlock ? BigInt(raw.publishedBlock) : undefined,
    publishedRevocations: raw.publishedRevocations,
    revocations: raw.revocations,
    behind: raw.publishedBlock === 0 || raw.publishedRevocations !== raw.revocations,
  };
}

/** The list's latest signed credential, from the event at the block the registry keeps (undefined when never published). */
export async function readPublishedStatusList(
  ctx: RegistryContext,
  listKey: Hex,
): Promise<{ state: StatusListState; credential: StatusListCredential | undefined }> {
  const state = await readStatusListState(ctx, listKey);
  if (state.publishedBlock === undefined) return { state, credential: undefined };
  const logs = await ctx.client.getContractEvents({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    eventName: "StatusListPublished",
    args: { listKey },
    fromBlock: state.publishedBlock,
    toBlock: state.publishedBlock,
    strict: true,
  });
  const last = logs.at(-1);
  if (!last)
    throw new ChanceryError(
      "status-list-missing",
      `The registry says list ${listKey} was published in block ${state.publishedBlock}, but that block has no such event (a pruned node?).`,
      { kind: "unavailable" },
    );
  let credential: StatusListCredential;
  try {
    credential = JSON.parse(hexToString(last.args.credential)) as StatusListCredential;
  } catch (cause) {
    throw new ChanceryError("invalid-input", `The status list published for ${listKey} is not JSON.`, { cause });
  }
  return { state, credential };
}

/** The entries a published list sets (read with the verifier's decoder: one reading of lists). */
export function revokedEntriesOf(credential: StatusListCredential | undefined): number[] {
  if (!credential) return [];
  let bits: Uint8Array;
  try {
    bits = decodeBitstring(credential.credentialSubject?.encodedList ?? "");
  } catch (cause) {
    throw new ChanceryError("invalid-input", `The published status list ${credential.id} has an unreadable encodedList.`, { cause });
  }
  const set: number[] = [];
  bits.forEach((byte, i) => {
    for (let bit = 0; byte !== 0 && bit < 8; bit++) if (byte & (0x80 >> bit)) set.push(i * 8 + bit);
  });
  return set;
}

/** Which list a badge is in: a class list (from the badge's status index) or its Merkle batch's. */
export type StatusListTarget = { issuerId: number; classId: number; statusIndex: number } | { issuerId: number; batchId: Hex };

export type StatusListSigning = {
  gatewayBase: string;
  deployment: Deployment;
  /** The issuer's registered Ed25519 key (the same that signs its badges). */
  signingKey: { secretKey: Uint8Array };
};

function listOf(target: StatusListTarget, signing: StatusListSigning): { listKey: Hex; listUrl: string; entry?: number } {
  const deployment = normalizeDeployment(signing.deployment);
  if ("batchId" in target) {
    return { listKey: target.batchId, listUrl: batchStatusListUrl(signing.gatewayBase, deployment, target.issuerId, target.batchId) };
  }
  const { list, entry } = statusPosition(target.statusIndex);
  return {
    listKey: classStatusListKey(target.classId, list),
    listUrl: statusListUrl(signing.gatewayBase, deployment, target.issuerId, target.classId, list),
    entry,
  };
}

/** Builds and signs a list with `revoked` entries set. */
export async function signStatusList(
  listUrl: string,
  issuerId: number,
  revoked: Iterable<number>,
  signing: StatusListSigning,
): Promise<StatusListCredential> {
  const unsigned = buildStatusListCredential({
    listUrl,
    issuerId: issuerProfileId(signing.gatewayBase, normalizeDeployment(signing.deployment), issuerId),
    revoked,
  });
  return (await signCredential(
    unsigned as unknown as Parameters<typeof signCredential>[0],
    signing.signingKey,
  )) as unknown as StatusListCredential;
}

const encodeList = (credential: StatusListCredential): Hex => stringToHex(JSON.stringify(credential));

/**
 * Publishes the list a badge goes into when nothing was published for it yet (the all-zero list of a
 * class's new list, or of a new Merkle batch), so independent verifiers find a signed list from the first badge.
 * Returns the transaction hash, or undefined when a list was already there.
 */
export async function publishStatusListIfMissing(
  ctx: WriteContext,
  target: StatusListTarget,
  signing: StatusListSigning,
  options?: WriteOptions,
): Promise<Hex | undefined> {
  const { listKey, listUrl } = listOf(target, signing);
  const state = await readStatusListState(ctx, listKey);
  if (state.publishedBlock !== undefined) return undefined;
  const credential = await signStatusList(listUrl, target.issuerId, [], signing);
  return (await writeRegistry(ctx, "publishStatusList", [listKey, encodeList(credential)], options)).hash;
}

/**
 * The entries of a list the chain records as revoked, rebuilt from the chain alone: the issuer's
 * `AssertionRevoked` events from the class's creation (or the batch's block), in bounded chunks, and
 * each revoked badge's status index (its record) or leaf position. For a list the issuer must publish
 * again (`StatusListState.behind`); `revokeAndPublish` uses it when the last list is behind.
 */
export async function rebuildRevokedEntries(ctx: RegistryContext, target: StatusListTarget): Promise<number[]> {
  // Not viem's cached number: the revocation just sent must be in the range.
  const toBlock = await ctx.client.getBlockNumber({ cacheTime: 0 });
  const zero = `0x${"0".repeat(64)}` as Hex;
  let fromBlock: bigint;
  let positions: Map<string, number> | undefined;
  let tree: ReturnType<typeof rebuildBatchTreeFromLeaves> | undefined;
  if ("batchId" in target) {
    const batch = await readBatch(ctx, target.batchId);
    fromBlock = batch.issuedBlock;
    positions = new Map(batch.uids.map((uid, i) => [uid.toLowerCase(), i]));
    tree = rebuildBatchTreeFromLeaves(batch.uids);
  } else {
    const cls = await ctx.client.readContract({
      address: ctx.registry,
      abi: badgeRegistryAbi,
      functionName: "getBadgeClass",
      args: [target.classId],
    });
    fromBlock = BigInt(cls.createdBlock);
  }
  const logs = await getLogsInChunks(
    fromBlock,
    toBlock,
    (from, to) =>
      ctx.client.getContractEvents({
        address: ctx.registry,
        abi: badgeRegistryAbi,
        eventName: "AssertionRevoked",
        args: { issuerId: target.issuerId },
        fromBlock: from,
        toBlock: to,
        strict: true,
      }),
    ctx.maxLogRange ? { maxRange: ctx.maxLogRange } : {},
  );
  const entries = new Set<number>();
  for (const uid of new Set(logs.map((log) => log.args.uid.toLowerCase() as Hex))) {
    if (positions && tree && "batchId" in target) {
      const position = positions.get(uid);
      if (position === undefined) continue;
      // The same uid revoked elsewhere (on its own) is not this batch's revocation: the batch's record says.
      const status = await ctx.client.readContract({
        address: ctx.registry,
        abi: badgeRegistryAbi,
        functionName: "verifyAssertion",
        args: [uid, target.batchId, proofFor(tree, position), zero],
      });
      if (status.exists && status.revokedAt) entries.add(position);
      continue;
    }
    const status = await ctx.client.readContract({
      address: ctx.registry,
      abi: badgeRegistryAbi,
      functionName: "verifyAssertion",
      args: [uid, zero, [], zero],
    });
    if (!status.exists || !status.revokedAt || status.classId !== (target as { classId: number }).classId) continue;
    const { list, entry } = statusPosition(status.statusIndex);
    if (list === statusPosition((target as { statusIndex: number }).statusIndex).list) entries.add(entry);
  }
  return [...entries].sort((a, b) => a - b);
}

/** The calls that make a badge's list say revoked: the list with the badge's entry set (rebuilt from the chain when the last one is behind). */
async function republishCall(ctx: RegistryContext, target: StatusListTarget, entry: number, signing: StatusListSigning): Promise<Hex> {
  const { listKey, listUrl } = listOf(target, signing);
  const { state, credential } = await readPublishedStatusList(ctx, listKey);
  const known = state.behind ? await rebuildRevokedEntries(ctx, target) : revokedEntriesOf(credential);
  const revoked = new Set([...known, entry]);
  const signed = await signStatusList(listUrl, target.issuerId, revoked, signing);
  return encodeFunctionData({ abi: badgeRegistryAbi, functionName: "publishStatusList", args: [listKey, encodeList(signed)] });
}

/** Publishes a list again as the chain has it (after revocations sent without it: `StatusListState.behind`). */
export async function republishStatusList(ctx: WriteContext, target: StatusListTarget, signing: StatusListSigning, options?: WriteOptions) {
  const { listKey, listUrl } = listOf(target, signing);
  const signed = await signStatusList(listUrl, target.issuerId, await rebuildRevokedEntries(ctx, target), signing);
  return writeRegistry(ctx, "publishStatusList", [listKey, encodeList(signed)], options);
}

export type Revocation = {
  uid: Hex;
  reason: string;
  code?: RevocationReasonName;
  /** For a badge inside a Merkle batch: the batch, the badge's Merkle proof and its leaf position (read from the batch's events when not given). */
  batch?: { batchId: Hex; proof: readonly Hex[]; position?: number };
};

/** A badge's position in its Merkle batch (its status list entry), from the batch's events in one block. */
async function batchPosition(ctx: RegistryContext, batchId: Hex, uid: Hex): Promise<number> {
  const position = (await readBatch(ctx, batchId)).uids.findIndex((u) => u.toLowerCase() === uid.toLowerCase());
  if (position < 0) throw new ChanceryError("invalid-input", `Badge ${uid} is not a leaf of Merkle batch ${batchId}.`);
  return position;
}

function reasonCode(code: RevocationReasonName | undefined): number {
  const index = REVOCATION_REASONS.indexOf(code ?? "unspecified");
  if (index < 0)
    throw new ChanceryError("invalid-input", `Unknown revocation reason "${code}": use one of ${REVOCATION_REASONS.join(", ")}.`);
  return index;
}

/**
 * Revokes a badge and publishes its list with the badge's entry set, in one transaction (multicall):
 * the registry and the list never disagree. The badge's class, status index and issuer are read from
 * the registry; the list's other entries from its last publication.
 */
export async function revokeAndPublish(ctx: WriteContext, revocation: Revocation, signing: StatusListSigning, options?: WriteOptions) {
  const code = reasonCode(revocation.code);
  const zero = `0x${"0".repeat(64)}` as Hex;
  const status = await ctx.client.readContract({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    functionName: "verifyAssertion",
    args: [revocation.uid, revocation.batch?.batchId ?? zero, revocation.batch?.proof ?? [], zero],
  });
  if (!status.exists)
    throw new ChanceryError("invalid-input", `No badge ${revocation.uid} is recorded${revocation.batch ? " in that batch" : ""}.`);
  const target: StatusListTarget = revocation.batch
    ? { issuerId: status.issuerId, batchId: revocation.batch.batchId }
    : { issuerId: status.issuerId, classId: status.classId, statusIndex: status.statusIndex };
  const entry = revocation.batch
    ? (revocation.batch.position ?? (await batchPosition(ctx, revocation.batch.batchId, revocation.uid)))
    : statusPosition(status.statusIndex).entry;
  if (entry < 0 || entry >= STATUS_LIST_LENGTH) throw new ChanceryError("invalid-input", `Status list entry ${entry} is outside the list.`);
  const revoke = revocation.batch
    ? encodeFunctionData({
        abi: badgeRegistryAbi,
        functionName: "revokeBatched",
        args: [revocation.batch.batchId, revocation.uid, revocation.batch.proof, code, revocation.reason],
      })
    : encodeFunctionData({ abi: badgeRegistryAbi, functionName: "revoke", args: [revocation.uid, code, revocation.reason] });
  const publish = await republishCall(ctx, target, entry, signing);
  return writeRegistry(ctx, "multicall", [[revoke, publish]], options);
}
