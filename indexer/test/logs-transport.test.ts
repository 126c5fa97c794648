// The shared-logs transport against a scripted JSON-RPC node (no chain): asks for several event types
// over one block range become one eth_getLogs, each ask gets only its own logs; a long range is fetched
// in pieces of the provider's cap, a refused piece is split and the smaller cap kept; a range that
// failed is asked again next time (never kept); reads by block hash and other methods go straight through.
import { createServer, type Server } from "node:http";
import { createPublicClient, type Hex, type PublicClient, type Transport } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SharedLogsCounters, sharedLogsTransport } from "../lib/logs-transport.ts";

const REGISTRY = "0x00000000000000000000000000000000000000aa";
const ISSUED = `0x${"11".repeat(32)}` as Hex;
const REVOKED = `0x${"22".repeat(32)}` as Hex;
const ERASED = `0x${"33".repeat(32)}` as Hex;
const LEARNER = `0x${"00".repeat(12)}${"55".repeat(20)}` as Hex;

const log = (block: number, logIndex: number, topic0: Hex, topic1?: Hex) => ({
  address: REGISTRY,
  topics: topic1 ? [topic0, topic1] : [topic0],
  data: "0x",
  blockNumber: `0x${block.toString(16)}`,
  blockHash: `0x${"ab".repeat(32)}`,
  transactionHash: `0x${"cd".repeat(32)}`,
  transactionIndex: "0x0",
  logIndex: `0x${logIndex.toString(16)}`,
  removed: false,
});
/** The scripted node's history: two issues (one to the learner) and a revocation in block 16, an erasure in block 5,000. */
const LOGS = [log(16, 0, ISSUED, LEARNER), log(16, 1, REVOKED), log(16, 2, ISSUED), log(5_000, 0, ERASED)];

type Received = { method: string; params: unknown[] };
let received: Received[] = [];
/** The node's eth_getLogs cap in blocks (as public providers have), and whether it refuses everything. */
let cap = 1_000_000;
let down = false;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const { id, method, params } = JSON.parse(body) as { id: number; method: string; params: unknown[] };
    received.push({ method, params });
    const answer = (payload: object) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id, ...payload }));
    if (method === "eth_getLogs") {
      const filter = params[0] as { fromBlock?: string; toBlock?: string; blockHash?: string };
      if (filter.blockHash) return answer({ result: LOGS.slice(0, 3) });
      if (down) return answer({ error: { code: -32603, message: "internal error" } });
      const [from, to] = [Number(filter.fromBlock), Number(filter.toBlock)];
      if (to - from + 1 > cap) return answer({ error: { code: -32005, message: `query exceeds max block range ${cap}` } });
      return answer({ result: LOGS.filter((l) => Number(l.blockNumber) >= from && Number(l.blockNumber) <= to) });
    }
    if (method === "eth_chainId") return answer({ result: "0x7a69" });
    return answer({ result: "0x2a" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  cap = 1_000_000;
  down = false;
});

/** A client calling the transport as Ponder does (no retries of viem's own: Ponder retries). */
const clientOf = (transport: Transport) =>
  createPublicClient({ transport: (config) => transport({ ...config, retryCount: 0 }) }) as PublicClient;
const hex = (n: number) => `0x${n.toString(16)}`;
const getLogs = (client: PublicClient, topics: (Hex | Hex[] | null)[], from = 0, to = 9_999) =>
  client.request({
    method: "eth_getLogs",
    params: [{ address: REGISTRY, topics, fromBlock: hex(from), toBlock: hex(to) }],
  } as never) as Promise<{ topics: Hex[]; blockNumber: Hex; logIndex: Hex; removed: boolean }[]>;
const logRequests = () => received.filter((r) => r.method === "eth_getLogs").map((r) => r.params[0] as Record<string, string>);
const at = (logs: { blockNumber: Hex; logIndex: Hex }[]) => logs.map((l) => `${Number(l.blockNumber)}:${Number(l.logIndex)}`);

