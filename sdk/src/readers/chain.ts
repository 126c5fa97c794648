// The chain reader: every list rebuilt from the registry's indexed events (read in bounded chunks
// from the deployment block, getLogsInChunks) and one status read per badge. Works with nothing but
// an RPC; on a public RPC with a log-range cap, each list costs (blocks since deployment / cap) calls.
import { type Address, getAddress, type Hex, zeroAddress } from "viem";
import { proofFor, rebuildBatchTreeFromLeaves } from "../anchor/merkle.ts";
import { BatchRootMismatchError } from "../chain/batched.ts";
import { findAdminOffersTo, findIssuersOf, listIssuerClasses, listIssuers as listIssuerPage, MAX_ISSUER_PAGE } from "../chain/queries.ts";
import {
  type AssertionStatus,
  type BatchLeafLogs,
  type BatchOnChain,
  type IssuerOnChain,
  listRecipientBadges,
  REVOCATION_REASONS,
  type RegistryContext,
  readAssertionStatus,
  readBadgeClass,
  readBatchWithLogs,
  readRevocationReason,
  registryEvents,
} from "../chain/registry.ts";
import type { BadgeListing, BadgeReader, IssueWay, RevocationListing } from "./types.ts";
import { newestFirst } from "./types.ts";
import { issueCallOf } from "./way.ts";

type Found = { uid: Hex; recipient: Address; blockNumber: bigint; logIndex: number; transactionHash: Hex } & (
  | { batchId?: undefined }
  | { batchId: Hex }
);

