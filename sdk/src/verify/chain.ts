// Which chain client answers for a badge's anchor.
import { createPublicClient, http, type PublicClient } from "viem";
import { failuresOf } from "./run.ts";
import { said } from "./steps.ts";
import type { VerifyOptions } from "./types.ts";
import { messageOf } from "./words.ts";

const fail = failuresOf("anchor");
const checkedChains = new WeakMap<PublicClient, Promise<number>>();

/** A client for `chainId`, or a failure of the anchor step saying why none can be had. */
export async function clientForChain(chainId: number, options: VerifyOptions): Promise<PublicClient> {
  let client = options.publicClient;
  if (!client) {
    const url = options.rpcUrls?.[chainId] ?? options.rpcUrl;
    if (!url)
      throw fail(
        said(
          "anchor.no-rpc",
          { chainId },
          `The badge is anchored on chain ${chainId}, and no RPC endpoint is configured for it, so its status could not be checked.`,
        ),
        "error",
      );
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
    const detail = messageOf(error);
    throw fail(
      said(
        "anchor.rpc-down",
        { chainId, detail },
        `The RPC endpoint for chain ${chainId} did not answer (${detail}), so the badge's status could not be checked. Try again later.`,
      ),
      "error",
    );
  }
  if (actual !== chainId)
    throw fail(
      said(
        "anchor.rpc-wrong-chain",
        { chainId, actualChainId: actual },
        `The configured RPC serves chain ${actual}, but the badge is anchored on chain ${chainId}: point the verifier at chain ${chainId}.`,
      ),
      "error",
    );
  return client;
}
