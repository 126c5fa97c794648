// What the routes ask of the chain, on top of ChainReader: a badge from its uid alone (on its own
// or inside a Merkle batch), a badge class and its images, an issuer, the revoked badges of an
// issuer. Unknown ids become 404s; any other failure of a read means the chain is unavailable
// (503). The small indexes kept here (batch scans, revocation events) are derived from the chain
// and rebuilt incrementally: the last REORG_DEPTH blocks are read again on every refresh.
import { type RegistryContext, readBadgeClass, readIssuer } from "@chancery/sdk/chain";
import {
  badgeClassImages,
  findBatchesOf,
  type LocatedBadge,
  listIssuerErasures,
  listIssuerRevocations,
  locateBadge,
  locateInBatch,
} from "@chancery/sdk/hosted";
import type { Hex } from "viem";
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

export class ChainReads {
  readonly ctx: RegistryContext;
  private readonly config: GatewayConfig;
  private readonly batchScans: Lru<Hex, { scannedTo: bigint; batchIds: Hex[] }>;
  private readonly revocationIndexes = new Lru<number, RevocationIndex>(1000);
  private readonly classImages = new Lru<string, ReturnType<typeof badgeClassImages>>(256);

  constructor(chain: ChainReader, config: GatewayConfig) {
    this.ctx = chain.ctx;
    this.config = config;
    this.batchScans = new Lru(config.cacheEntries);
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

  /** A badge from its uid alone: on its own, or in a Merkle batch found through its events. */
  async locate(uid: Hex, head: bigint): Promise<LocatedBadge | undefined> {
    const { ctx, config } = this;
    return this.read(async () => {
      const own = await locateBadge(ctx, uid);
      if (own) return own;
      const known = this.batchScans.get(uid);
      let batchIds = known?.batchIds ?? [];
      const from = known ? (known.scannedTo > REORG_DEPTH ? known.scannedTo - REORG_DEPTH : 0n) : config.deployedOnBlock;
      const start = from < config.deployedOnBlock ? config.deployedOnBlock : from;
      if (!known || known.scannedTo < head) {
        const found = await findBatchesOf(ctx, uid, { fromBlock: start, toBlock: head });
        batchIds = [...new Set([...batchIds, ...found])];
        this.batchScans.set(uid, { scannedTo: head, batchIds });
      }
      for (const batchId of batchIds) {
        const badge = await locateInBatch(ctx, uid, batchId);
        if (badge) return badge;
      }
      return undefined;
    });
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
    const index = await this.revocationIndex(issuerId, head);
    const out: { uid: Hex; reason?: string }[] = [];
    for (const [uid, entry] of index.revoked) {
      if (batchUids && !batchUids.has(uid)) continue;
      // The issuer's words may be about the learner: an erased badge keeps only the reason code.
      out.push({ uid, reason: index.erased.has(uid) ? byCode(entry.reasonCode) : entry.reason || byCode(entry.reasonCode) });
    }
    return out;
  }

  private async revocationIndex(issuerId: number, head: bigint): Promise<RevocationIndex> {
    const { ctx, config } = this;
    let index = this.revocationIndexes.get(issuerId);
    if (index && index.scannedTo >= head) return index;
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
