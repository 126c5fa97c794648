// The whole product for one test run, as a person would run it: a real Hardhat node, the
// contracts deployed by the Ignition module, and the app built for that chain and served by
// `vite preview`. Everything listens on loopback ports picked at random and stops afterwards.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningIndexer, startIndexer } from "@chancery/indexer/runner";
import { freePort, type HardhatNode, startHardhatNode } from "@chancery/testing/chain";
import { rpc } from "./wallet.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "node_modules", ".bin");
// The app's own Vite (the frontend workspace pins it).
const VITE = join(ROOT, "frontend", "node_modules", ".bin", "vite");

export type Stack = {
  rpcUrl: string;
  chainId: number;
  registry: `0x${string}`;
  deployedOnBlock: number;
  appUrl: string;
  /** The built app (with Vite's manifest in .vite/manifest.json), as `vite preview` serves it. */
  appDir: string;
  /** Hardhat's unlocked accounts: [0] deployed the registry and holds the authority role. */
  accounts: `0x${string}`[];
  /** The Ponder index the app was built to read lists from (`startStack({ indexer: true })`); stop it to see the chain fallback. */
  indexer?: RunningIndexer;
  stop: () => Promise<void>;
};

export { freePort };

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, child?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const result = spawnSync(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * `appEnv`: more VITE_* variables the app is built with (e.g. VITE_GATEWAY_URL of a gateway the test starts).
 * `indexer`: also run the indexer (`ponder start` on its embedded database, as `npm start` does) and
 * build the app with its URL (VITE_INDEXER_URL).
 */
export async function startStack(options: { appEnv?: Record<string, string>; indexer?: boolean } = {}): Promise<Stack> {
  const children: ChildProcess[] = [];
  const cleanups: (() => void)[] = [];
  const nodes: HardhatNode[] = [];
  let indexer: RunningIndexer | undefined;
  const stop = async () => {
    await indexer?.stop();
    for (const child of children.reverse()) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    }
    for (const node of nodes) await node.stop();
    for (const cleanup of cleanups) cleanup();
  };
  try {
    // 1. The chain.
    const node = await startHardhatNode();
    nodes.push(node);
    const { rpcUrl, chainId } = node;
    const accounts = (await rpc(rpcUrl, "eth_accounts", [])) as `0x${string}`[];

    // 2. The contracts, through the same Ignition module as `npm run deploy`, in a journal of their own.
    const deploymentId = `e2e-${new URL(rpcUrl).port}`;
    const journal = join(ROOT, "deploy", "deployments", deploymentId);
    cleanups.push(() => rmSync(journal, { recursive: true, force: true }));
    run(
      join(BIN, "hardhat"),
      ["ignition", "deploy", "deploy/modules/Chancery.ts", "--network", "localhost", "--deployment-id", deploymentId],
      {
        cwd: ROOT,
        env: { LOCAL_RPC_URL: rpcUrl },
      },
    );
    const registry = JSON.parse(readFileSync(join(journal, "deployed_addresses.json"), "utf8"))["Chancery#BadgeRegistry"] as `0x${string}`;
    const receipts = readFileSync(join(journal, "journal.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .map((entry) => entry?.confirmation?.receipt ?? entry?.receipt)
      .filter((receipt) => receipt?.contractAddress);
    const deployedOnBlock = Number(receipts[0]?.blockNumber ?? 0);

    // 2b. The index, following the chain from the deployment block.
    if (options.indexer) indexer = await startIndexer({ rpcUrl, chainId, registry, deployedOnBlock, port: await freePort() });

    // 3. The app, built for this chain and served as it would be in production.
    const outDir = mkdtempSync(join(tmpdir(), "chancery-e2e-app-"));
    cleanups.push(() => rmSync(outDir, { recursive: true, force: true }));
    const env = {
      VITE_CHAIN_ID: String(chainId),
      VITE_RPC_URL: rpcUrl,
      VITE_REGISTRY_ADDRESS: registry,
      VITE_DEPLOYED_BLOCK: String(deployedOnBlock),
      ...(indexer ? { VITE_INDEXER_URL: indexer.url } : {}),
      ...options.appEnv,
    };
    run(VITE, ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], { cwd: join(ROOT, "frontend"), env });
    const appPort = await freePort();
    const preview = spawn(VITE, ["preview", "--outDir", outDir, "--host", "127.0.0.1", "--port", String(appPort), "--strictPort"], {
      cwd: join(ROOT, "frontend"),
      env: { ...process.env, ...env },
      stdio: "ignore",
    });
    children.push(preview);
    const appUrl = `http://127.0.0.1:${appPort}`;
    await waitFor("vite preview", async () => (await fetch(appUrl)).ok, 60_000, preview);

    return { rpcUrl, chainId, registry, deployedOnBlock, appUrl, appDir: outDir, accounts, indexer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
