// Old hosted URLs of badges inside a Merkle batch name only the uid, and the chain stores only the
// batch (its root), not each badge's uid. Rather than scanning events per request (O(blocks) calls
// for every unknown uid, a denial of service), the gateway follows the registry's AssertionBatched
// events once per process, incrementally, into this in-memory index: uid → the batches naming it.
// Lookups cost no RPC call. Entries are candidates only: the badge is then read from its batch
// (getBatch + the batch's own block), so a stale entry after a reorg costs a read, never a wrong
// answer. Memory is bounded: keys are the uid's first 48 bits (a number, ~60 bytes an entry; a
// collision only adds a candidate that the read refutes), and past `maxEntries` the index stops
// growing and says so (lookups of uids it does not hold then answer "cannot say").
import { getLogsInChunks, type RegistryContext, registryEvents } from "@chancery/sdk/chain";
import type { Hex } from "viem";

/** Blocks read again on every refresh, in case the chain reorganised. */
const REORG_DEPTH = 12n;

export type BatchIndexState = {
  /** The last block whose events are in the index (undefined before the first chunk). */
  scannedTo: bigint | undefined;
  /** The block the current catch-up is heading to. */
  target: bigint | undefined;
  entries: number;
  batches: number;
  /** The index reached `maxEntries`: uids it does not hold may still be in a batch. */
  saturated: boolean;
};

const keyOf = (uid: Hex) => Number.parseInt(uid.slice(2, 14), 16);

export class BatchIndex {
  private readonly ctx: RegistryContext;
  private readonly fromBlock: bigint;
  private readonly maxEntries: number;
  /** uid prefix → ordinal of its batch in `batchIds` (an array when more than one). */
  private readonly entries = new Map<number, number | number[]>();
  private readonly batchIds: Hex[] = [];
  private readonly ordinals = new Map<Hex, number>();
  private scannedTo: bigint | undefined;
  private target: bigint | undefined;
  private saturated = false;
  private pending: Promise<void> | undefined;
  private stopped = false;

  constructor(ctx: RegistryContext, options: { fromBlock: bigint; maxEntries: number }) {
    this.ctx = ctx;
    this.fromBlock = options.fromBlock;
    this.maxEntries = options.maxEntries;
  }

  get state(): BatchIndexState {
    return {
      scannedTo: this.scannedTo,
      target: this.target,
      entries: this.entries.size,
      batches: this.batchIds.length,
      saturated: this.saturated,
    };
  }

  /** Whether the index holds every AssertionBatched event up to `head`. */
  covers(head: bigint): boolean {
    return this.scannedTo !== undefined && this.scannedTo >= head;
  }

  /**
   * The batches that may hold `uid`: [] when none does, undefined when the index cannot say (not
   * caught up with `head`, or saturated and not holding it).
   */
  candidates(uid: Hex, head: bigint): Hex[] | undefined {
    const found = this.entries.get(keyOf(uid));
    if (found !== undefined)
      return (Array.isArray(found) ? found : [found]).map((i) => this.batchIds[i]).filter((id): id is Hex => id !== undefined);
    return this.covers(head) && !this.saturated ? [] : undefined;
  }

  /** Catches up with `head`: one catch-up at a time, shared by every caller. Errors reject the callers, not the process. */
  refresh(head: bigint): Promise<void> {
    if (this.covers(head) || this.stopped) return Promise.resolve();
    if (this.pending) return this.pending;
    this.pending = this.follow(head).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  stop(): void {
    this.stopped = true;
  }

  private async follow(head: bigint): Promise<void> {
    this.target = head;
    const rescan = this.scannedTo === undefined ? this.fromBlock : this.scannedTo - REORG_DEPTH + 1n;
    const from = rescan < this.fromBlock ? this.fromBlock : rescan;
    if (from > head) return;
    // getLogsInChunks halves the range itself when a provider refuses it (a smaller cap than
    // configured) and keeps the working size; each chunk goes into the index as it arrives.
    await getLogsInChunks(
      from,
      head,
      async (fromBlock, toBlock) => {
        if (this.stopped) throw new Error("the batch index was stopped");
        const logs = await registryEvents(this.ctx, "AssertionBatched", {}, { fromBlock, toBlock });
        for (const log of logs) this.add(log.args.uid, log.args.batchId);
        this.scannedTo = toBlock;
        return [];
      },
      { maxRange: this.ctx.maxLogRange ?? 50_000n },
    );
  }

  private add(uid: Hex, batchId: Hex): void {
    let ordinal = this.ordinals.get(batchId);
    const key = keyOf(uid);
    const existing = this.entries.get(key);
    if (existing === undefined && this.entries.size >= this.maxEntries) {
      this.saturated = true;
      return;
    }
    if (ordinal === undefined) {
      ordinal = this.batchIds.push(batchId) - 1;
      this.ordinals.set(batchId, ordinal);
    }
    if (existing === undefined) this.entries.set(key, ordinal);
    else if (Array.isArray(existing)) {
      if (!existing.includes(ordinal)) existing.push(ordinal);
    } else if (existing !== ordinal) this.entries.set(key, [existing, ordinal]);
  }
}
