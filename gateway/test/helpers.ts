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

export type RpcProxy = { url: string; requests: () => number; setUp: (up: boolean) => void; close: () => Promise<void> };

/** An HTTP proxy to `target` that counts JSON-RPC requests and, when down, drops connections. */
export async function startRpcProxy(target: string): Promise<RpcProxy> {
  let up = true;
  let count = 0;
  const server: Server = createHttpServer(async (req, res) => {
    if (!up) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    count++;
    try {
      const upstream = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: Buffer.concat(chunks),
      });
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
    setUp: (value) => {
      up = value;
      if (!value) server.closeAllConnections();
    },
    close: () => new Promise((r) => server.close(() => r())),
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
