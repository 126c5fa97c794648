// Starts the Ponder app as a real process (ponder start) against a chain: used by npm start, the
// tests and the list benchmark. The embedded PGlite database lives in `dataDir` unless DATABASE_URL
// is set in `env`; the index is ready once /ready answers 200 (backfill done) and follows the chain.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const INDEXER_DIR = resolve(import.meta.dirname, "..");
const PONDER = join(INDEXER_DIR, "..", "node_modules", ".bin", "ponder");

export type RunningIndexer = {
  /** Base URL: GraphQL at `${url}/graphql`, status at `${url}/status`. */
  url: string;
  /** The latest block the index has processed. */
  indexedBlock: () => Promise<bigint>;
  /** Resolves once the index has processed block `blockNumber` (or later). */
  waitForBlock: (blockNumber: bigint, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
  /** What Ponder printed (for failure messages). */
  output: () => string;
};

export type IndexerOptions = {
  rpcUrl: string;
  chainId: number;
  registry: `0x${string}`;
  deployedOnBlock: bigint | number;
  port: number;
  host?: string;
  /** PGlite folder; a fresh temporary one when absent (removed on stop). */
  dataDir?: string;
  /** eth_getLogs block cap the indexer must respect (public RPCs: often 10,000). */
  getLogsRange?: number;
  env?: NodeJS.ProcessEnv;
  /** Print Ponder's log lines with this prefix instead of keeping them quiet. */
  logPrefix?: string;
  readyTimeoutMs?: number;
};

/** The command that runs the index (`ponder start`) for these options: shared by startIndexer and npm start. */
export function indexerCommand(options: IndexerOptions & { dataDir: string }): {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
} {
  return {
    command: PONDER,
    args: ["start", "--port", String(options.port), "--hostname", options.host ?? "127.0.0.1", "--log-format", "pretty"],
    cwd: INDEXER_DIR,
    env: {
      PONDER_TELEMETRY_DISABLED: "true",
      DATABASE_SCHEMA: process.env.DATABASE_SCHEMA ?? "chancery",
      RPC_URL: options.rpcUrl,
      CHAIN_ID: String(options.chainId),
      REGISTRY_ADDRESS: options.registry,
      DEPLOYED_BLOCK: String(options.deployedOnBlock),
      PGLITE_DIR: options.dataDir,
      ...(options.getLogsRange ? { GETLOGS_RANGE: String(options.getLogsRange) } : {}),
      ...options.env,
    },
  };
}

export async function startIndexer(options: IndexerOptions): Promise<RunningIndexer> {
  const host = options.host ?? "127.0.0.1";
  const url = `http://${host}:${options.port}`;
  const temporary = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), "chancery-index-"));
  const dataDir = options.dataDir ?? temporary ?? "";
  let log = "";
  const command = indexerCommand({ ...options, dataDir });
  const child: ChildProcess = spawn(command.command, command.args, {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-20_000);
    if (options.logPrefix) {
      for (const line of text.split("\n").filter((l) => l.trim())) process.stdout.write(`${options.logPrefix} ${line}\n`);
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      // Ponder leads its own process group (detached): its workers stop with it.
      const signal = (name: NodeJS.Signals) => {
        try {
          if (child.pid) process.kill(-child.pid, name);
        } catch {
          child.kill(name);
        }
      };
      signal("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) signal("SIGKILL");
    }
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  };

  const indexedBlock = async (): Promise<bigint> => {
    const response = await fetch(`${url}/status`);
    if (!response.ok) return -1n;
    const status = (await response.json()) as Record<string, { block?: { number: number } | null }>;
    const block = Object.values(status)[0]?.block;
    return block ? BigInt(block.number) : -1n;
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The indexer exited (code ${child.exitCode}) before it was ready:\n${log}`);
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The indexer at ${url} was not ready within ${(options.readyTimeoutMs ?? 180_000) / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const waitForBlock = async (blockNumber: bigint, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    while ((await indexedBlock().catch(() => -1n)) < blockNumber) {
      if (child.exitCode !== null) throw new Error(`The indexer exited (code ${child.exitCode}):\n${log}`);
      if (Date.now() > until) throw new Error(`The indexer did not reach block ${blockNumber} within ${timeoutMs / 1000} s:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  return { url, indexedBlock, waitForBlock, stop, output: () => log };
}
