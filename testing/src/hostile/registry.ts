// A cloned BadgeRegistry: the very same compiled contract deployed again on the same chain by an
// attacker's wallet, who is then its admin and its authority (and may accredit itself there).
import { accreditIssuer, type WriteContext, writeRegistry } from "@chancery/sdk/chain";
import { getAddress } from "viem";
import { registryArtifact, type TestChain } from "../chain.ts";

/** The test chain as seen through a clone of its registry deployed by `chain.wallets[walletIndex]`. */
export async function deployClonedRegistry(chain: TestChain, walletIndex: number): Promise<TestChain> {
  const wallet = chain.wallets[walletIndex];
  if (!wallet?.account) throw new Error(`wallet #${walletIndex} of the test chain has no account`);
  const artifact = await registryArtifact();
  const hash = await wallet.deployContract({
    abi: artifact.abi,
    bytecode: artifact.bytecode,
    args: [wallet.account.address, wallet.account.address],
    account: wallet.account,
    chain: wallet.chain,
  });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error("the cloned registry deployment created no contract");
  return { ...chain, registry: getAddress(receipt.contractAddress), deployedOnBlock: receipt.blockNumber };
}

/**
 * Accredits an issuer, whichever shape the registry's `accredit` has: `(issuerId)` or, once it
 * records accredited names, `(issuerId, nameKey)` with the sdk's `issuerNameKey(name)`.
 */
export async function accreditByName(authority: WriteContext, issuerId: number, name: string): Promise<void> {
  const ids = (await import("@chancery/sdk/ids")) as Record<string, unknown>;
  const nameKey = typeof ids.issuerNameKey === "function" ? (ids.issuerNameKey as (name: string) => string)(name) : undefined;
  const accredit = accreditIssuer as unknown as (ctx: WriteContext, issuerId: number, name?: string) => Promise<unknown>;
  try {
    await accredit(authority, issuerId, name);
  } catch (error) {
    if (!nameKey) throw error;
    await writeRegistry(authority, "accredit" as never, [issuerId, nameKey] as never);
  }
}
