// Gateway configuration, from the environment (main.ts) or given directly (tests, scripts).

import { deployments } from "@chancery/sdk/deployments";
import { ChanceryError } from "@chancery/sdk/errors";
import { normalizeGatewayBase } from "@chancery/sdk/ids";
import { type Address, getAddress, isAddress } from "viem";
import { type MailConfig, mailConfigFromEnv } from "./mail/config.ts";

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
  /** Entries kept in the in-memory response cache (and in the chain-read cache under it). */
  cacheEntries: number;
  /** Entries kept for ids the chain does not know (404s), apart: a flood of them never evicts real answers. */
  negativeCacheEntries: number;
  /**
   * Follow the registry's AssertionBatched events in memory (once per process, incrementally), so
   * an old hosted URL of a batched badge without `?batch=` still resolves. Off: such URLs get 404
   * with a message naming the URL form to use.
   */
  batchIndex: boolean;
  /** Most batched badges the index keeps (≈ 60 bytes each); past it the index stops growing. */
  batchIndexEntries: number;
  /** The Ponder indexer (INDEXER_URL): it finds batched uids and revocations without a log scan; verdicts stay the chain's. */
  indexerUrl?: string;
  /** Requests per second one client IP may make, sustained (token bucket); 0 switches the limit off. */
  rateLimitPerSecond: number;
  /** Requests one client IP may make in a burst above the sustained rate. */
  rateLimitBurst: number;
  /** Client IPs whose buckets are kept (LRU): bounds the limiter's memory. */
  rateLimitClients: number;
  /**
   * Whom to believe about the client's IP (X-Forwarded-For), as Fastify's `trustProxy`: false (the
   * socket's peer), true, a number of hops, or addresses / CIDRs of the proxies. Only when configured.
   */
  trustProxy: boolean | number | string;
  /** A client must send its request headers within this time (ms), or be cut off. */
  headersTimeoutMs: number;
  /** A client must send its whole request within this time (ms). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time (ms). */
  keepAliveTimeoutMs: number;
  /** Largest request header block (bytes). */
  maxHeaderBytes: number;
  /** pino level, or false for no logs. */
  logLevel: string | false;
  /**
   * The secret that seals claim URLs (e-mail backpacks, routes/assertions.ts), ≥ 32 bytes; the same
   * on every instance behind a load balancer. Unset: a random one per process (claim URLs then stop
   * working when it restarts).
   */
  claimSecret?: string;
  /** Award e-mails (routes/mail.ts): the SMTP server and sender; unset, the mail route answers 503. */
  mail?: MailConfig;
};

type Env = Record<string, string | undefined>;

/** The gateway's configuration is wrong (exit 2 from main.ts): the message names the variable. */
export class ConfigError extends ChanceryError {
  constructor(message: string) {
    super("gateway-bad-config", message, { kind: "invalid-input" });
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
 * CACHE_MAX_AGE, MAX_LOG_RANGE, CACHE_ENTRIES, NEGATIVE_CACHE_ENTRIES, BATCH_INDEX,
 * BATCH_INDEX_ENTRIES, RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST, RATE_LIMIT_CLIENTS, TRUST_PROXY,
 * HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, MAX_HEADER_BYTES, LOG_LEVEL, INDEXER_URL.
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
    negativeCacheEntries: integer(env, "NEGATIVE_CACHE_ENTRIES", DEFAULTS.negativeCacheEntries, 1),
    batchIndex: flag(env, "BATCH_INDEX", DEFAULTS.batchIndex),
    batchIndexEntries: integer(env, "BATCH_INDEX_ENTRIES", DEFAULTS.batchIndexEntries, 1),
    rateLimitPerSecond: integer(env, "RATE_LIMIT_PER_SECOND", DEFAULTS.rateLimitPerSecond),
    rateLimitBurst: integer(env, "RATE_LIMIT_BURST", DEFAULTS.rateLimitBurst, 1),
    rateLimitClients: integer(env, "RATE_LIMIT_CLIENTS", DEFAULTS.rateLimitClients, 1),
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    headersTimeoutMs: integer(env, "HEADERS_TIMEOUT_MS", DEFAULTS.headersTimeoutMs, 1),
    requestTimeoutMs: integer(env, "REQUEST_TIMEOUT_MS", DEFAULTS.requestTimeoutMs, 1),
    keepAliveTimeoutMs: integer(env, "KEEP_ALIVE_TIMEOUT_MS", DEFAULTS.keepAliveTimeoutMs, 1),
    maxHeaderBytes: integer(env, "MAX_HEADER_BYTES", DEFAULTS.maxHeaderBytes, 1024),
    logLevel: level === "silent" || level === "false" ? false : level,
    ...claimSecretOf(env.CLAIM_SECRET),
    ...indexerUrlOf(env.INDEXER_URL),
    ...mailConfigFromEnv(env),
  };
}

/** INDEXER_URL: the indexer's http(s) base URL, or unset (lists then come from the chain). */
function indexerUrlOf(raw: string | undefined): { indexerUrl?: string } {
  if (raw === undefined || raw === "") return {};
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
  } catch {
    throw new ConfigError(`INDEXER_URL must be the indexer's http(s) base URL (e.g. http://127.0.0.1:42069); got ${JSON.stringify(raw)}.`);
  }
  return { indexerUrl: raw.replace(/\/+$/, "") };
}

/** CLAIM_SECRET: at least 32 bytes, or unset. */
function claimSecretOf(raw: string | undefined): { claimSecret?: string } {
  if (raw === undefined || raw === "") return {};
  if (new TextEncoder().encode(raw).length < 32)
    throw new ConfigError("CLAIM_SECRET must be at least 32 bytes (for example: openssl rand -hex 32).");
  return { claimSecret: raw };
}

/** The defaults of the hardening settings (shared by configFromEnv and resolveConfig). */
const DEFAULTS = {
  negativeCacheEntries: 10_000,
  batchIndex: true,
  batchIndexEntries: 1_000_000,
  rateLimitPerSecond: 50,
  rateLimitBurst: 200,
  rateLimitClients: 10_000,
  trustProxy: false,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderBytes: 8192,
} as const;

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "on", "yes"].includes(raw)) return true;
  if (["0", "false", "off", "no"].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off; got ${JSON.stringify(env[name])}.`);
}

/** TRUST_PROXY: unset / false, true, a number of hops, or comma-separated proxy addresses / CIDRs. */
function trustProxyOf(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === "" || raw === "false") return false;
  if (raw === "true") return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[0-9A-Fa-f.:/, ]+$/.test(raw))
    throw new ConfigError(`TRUST_PROXY must be true, a number of hops or proxy addresses / CIDRs; got ${JSON.stringify(raw)}.`);
  return raw;
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
    ...DEFAULTS,
    ...partial,
    chainId,
    port,
    host,
    publicBaseUrl: normalizeGatewayBase(partial.publicBaseUrl ?? `http://${host}:${port}`),
    appUrl: normalizeGatewayBase(partial.appUrl ?? "http://127.0.0.1:5173"),
    registry: getAddress(partial.registry),
  };
}
