import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import { describe, expect, it } from "vitest";
import { RegistryError, type RegistryWriteArgs, type RegistryWriteName, type WriteContext, writeRegistry } from "../src/chain/index.ts";
import { badgeRegistryAbi } from "../src/generated/abi.ts";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const HASH = `0x${"ab".repeat(32)}` as Hex;

/** A client and wallet that record what writeRegistry asks of them, in order. */
function fake(options: { revert?: string; receipt?: "success" | "reverted"; account?: boolean } = {}) {
  const calls: string[] = [];
  const client = {
    async simulateContract(parameters: { functionName: string; args: unknown[]; account: unknown; address: string }) {
      calls.push(
        `simulate ${parameters.functionName}(${parameters.args.join(",")}) from ${String((parameters.account as { address?: string }).address ?? parameters.account)} at ${parameters.address}`,
      );
      if (options.revert) {
        const data = encodeErrorResult({ abi: badgeRegistryAbi, errorName: options.revert as "BadgeRegistryUnknownClass", args: [7] });
        const cause = new ContractFunctionRevertedError({ abi: badgeRegistryAbi, data, functionName: parameters.functionName });
        throw new ContractFunctionExecutionError(cause, {
          abi: badgeRegistryAbi,
          functionName: parameters.functionName,
          args: parameters.args,
        });
      }
      return { request: { simulated: parameters.functionName }, result: 42 };
    },
    async waitForTransactionReceipt({ hash, timeout }: { hash: Hex; timeout?: number }) {
      calls.push(`receipt ${hash}${timeout ? ` within ${timeout}` : ""}`);
      return { status: options.receipt ?? "success", blockNumber: 9n, logs: [] };
    },
  } as unknown as PublicClient;
  const wallet = {
    account: options.account === false ? undefined : { address: ACCOUNT, type: "json-rpc" },
    chain: { id: 31337 },
    async writeContract(request: { simulated: string }) {
      calls.push(`send ${request.simulated}`);
      return HASH;
    },
  } as unknown as WalletClient;
  const ctx: WriteContext = { client, registry: REGISTRY, wallet };
  return { ctx, calls };
}

describe("writeRegistry (the one write helper)", () => {
  it("simulates, sends, reports the hash, waits for the receipt and returns the simulated result", async () => {
    const { ctx, calls } = fake();
    const hashes: Hex[] = [];
    const sent = await writeRegistry(ctx, "reinstate", [3], { onHash: (h) => hashes.push(h), timeout: 5000 });
    expect(sent).toEqual({ hash: HASH, result: 42, blockNumber: 9n, logs: [] });
    expect(hashes).toEqual([HASH]);
    expect(calls).toEqual([`simulate reinstate(3) from ${ACCOUNT} at ${REGISTRY}`, "send reinstate", `receipt ${HASH} within 5000`]);
  });

  it("turns a revert into the registry's sentence before the wallet is asked", async () => {
    const { ctx, calls } = fake({ revert: "BadgeRegistryUnknownClass" });
    const error = await writeRegistry(ctx, "retireBadgeClass", [7]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ kind: "reverted", code: "contract-reverted", errorName: "BadgeRegistryUnknownClass" });
    expect((error as Error).message).toMatch(/Badge class #7 does not exist/);
    expect(calls.some((c) => c.startsWith("send"))).toBe(false);
  });

  it("says so when the mined transaction reverted, or no account is connected", async () => {
    await expect(writeRegistry(fake({ receipt: "reverted" }).ctx, "reinstate", [3])).rejects.toMatchObject({
      code: "transaction-reverted",
      kind: "reverted",
    });
    const none = fake({ account: false });
    await expect(writeRegistry(none.ctx, "reinstate", [3])).rejects.toMatchObject({ code: "no-account" });
    expect(none.calls).toEqual([]);
  });
});

// Type level (checked by `tsc -p tsconfig.test.json`, which runs in `npm test`): the name and the
// arguments come from the generated ABI.
function typeChecks(ctx: WriteContext) {
  const uid = HASH;
  void writeRegistry(ctx, "revoke", [uid, 1, "Issued in error"]);
  void writeRegistry(ctx, "suspend", [1, "Audit pending"]);
  // @ts-expect-error not a function of the registry
  void writeRegistry(ctx, "accreditt", [1]);
  // @ts-expect-error a view function is not a write
  void writeRegistry(ctx, "getKeys", [1]);
  // @ts-expect-error the issuer id is a number (uint32), not a string
  void writeRegistry(ctx, "reinstate", ["1"]);
  // @ts-expect-error the reason is missing
  void writeRegistry(ctx, "suspend", [1]);
  // @ts-expect-error the uid is a bytes32 hex string
  void writeRegistry(ctx, "revoke", [42, 1, "x"]);
  const name: RegistryWriteName = "issueBatch";
  const args: RegistryWriteArgs<"reinstate"> = [1];
  return { name, args };
}
// Never called: only tsc reads it.
void typeChecks;
