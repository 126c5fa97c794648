// Test plumbing: a Hardhat node with any chain id, an HTTP proxy in front of an RPC that can be
// switched off (the RPC-down tests) and counts requests (the cache tests), and a fetch that sends
// requests for the gateway's public origin to the app in memory (the sdk verifier's hosted checks).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { join, resolve } from "node:path";
import { type Address, type Hex, type PublicClient, type WalletClient, createPublicClient, createWalletClient, defineChain, getAddress, http } from "viem";
import type { FastifyInstance } from "fastify";

export const ROOT = resolve(import.meta.dirname, "..", "..");
import { freePort } from "../../sdk/test/helpers/chain.ts";

export { freePort };


export type Chain = {
  rpcUrl: string;
  chainId: number;
  registry: Address;
  deployedOnBlock: bigint;
  publicClient: PublicClient;
  wallets: WalletClient[];
  stop: () => Promise<void>;
};

/** A Hardhat node on a free loopback port (`--chain-id` when given) with the registry deployed. */
export async function startChain(options: { chainId?: number } = {}): Promise<Chain> {
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const args = ["--config", join(ROOT, "gateway", "test", "hardhat-node.config.ts"), "node", "--hostname", "127.0.0.1", "--port", String(port), ...(options.chainId ? ["--chain-id", String(options.chainId)] : [])];
  const node: ChildProcess = spawn(join(ROOT, "node_modules", ".bin", "hardhat"), args, { cwd: ROOT, stdio: "ignore" });
  const stop = async () => {
    if (node.exitCode !== null || node.signalCode !== null) return;
    node.kill("SIGTERM");
    await new Promise((r) => node.once("exit", r));
  };
  try {
    const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
    const deadline = Date.now() + 90_000;
    let chainId: number;
    for (;;) {
      try {
        chainId = await probe.getChainId();
        break;
      } catch {
        if (Date.now() > deadline || node.exitCode !== null) throw new Error("the Hardhat node did not start");
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const chain = defineChain({ id: chainId, name: `Local ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
    // Reads may retry (an idle keep-alive socket closed by the node); writes never do.
    const publicClient = createPublicClient({ chain, transport: http(rpcUrl, { retryCount: 2, retryDelay: 50 }) }) as PublicClient;
    const addresses = ((await publicClient.request({ method: "eth_accounts" } as never)) as Address[]).map((a) => getAddress(a));
    const wallets = addresses.slice(0, 10).map((account) => createWalletClient({ account, chain, transport: http(rpcUrl, { retryCount: 0 }) }));
    const artifact = await registryArtifact();
    const deployer = wallets[0]!;
    const hash = await deployer.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args: [deployer.account!.address, deployer.account!.address], account: deployer.account!, chain });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    return { rpcUrl, chainId, registry: getAddress(receipt.contractAddress!), deployedOnBlock: receipt.blockNumber, publicClient, wallets, stop };
  } catch (error) {
    // Never leave a node behind when the start fails (e.g. artifacts being rebuilt meanwhile).
    await stop();
    throw error;
  }
}

/**
 * The compiled BadgeRegistry. While a coverage run has the project's artifacts instrumented (or a
 * build is rewriting them), wait for the plain build to come back.
 */
async function registryArtifact(): Promise<{ abi: unknown[]; bytecode: Hex }> {
  const file = join(ROOT, "artifacts", "contracts", "BadgeRegistry.sol", "BadgeRegistry.json");
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const artifact = JSON.parse(readFileSync(file, "utf8")) as { abi: unknown[]; bytecode: Hex; deployedBytecode: Hex };
      // Coverage instrumentation calls a marker address and pushes the code past the 24 kB limit.
      if (!artifact.deployedBytecode.includes("c0bec0bec0be") && artifact.deployedBytecode.length <= 2 + 2 * 24_576) return artifact;
    } catch {
      // being rewritten
    }
    if (Date.now() > deadline) throw new Error(`${file} is missing or instrumented for coverage: run npx hardhat build`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

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
      const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) });
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
