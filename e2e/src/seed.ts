// Clients on the stack's chain for seeding data through the sdk (as the CLI or a script would).
import { createPublicClient, createWalletClient, http, type PublicClient, type WalletClient } from "viem";
import { hardhat } from "viem/chains";
import type { TestChain } from "../../sdk/test/helpers/chain.ts";
import type { Stack } from "./stack.ts";

/** The stack seen as the sdk's test chain (same shape as sdk/test/helpers/chain.ts). */
export function chainOf(stack: Stack): TestChain {
  const chain = { ...hardhat, id: stack.chainId };
  const transport = http(stack.rpcUrl, { retryCount: 0 });
  return {
    rpcUrl: stack.rpcUrl,
    registry: stack.registry,
    deployedOnBlock: BigInt(stack.deployedOnBlock),
    publicClient: createPublicClient({ chain, transport }) as PublicClient,
    wallets: stack.accounts.map((account) => createWalletClient({ account, chain, transport })) as WalletClient[],
    stop: stack.stop,
  };
}
