// Which chain client answers for a badge's anchor.
import { createPublicClient, http, type PublicClient } from "viem";
import { VerificationStepError } from "./steps.ts";
import type { VerifyOptions } from "./types.ts";

const checkedChains = new WeakMap<PublicClient, Promise<number>>();

/** A client for `chainId`, or a step error saying why none can be had. */
export async function clientForChain(chainId: number, options: VerifyOptions): Promise<PublicClient> {
  let client = options.publicClient;
  if (!client) {
    const url = options.rpcUrls?.[chainId] ?? options.rpcUrl;
    if (!url) {
      throw new VerificationStepError("anchor", `The badge is anchored on chain ${chainId}, and no RPC endpoint is configured for it, so its status could not be checked.`, "error");
    }
    client = createPublicClient({ transport: http(url, { retryCount: 1, timeout: 10_000 }) }) as PublicClient;
  }
  let pending = checkedChains.get(client);
  if (!pending) {
    pending = client.getChainId();
    checkedChains.set(client, pending);
  }
  let actual: number;
  try {
    actual = await pending;
  } catch (error) {
    checkedChains.delete(client);
    throw new VerificationStepError("anchor", `The RPC endpoint for chain ${chainId} did not answer (${messageOf(error)}), so the badge's status could not be checked. Try again later.`, "error");
  }
  if (actual !== chainId) {
    throw new VerificationStepError("anchor", `The configured RPC serves chain ${actual}, but the badge is anchored on chain ${chainId}: point the verifier at chain ${chainId}.`, "error");
  }
  return client;
}

export function messageOf(error: unknown): string {
  if (error && typeof error === "object" && "shortMessage" in error && typeof error.shortMessage === "string") return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}
