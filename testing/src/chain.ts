// The one Hardhat-node launcher of the test suites: a node on a free loopback port (any chain id),
// optionally with the registry deployed from the compiled artifact, stopped by the caller.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  type Hex,
  http,
  type PublicClient,
  type WalletClient,
} from "viem";

/** The repository's root (artifacts/, node_modules/.bin/hardhat). */
export const ROOT = resolve(import.meta.dirname, "..", "..");
const HARDHAT = join(ROOT, "node_modules", ".bin", "hardhat");
// A bare config with an artifacts folder of its own: a node starting while someone rebuilds the
// project's artifacts never reads half-written files, and it compiles nothing.
const NODE_CONFIG = join(ROOT, "testing", "hardhat-node.config.ts");

/** A loopback port nobody listens on (for test nodes and servers). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export type HardhatNode = { rpcUrl: string; chainId: number; stop: () => Promise<void> };

async function chainIdAt(rpcUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    const body = (await response.json()) as { result?: string };
    return body.result ? Number(body.result) : undefined;
  } catch {
    return undefined;
  }
}

/** A Hardhat node on a free loopback port, ready to answer. Retries a node that exits early. */
export async function startHardhatNode(options: { chainId?: number; timeoutMs?: number } = {}): Promise<HardhatNode> {
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const args = ["--config", NODE_CONFIG, "node", "--hostname", "127.0.0.1", "--port", String(port)];
  if (options.chainId) args.push("--chain-id", String(options.chainId));
  for (let attempt = 1; ; attempt++) {
    const node: ChildProcess = spawn(HARDHAT, args, { cwd: ROOT, stdio: "ignore" });
    const stop = async () => {
      if (node.exitCode !== null || node.signalCode !== null) return;
      node.kill("SIGTERM");
      await new Promise((r) => node.once("exit", r));
    };
    const deadline = Date.now() + (options.timeoutMs ?? 90_000);
    for (;;) {
      const chainId = await chainIdAt(rpcUrl);
      if (chainId !== undefined) return { rpcUrl, chainId, stop };
      if (node.exitCode !== null) break;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`the Hardhat node on ${rpcUrl} did not answer within ${(options.timeoutMs ?? 90_000) / 1000} s`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    if (attempt >= 4) throw new Error(`the Hardhat node exited with code ${node.exitCode} before it was ready`);
    await new Promise((r) => setTimeout(r, 1000 * attempt));
  }
}

/**
 * The compiled BadgeRegistry. While a coverage run has the project's artifacts instrumented (or a
 * build is rewriting them), wait for the plain build to come back.
 */
export async function registryArtifact(): Promise<{ abi: unknown[]; bytecode: Hex }> {
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

/** Deploys the compiled BadgeRegistry from `wallet`, which becomes its admin and its authority. */
export async function deployRegistry(wallet: WalletClient, publicClient: PublicClient) {
  if (!wallet.account) throw new Error("the deploying wallet has no account");
  const artifact = await registryArtifact();
  const hash = await wallet.deployContract({
    abi: artifact.abi,
    bytecode: artifact.bytecode,
    args: [wallet.account.address, wallet.account.address],
    account: wallet.account,
    chain: wallet.chain,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error("the registry deployment created no contract");
  return { ...receipt, contractAddress: receipt.contractAddress };
}

export type TestChain = {
  rpcUrl: string;
  chainId: number;
  registry: Address;
  deployedOnBlock: bigint;
  publicClient: PublicClient;
  /** Hardhat's unlocked accounts: [0] deployer, admin and authority of the registry. */
  wallets: WalletClient[];
  stop: () => Promise<void>;
};

/** A Hardhat node (`chainId` when given) with the registry deployed by its first account. */
export async function startTestChain(options: { chainId?: number } = {}): Promise<TestChain> {
  const node = await startHardhatNode(options);
  try {
    const { rpcUrl, chainId } = node;
    const chain = defineChain({
      id: chainId,
      name: `Local ${chainId}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl] } },
    });
    // Reads may retry (an idle keep-alive socket closed by the node); writes never do.
    const publicClient = createPublicClient({ chain, transport: http(rpcUrl, { retryCount: 2, retryDelay: 50 }) }) as PublicClient;
    const accounts = await createWalletClient({ chain, transport: http(rpcUrl, { retryCount: 0 }) }).getAddresses();
    const wallets = accounts
      .slice(0, 10)
      .map((account) => createWalletClient({ account: getAddress(account), chain, transport: http(rpcUrl, { retryCount: 0 }) }));
    const deployer = wallets[0];
    if (!deployer?.account) throw new Error("the Hardhat node has no unlocked account");
    const receipt = await deployRegistry(deployer, publicClient);
    return {
      rpcUrl,
      chainId,
      registry: getAddress(receipt.contractAddress),
      deployedOnBlock: receipt.blockNumber,
      publicClient,
      wallets,
      stop: node.stop,
    };
  } catch (error) {
    // Never leave an orphan node behind a failed start or deployment.
    await node.stop();
    throw error;
  }
}
