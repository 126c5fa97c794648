// Test plumbing: a Hardhat node with any chain id, an HTTP proxy in front of an RPC that can be
// switched off (the RPC-down tests) and counts requests (the cache tests), and a fetch that sends
// requests for the gateway's public origin to the app in memory (the sdk verifier's hosted checks).
import { createServer as createHttpServer, type Server } from "node:http";
import { startTestChain, type TestChain } from "@chancery/testing/chain";
import type { FastifyInstance } from "fastify";

export { freePort, ROOT } from "@chancery/testing/chain";

export type Chain = TestChain;

/** A Hardhat node on a free loopback port (`--chain-id` when given) with the registry deployed. */
export const startChain = (options: { chainId?: number } = {}): Promise<Chain> => startTestChain(options);

export type RpcProxy = {
  url: string;
  /** JSON-RPC calls forwarded so far (a batch counts each of its calls). */
  requests: () => number;
  /** The calls so far, by method. */
  methods: () => Record<string, number>;
  setUp: (up: boolean) => void;
  close: () => Promise<void>;
};

type RpcCall = { id?: unknown; method?: string; params?: unknown[] };

/** Whether an eth_getLogs call spans more than `cap` blocks (as providers refuse them). */
function overCap(call: RpcCall, cap: number | undefined): boolean {
  if (cap === undefined || call.method !== "eth_getLogs") return false;
  const filter = (call.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string };
  if (!filter.fromBlock?.startsWith("0x") || !filter.toBlock?.startsWith("0x")) return false;
  return BigInt(filter.toBlock) - BigInt(filter.fromBlock) + 1n > BigInt(cap);
}

/**
 * An HTTP proxy to `target` that counts JSON-RPC calls (by method) and, when down, drops
 * connections. With `maxLogRange`, it refuses eth_getLogs over more blocks, as hosted providers do.
 */
export async function startRpcProxy(target: string, options: { maxLogRange?: number } = {}): Promise<RpcProxy> {
  let up = true;
  let count = 0;
  const byMethod: Record<string, number> = {};
  const server: Server = createHttpServer(async (req, res) => {
    if (!up) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    let calls: RpcCall[] = [];
    try {
      const parsed = JSON.parse(body.toString("utf8")) as RpcCall | RpcCall[];
      calls = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      calls = [{}];
    }
    count += calls.length;
    for (const call of calls) byMethod[call.method ?? "?"] = (byMethod[call.method ?? "?"] ?? 0) + 1;
    const refused = calls.find((call) => overCap(call, options.maxLogRange));
    if (refused) {
      const error = {
        code: -32005,
        message: `block range too large: this provider serves at most ${options.maxLogRange} blocks per eth_getLogs`,
      };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: refused.id ?? null, error }));
      return;
    }
    try {
      const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
      res.writeHead(upstream.status, { "content-type": "application/json" });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      req.socket.destroy();
    }
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    methods: () => ({ ...byMethod }),
    setUp: (value) => {
      up = value;
      if (!value) server.closeAllConnections();
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A fetch for the sdk verifier: URLs under `base` go to the gateway in memory. */
export function gatewayFetch(app: FastifyInstance, base: string) {
  return async (url: string, init?: { headers?: Record<string, string> }) => {
    if (!url.startsWith(base)) throw new Error(`unexpected fetch of ${url}`);
    const response = await app.inject({ method: "GET", url: url.slice(base.length) || "/", headers: init?.headers ?? {} });
    return {
      ok: response.statusCode >= 200 && response.statusCode < 300,
      status: response.statusCode,
      headers: { get: (name: string) => (response.headers[name.toLowerCase()] as string | undefined) ?? null },
      json: async () => JSON.parse(response.body),
    };
  };
}
