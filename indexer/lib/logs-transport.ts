// The JSON-RPC transport the indexer gives Ponder: plain HTTP, except for eth_getLogs over block ranges.
//
// Why: Ponder 0.16 asks for each event type on its own during the backfill (a filter per `ponder.on`
// handler, 25 for the registry; its merging skips filters whose topic1..3 are `null`, which they always
// are), and it throttles its own requests (20 per second at first, rising slowly). At a 10,000-block
// cap that is 25 asks per 10,000 blocks, and 2,000,000 blocks took minutes of waiting on that throttle.
// So Ponder is told to ask for whole backfill intervals (`ethGetLogsBlockRange` large, see
// ponder.config.ts), and here:
// - the first ask for a range fetches every log of the address in it, in pieces of at most `maxRange`
//   blocks (the provider's cap), and the other event types' asks for that range are answered from it;
// - a piece the provider refuses is split in halves and the smaller cap kept for what follows;
// - a range that could not be fetched is not kept: the next ask tries again.
// Only block-number ranges are shared (the backfill reads finalized blocks, which do not change); reads
// by block hash (Ponder's realtime sync) and every other method go straight through.
import { custom, http, type Transport } from "viem";

type Filter = {
  address?: string | string[];
  topics?: (string | string[] | null)[];
  fromBlock?: string;
  toBlock?: string;
  blockHash?: string;
};
type Log = { topics: string[] };

/** How long a fetched range answers the other event types' asks (Ponder's throttle spreads them over seconds). */
const SHARE_MS = 60_000;

const isNumber = (tag: string | undefined): tag is string => typeof tag === "string" && /^0x[0-9a-fA-F]+$/.test(tag);

/** A provider's "range too large / too many results" answer, in the wordings seen in the wild. */
const isRangeRefusal = (error: unknown) =>
  /block range|range (is )?too|exceeds? .*range|max(imum)? .*range|limited to|more than \d|too many (results|logs)|response size|query timeout/i.test(
    String((error as { details?: string })?.details ?? "") + String((error as Error)?.message ?? ""),
  );

function matches(log: Log, topics: Filter["topics"]): boolean {
  return (topics ?? []).every((wanted, i) => {
    if (wanted === null || wanted === undefined) return true;
    const topic = log.topics[i]?.toLowerCase();
    return Array.isArray(wanted) ? wanted.some((w) => w.toLowerCase() === topic) : wanted.toLowerCase() === topic;
  });
}

export type SharedLogsCounters = {
  /** eth_getLogs sent to the provider. */
  requests: number;
  /** Asks answered from a range another ask fetched. */
  shared: number;
  /** Pieces the provider refused (then split). */
  refused: number;
};

export type SharedLogsOptions = {
  /** The provider's eth_getLogs block cap (10,000 by default, as most public providers). */
  maxRange?: number;
  /** Pieces of one range in flight at once. */
  concurrency?: number;
  counters?: SharedLogsCounters;
};

/** HTTP to `url`, with one fetch per (address, block range) for all the event types asked for. */
export function sharedLogsTransport(url: string, options: SharedLogsOptions = {}): Transport {
  const counters = options.counters ?? { requests: 0, shared: 0, refused: 0 };
  const concurrency = options.concurrency ?? 4;
  let cap = BigInt(options.maxRange ?? 10_000);
  // No retries here: Ponder retries failed requests itself; retrying in the transport as well would
  // multiply the calls a capped provider sees.
  const base = http(url, { batch: false, retryCount: 0 });
  return (config) => {
    const inner = base(config);
    const ranges = new Map<string, { logs: Promise<Log[]>; until: number }>();

    const piece = async (address: Filter["address"], from: bigint, to: bigint): Promise<Log[]> => {
      counters.requests++;
      try {
        const filter = { ...(address ? { address } : {}), fromBlock: `0x${from.toString(16)}`, toBlock: `0x${to.toString(16)}` };
        return (await inner.request({ method: "eth_getLogs", params: [filter] } as never)) as Log[];
      } catch (error) {
        if (from === to || !isRangeRefusal(error)) throw error;
        counters.refused++;
        const half = (to - from + 1n) / 2n;
        if (half < cap) cap = half;
        return fetchRange(address, from, to);
      }
    };

    async function fetchRange(address: Filter["address"], from: bigint, to: bigint): Promise<Log[]> {
      const bounds: [bigint, bigint][] = [];
      for (let start = from; start <= to; start += cap) bounds.push([start, start + cap - 1n < to ? start + cap - 1n : to]);
      const results: Log[][] = new Array(bounds.length);
      let next = 0;
      const worker = async () => {
        while (next < bounds.length) {
          const i = next++;
          const [start, end] = bounds[i] as [bigint, bigint];
          results[i] = await piece(address, start, end);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, bounds.length) }, worker));
      return results.flat();
    }

    const request = async ({ method, params }: { method: string; params?: unknown }) => {
      const filter = (Array.isArray(params) ? params[0] : undefined) as Filter | undefined;
      if (method !== "eth_getLogs" || !filter || filter.blockHash || !isNumber(filter.fromBlock) || !isNumber(filter.toBlock)) {
        return inner.request({ method, params } as never);
      }
      const now = Date.now();
      for (const [key, entry] of ranges) if (entry.until < now) ranges.delete(key);
      const addresses = [filter.address ?? []].flat().map((a) => a.toLowerCase());
      const key = JSON.stringify([addresses.sort(), filter.fromBlock, filter.toBlock]);
      let entry = ranges.get(key);
      if (entry) counters.shared++;
      else {
        const logs = fetchRange(filter.address, BigInt(filter.fromBlock), BigInt(filter.toBlock));
        const fetched = { logs, until: now + SHARE_MS };
        entry = fetched;
        ranges.set(key, fetched);
        logs.catch(() => {
          if (ranges.get(key) === fetched) ranges.delete(key);
        });
      }
      return (await entry.logs).filter((log) => matches(log, filter.topics)).map((log) => ({ ...log }));
    };
    return custom({ request })(config);
  };
}
