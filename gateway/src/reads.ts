// What the routes ask of the chain, on top of ChainReader: a badge from its uid (on its own) or
// its uid and batch (inside a Merkle batch, named by the URL's `?batch=`), a badge class and its
// images, an issuer, the revoked badges of an issuer. Unknown ids become 404s; any other failure of
// a read means the chain is unavailable (503). Every read of a badge costs O(1) RPC calls and is
// kept for its head block (found ones and unknown ones in separate LRUs, so a flood of random ids
// never evicts a real answer); old batched URLs without `?batch=` resolve through the BatchIndex,
// followed once per process. The revocation index of an issuer is the one event scan left: asked
// only for an issuer that exists, kept per head block and rebuilt incrementally (the last
// REORG_DEPTH blocks are read again on every refresh).
import { type RegistryContext, readBadgeClass, readIssuer, readPayload, readRevocationReason } from "@chancery/sdk/chain";
import {
  badgeClassImages,
  type LocatedBadge,
  listIssuerErasures,
  listIssuerRevocations,
  locateBadge,
  locateInBatch,
} from "@chancery/sdk/hosted";
import { type BadgeReader, indexerReader } from "@chancery/sdk/readers";
import type { Hex } from "viem";
import { BatchIndex } from "./batch-index.ts";
import { Lru } from "./cache.ts";
import { asUnavailable, type ChainReader, revertName } from "./chain.ts";
import type { GatewayConfig } from "./config.ts";
import { HttpError, notFound } from "./plugins/errors.ts";

/** Blocks re-scanned on every refresh of an event index, in case the chain reorganised. */
const REORG_DEPTH = 12n;

type RevocationIndex = {
  scannedTo: bigint;
  revoked: Map<Hex, { reason: string; reasonCode: string; blockNumber: bigint }>;
  /** Erased badges: still listed as revoked when they are, but never with the issuer's words. */
  erased: Map<Hex, bigint>;
};

const byCode = (code: string | undefined) =>
  code && code !== "unspecified" ? `Revoked by the issuer (${code.replace(/-/g, " ")}).` : "Revoked by the issuer.";

/** Bytes of encrypted credentials kept in memory (the keyed URL decrypts them locally on every request). */
const PAYLOAD_CACHE_BYTES = 16 * 1024 * 1024;

export class ChainReads {
  readonly ctx: RegistryContext;
  readonly batchIndex: BatchIndex | undefined;
  /** The indexer (INDEXER_URL): finds batched uids and revocations with one query; verdicts are still read from the chain. */
  readonly indexer: BadgeReader | undefined;
  private readonly config: GatewayConfig;
  private readonly chain: ChainReader;
  private readonly found: Lru<string, { block: bigint; badge: LocatedBadge }>;
  private readonly missing: Lru<string, bigint>;
  private readonly locating = new Map<string, Promise<LocatedBadge | undefined>>();
  private readonly payloads = new Lru<string, { payload: Hex | undefined }>(4096, {
    maxBytes: PAYLOAD_CACHE_BYTES,
    sizeOf: (p) => (p.payload?.length ?? 0) + 128,
  });
  private readonly reasons = new Lru<string, { reason: string | undefined }>(4096);
  private readonly revocationIndexes = new Lru<number, RevocationIndex>(1000);
  private readonly revocationScans = new Map<number, Promise<RevocationIndex>>();
  private readonly classImages = new Lru<string, ReturnType<typeof badgeClassImages>>(256);

  constructor(chain: ChainReader, config: GatewayConfig) {
    this.ctx = chain.ctx;
    this.chain = chain;
    this.config = config;
    this.found = new Lru(config.cacheEntries);
    this.missing = new Lru(config.negativeCacheEntries);
    this.indexer = config.indexerUrl ? indexerReader({ url: config.indexerUrl }) : undefined;
    // With an indexer, the in-memory follower of batched uids is not needed.
    this.batchIndex =
      config.batchIndex && !this.indexer
        ? new BatchIndex(chain.ctx, { fromBlock: config.deployedOnBlock, maxEntries: config.batchIndexEntries })
        : undefined;
  }

