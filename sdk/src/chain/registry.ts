// Reads and writes of the Chancery registry through viem. Every read a verifier needs is one
// `eth_call` (verifyAssertion); events are fetched only at the exact block a record points to,
// or in bounded chunks from the deployment block when listing a recipient's badges.
import {
  type Address,
  type ContractEventArgs,
  type ContractEventName,
  type ContractFunctionReturnType,
  type GetContractEventsReturnType,
  getAbiItem,
  type Hex,
  type PublicClient,
  type WalletClient,
  zeroHash,
} from "viem";
import { badgeRegistryAbi } from "../generated/abi.ts";
import { RegistryError } from "./errors.ts";

export { badgeRegistryAbi };

/** Where a registry lives. `deployedOnBlock` bounds event scans. */
export type RegistryContext = {
  client: PublicClient;
  registry: Address;
  deployedOnBlock?: bigint;
  /** Largest block range asked of `eth_getLogs` at once (halved automatically when the RPC refuses). */
  maxLogRange?: bigint;
};

/** The filter for one registry's events inside one block (records point to the block of their events). */
function at(ctx: RegistryContext, blockNumber: bigint) {
  return { address: ctx.registry, abi: badgeRegistryAbi, fromBlock: blockNumber, toBlock: blockNumber, strict: true } as const;
}

export const ISSUER_STATUS = ["unregistered", "self-declared", "accredited", "suspended"] as const;
export type IssuerStatusName = (typeof ISSUER_STATUS)[number];
export const REVOCATION_REASONS = ["unspecified", "issued-in-error", "misconduct", "superseded", "withdrawn", "key-compromised"] as const;
export type RevocationReasonName = (typeof REVOCATION_REASONS)[number];

export type AssertionStatus = {
  exists: boolean;
  issuerId: number;
  issuerStatus: IssuerStatusName;
  classId: number;
  classHash: Hex;
  classRetired: boolean;
  batchId: Hex | undefined;
  issuedAt: number;
  issuedBlock: bigint;
  expiresAt: number | undefined;
  revokedAt: number | undefined;
  revokedBlock: bigint | undefined;
  revocationReason: RevocationReasonName | undefined;
  erased: boolean;
  keyValidAtIssue: boolean;
  /** A badge recorded on its own: its index in its class's status lists (a batched badge's entry is its leaf position). */
  statusIndex?: number;
};

/** The verifier's single read: status of a badge, its issuer and class, and the proof key's validity. */
export async function readAssertionStatus(
  ctx: RegistryContext,
  query: { uid: Hex; batchId?: Hex; proof?: readonly Hex[]; publicKey?: Hex },
): Promise<AssertionStatus> {
  const raw = await ctx.client.readContract({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    functionName: "verifyAssertion",
    args: [query.uid, query.batchId ?? zeroHash, query.proof ?? [], query.publicKey ?? zeroHash],
  });
  return {
    exists: raw.exists,
    issuerId: raw.issuerId,
    issuerStatus: ISSUER_STATUS[raw.issuerStatus] ?? "unregistered",
    classId: raw.classId,
    classHash: raw.classHash,
    classRetired: raw.classRetired,
    batchId: raw.batchId === zeroHash ? undefined : raw.batchId,
    issuedAt: raw.issuedAt,
    issuedBlock: BigInt(raw.issuedBlock),
    expiresAt: raw.expiresAt || undefined,
    revokedAt: raw.revokedAt || undefined,
    revokedBlock: raw.revokedAt ? BigInt(raw.revokedBlock) : undefined,
    revocationReason: raw.revokedAt ? (REVOCATION_REASONS[raw.revocationReason] ?? "unspecified") : undefined,
    erased: raw.erased,
    keyValidAtIssue: raw.keyValidAtIssue,
    ...(raw.exists && raw.batchId === zeroHash && raw.statusIndex !== undefined ? { statusIndex: raw.statusIndex } : {}),
  };
}

/** The issuer's own words for a revocation, from the `AssertionRevoked` event at `revokedBlock`. */
export async function readRevocationReason(ctx: RegistryContext, uid: Hex, revokedBlock: bigint): Promise<string | undefined> {
  const logs = await ctx.client.getContractEvents({
    ...at(ctx, revokedBlock),
    eventName: "AssertionRevoked",
    args: { uid },
  });
  return logs.at(-1)?.args.reason;
}

