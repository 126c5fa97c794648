// Badge uids and Merkle batches, exactly as the BadgeRegistry computes them.
//
//   uid  = keccak256(bytes.concat(keccak256(abi.encode(uint32 issuerId, bytes32 credentialHash, address recipient))))
//   leaf = keccak256(bytes.concat(keccak256(abi.encode(bytes32 uid))))
//
// The uid is an OpenZeppelin StandardMerkleTree leaf of UID_ENCODING (recipient = the learner's
// wallet, or the zero address for a badge known by e-mail only); the issuer is part of it so that
// no other issuer can record the same uid first or touch its status. A Merkle batch is
// StandardMerkleTree.of(uids.map((uid) => [uid]), LEAF_ENCODING, { sortLeaves: false }): leaves in
// call order, each the hash of a uid, never the uid itself, so an inner node (a 64-byte preimage)
// or the root can never be presented as a badge. The contract builds the same tree and stores its
// root under merkleBatchId(issuerId, batchKey), the id each credential of the batch names.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { encodeAbiParameters, keccak256, toHex, zeroAddress } from "viem";
import { ChanceryError } from "../documents/errors.ts";
import { type Address, type Bytes32, normalizeAddress, normalizeBytes32 } from "../ids.ts";

/** What a badge's uid hashes. */
export const UID_ENCODING = ["uint32", "bytes32", "address"] as const;
/** What a Merkle batch's leaf hashes: the badge's uid. */
export const LEAF_ENCODING = ["bytes32"] as const;

/** A Merkle batch's tree: one `[uid]` value per badge, in call order. */
export type BatchTree = StandardMerkleTree<[Bytes32]>;

export interface BatchEntry {
  credentialHash: string;
  /** The learner's wallet; omit (or null) for a badge without one. */
  recipient?: string | null;
}

export type BatchValue = [number, Bytes32, Address];

function checkIssuerId(issuerId: number): number {
  if (!Number.isInteger(issuerId) || issuerId < 1 || issuerId > 0xffffffff) {
    throw new ChanceryError("invalid-input", `issuerId must be a registered issuer's id (1 to 4294967295); got ${String(issuerId)}.`);
  }
  return issuerId;
}

function value(issuerId: number, credentialHash: string, recipient?: string | null): BatchValue {
  return [
    checkIssuerId(issuerId),
    normalizeBytes32(credentialHash, "credentialHash", true),
    recipient ? normalizeAddress(recipient, "recipient") : zeroAddress,
  ];
}

/** The on-chain uid of an issuer's badge. */
export function assertionId(issuerId: number, credentialHash: string, recipient?: string | null): Bytes32 {
  const [issuer, hash, to] = value(issuerId, credentialHash, recipient);
  return keccak256(keccak256(encodeAbiParameters([{ type: "uint32" }, { type: "bytes32" }, { type: "address" }], [issuer, hash, to])));
}

/**
 * The id a Merkle batch is stored under (and every credential of it names): the issuer's id and
 * the batch key it sends, so the issuer's client knows it before sending and no other issuer can
 * take it by copying the transaction.
 */
export function merkleBatchId(issuerId: number, batchKey: string): Bytes32 {
  const key = normalizeBytes32(batchKey, "batchKey", true);
  return keccak256(encodeAbiParameters([{ type: "uint32" }, { type: "bytes32" }], [checkIssuerId(issuerId), key]));
}

/** A fresh random batch key (32 bytes from the platform's CSPRNG). */
export function randomBatchKey(): Bytes32 {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/** The Merkle leaf of a uid inside a batch. */
export function merkleLeaf(uid: string): Bytes32 {
  return keccak256(keccak256(encodeAbiParameters([{ type: "bytes32" }], [normalizeBytes32(uid, "uid", true)])));
}

function treeOf(uids: Bytes32[]): BatchTree {
  return StandardMerkleTree.of(
    uids.map((uid): [Bytes32] => [uid]),
    [...LEAF_ENCODING],
    { sortLeaves: false },
  );
}

/** The tree `issueMerkleBatch(classId, batchKey, hashes, recipients, …)` of an issuer builds on chain, entries in call order. */
export function buildBatchTree(issuerId: number, entries: BatchEntry[]): BatchTree {
  if (!Array.isArray(entries) || entries.length === 0) throw new ChanceryError("invalid-input", "A Merkle batch needs at least one badge.");
  return treeOf(entries.map((e) => assertionId(issuerId, e.credentialHash, e.recipient)));
}

/** The Merkle proof of the badge at `index` (its position in the call). */
export function proofFor(tree: BatchTree, index: number): Bytes32[] {
  if (!Number.isInteger(index) || index < 0 || index >= tree.length) {
    throw new ChanceryError("invalid-input", `No badge at index ${index}: the batch has ${tree.length} (indexes 0 to ${tree.length - 1}).`);
  }
  return tree.getProof(index) as Bytes32[];
}

/**
 * Rebuilds a batch's tree from its uids in leaf order (the order of its AssertionBatched
 * events), when the credential hashes and recipients are not at hand.
 */
export function rebuildBatchTreeFromLeaves(uids: string[]): BatchTree {
  if (!Array.isArray(uids) || uids.length === 0) throw new ChanceryError("invalid-input", "A Merkle batch has at least one uid.");
  return treeOf(uids.map((u, i) => normalizeBytes32(u, `uids[${i}]`, true)));
}

/** Whether `proof` places the badge `uid` in the batch whose root is `root` (same check as the contract). */
export function verifyBatchProof(root: string, uid: string, proof: string[]): boolean {
  return StandardMerkleTree.verify(
    normalizeBytes32(root, "root"),
    [...LEAF_ENCODING],
    [normalizeBytes32(uid, "uid")],
    proof.map((p, i) => normalizeBytes32(p, `proof[${i}]`)),
  );
}
