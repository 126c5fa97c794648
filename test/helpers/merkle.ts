// Merkle batches as the issuer builds them off chain: OpenZeppelin's StandardMerkleTree over
// `(bytes32 credentialHash, address recipient)` leaves kept in call order (`sortLeaves: false`),
// which is exactly the tree BadgeRegistry.issueMerkleBatch computes on chain.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Address, Hex } from "viem";

export type BatchLeaf = [Hex, Address];

export interface BatchTree {
  tree: StandardMerkleTree<BatchLeaf>;
  root: Hex;
  /** uid of leaf `i` (= registry.assertionId(hash, recipient)). */
  uid(i: number): Hex;
  /** Merkle proof of leaf `i`. */
  proof(i: number): Hex[];
}

export function buildBatchTree(credentialHashes: readonly Hex[], recipients: readonly Address[]): BatchTree {
  if (credentialHashes.length !== recipients.length) throw new Error("buildBatchTree: length mismatch");
  const values: BatchLeaf[] = credentialHashes.map((hash, i) => [hash, recipients[i]]);
  const tree = StandardMerkleTree.of(values, ["bytes32", "address"], { sortLeaves: false });
  return {
    tree,
    root: tree.root as Hex,
    uid: (i) => tree.leafHash(values[i]) as Hex,
    proof: (i) => tree.getProof(i) as Hex[],
  };
}

/** The same proof with one bit of its first node flipped (or a bogus node for an empty proof). */
export function tamper(proof: readonly Hex[]): Hex[] {
  if (proof.length === 0) return [`0x${"11".repeat(32)}`];
  const first = BigInt(proof[0]) ^ 1n;
  return [`0x${first.toString(16).padStart(64, "0")}` as Hex, ...proof.slice(1)];
}
