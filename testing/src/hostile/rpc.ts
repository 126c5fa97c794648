// Hostile JSON-RPC endpoints in front of a real Hardhat node: one loopback server whose paths each
// misbehave (never answer, answer garbage, serve another chain id, or lie in eth_call results while
// forwarding everything else to the node). A lie the verifier cannot detect is not a test of the
// verifier, so every lie here is one a careful verifier can catch (a record that does not match the
// credential, data that does not decode) or one that must end in "error".
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

type RpcRequest = { jsonrpc: "2.0"; id: number | string; method: string; params?: unknown[] };
type RpcResponse = { jsonrpc: "2.0"; id: number | string; result?: unknown; error?: { code: number; message: string } };

/** A lie told for one JSON-RPC request: a response, or undefined to forward it unchanged. */
export type RpcLie = (request: RpcRequest, forward: (request: RpcRequest) => Promise<RpcResponse>) => Promise<RpcResponse | undefined>;

export type RpcBehavior =
  | { kind: "slow" }
  | { kind: "garbage"; body: string; contentType?: string; status?: number }
  | { kind: "lie"; lie: RpcLie };

export type HostileRpc = {
  origin: string;
  /** Sets what `/name` does and returns its URL. */
  serve(name: string, behavior: RpcBehavior): string;
  requests(name: string): number;
  /** Destroys the open sockets of requests to paths starting with `prefix` (all when none is given). */
  dropConnections(prefix?: string): void;
  stop(): Promise<void>;
};

export async function startHostileRpc(target: string): Promise<HostileRpc> {
  const routes = new Map<string, RpcBehavior>();
  const counts = new Map<string, number>();
  const sockets = new Map<Socket, string>();

  const forward = async (request: RpcRequest): Promise<RpcResponse> => {
    const response = await fetch(target, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
    });
    return (await response.json()) as RpcResponse;
  };

  const answer = async (behavior: Extract<RpcBehavior, { kind: "lie" }>, request: RpcRequest) =>
    (await behavior.lie(request, forward)) ?? (await forward(request));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const name = (req.url ?? "/").slice(1);
    sockets.set(req.socket, req.url ?? "/");
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const behavior = routes.get(name);
    if (!behavior || behavior.kind === "slow") return; // an unknown path hangs like a dead proxy
    if (behavior.kind === "garbage") {
      res.writeHead(behavior.status ?? 200, { "content-type": behavior.contentType ?? "application/json" });
      res.end(behavior.body);
      return;
    }
    let body: RpcRequest | RpcRequest[];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400).end();
      return;
    }
    try {
      const result = Array.isArray(body) ? await Promise.all(body.map((r) => answer(behavior, r))) : await answer(behavior, body);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(result));
    } catch {
      res.writeHead(502).end();
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  server.on("connection", (socket) => {
    sockets.set(socket, "");
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const dropConnections = (prefix = "") => {
    for (const [socket, path] of sockets) if (path.startsWith(prefix)) socket.destroy();
  };
  return {
    origin,
    serve(name, behavior) {
      routes.set(name, behavior);
      return `${origin}/${name}`;
    },
    requests: (name) => counts.get(name) ?? 0,
    dropConnections,
    stop: async () => {
      dropConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers `eth_chainId` with another chain's id, forwards the rest. */
export const wrongChainId =
  (chainId: number): RpcLie =>
  async (request) =>
    request.method === "eth_chainId" ? { jsonrpc: "2.0", id: request.id, result: `0x${chainId.toString(16)}` } : undefined;

/** Rewrites every successful eth_call result (the rest is forwarded unchanged). */
export const rewriteCalls =
  (rewrite: (result: string) => string): RpcLie =>
  async (request, forward) => {
    if (request.method !== "eth_call") return undefined;
    const response = await forward(request);
    return typeof response.result === "string" ? { ...response, result: rewrite(response.result) } : response;
  };

/** Answers every eth_call with a JSON-RPC error (a revert with no data, or another code). */
export const failCalls =
  (error: { code: number; message: string }): RpcLie =>
  async (request) =>
    request.method === "eth_call" ? { jsonrpc: "2.0", id: request.id, error } : undefined;

/**
 * Asks the node about another badge: every occurrence of `from` (a 32-byte hex without 0x, lower
 * case) in eth_call data is replaced by `to`, so the status that comes back is a genuine record of
 * a different badge.
 */
export const swapInCalls =
  (from: string, to: string): RpcLie =>
  async (request, forward) => {
    if (request.method !== "eth_call") return undefined;
    const [call, ...rest] = (request.params ?? []) as [{ data?: string; input?: string }, ...unknown[]];
    const swap = (data?: string) => data?.toLowerCase().replaceAll(from.toLowerCase(), to.toLowerCase());
    return forward({ ...request, params: [{ ...call, data: swap(call.data), input: swap(call.input) }, ...rest] });
  };

/** Answers every method but eth_chainId with an error. */
export const failAllButChainId: RpcLie = async (request) =>
  request.method === "eth_chainId" ? undefined : { jsonrpc: "2.0", id: request.id, error: { code: -32000, message: "header not found" } };

/** Answers a result of the wrong type for everything but eth_chainId. */
export const wrongTypes: RpcLie = async (request) =>
  request.method === "eth_chainId" ? undefined : { jsonrpc: "2.0", id: request.id, result: { surprise: [1, 2, 3] } };

/** Answers with the id of another request (a confused or malicious proxy). */
export const wrongIds: RpcLie = async (request, forward) => {
  const response = await forward(request);
  return request.method === "eth_chainId" ? response : { ...response, id: typeof request.id === "number" ? request.id + 1000 : "other" };
};