describe("sharedLogsTransport", () => {
  it("answers the asks of several event types over one range with one eth_getLogs, each with its own logs", async () => {
    const counters: SharedLogsCounters = { requests: 0, shared: 0, refused: 0 };
    const client = clientOf(sharedLogsTransport(url, { counters }));
    const [issued, revoked, erased, issuedToLearner, either] = await Promise.all([
      getLogs(client, [ISSUED]),
      getLogs(client, [REVOKED]),
      getLogs(client, [ERASED]),
      getLogs(client, [ISSUED, LEARNER]),
      getLogs(client, [[REVOKED, ERASED]]),
    ]);
    expect(at(issued)).toEqual(["16:0", "16:2"]);
    expect(at(revoked)).toEqual(["16:1"]);
    expect(at(erased)).toEqual(["5000:0"]);
    expect(at(issuedToLearner)).toEqual(["16:0"]);
    expect(at(either)).toEqual(["16:1", "5000:0"]);
    // One request to the node, for every log of the address (no topics), over the range asked for.
    expect(logRequests()).toEqual([{ address: REGISTRY, fromBlock: "0x0", toBlock: "0x270f" }]);
    expect(counters).toEqual({ requests: 1, shared: 4, refused: 0 });
    // Each ask gets its own copies: a caller changing a log does not change another's.
    issued[0]!.removed = true;
    expect((await getLogs(client, [ISSUED]))[0]!.removed).toBe(false);
  });

  it("fetches a long range in pieces of the provider's cap, in block order", async () => {
    cap = 10_000;
    const client = clientOf(sharedLogsTransport(url, { maxRange: 10_000 }));
    const [all, erased] = await Promise.all([getLogs(client, []), getLogs(client, [ERASED])]);
    expect(at(all)).toEqual(["16:0", "16:1", "16:2", "5000:0"]);
    expect(at(erased)).toEqual(["5000:0"]);
    const long = await getLogs(client, [], 0, 34_999);
    expect(at(long)).toEqual(["16:0", "16:1", "16:2", "5000:0"]);
    expect(logRequests().map((f) => [Number(f.fromBlock), Number(f.toBlock)])).toEqual([
      [0, 9_999],
      [0, 9_999],
      [10_000, 19_999],
      [20_000, 29_999],
      [30_000, 34_999],
    ]);
  });

  it("splits a piece the provider refuses and keeps the smaller cap for the next ranges", async () => {
    cap = 2_500;
    const counters: SharedLogsCounters = { requests: 0, shared: 0, refused: 0 };
    const client = clientOf(sharedLogsTransport(url, { maxRange: 10_000, concurrency: 1, counters }));
    expect(at(await getLogs(client, [ERASED], 0, 9_999))).toEqual(["5000:0"]);
    const first = logRequests().map((f) => [Number(f.fromBlock), Number(f.toBlock)]);
    // 10,000 refused, 5,000 refused, then four pieces of 2,500.
    expect(first).toEqual([
      [0, 9_999],
      [0, 4_999],
      [0, 2_499],
      [2_500, 4_999],
      [5_000, 9_999],
      [5_000, 7_499],
      [7_500, 9_999],
    ]);
    received = [];
    await getLogs(client, [ERASED], 10_000, 14_999);
    expect(logRequests().map((f) => [Number(f.fromBlock), Number(f.toBlock)])).toEqual([
      [10_000, 12_499],
      [12_500, 14_999],
    ]);
    expect(counters.refused).toBe(3);
  });

  it("does not keep a range that failed: every ask fails, and the next ask goes to the provider again", async () => {
    down = true;
    const client = clientOf(sharedLogsTransport(url));
    const asks = await Promise.allSettled([getLogs(client, [ISSUED]), getLogs(client, [REVOKED])]);
    expect(asks.map((a) => a.status)).toEqual(["rejected", "rejected"]);
    expect(String((asks[0] as PromiseRejectedResult).reason)).toMatch(/internal error/);
    expect(logRequests()).toHaveLength(1); // not split: the node did not complain about the range
    down = false;
    expect(at(await getLogs(client, [ISSUED]))).toEqual(["16:0", "16:2"]);
    expect(logRequests()).toHaveLength(2);
  });

  it("sends reads by block hash, and other methods, as they are", async () => {
    const client = clientOf(sharedLogsTransport(url));
    const byHash = { address: REGISTRY, topics: [REVOKED], blockHash: `0x${"ab".repeat(32)}` };
    await client.request({ method: "eth_getLogs", params: [byHash] } as never);
    await client.request({ method: "eth_getLogs", params: [byHash] } as never);
    await client.request({ method: "eth_blockNumber" } as never);
    expect(received.map((r) => r.method)).toEqual(["eth_getLogs", "eth_getLogs", "eth_blockNumber"]);
    expect(received[0]!.params[0]).toEqual(byHash);
  });
});
