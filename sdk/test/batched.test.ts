// The one batched read: a badge's place in a Merkle batch, its proof rebuilt from the batch's
// leaves and checked against the stored root before the chain is asked about it.

import { type Hex, keccak256, type PublicClient, toHex, zeroAddress, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import { rebuildBatchTreeFromLeaves, verifyBatchProof } from "../src/anchor/merkle.ts";
import { BatchRootMismatchError, proofInBatch, readBatchedStatus } from "../src/chain/batched.ts";
import type { BatchOnChain, RegistryContext } from "../src/chain/registry.ts";

const leaf = (n: number) => keccak256(toHex(`badge ${n}`));
const UIDS = [leaf(1), leaf(2), leaf(3)];
const BATCH_ID = keccak256(toHex("batch"));
const REGISTRY = "0x00000000000000000000000000000000000000b1";

function batchOf(uids: Hex[], root: Hex = rebuildBatchTreeFromLeaves(uids).root as Hex): BatchOnChain {
  return {
    batchId: BATCH_ID,
    root,
    classId: 1,
    count: uids.length,
    issuedAt: 1,
    issuedBlock: 7n,
    expiresAt: undefined,
    uids,
    recipients: uids.map(() => zeroAddress),
  };
}

/** A chain that answers verifyAssertion with a recorded badge and remembers what it was asked. */
function fakeChain() {
  const calls: { functionName: string; args: readonly unknown[] }[] = [];
  const client = {
    async readContract(request: { functionName: string; args: readonly unknown[] }) {
      calls.push(request);
      const [, batchId] = request.args as [Hex, Hex];
      return {
        exists: true,
        issuerId: 1,
        issuerStatus: 2,
        classId: 1,
        classHash: zeroHash,
        classRetired: false,
        batchId,
        issuedAt: 1,
        issuedBlock: 7,
        expiresAt: 0,
        revokedAt: 0,
        revokedBlock: 0,
        revocationReason: 0,
        erased: false,
        keyValidAtIssue: false,
      };
    },
  };
  const ctx: RegistryContext = { client: client as unknown as PublicClient, registry: REGISTRY };
  return { ctx, calls };
}

describe("proofInBatch", () => {
  it("gives the leaf index and a proof that places the badge under the batch's root", () => {
    const batch = batchOf(UIDS);
    const found = proofInBatch(batch, `0x${UIDS[2]!.slice(2).toUpperCase()}`); // hex case does not matter
    expect(found?.index).toBe(2);
    expect(verifyBatchProof(batch.root, UIDS[2]!, found!.proof)).toBe(true);
  });

  it("says undefined for a badge that is not one of the batch's leaves", () => {
    expect(proofInBatch(batchOf(UIDS), leaf(9))).toBeUndefined();
  });

  it("refuses leaves that do not rebuild the stored root", () => {
    const batch = batchOf(UIDS, rebuildBatchTreeFromLeaves([leaf(1), leaf(2), leaf(4)]).root as Hex);
    expect(() => proofInBatch(batch, UIDS[0]!)).toThrow(BatchRootMismatchError);
  });
});

describe("readBatchedStatus", () => {
  it("asks verifyAssertion once, with the rebuilt proof", async () => {
    const { ctx, calls } = fakeChain();
    const found = await readBatchedStatus(ctx, { uid: UIDS[1]!, batchId: BATCH_ID }, batchOf(UIDS));
    expect(found?.status.exists).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ functionName: "verifyAssertion", args: [UIDS[1], BATCH_ID, found!.proof, zeroHash] });
  });

  it("fails on a root mismatch before the chain is asked about the badge", async () => {
    const { ctx, calls } = fakeChain();
    const tampered = batchOf([UIDS[0]!, UIDS[1]!, leaf(4)], rebuildBatchTreeFromLeaves(UIDS).root as Hex);
    const read = readBatchedStatus(ctx, { uid: UIDS[0]!, batchId: BATCH_ID }, tampered);
    await expect(read).rejects.toBeInstanceOf(BatchRootMismatchError);
    await expect(read).rejects.toThrow(/rebuild root 0x[0-9a-f]+, not the root/);
    expect(calls).toHaveLength(0);
  });

  it("says undefined, without asking the chain, for a badge outside the batch", async () => {
    const { ctx, calls } = fakeChain();
    expect(await readBatchedStatus(ctx, { uid: leaf(9), batchId: BATCH_ID }, batchOf(UIDS))).toBeUndefined();
    expect(calls).toHaveLength(0);
  });
});