  /** Reads that fail for any reason but a revert mean the chain is unavailable. */
  async read<T>(work: () => Promise<T>, onRevert?: (name: string) => T | Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HttpError) throw error;
      const name = revertName(error);
      if (name !== undefined && onRevert) return onRevert(name);
      throw asUnavailable(error);
    }
  }

  /** Starts following the batch index (main.ts calls it once listening; otherwise the first old batched URL does). */
  startBatchIndex(onError: (error: unknown) => void): void {
    const index = this.batchIndex;
    if (!index) return;
    this.chain
      .headBlock()
      .then((head) => index.refresh(head))
      .catch(onError);
  }

  /**
   * A badge from its uid — with `batchId`, from that batch only (the anchor its URL names) — as of
   * `head`. O(1) calls, each (uid, batch) read at most once per head block, concurrent requests
   * sharing one read.
   */
  async locate(uid: Hex, head: bigint, batchId?: Hex): Promise<LocatedBadge | undefined> {
    const key = `${uid}:${batchId ?? ""}`;
    const hit = this.found.get(key);
    if (hit && hit.block === head) return hit.badge;
    if (this.missing.get(key) === head) return undefined;
    const flight = `${key}@${head}`;
    let pending = this.locating.get(flight);
    if (!pending) {
      pending = this.read(() => this.locateOnChain(uid, head, batchId))
        .then((badge) => {
          if (badge) {
            this.missing.delete(key);
            this.found.set(key, { block: head, badge });
          } else {
            this.found.delete(key);
            this.missing.set(key, head);
          }
          return badge;
        })
        .finally(() => this.locating.delete(flight));
      this.locating.set(flight, pending);
    }
    return pending;
  }

  private async locateOnChain(uid: Hex, head: bigint, batchId?: Hex): Promise<LocatedBadge | undefined> {
    if (batchId) return locateBadge(this.ctx, uid, { batchId });
    const own = await locateBadge(this.ctx, uid);
    if (this.indexer && !own) {
      // The index names the uid's batch in one query (an unknown uid costs no log scan); the badge
      // itself is then read from that batch on chain, so a wrong index can only make it not found.
      const listed = await this.indexer.findBadge(uid);
      return listed?.batchId ? locateInBatch(this.ctx, uid, listed.batchId) : undefined;
    }
    if (!this.batchIndex) return own;
    // A URL without ?batch= (an old one of a batched badge): the shared index says which batches may
    // hold the uid, at no RPC cost. It is waited for only when the uid is not recorded on its own.
    let candidates = this.batchIndex.candidates(uid, head);
    if (!own && candidates === undefined && !this.batchIndex.state.saturated) {
      await this.waitForIndex(head);
      candidates = this.batchIndex.candidates(uid, head);
    }
    const anchors: LocatedBadge[] = own ? [own] : [];
    for (const candidate of candidates ?? []) {
      const badge = await locateInBatch(this.ctx, uid, candidate);
      if (badge) anchors.push(badge);
    }
    // A uid anchored more than once, by a URL that names none of its anchors: never "valid" while
    // one of them is revoked or erased (the URL naming its batch answers for that anchor alone).
    return anchors.find((a) => a.status.erased) ?? anchors.find((a) => a.status.revokedAt) ?? anchors[0];
  }

  /** Waits (at most rpcTimeoutMs) for the batch index to reach `head`; 503 while it is still being built. */
  private async waitForIndex(head: bigint): Promise<void> {
    const index = this.batchIndex;
    if (!index) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.config.rpcTimeoutMs);
    });
    try {
      await Promise.race([index.refresh(head), timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (!index.covers(head)) {
      const { scannedTo } = index.state;
      throw new HttpError(
        503,
        "indexing",
        `The gateway is still indexing the registry's Merkle batches (at block ${scannedTo ?? this.config.deployedOnBlock} of ${head}); try again shortly, or use the badge's URL with ?batch={batchId}.`,
        { "retry-after": "5" },
      );
    }
  }

  /** The encrypted credential published with a badge (kept by uid: decryption with the URL's key is local). */
  async payloadOf(uid: Hex, issuedBlock: bigint): Promise<Hex | undefined> {
    const key = `${uid}:${issuedBlock}`;
    const hit = this.payloads.get(key);
    if (hit) return hit.payload;
    const payload = await this.read(() => readPayload(this.ctx, uid, issuedBlock));
    this.payloads.set(key, { payload });
    return payload;
  }

  /** The issuer's words for a revocation (from the event at its block: immutable once read). */
  async revocationReasonOf(uid: Hex, revokedBlock: bigint): Promise<string | undefined> {
    const key = `${uid}:${revokedBlock}`;
    const hit = this.reasons.get(key);
    if (hit) return hit.reason;
    const reason = await this.read(() => readRevocationReason(this.ctx, uid, revokedBlock));
    this.reasons.set(key, { reason });
    return reason;
  }

  async classOf(classId: number) {
    return this.read(
      () => readBadgeClass(this.ctx, classId),
      () => {
        throw notFound(`No badge class #${classId} is recorded on chain ${this.config.chainId}.`);
      },
    );
  }

  /** The class's images (its own PNG / SVG, or a medallion drawn in code), kept per class content. */
  async imagesOf(classId: number) {
    const record = await this.classOf(classId);
    const key = `${classId}:${record.contentHash}`;
    let images = this.classImages.get(key);
    if (!images) {
      const content = (record.content ?? {}) as { name?: unknown; image?: unknown };
      images = badgeClassImages({
        name: typeof content.name === "string" ? content.name : `Badge ${classId}`,
        classId,
        image: content.image as string | undefined,
      });
      this.classImages.set(key, images);
    }
    return images;
  }

  async issuerOf(issuerId: number) {
    return this.read(
      () => readIssuer(this.ctx, issuerId),
      () => {
        throw notFound(`No issuer #${issuerId} is registered on chain ${this.config.chainId}.`);
      },
    );
  }

  /** The words a revoked badge is served with: the issuer's, or its reason code in plain words. */
  revokedReasonText(badge: LocatedBadge, reason: string | undefined): string {
    return reason?.trim() ? reason : byCode(badge.status.revocationReason);
  }

  /** The revoked badges of an issuer (optionally of one batch), erased ones without the issuer's words. */
  async revokedOf(issuerId: number, head: bigint, batchUids?: Set<string>): Promise<{ uid: Hex; reason?: string }[]> {
    if (this.indexer) {
      // One query instead of a scan; a lagging index lists fewer revocations, and each badge's own
      // URL still answers from the chain (410 once revoked).
      const indexer = this.indexer;
      const rows = await this.read(() => indexer.listRevocations(issuerId));
      return rows
        .filter((r) => !batchUids || batchUids.has(r.uid))
        .map((r) => ({ uid: r.uid, reason: r.erased ? byCode(r.code) : r.reason || byCode(r.code) }))
        .reverse(); // oldest first, as the chain scan lists them
    }
    const index = await this.revocationIndex(issuerId, head);
    const out: { uid: Hex; reason?: string }[] = [];
    for (const [uid, entry] of index.revoked) {
      if (batchUids && !batchUids.has(uid)) continue;
      // The issuer's words may be about the learner: an erased badge keeps only the reason code.
      out.push({ uid, reason: index.erased.has(uid) ? byCode(entry.reasonCode) : entry.reason || byCode(entry.reasonCode) });
    }
    return out;
  }

  /** The issuer's revocation index at `head`: one scan at a time per issuer, shared by its lists. */
  private async revocationIndex(issuerId: number, head: bigint): Promise<RevocationIndex> {
    const index = this.revocationIndexes.get(issuerId);
    if (index && index.scannedTo >= head) return index;
    let pending = this.revocationScans.get(issuerId);
    if (!pending) {
      pending = this.scanRevocations(issuerId, head, index).finally(() => this.revocationScans.delete(issuerId));
      this.revocationScans.set(issuerId, pending);
    }
    return pending;
  }

  private async scanRevocations(issuerId: number, head: bigint, previous: RevocationIndex | undefined): Promise<RevocationIndex> {
    const { ctx, config } = this;
    let index = previous;
    const rescanFrom = index ? (index.scannedTo > REORG_DEPTH ? index.scannedTo - REORG_DEPTH + 1n : 0n) : config.deployedOnBlock;
    const fromBlock = rescanFrom < config.deployedOnBlock ? config.deployedOnBlock : rescanFrom;
    const range = { fromBlock, toBlock: head };
    const [events, erasures] = await this.read(() =>
      Promise.all([listIssuerRevocations(ctx, issuerId, range), listIssuerErasures(ctx, issuerId, range)]),
    );
    const revoked = new Map(index?.revoked ?? []);
    const erased = new Map(index?.erased ?? []);
    for (const [uid, entry] of revoked) if (entry.blockNumber >= fromBlock) revoked.delete(uid);
    for (const [uid, block] of erased) if (block >= fromBlock) erased.delete(uid);
    for (const e of events) revoked.set(e.uid, { reason: e.reason, reasonCode: e.reasonCode, blockNumber: e.blockNumber });
    for (const e of erasures) erased.set(e.uid, e.blockNumber);
    index = { scannedTo: head, revoked, erased };
    this.revocationIndexes.set(issuerId, index);
    return index;
  }
}
