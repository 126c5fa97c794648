// Badge uids and Merkle batches, exactly as the BadgeRegistry computes them.
//
//   uid = keccak256(bytes.concat(keccak256(abi.encode(uint32 issuerId, bytes32 credentialHash, address recipient))))
//
// i.e. an OpenZeppelin StandardMerkleTree leaf of ["uint32","bytes32","address"] (recipient = the
// learner's wallet, or the zero address for a badge known by e-mail only). The issuer is part of
// the uid so that no other issuer can record the same uid first or touch its status. A Merkle
// batch is StandardMerkleTree.of(values, LEAF_ENCODING, { sortLeaves: false }): leaves in call
// order; the contract builds the same tree on chain and stores its root.
import { SimpleMerkleTree, StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { encodeAbiParameters, keccak256, zeroAddress } from "viem";
import { ChanceryError } from "../documents/errors.ts";
import { type Address, type Bytes32, normalizeAddress, normalizeBytes32 } from "../ids.ts";

export const LEAF_ENCODING = ["uint32", "bytes32", "address"] as const;

export interface BatchEntry {
  credentialHash: string;
  /** The learner's wallet; omit (or null) for a badge without one. */
  recipient?: string | null;
}

export type BatchValue = [number, Bytes32, Address];

function value(issuerId: number, credentialHash: string, recipient?: string | null): BatchValue {
  if (!Number.isInteger(issuerId) || issuerId < 1 || issuerId > 0xffffffff) {
    throw new ChanceryError("invalid-input", `issuerId must be a registered issuer's id (1 to 4294967295); got ${String(issuerId)}.`);
  }
  return [
    issuerId,
    normalizeBytes32(credentialHash, "credentialHash", true),
    recipient ? normalizeAddress(recipient, "recipient") : zeroAddress,
  ];
}

/** The on-chain uid of an issuer's badge (= its Merkle leaf). */
export function assertionId(issuerId: number, credentialHash: string, recipient?: string | null): Bytes32 {
  const [issuer, hash, to] = value(issuerId, credentialHash, recipient);
  return keccak256(keccak256(encodeAbiParameters([{ type: "uint32" }, { type: "bytes32" }, { type: "address" }], [issuer, hash, to])));
}

/** The tree `issueMerkleBatch(classId, batchId, hashes, recipients, …)` of an issuer builds on chain, entries in call order. */
export function buildBatchTree(issuerId: number, entries: BatchEntry[]): StandardMerkleTree<BatchValue> {
  if (!Array.isArray(entries) || entries.length === 0) throw new ChanceryError("invalid-input", "A Merkle batch needs at least one badge.");
  return StandardMerkleTree.of(
    entries.map((e) => value(issuerId, e.credentialHash, e.recipient)),
    [...LEAF_ENCODING],
    { sortLeaves: false },
  );
}

/** The Merkle proof of the badge at `index` (its position in the call). */
export function proofFor(tree: StandardMerkleTree<BatchValue> | SimpleMerkleTree, index: number): Bytes32[] {
  if (!Number.isInteger(index) || index < 0 || index >= tree.length) {
    throw new ChanceryError("invalid-input", `No badge at index ${index}: the batch has ${tree.length} (indexes 0 to ${tree.length - 1}).`);
  }
  return tree.getProof(index) as Bytes32[];
}

/**
 * Rebuilds a batch's tree from its uids in leaf order (the order of its AssertionBatched
 * events), when the credential hashes and recipients are not at hand. The uids already are
 * the leaf hashes, so a SimpleMerkleTree over them (no sorting) has the same nodes and root.
 */
export function rebuildBatchTreeFromLeaves(uids: string[]): SimpleMerkleTree {
  if (!Array.isArray(uids) || uids.length === 0) throw new ChanceryError("invalid-input", "A Merkle batch has at least one uid.");
  return SimpleMerkleTree.of(
    uids.map((u, i) => normalizeBytes32(u, `uids[${i}]`, true)),
    { sortLeaves: false },
  );
}

/** Whether `proof` places `uid` in the batch whose root is `root` (same check as the contract). */
export function verifyBatchProof(root: string, uid: string, proof: string[]): boolean {
  return SimpleMerkleTree.verify(
    normalizeBytes32(root, "root"),
    normalizeBytes32(uid, "uid"),
    proof.map((p, i) => normalizeBytes32(p, `proof[${i}]`)),
  );
}
