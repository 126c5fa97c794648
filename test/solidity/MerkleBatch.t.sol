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

    /// @dev The proof of any node (leaf or inner) at tree index `index`.
    function proofOfNode(bytes32[] memory tree, uint256 index) internal pure returns (bytes32[] memory proof) {
        uint256 depth = 0;
        for (uint256 i = index; i > 0; i = (i - 1) / 2) ++depth;
        proof = new bytes32[](depth);
        for (uint256 d = 0; index > 0; ++d) {
            proof[d] = tree[index % 2 == 1 ? index + 1 : index - 1];
            index = (index - 1) / 2;
        }
    }

    struct Batch {
        bytes32 batchKey;
        bytes32 batchId;
        bytes32[] hashes;
        address[] recipients;
        bytes32[] uids;
        bytes32[] leaves;
        bytes32[] tree;
    }

    function makeBatch(uint256 n, bytes32 seed, uint256 zeroMask) internal view returns (Batch memory b) {
        b.batchKey = keccak256(abi.encode("batch", seed));
        b.batchId = batchIdOf(issuerId, b.batchKey);
        b.hashes = new bytes32[](n);
        b.recipients = new address[](n);
        b.uids = new bytes32[](n);
        b.leaves = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            b.hashes[i] = credentialAt(seed, i);
            b.recipients[i] = recipientAt(seed, i, zeroMask);
            b.uids[i] = leafOf(b.hashes[i], b.recipients[i]);
            b.leaves[i] = merkleLeafOf(b.uids[i]);
        }
        b.tree = buildTree(b.leaves);
    }

    function testFuzz_MerkleRootMatchesOpenZeppelinTree(uint256 countSeed, bytes32 seed, uint256 zeroMask, uint40 expirySeed)
        public
    {
        uint256 n = bound(countSeed, 1, 64);
        uint40 expiresAt = expirySeed % 3 == 0 ? 0 : uint40(bound(expirySeed, block.timestamp + 1, MAX_TIME));
        Batch memory b = makeBatch(n, seed, zeroMask);

        bytes32 root = registry.issueMerkleBatch(classId, b.batchKey, b.hashes, b.recipients, expiresAt);

        assertEq(root, b.tree[0], "root");
        MerkleBatch memory stored = registry.getBatch(b.batchId);
        assertEq(stored.root, root, "stored root");
        assertEq(stored.classId, classId, "class");
        assertEq(stored.count, n, "count");
        assertEq(stored.issuedAt, block.timestamp, "issuedAt");
        assertEq(stored.issuedBlock, block.number, "issuedBlock");
        assertEq(stored.expiresAt, expiresAt, "expiresAt");
        for (uint256 i = 0; i < n; ++i) {
            assertEq(registry.assertionId(issuerId, b.hashes[i], b.recipients[i]), b.uids[i], "uid is the OZ leaf of the badge");
        }
    }

    function testFuzz_ProofsOfRandomLeavesVerify(uint256 countSeed, bytes32 seed, uint256 zeroMask, uint256 pick, bytes32 key)
        public
    {
        uint256 n = bound(countSeed, 1, 64);
        Batch memory b = makeBatch(n, seed, zeroMask);
        bytes32 root = registry.issueMerkleBatch(classId, b.batchKey, b.hashes, b.recipients, 0);

        // Every leaf with its proof, and a random one with its key.
        for (uint256 k = 0; k < n; ++k) {
            bytes32[] memory proof = proofOf(b.tree, k);
            assertTrue(MerkleProof.verify(proof, root, b.leaves[k]), "OpenZeppelin MerkleProof accepts the proof");
            AssertionStatus memory s = registry.verifyAssertion(b.uids[k], b.batchId, proof, bytes32(0));
            assertStatus(s, classId, block.timestamp, 0);
            assertEq(s.batchId, b.batchId, "batchId");
            assertTrue(!s.keyValidAtIssue, "no key asked");
        }
        uint256 j = pick % n;
        if (key != bytes32(0)) {
            AssertionStatus memory s = registry.verifyAssertion(b.uids[j], b.batchId, proofOf(b.tree, j), key);
            assertTrue(s.exists && !s.keyValidAtIssue, "an unregistered key is not valid at issue");
        }
        // The batch's badges are not recorded one by one.
        assertTrue(!registry.getAssertion(b.uids[j]).exists, "batched badge unknown to getAssertion");
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
        registry.issueMerkleBatch(classId, b.batchKey, b.hashes, b.recipients, 0);
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
        AssertionStatus memory s = registry.verifyAssertion(b.uids[k], b.batchId, tampered, bytes32(0));
        assertTrue(!s.exists, "a tampered proof does not verify");
        assertEq(s.issuedAt, 0, "nothing disclosed");

        // A tampered leaf with the genuine proof does not verify either, nor does the leaf in an unknown batch.
        proof = proofOf(b.tree, k);
        assertTrue(!registry.verifyAssertion(b.uids[k] ^ flip, b.batchId, proof, bytes32(0)).exists, "tampered leaf");
        assertTrue(!registry.verifyAssertion(b.uids[k], b.batchId ^ flip, proof, bytes32(0)).exists, "unknown batch");

        // And the registry refuses to revoke with the tampered proof.
        vm.expectRevert(
            abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryInvalidProof.selector, b.batchId, b.uids[k])
        );
        registry.revokeBatched(b.batchId, b.uids[k], tampered, 1, "tampered");
    }

    /// @notice No inner node, nor the root, of a batch passes for a badge: not to the verifier, not to
    /// revocation or erasure, whatever proof comes with it (its genuine sub-proof included).
    function testFuzz_InnerNodesAreNeverBadges(uint256 countSeed, bytes32 seed, uint256 zeroMask, uint256 pick) public {
        uint256 n = bound(countSeed, 2, 64);
        Batch memory b = makeBatch(n, seed, zeroMask);
        registry.issueMerkleBatch(classId, b.batchKey, b.hashes, b.recipients, 0);
        uint256 index = pick % (n - 1); // inner nodes are tree[0 .. n-2], the root first
        bytes32 node = b.tree[index];
        bytes32[] memory proof = proofOfNode(b.tree, index);
        assertTrue(MerkleProof.verify(proof, b.tree[0], node), "the node's genuine sub-proof");
        assertTrue(!registry.verifyAssertion(node, b.batchId, proof, bytes32(0)).exists, "an inner node is not a badge");
        vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryInvalidProof.selector, b.batchId, node));
        registry.revokeBatched(b.batchId, node, proof, 1, "");
        vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryInvalidProof.selector, b.batchId, node));
        registry.erase(node, b.batchId, proof);
    }

    /// @notice A rival issuer that copies a batch's key (from a pending transaction) gets a batch of its own;
    /// the genuine batch lands after it, under the id its credentials name.
    function testFuzz_BatchIdsAreNamespacedByIssuer(bytes32 seed, uint256 countSeed) public {
        uint256 n = bound(countSeed, 1, 16);
        Batch memory b = makeBatch(n, seed, 0);
        address rival = address(uint160(uint256(keccak256(abi.encode("rival", seed)))));
        vm.assume(rival != address(this) && rival != address(0));
        vm.startPrank(rival);
        uint32 rivalIssuer = registry.registerIssuer('{"name":"rival"}');
        uint32 rivalClass = registry.createBadgeClass(rivalIssuer, '{"name":"copy"}');
        registry.issueMerkleBatch(rivalClass, b.batchKey, b.hashes, b.recipients, 0);
        vm.stopPrank();
        assertTrue(batchIdOf(rivalIssuer, b.batchKey) != b.batchId, "the rival's batch has its own id");
        assertEq(registry.getBatch(batchIdOf(rivalIssuer, b.batchKey)).classId, rivalClass, "rival batch");

        bytes32 root = registry.issueMerkleBatch(classId, b.batchKey, b.hashes, b.recipients, 0);
        assertEq(registry.merkleBatchId(issuerId, b.batchKey), b.batchId, "the id the issuer's client computed");
        MerkleBatch memory stored = registry.getBatch(b.batchId);
        assertEq(stored.root, root, "genuine root");
        assertEq(stored.classId, classId, "genuine class");
        assertEq(registry.verifyAssertion(b.uids[0], b.batchId, proofOf(b.tree, 0), bytes32(0)).issuerId, issuerId, "genuine issuer");
    }
}