/** The encrypted credential published with a badge, if any. */
export async function readPayload(ctx: RegistryContext, uid: Hex, issuedBlock: bigint): Promise<Hex | undefined> {
  const logs = await ctx.client.getContractEvents({
    ...at(ctx, issuedBlock),
    eventName: "AssertionPayloadPublished",
    args: { uid },
  });
  return logs.at(-1)?.args.payload;
}

export type BatchOnChain = {
  batchId: Hex;
  root: Hex;
  classId: number;
  count: number;
  issuedAt: number;
  issuedBlock: bigint;
  expiresAt: number | undefined;
  /** uids in leaf order, as the contract built the tree. */
  uids: Hex[];
  recipients: Address[];
};

/** Where each leaf's `AssertionBatched` event sits (the batch's transaction, log indexes in leaf order). */
export type BatchLeafLogs = { transactionHash: Hex; logIndexes: number[] };

/** A Merkle batch and its leaves (from its `AssertionBatched` events, in log order). */
export async function readBatch(ctx: RegistryContext, batchId: Hex): Promise<BatchOnChain> {
  return (await readBatchWithLogs(ctx, batchId)).batch;
}

/** `readBatch`, with where the leaves' events sit (for lists ordered by log). */
export async function readBatchWithLogs(ctx: RegistryContext, batchId: Hex): Promise<{ batch: BatchOnChain; logs: BatchLeafLogs }> {
  const { root, classId, count, issuedAt, issuedBlock, expiresAt } = await ctx.client.readContract({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    functionName: "getBatch",
    args: [batchId],
  });
  const logs = await ctx.client.getContractEvents({
    ...at(ctx, BigInt(issuedBlock)),
    eventName: "AssertionBatched",
    args: { batchId },
  });
  if (logs.length !== count) {
    throw new Error(`Batch ${batchId} should have ${count} leaves but block ${issuedBlock} holds ${logs.length} of its events.`);
  }
  const batch: BatchOnChain = {
    batchId,
    root,
    classId,
    count,
    issuedAt,
    issuedBlock: BigInt(issuedBlock),
    expiresAt: expiresAt || undefined,
    uids: logs.map((log) => log.args.uid),
    recipients: logs.map((log) => log.args.recipient),
  };
  return { batch, logs: { transactionHash: logs[0]?.transactionHash ?? zeroHash, logIndexes: logs.map((log) => log.logIndex) } };
}

export type IssuerOnChain = {
  issuerId: number;
  admin: Address;
  pendingAdmin: Address | undefined;
  status: IssuerStatusName;
  accredited: boolean;
  statusChangedAt: number;
  statusChangedBlock: bigint;
  profileHash: Hex;
  /** The Open Badges Profile JSON from the last profile event, parsed. */
  profile: unknown;
  /** The name key the authority accredited the issuer under (`issuerNameKey`); undefined when not accredited. */
  nameKey: Hex | undefined;
};

/** An issuer with its current profile JSON, rebuilt from the chain alone. */
export async function readIssuer(ctx: RegistryContext, issuerId: number): Promise<IssuerOnChain> {
  const issuer = await ctx.client.readContract({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    functionName: "getIssuer",
    args: [issuerId],
  });
  return issuerFromRecord(ctx, issuerId, issuer);
}

/** What `getIssuer` / `getIssuers` return for one issuer. */
export type IssuerRecord = ContractFunctionReturnType<typeof badgeRegistryAbi, "view", "getIssuer">;

