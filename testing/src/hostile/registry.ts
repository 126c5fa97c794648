// A cloned BadgeRegistry: the very same compiled contract deployed again on the same chain by an
// attacker's wallet, who is then its admin and its authority (and may accredit itself there).
import { getAddress } from "viem";
import { deployRegistry, type TestChain } from "../chain.ts";

/** The test chain as seen through a clone of its registry deployed by `chain.wallets[walletIndex]`. */
export async function deployClonedRegistry(chain: TestChain, walletIndex: number): Promise<TestChain> {
  const wallet = chain.wallets[walletIndex];
  if (!wallet) throw new Error(`the test chain has no wallet #${walletIndex}`);
  const receipt = await deployRegistry(wallet, chain.publicClient);
  return { ...chain, registry: getAddress(receipt.contractAddress), deployedOnBlock: receipt.blockNumber };
}
