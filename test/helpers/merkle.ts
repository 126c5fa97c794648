// Merkle batches as the issuer builds them off chain, through the sdk (the one implementation of
// the leaf encoding): one leaf per uid (`(uint32 issuerId, bytes32 credentialHash, address recipient)`)
// in call order, exactly the tree BadgeRegistry.issueMerkleBatch computes on chain.

import { merkleBatchId, merkleLeaf, proofFor, buildBatchTree as sdkBatchTree } from "@chancery/sdk/anchor";
import type { Address, Hex } from "viem";
import { ISSUER } from "./fixtures.js";

export interface BatchTree {
  root: Hex;
  /** uid of badge `i` (= registry.assertionId(issuerId, hash, recipient)). */
  uid(i: number): Hex;
  /** The tree's leaf of badge `i` (the hash of its uid). */
  leaf(i: number): Hex;
  /** Every node of the tree, root first (OpenZeppelin's layout). */
  nodes(): Hex[];
  /** Merkle proof of leaf `i`. */
  proof(i: number): Hex[];
}

export function buildBatchTree(credentialHashes: readonly Hex[], recipients: readonly Address[], issuerId: number = ISSUER): BatchTree {
  if (credentialHashes.length !== recipients.length) throw new Error("buildBatchTree: length mismatch");
  const tree = sdkBatchTree(
    issuerId,
    credentialHashes.map((credentialHash, i) => ({ credentialHash, recipient: recipients[i] })),
  );
  return {
    root: tree.root as Hex,
    uid: (i) => tree.at(i)![0],
    leaf: (i) => merkleLeaf(tree.at(i)![0]),
    nodes: () => tree.dump().tree as Hex[],
    proof: (i) => proofFor(tree, i),
  };
}

/** The same proof with one bit of its first node flipped (or a bogus node for an empty proof). */
export function tamper(proof: readonly Hex[]): Hex[] {
  if (proof.length === 0) return [`0x${"11".repeat(32)}`];
  const first = BigInt(proof[0]) ^ 1n;
  return [`0x${first.toString(16).padStart(64, "0")}` as Hex, ...proof.slice(1)];
}

/** The stored id of an issuer's batch sent with `batchKey` (= registry.merkleBatchId(issuerId, batchKey)). */
export function batchIdOf(batchKey: Hex, issuerId: number = ISSUER): Hex {
  return merkleBatchId(issuerId, batchKey);
}