/** An issuer's record completed with its profile JSON, read from the event its record points to. */
export async function issuerFromRecord(ctx: RegistryContext, issuerId: number, issuer: IssuerRecord): Promise<IssuerOnChain> {
  const blockNumber = BigInt(issuer.profileBlock);
  const [registered, updated] = await Promise.all([
    ctx.client.getContractEvents({ ...at(ctx, blockNumber), eventName: "IssuerRegistered", args: { issuerId } }),
    ctx.client.getContractEvents({ ...at(ctx, blockNumber), eventName: "IssuerProfileUpdated", args: { issuerId } }),
  ]);
  const match = [...registered, ...updated].filter((log) => log.args.profileHash === issuer.profileHash).at(-1);
  return {
    issuerId,
    admin: issuer.admin,
    pendingAdmin: issuer.pendingAdmin === "0x0000000000000000000000000000000000000000" ? undefined : issuer.pendingAdmin,
    status: ISSUER_STATUS[issuer.status] ?? "unregistered",
    accredited: issuer.accredited,
    statusChangedAt: issuer.statusChangedAt,
    statusChangedBlock: BigInt(issuer.statusChangedBlock),
    profileHash: issuer.profileHash,
    profile: match ? JSON.parse(match.args.profile) : undefined,
    nameKey: issuer.nameKey === zeroHash ? undefined : issuer.nameKey,
  };
}

export type KeyOnChain = { publicKey: Hex; validFrom: number; validUntil: number | undefined };

/** The registry returns one window per signer or key; a shorter list is a registry we do not know. */
function windowAt<W>(windows: readonly W[], index: number, what: string): W {
  const window = windows[index];
  if (window === undefined) throw new RegistryError("call-failed", `The registry returned no validity window for ${what} #${index}.`);
  return window;
}

/** Every Ed25519 key the issuer registered, with its window. */
export async function readIssuerKeys(ctx: RegistryContext, issuerId: number): Promise<KeyOnChain[]> {
  const [keys, windows] = await ctx.client.readContract({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    functionName: "getKeys",
    args: [issuerId],
  });
  return keys.map((publicKey, i) => {
    const window = windowAt(windows, i, "key");
    return { publicKey, validFrom: window.validFrom, validUntil: window.validUntil || undefined };
  });
}

export type SignerOnChain = { signer: Address; validFrom: number; validUntil: number | undefined };

export async function readIssuerSigners(ctx: RegistryContext, issuerId: number): Promise<SignerOnChain[]> {
  const [signers, windows] = await ctx.client.readContract({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    functionName: "getSigners",
    args: [issuerId],
  });
  return signers.map((signer, i) => {
    const window = windowAt(windows, i, "signer");
    return { signer, validFrom: window.validFrom, validUntil: window.validUntil || undefined };
  });
}

export type BadgeClassOnChain = {
  classId: number;
  issuerId: number;
  previousVersion: number | undefined;
  createdAt: number;
  retired: boolean;
  contentHash: Hex;
  /** The Open Badges Achievement JSON from the creation event, parsed. */
  content: unknown;
};

/** A badge class with its Achievement JSON, rebuilt from the chain alone. */
export async function readBadgeClass(ctx: RegistryContext, classId: number): Promise<BadgeClassOnChain> {
  const record = await ctx.client.readContract({
    address: ctx.registry,
    abi: badgeRegistryAbi,
    functionName: "getBadgeClass",
    args: [classId],
  });
  const logs = await ctx.client.getContractEvents({
    ...at(ctx, BigInt(record.createdBlock)),
    eventName: "BadgeClassCreated",
    args: { classId },
  });
  return {
    classId,
    issuerId: record.issuerId,
    previousVersion: record.previousVersion || undefined,
    createdAt: record.createdAt,
    retired: record.retired,
    contentHash: record.contentHash,
    content: logs[0]?.args.content !== undefined ? JSON.parse(logs[0].args.content) : undefined,
  };
}

const RANGE_ERROR = /range|too many|limit|exceed|10000|block range|query returned more/i;

/**
 * `eth_getLogs` over [fromBlock, toBlock], asking for the whole range first: a topic-filtered query
 * for one recipient is one call on a local node and on providers that bound results rather than
 * blocks. When a provider refuses (range or result cap), the chunk is halved and retried, so a
 * provider with a small range cap still works, in as many calls as its cap requires (at scale,
 * point the app at a subgraph instead).
 */
