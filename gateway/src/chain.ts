// The gateway's view of the chain: one viem client, the head block number (asked at most once per
// `blockPollMs`, concurrent requests share one call), and the sorting of failures into "the RPC is
// unavailable" (HTTP 503) versus "the registry reverted" (the thing asked for does not exist).

import type { RegistryContext } from "@chancery/sdk/chain";
import { ChanceryError } from "@chancery/sdk/errors";
import { BaseError, ContractFunctionRevertedError, createPublicClient, http, type PublicClient } from "viem";
import type { GatewayConfig } from "./config.ts";

/** The chain could not be asked (down, timing out, wrong chain, refusing): answer 503. */
export class ChainUnavailableError extends ChanceryError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("chain-unavailable", message, { kind: "rpc", cause: options?.cause });
    this.name = "ChainUnavailableError";
  }
}

/** The registry reverted a read, e.g. `getBadgeClass` of an id that does not exist. */
export function revertName(error: unknown): string | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError) return reverted.data?.errorName ?? "reverted";
  return undefined;
}

function short(error: unknown): string {
  if (error instanceof BaseError) return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}

export class ChainReader {
  readonly client: PublicClient;
  readonly ctx: RegistryContext;
  private readonly config: GatewayConfig;
  private head: { block: bigint; at: number } | undefined;
  private failure: { error: ChainUnavailableError; at: number } | undefined;
  private pending: Promise<bigint> | undefined;
  private chainChecked = false;

  constructor(config: GatewayConfig) {
    this.config = config;
    // Reads only, so one quick retry is safe: it absorbs a keep-alive socket the node closed while idle.
    this.client = createPublicClient({
      transport: http(config.rpcUrl, { retryCount: 1, retryDelay: 100, timeout: config.rpcTimeoutMs }),
    }) as PublicClient;
    this.ctx = { client: this.client, registry: config.registry, deployedOnBlock: config.deployedOnBlock, maxLogRange: config.maxLogRange };
  }

  /**
   * The latest block number, at most `blockPollMs` old. Throws `ChainUnavailableError` when the
   * RPC does not answer or serves another chain; a failure is remembered for a short while so a
   * dead RPC is not hammered, then the next request tries again (the gateway recovers by itself).
   */
  async headBlock(): Promise<bigint> {
    const now = Date.now();
    const poll = this.config.blockPollMs;
    if (this.head && now - this.head.at < poll) return this.head.block;
    if (this.failure && now - this.failure.at < Math.min(Math.max(poll, 200), 1000)) throw this.failure.error;
    if (!this.pending) {
      this.pending = this.fetchHead().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private async fetchHead(): Promise<bigint> {
    try {
      if (!this.chainChecked) {
        const chainId = await this.client.getChainId();
        if (chainId !== this.config.chainId) {
          throw new ChainUnavailableError(
            `The RPC serves chain ${chainId}, but this gateway is configured for chain ${this.config.chainId}.`,
          );
        }
        this.chainChecked = true;
      }
      const block = await this.client.getBlockNumber({ cacheTime: 0 });
      this.head = { block, at: Date.now() };
      this.failure = undefined;
      return block;
    } catch (error) {
      const unavailable =
        error instanceof ChainUnavailableError
          ? error
          : new ChainUnavailableError(`The chain's RPC did not answer (${short(error)}).`, { cause: error });
      this.failure = { error: unavailable, at: Date.now() };
      throw unavailable;
    }
  }

  /** What /healthz reports: asked fresh, never from the cache. */
  async health() {
    const [chainId, latestBlock, code] = await Promise.all([
      this.client.getChainId(),
      this.client.getBlockNumber({ cacheTime: 0 }),
      this.client.getCode({ address: this.config.registry }),
    ]);
    return { chainId, latestBlock, registryHasCode: !!code && code !== "0x" };
  }
}

/** Any failure of a chain read that is not a revert means the chain could not be asked. */
export function asUnavailable(error: unknown): ChainUnavailableError {
  return error instanceof ChainUnavailableError
    ? error
    : new ChainUnavailableError(`The chain's RPC failed (${short(error)}).`, { cause: error });
}
