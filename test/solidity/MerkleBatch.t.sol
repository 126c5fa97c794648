// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IBadgeRegistry} from "../../contracts/interfaces/IBadgeRegistry.sol";
import {AssertionStatus, MerkleBatch} from "../../contracts/Common.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice issueMerkleBatch builds on chain the same tree as OpenZeppelin's StandardMerkleTree
/// (`sortLeaves: false`), and its proofs place each badge in the batch.
contract MerkleBatchTest is RegistryTestBase {
    /// @dev The tree exactly as @openzeppelin/merkle-tree lays it out: 2n-1 nodes, leaf i at index
    /// (2n-2-i), node i = commutative hash of children 2i+1 and 2i+2.
    function buildTree(bytes32[] memory leaves) internal pure returns (bytes32[] memory tree) {
        uint256 n = leaves.length;
        tree = new bytes32[](2 * n - 1);
        for (uint256 i = 0; i < n; ++i) tree[tree.length - 1 - i] = leaves[i];
        for (uint256 j = tree.length - n; j > 0; --j) {
            uint256 i = j - 1;
            tree[i] = Hashes.commutativeKeccak256(tree[2 * i + 1], tree[2 * i + 2]);
        }
    }

    /// @dev @openzeppelin/merkle-tree's getProof for leaf number `k`.
    function proofOf(bytes32[] memory tree, uint256 k) internal pure returns (bytes32[] memory proof) {
        uint256 index = tree.length - 1 - k;
        uint256 depth = 0;
        for (uint256 i = index; i > 0; i = (i - 1) / 2) ++depth;
        proof = new bytes32[](depth);
        for (uint256 d = 0; index > 0; ++d) {
            proof[d] = tree[index % 2 == 1 ? index + 1 : index - 1];
            index = (index - 1) / 2;
        }
    }

    struct Batch {
        bytes32 batchId;
        bytes32[] hashes;
        address[] recipients;
        bytes32[] leaves;
        bytes32[] tree;
    }

    function makeBatch(uint256 n, bytes32 seed, uint256 zeroMask) internal view returns (Batch memory b) {
        b.batchId = keccak256(abi.encode("batch", seed));
        b.hashes = new bytes32[](n);
        b.recipients = new address[](n);
        b.leaves = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            b.hashes[i] = credentialAt(seed, i);
            b.recipients[i] = recipientAt(seed, i, zeroMask);
            b.leaves[i] = leafOf(b.hashes[i], b.recipients[i]);
        }
        b.tree = buildTree(b.leaves);
    }

    function testFuzz_MerkleRootMatchesOpenZeppelinTree(uint256 countSeed, bytes32 seed, uint256 zeroMask, uint40 expirySeed)
        public
    {
        uint256 n = bound(countSeed, 1, 64);
        uint40 expiresAt = expirySeed % 3 == 0 ? 0 : uint40(bound(expirySeed, block.timestamp + 1, type(uint40).max));
        Batch memory b = makeBatch(n, seed, zeroMask);

        bytes32 root = registry.issueMerkleBatch(classId, b.batchId, b.hashes, b.recipients, expiresAt);

        assertEq(root, b.tree[0], "root");
        MerkleBatch memory stored = registry.getBatch(b.batchId);
        assertEq(stored.root, root, "stored root");
        assertEq(stored.classId, classId, "class");
        assertEq(stored.count, n, "count");
        assertEq(stored.issuedAt, block.timestamp, "issuedAt");
        assertEq(stored.issuedBlock, block.number, "issuedBlock");
        assertEq(stored.expiresAt, expiresAt, "expiresAt");
        for (uint256 i = 0; i < n; ++i) {
            assertEq(registry.assertionId(issuerId, b.hashes[i], b.recipients[i]), b.leaves[i], "uid is the OZ leaf");
        }
    }

    function testFuzz_ProofsOfRandomLeavesVerify(uint256 countSeed, bytes32 seed, uint256 zeroMask, uint256 pick, bytes32 key)
        public
    {
        uint256 n = bound(countSeed, 1, 64);
        Batch memory b = makeBatch(n, seed, zeroMask);
        bytes32 root = registry.issueMerkleBatch(classId, b.batchId, b.hashes, b.recipients, 0);

        // Every leaf with its proof, and a random one with its key.
        for (uint256 k = 0; k < n; ++k) {
            bytes32[] memory proof = proofOf(b.tree, k);
            assertTrue(MerkleProof.verify(proof, root, b.leaves[k]), "OpenZeppelin MerkleProof accepts the proof");
            AssertionStatus memory s = registry.verifyAssertion(b.leaves[k], b.batchId, proof, bytes32(0));
            assertStatus(s, classId, block.timestamp, 0);
            assertEq(s.batchId, b.batchId, "batchId");
            assertTrue(!s.keyValidAtIssue, "no key asked");
        }
        uint256 j = pick % n;
        if (key != bytes32(0)) {
            AssertionStatus memory s = registry.verifyAssertion(b.leaves[j], b.batchId, proofOf(b.tree, j), key);
            assertTrue(s.exists && !s.keyValidAtIssue, "an unregistered key is not valid at issue");
        }
        // The batch's badges are not recorded one by one.
        assertTrue(!registry.getAssertion(b.leaves[j]).exists, "batched badge unknown to getAssertion");
    }

    function testFuzz_TamperedProofDoesNotVerify(
        uint256 countSeed,
        bytes32 seed,
        uint256 zeroMask,
        uint256 pick,
        uint256 position,
        uint8 bit
    ) public {
        uint256 n = bound(countSeed, 1, 64);
        Batch memory b = makeBatch(n, seed, zeroMask);
        registry.issueMerkleBatch(classId, b.batchId, b.hashes, b.recipients, 0);
        uint256 k = pick % n;
        bytes32[] memory proof = proofOf(b.tree, k);
        bytes32 flip = bytes32(uint256(1) << bit);

        bytes32[] memory tampered;
        if (proof.length == 0) {
            tampered = new bytes32[](1);
            tampered[0] = flip;
        } else {
            tampered = proof;
            tampered[position % proof.length] ^= flip;
        }
        AssertionStatus memory s = registry.verifyAssertion(b.leaves[k], b.batchId, tampered, bytes32(0));
        assertTrue(!s.exists, "a tampered proof does not verify");
        assertEq(s.issuedAt, 0, "nothing disclosed");

        // A tampered leaf with the genuine proof does not verify either, nor does the leaf in an unknown batch.
        proof = proofOf(b.tree, k);
        assertTrue(!registry.verifyAssertion(b.leaves[k] ^ flip, b.batchId, proof, bytes32(0)).exists, "tampered leaf");
        assertTrue(!registry.verifyAssertion(b.leaves[k], b.batchId ^ flip, proof, bytes32(0)).exists, "unknown batch");

        // And the registry refuses to revoke with the tampered proof.
        vm.expectRevert(
            abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryInvalidProof.selector, b.batchId, b.leaves[k])
        );
        registry.revokeBatched(b.batchId, b.leaves[k], tampered, 1, "tampered");
    }
}
