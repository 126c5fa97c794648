// A real Hardhat node for integration tests: started on a free loopback port, the registry
// deployed from the compiled artifact, stopped after the file's tests.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
} from "viem";
import { hardhat } from "viem/chains";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export type TestChain = {
  rpcUrl: string;
  registry: Address;
  deployedOnBlock: bigint;
  publicClient: PublicClient;
  /** Hardhat's unlocked accounts: [0] deployer, admin and authority of the registry. */
  wallets: WalletClient[];
  stop: () => Promise<void>;
};

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

export async function startTestChain(): Promise<TestChain> {
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const node: ChildProcess = spawn(join(ROOT, "node_modules", ".bin", "hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    stdio: "ignore",
  });
  const stopNode = async () => {
    if (node.exitCode === null) {
      node.kill("SIGTERM");
      await new Promise((r) => node.once("exit", r));
    }
  };
  try {
    const publicClient = createPublicClient({ chain: hardhat, transport: http(rpcUrl, { retryCount: 0 }) }) as PublicClient;
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await publicClient.getChainId();
        break;
      } catch {
        if (Date.now() > deadline || node.exitCode !== null) throw new Error("the Hardhat node did not start");
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const addresses = ((await publicClient.request({ method: "eth_accounts" } as never)) as Address[]).map((a) => getAddress(a));
    const wallets = addresses
      .slice(0, 10)
      .map((account) => createWalletClient({ account, chain: hardhat, transport: http(rpcUrl, { retryCount: 0 }) }));
    const artifact = JSON.parse(
      readFileSync(join(ROOT, "artifacts", "contracts", "BadgeRegistry.sol", "BadgeRegistry.json"), "utf8"),
    ) as { abi: unknown[]; bytecode: Hex };
    const deployer = wallets[0];
    const hash = await deployer.deployContract({
      abi: artifact.abi,
      bytecode: artifact.bytecode,
      args: [deployer.account!.address, deployer.account!.address],
      account: deployer.account!,
      chain: hardhat,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    return { rpcUrl, registry: receipt.contractAddress!, deployedOnBlock: receipt.blockNumber, publicClient, wallets, stop: stopNode };
  } catch (error) {
    // Never leave an orphan node behind a failed start or deployment.
    await stopNode();
    throw error;
  }
}