function memo<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = load(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** At most `limit` reads in flight: a list of thousands must not open thousands of RPC requests at once. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Reads in flight at once in one list (what public RPCs tolerate without rate-limiting). */
const READS_IN_FLIGHT = 16;

const recipientOf = (recipient: Address): Address | undefined => (recipient === zeroAddress ? undefined : getAddress(recipient));

/** A reader over the chain alone (the fallback when no indexer is configured). */
export function chainReader(ctx: RegistryContext): BadgeReader {
  // One read per transaction, batch and block, shared by every list of this reader (a list is read
  // again from the chain each time: only immutable facts are cached).
  const transactions = memo((hash: Hex) => ctx.client.getTransaction({ hash }));
  const batches = memo(async (batchId: Hex) => {
    const { batch, logs } = await readBatchWithLogs(ctx, batchId);
    const tree = rebuildBatchTreeFromLeaves(batch.uids);
    if (tree.root.toLowerCase() !== batch.root.toLowerCase()) throw new BatchRootMismatchError(batch.batchId, batch.root, tree.root);
    return { batch, logs, tree };
  });
  const blockTimes = memo(async (blockNumber: bigint) => Number((await ctx.client.getBlock({ blockNumber })).timestamp));

  async function wayOf(hash: Hex): Promise<IssueWay> {
    return issueCallOf((await transactions(hash)).input)?.way ?? "unknown";
  }

  async function listing(found: Found, status: AssertionStatus, way: IssueWay): Promise<BadgeListing> {
    const revocationReason =
      status.revokedBlock !== undefined ? ((await readRevocationReason(ctx, found.uid, status.revokedBlock)) ?? "") : undefined;
    return {
      uid: found.uid,
      issuerId: status.issuerId,
      classId: status.classId,
      recipient: recipientOf(found.recipient),
      batchId: found.batchId,
      way,
      issuedAt: status.issuedAt,
      expiresAt: status.expiresAt,
      revokedAt: status.revokedAt,
      revocationCode: status.revocationReason,
      revocationReason,
      erased: status.erased,
      blockNumber: found.blockNumber,
      logIndex: found.logIndex,
      transactionHash: found.transactionHash,
    };
  }

  async function complete(found: Found[]): Promise<BadgeListing[]> {
    const rows = await mapLimited(found, READS_IN_FLIGHT, async (f) => {
      if (f.batchId === undefined) {
        const [status, way] = await Promise.all([readAssertionStatus(ctx, { uid: f.uid }), wayOf(f.transactionHash)]);
        return listing(f, status, way);
      }
      const { batch, tree } = await batches(f.batchId);
      const index = batch.uids.findIndex((u) => u.toLowerCase() === f.uid.toLowerCase());
      const status = await readAssertionStatus(ctx, { uid: f.uid, batchId: f.batchId, proof: proofFor(tree, index) });
      return listing(f, status, "merkle");
    });
    return rows.sort(newestFirst);
  }

  function leavesOf(batch: BatchOnChain, logs: BatchLeafLogs): Found[] {
    return batch.uids.map((uid, i) => ({
      uid,
      batchId: batch.batchId,
      recipient: batch.recipients[i] ?? zeroAddress,
      blockNumber: batch.issuedBlock,
      logIndex: logs.logIndexes[i] ?? 0,
      transactionHash: logs.transactionHash,
    }));
  }

  async function ofIssuerOrClass(issuerId: number, classId?: number): Promise<BadgeListing[]> {
    const [issued, merkle] = await Promise.all([
      registryEvents(ctx, "AssertionIssued", { issuerId }),
      registryEvents(ctx, "MerkleBatchIssued", classId === undefined ? { issuerId } : { issuerId, classId }),
    ]);
    const single: Found[] = issued.map((l) => ({
      ...l.args,
      logIndex: l.logIndex,
      blockNumber: l.blockNumber,
      transactionHash: l.transactionHash,
    }));
    const batched = await Promise.all(
      merkle.map(async (l) => {
        const { batch, logs } = await batches(l.args.batchId);
        return leavesOf(batch, logs);
      }),
    );
    const rows = await complete([...single, ...batched.flat()]);
    return classId === undefined ? rows : rows.filter((r) => r.classId === classId);
  }

  return {
    source: "chain",
    async listBadgesOfRecipient(recipient) {
      // Both issue events by their indexed recipient topic, in one scan (listRecipientBadges).
      const found = await listRecipientBadges(ctx, recipient);
      return complete(found.map((b) => ({ ...b, recipient, batchId: b.batchId })));
    },
    listBadgesOfIssuer: (issuerId) => ofIssuerOrClass(issuerId),
    async listBadgesOfClass(classId) {
      const badgeClass = await readBadgeClass(ctx, classId);
      return ofIssuerOrClass(badgeClass.issuerId, classId);
    },
    async listBadgesOfBatch(batchId) {
      const { batch, logs } = await batches(batchId);
      return complete(leavesOf(batch, logs));
    },
    async findBadge(uid) {
      const status = await readAssertionStatus(ctx, { uid });
      if (status.exists) {
        const [log] = await registryEvents(ctx, "AssertionIssued", { uid }, { fromBlock: status.issuedBlock, toBlock: status.issuedBlock });
        if (!log) return undefined;
        const [row] = await complete([
          { ...log.args, logIndex: log.logIndex, blockNumber: log.blockNumber, transactionHash: log.transactionHash },
        ]);
        return row;
      }
      // A batched uid is found only through its event: without an index, that is a scan.
      const [leaf] = await registryEvents(ctx, "AssertionBatched", { uid });
      if (!leaf) return undefined;
      const [row] = await complete([
        { ...leaf.args, logIndex: leaf.logIndex, blockNumber: leaf.blockNumber, transactionHash: leaf.transactionHash },
      ]);
      return row;
    },
    async listRevocations(issuerId): Promise<RevocationListing[]> {
      const [logs, erasures] = await Promise.all([
        registryEvents(ctx, "AssertionRevoked", { issuerId }),
        registryEvents(ctx, "AssertionErased", { issuerId }),
      ]);
      const erased = new Set(erasures.map((l) => l.args.uid.toLowerCase()));
      const rows = await Promise.all(
        logs.map(async (l) => ({
          uid: l.args.uid,
          issuerId: l.args.issuerId,
          code: REVOCATION_REASONS[l.args.reasonCode] ?? "unspecified",
          reason: l.args.reason,
          revokedAt: await blockTimes(l.blockNumber),
          erased: erased.has(l.args.uid.toLowerCase()),
          blockNumber: l.blockNumber,
          logIndex: l.logIndex,
          transactionHash: l.transactionHash,
        })),
      );
      return rows.sort(newestFirst);
    },
    async listIssuers(): Promise<IssuerOnChain[]> {
      const all: IssuerOnChain[] = [];
      for (;;) {
        const page = await listIssuerPage(ctx, { offset: all.length, limit: MAX_ISSUER_PAGE });
        all.push(...page.issuers);
        if (page.issuers.length === 0 || all.length >= page.total) return all;
      }
    },
    // The console's own lists: candidates from event scans, each confirmed by the registry already.
    listIssuersOfAccount: (account, at) => findIssuersOf(ctx, account, at),
    listAdminOffersTo: (account) => findAdminOffersTo(ctx, account),
    listClassesOfIssuer: (issuerId) => listIssuerClasses(ctx, issuerId),
  };
}
