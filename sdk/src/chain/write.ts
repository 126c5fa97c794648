// The one way anything in Chancery sends a registry transaction: typed from the generated ABI (a
// wrong function name or argument fails the type check), simulated first so a revert is explained
// before the wallet is asked, then sent and waited for. Every failure is a ChanceryError: the
// registry's custom errors as sentences (RegistryError), a refusal in the wallet, an RPC that is down.
import type { ContractFunctionArgs, ContractFunctionName, ContractFunctionReturnType, Hex, Log } from "viem";
import { badgeRegistryAbi } from "../generated/abi.ts";
import { explainError, RegistryError } from "./errors.ts";
import type { WriteContext } from "./registry.ts";

type RegistryAbi = typeof badgeRegistryAbi;
type Mutability = "nonpayable" | "payable";

/** The registry's state-changing functions. */
export type RegistryWriteName = ContractFunctionName<RegistryAbi, Mutability>;
/** The arguments of one of them, as the ABI declares them. */
export type RegistryWriteArgs<F extends RegistryWriteName> = ContractFunctionArgs<RegistryAbi, Mutability, F>;
/** What it returns (known from the simulation, before the transaction is mined). */
export type RegistryWriteResult<F extends RegistryWriteName> = ContractFunctionReturnType<RegistryAbi, Mutability, F>;

export type WriteOptions = {
  /** Called with the transaction hash as soon as the wallet returns it, before the receipt. */
  onHash?: (hash: Hex) => void;
  /** How long to wait for the receipt, in milliseconds (viem's default otherwise). */
  timeout?: number;
  /** Bytes sent after the ABI-encoded arguments (a Merkle batch's encrypted roster): the registry ignores them. */
  dataSuffix?: Hex;
};

export type WriteReceipt<F extends RegistryWriteName> = { hash: Hex; result: RegistryWriteResult<F>; blockNumber: bigint; logs: Log[] };

/**
 * Simulates a registry write, sends it from `ctx.wallet` and waits for its receipt.
 * `functionName` and `args` are checked against the generated ABI.
 */
export async function writeRegistry<const F extends RegistryWriteName>(
  ctx: WriteContext,
  functionName: F,
  args: RegistryWriteArgs<F>,
  options: WriteOptions = {},
): Promise<WriteReceipt<F>> {
  const account = ctx.wallet.account;
  if (!account) throw new RegistryError("no-account", "No wallet account is connected: connect a wallet first.");
  try {
    // Typed at this function's boundary; inside, viem's generic inference over the whole ABI is
    // too deep for the type checker, so the call itself is untyped.
    const simulate = ctx.client.simulateContract as (parameters: unknown) => Promise<{ request: unknown; result: unknown }>;
    const { request, result } = await simulate({
      address: ctx.registry,
      abi: badgeRegistryAbi,
      functionName,
      args,
      account,
      chain: ctx.wallet.chain,
      ...(options.dataSuffix ? { dataSuffix: options.dataSuffix } : {}),
    });
    // The simulation's request carries only the function's ABI item; with the whole ABI, a revert at
    // sending (state changed since the simulation, e.g. a status index taken) is decoded too.
    const hash = await ctx.wallet.writeContract({ ...(request as object), abi: badgeRegistryAbi } as never);
    options.onHash?.(hash);
    const receipt = await ctx.client.waitForTransactionReceipt({ hash, ...(options.timeout ? { timeout: options.timeout } : {}) });
    if (receipt.status !== "success")
      throw new RegistryError("transaction-reverted", `Transaction ${hash} was reverted on chain; nothing was recorded.`);
    return { hash, result: result as RegistryWriteResult<F>, blockNumber: receipt.blockNumber, logs: receipt.logs };
  } catch (error) {
    throw explainError(error);
  }
}
