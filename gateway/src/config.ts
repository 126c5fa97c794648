// Gateway configuration, from the environment (main.ts) or given directly (tests, scripts).

import { deployments } from "@chancery/sdk/deployments";
import { normalizeGatewayBase } from "@chancery/sdk/ids";
import { type Address, getAddress, isAddress } from "viem";

export type GatewayConfig = {
  /** JSON-RPC endpoint of the chain the registry lives on. */
  rpcUrl: string;
  /** The chain this gateway serves; the RPC must serve the same. */
  chainId: number;
  /** The BadgeRegistry address (also the IssuerRegistry). */
  registry: Address;
  /** First block worth scanning for events (the registry's deployment block). */
  deployedOnBlock: bigint;
  /** The public origin (and optional path) documents are served under, e.g. https://badges.example.org. */
  publicBaseUrl: string;
  /** The app whose /verify page browsers are sent to. */
  appUrl: string;
  port: number;
  host: string;
  /** How long a head block number is trusted before asking the RPC again (ms). 0: every request. */
  blockPollMs: number;
  /** Per-request RPC timeout (ms). */
  rpcTimeoutMs: number;
  /** Cache-Control max-age (s) of documents that may change with the next block. */
  maxAgeSeconds: number;
  /** Largest block range asked of eth_getLogs at once. */
  maxLogRange: bigint;
  /** Entries kept in the in-memory response cache. */
  cacheEntries: number;
  /** pino level, or false for no logs. */
  logLevel: string | false;
};

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function integer(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min)
    throw new ConfigError(`${name} must be an integer ≥ ${min}; got ${JSON.stringify(raw)}.`);
  return value;
}

type DeploymentTable = Record<string, Record<string, { address: string; deployedOnBlock: number }>>;

/**
 * Reads RPC_URL, CHAIN_ID, REGISTRY_ADDRESS (default: the exported deployment of CHAIN_ID),
 * DEPLOYED_BLOCK, PUBLIC_BASE_URL, APP_URL, PORT, HOST, BLOCK_POLL_MS, RPC_TIMEOUT_MS,
 * CACHE_MAX_AGE, MAX_LOG_RANGE, CACHE_ENTRIES, LOG_LEVEL.
 */
export function configFromEnv(env: Env = process.env, table: DeploymentTable = deployments as DeploymentTable): GatewayConfig {
  const chainId = integer(env, "CHAIN_ID", 31337, 1);
  const port = integer(env, "PORT", 8787, 0);
  const host = env.HOST || "127.0.0.1";
  const rpcUrl = env.RPC_URL || (chainId === 31337 ? "http://127.0.0.1:8545" : "");
  if (!rpcUrl) throw new ConfigError(`RPC_URL is required for chain ${chainId} (only the local chain 31337 has a default).`);
  try {
    const url = new URL(rpcUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
  } catch {
    throw new ConfigError(`RPC_URL must be an http(s) URL; got ${JSON.stringify(rpcUrl)}.`);
  }
  const exported = table[String(chainId)]?.BadgeRegistry;
  const registryText = env.REGISTRY_ADDRESS || exported?.address;
  if (!registryText) {
    throw new ConfigError(
      `No BadgeRegistry is exported for chain ${chainId}: deploy it (npm run deploy -- --network <name>) or set REGISTRY_ADDRESS.`,
    );
  }
  if (!isAddress(registryText, { strict: false }))
    throw new ConfigError(`REGISTRY_ADDRESS must be a 0x address; got ${JSON.stringify(registryText)}.`);
  const registry = getAddress(registryText);
  const fromExport = exported && getAddress(exported.address) === registry ? exported.deployedOnBlock : 0;
  const deployedOnBlock = BigInt(integer(env, "DEPLOYED_BLOCK", fromExport, 0));
  let publicBaseUrl: string;
  try {
    publicBaseUrl = normalizeGatewayBase(env.PUBLIC_BASE_URL || `http://${host.includes(":") ? `[${host}]` : host}:${port || 8787}`);
  } catch (error) {
    throw new ConfigError(`PUBLIC_BASE_URL: ${(error as Error).message}`);
  }
  let appUrl: string;
  try {
    appUrl = normalizeGatewayBase(env.APP_URL || "http://127.0.0.1:5173");
  } catch (error) {
    throw new ConfigError(`APP_URL: ${(error as Error).message}`);
  }
  const level = env.LOG_LEVEL ?? "info";
  return {
    rpcUrl,
    chainId,
    registry,
    deployedOnBlock,
    publicBaseUrl,
    appUrl,
    port,
    host,
    blockPollMs: integer(env, "BLOCK_POLL_MS", 1000),
    rpcTimeoutMs: integer(env, "RPC_TIMEOUT_MS", 5000, 1),
    maxAgeSeconds: integer(env, "CACHE_MAX_AGE", 10),
    maxLogRange: BigInt(integer(env, "MAX_LOG_RANGE", 50_000, 1)),
    cacheEntries: integer(env, "CACHE_ENTRIES", 10_000, 1),
    logLevel: level === "silent" || level === "false" ? false : level,
  };
}

/** Fills what a caller left out (tests and scripts pass a partial config). */
export function resolveConfig(partial: Partial<GatewayConfig> & Pick<GatewayConfig, "rpcUrl" | "registry">): GatewayConfig {
  const chainId = partial.chainId ?? 31337;
  const port = partial.port ?? 8787;
  const host = partial.host ?? "127.0.0.1";
  return {
    deployedOnBlock: 0n,
    blockPollMs: 1000,
    rpcTimeoutMs: 5000,
    maxAgeSeconds: 10,
    maxLogRange: 50_000n,
    cacheEntries: 10_000,
    logLevel: false,
    ...partial,
    chainId,
    port,
    host,
    publicBaseUrl: normalizeGatewayBase(partial.publicBaseUrl ?? `http://${host}:${port}`),
    appUrl: normalizeGatewayBase(partial.appUrl ?? "http://127.0.0.1:5173"),
    registry: getAddress(partial.registry),
  };
}