export async function getLogsInChunks<T>(
  fromBlock: bigint,
  toBlock: bigint,
  fetchRange: (from: bigint, to: bigint) => Promise<T[]>,
  options: { maxRange?: bigint; onProgress?: (done: bigint, total: bigint) => void } = {},
): Promise<T[]> {
  const results: T[] = [];
  let range = options.maxRange ?? toBlock - fromBlock + 1n;
  let from = fromBlock;
  const total = toBlock - fromBlock + 1n;
  while (from <= toBlock) {
    const to = from + range - 1n > toBlock ? toBlock : from + range - 1n;
    try {
      results.push(...(await fetchRange(from, to)));
      from = to + 1n;
      options.onProgress?.(from - fromBlock, total);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (range > 1n && RANGE_ERROR.test(message)) {
        range = range / 2n;
        continue;
      }
      throw error;
    }
  }
  return results;
}

type RegistryEventName = ContractEventName<typeof badgeRegistryAbi>;

/**
 * One registry event over a block range (default: the deployment block to the latest block,
 * read uncached so a just-mined event is seen), in bounded chunks (getLogsInChunks).
 */
export async function registryEvents<const E extends RegistryEventName>(
  ctx: RegistryContext,
  eventName: E,
  args: ContractEventArgs<typeof badgeRegistryAbi, E>,
  range: { fromBlock?: bigint; toBlock?: bigint } = {},
): Promise<GetContractEventsReturnType<typeof badgeRegistryAbi, E, true>> {
  const toBlock = range.toBlock ?? (await ctx.client.getBlockNumber({ cacheTime: 0 }));
  const fromBlock = range.fromBlock ?? ctx.deployedOnBlock ?? 0n;
  // The ABI's many events make the generic call too deep for the type checker; the result type is declared above.
  const get = ctx.client.getContractEvents as (parameters: unknown) => Promise<unknown[]>;
  const logs = await getLogsInChunks(
    fromBlock,
    toBlock,
    (from, to) => get({ address: ctx.registry, abi: badgeRegistryAbi, eventName, args, fromBlock: from, toBlock: to, strict: true }),
    { maxRange: ctx.maxLogRange },
  );
  return logs as GetContractEventsReturnType<typeof badgeRegistryAbi, E, true>;
}

export type RecipientBadge = {
  uid: Hex;
  /** Set for a badge recorded on its own. */
  issuerId?: number;
  /** Set for a badge inside a Merkle batch. */
  batchId?: Hex;
  blockNumber: bigint;
  /** The event's position in its block (lists order by block, then log index). */
  logIndex: number;
  transactionHash: Hex;
};

/** Every badge issued to `recipient`, from the indexed `recipient` topic of both issue events. */
export async function listRecipientBadges(
  ctx: RegistryContext,
  recipient: Address,
  options: { fromBlock?: bigint; toBlock?: bigint; onProgress?: (done: bigint, total: bigint) => void } = {},
): Promise<RecipientBadge[]> {
  // cacheTime 0: viem caches the block number for a polling interval, which would hide a just-mined badge.
  const toBlock = options.toBlock ?? (await ctx.client.getBlockNumber({ cacheTime: 0 }));
  const fromBlock = options.fromBlock ?? ctx.deployedOnBlock ?? 0n;
  const logs = await getLogsInChunks(
    fromBlock,
    toBlock,
    (from, to) =>
      ctx.client.getLogs({
        address: ctx.registry,
        events: [
          getAbiItem({ abi: badgeRegistryAbi, name: "AssertionIssued" }),
          getAbiItem({ abi: badgeRegistryAbi, name: "AssertionBatched" }),
        ],
        args: { recipient } as never,
        fromBlock: from,
        toBlock: to,
        strict: true,
      }),
    { maxRange: ctx.maxLogRange, onProgress: options.onProgress },
  );
  return logs.map((log) => {
    const { eventName, args, blockNumber, logIndex, transactionHash } = log as unknown as {
      eventName: string;
      args: { uid: Hex; issuerId?: number; batchId?: Hex };
      blockNumber: bigint;
      logIndex: number;
      transactionHash: Hex;
    };
    return eventName === "AssertionIssued"
      ? { uid: args.uid, issuerId: Number(args.issuerId), blockNumber, logIndex, transactionHash }
      : { uid: args.uid, batchId: args.batchId, blockNumber, logIndex, transactionHash };
  });
}

// ------------------------------------------------------------------ writes

/** A registry and the wallet that sends to it (see `writeRegistry` in ./write.ts). */
export type WriteContext = RegistryContext & { wallet: WalletClient };
