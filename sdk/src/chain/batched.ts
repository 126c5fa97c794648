// A badge recorded inside a Merkle batch: the chain stores only the batch's root, so its proof is
// rebuilt from the batch's leaves (its AssertionBatched events). The rebuilt root must equal the
// stored one before the proof is used: leaves that do not rebuild it were read wrongly (or served
// by a node that lies), and nothing built from them can be trusted.
import type { Hex } from "viem";
import { proofFor, rebuildBatchTreeFromLeaves } from "../anchor/merkle.ts";
import { ChanceryError } from "../errors.ts";
import { type AssertionStatus, type BatchOnChain, type RegistryContext, readAssertionStatus, readBatch } from "./registry.ts";

/** The leaves of a batch, as read from its events, do not rebuild the root the registry stores. */
export class BatchRootMismatchError extends ChanceryError {
  readonly batchId: Hex;
  readonly root: Hex;
  readonly rebuiltRoot: string;
  constructor(batchId: Hex, root: Hex, rebuiltRoot: string) {
    super(
      "batch-root-mismatch",
      `The leaves of Merkle batch ${batchId} rebuild root ${rebuiltRoot}, not the root ${root} the registry stores: the batch's events were read wrongly, so no badge of it can be checked.`,
      {
        kind: "invalid-badge",
      },
    );
    this.name = "BatchRootMismatchError";
    this.batchId = batchId;
    this.root = root;
    this.rebuiltRoot = rebuiltRoot;
  }
}

export type BatchedProof = {
  batch: BatchOnChain;
  /** The badge's leaf index in the batch (also the index of its recipient in `batch.recipients`). */
  index: number;
  proof: Hex[];
};

export type BatchedStatus = BatchedProof & { status: AssertionStatus };

/**
 * Where `uid` sits in `batch`, with its Merkle proof; undefined when it is not one of the batch's
 * leaves. Throws BatchRootMismatchError when the leaves do not rebuild the batch's root.
 */
export function proofInBatch(batch: BatchOnChain, uid: Hex): BatchedProof | undefined {
  const index = batch.uids.findIndex((leaf) => leaf.toLowerCase() === uid.toLowerCase());
  if (index < 0) return undefined;
  const tree = rebuildBatchTreeFromLeaves(batch.uids);
  if (tree.root.toLowerCase() !== batch.root.toLowerCase()) throw new BatchRootMismatchError(batch.batchId, batch.root, tree.root);
  return { batch, index, proof: proofFor(tree, index) };
}

/**
 * A batched badge's status through one `verifyAssertion` call with its rebuilt proof (and, if
 * given, the key that signed it). Reads the batch unless the caller already has it. Undefined when
 * the badge is not one of the batch's leaves; throws BatchRootMismatchError as `proofInBatch`.
 */
export async function readBatchedStatus(
  ctx: RegistryContext,
  query: { uid: Hex; batchId: Hex; publicKey?: Hex },
  batch?: BatchOnChain,
): Promise<BatchedStatus | undefined> {
  const found = proofInBatch(batch ?? (await readBatch(ctx, query.batchId)), query.uid);
  if (!found) return undefined;
  const status = await readAssertionStatus(ctx, { uid: query.uid, batchId: query.batchId, proof: found.proof, publicKey: query.publicKey });
  return { ...found, status };
}
