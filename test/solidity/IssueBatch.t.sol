// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBadgeRegistry} from "../../contracts/interfaces/IBadgeRegistry.sol";
import {AssertionStatus} from "../../contracts/Common.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice issueBatch records every badge of random batches, and getAssertion reports each one.
contract IssueBatchTest is RegistryTestBase {
    function testFuzz_EveryBadgeOfABatchIsReported(
        uint256 countSeed,
        bytes32 seed,
        uint256 zeroMask,
        uint40 expirySeed,
        uint256 timeSeed,
        bool secondClass
    ) public {
        vm.warp(bound(timeSeed, START, START + 10 * 365 days));
        uint32 cls = secondClass ? registry.createBadgeClass(issuerId, '{"name":"second"}') : classId;
        uint256 n = bound(countSeed, 1, 40);
        uint40 expiresAt = expirySeed % 3 == 0 ? 0 : uint40(bound(expirySeed, block.timestamp + 1, MAX_TIME));
        bytes32[] memory hashes = new bytes32[](n);
        address[] memory recipients = new address[](n);
        for (uint256 i = 0; i < n; ++i) {
            hashes[i] = credentialAt(seed, i);
            recipients[i] = recipientAt(seed, i, zeroMask);
        }

        uint32 first = registry.nextStatusIndex(cls);
        registry.issueBatch(cls, first, hashes, recipients, expiresAt, new bytes[](0));
        assertEq(registry.nextStatusIndex(cls), first + n, "the cursor moved past the batch");

        for (uint256 i = 0; i < n; ++i) {
            bytes32 uid = registry.assertionId(issuerId, hashes[i], recipients[i]);
            assertEq(uid, leafOf(hashes[i], recipients[i]), "uid");
            AssertionStatus memory s = registry.getAssertion(uid);
            assertStatus(s, cls, block.timestamp, expiresAt);
            assertEq(s.issuedBlock, block.number, "issuedBlock");
            assertEq(s.statusIndex, first + i, "contiguous status indexes");
            assertEq(s.batchId, bytes32(0), "no batch id");
            assertEq(s.revokedAt, 0, "not revoked");
            assertTrue(!s.erased, "not erased");
        }

        // Any badge of the batch is now taken.
        uint256 k = uint256(seed) % n;
        bytes32 takenUid = leafOf(hashes[k], recipients[k]);
        vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryAssertionExists.selector, takenUid));
        registry.issue(cls, uint32(first + n), hashes[k], recipients[k], 0);
    }

    function testFuzz_PastExpiryIsRejected(uint40 expiresAt, uint256 timeSeed) public {
        vm.warp(bound(timeSeed, START, MAX_TIME));
        expiresAt = uint40(bound(expiresAt, 1, block.timestamp));
        bytes32[] memory hashes = new bytes32[](1);
        address[] memory recipients = new address[](1);
        hashes[0] = keccak256("h");
        vm.expectRevert(
            abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryInvalidExpiry.selector, expiresAt, block.timestamp)
        );
        registry.issueBatch(classId, 0, hashes, recipients, expiresAt, new bytes[](0));
    }

    function testFuzz_LengthMismatchIsRejected(uint256 hashCount, uint256 recipientCount) public {
        hashCount = bound(hashCount, 1, 20);
        recipientCount = bound(recipientCount, 0, 20);
        if (recipientCount == hashCount) recipientCount = hashCount + 1;
        bytes32[] memory hashes = new bytes32[](hashCount);
        for (uint256 i = 0; i < hashCount; ++i) hashes[i] = credentialAt(0, i);
        vm.expectRevert(
            abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryLengthMismatch.selector, hashCount, recipientCount)
        );
        registry.issueBatch(classId, 0, hashes, new address[](recipientCount), 0, new bytes[](0));
    }

    function testFuzz_AStaleStatusIndexIsRejected(uint32 given, uint256 countSeed) public {
        uint256 n = bound(countSeed, 0, 5);
        for (uint256 i = 0; i < n; ++i) registry.issue(classId, uint32(i), credentialAt(bytes32("stale"), i), address(0), 0);
        vm.assume(given != n);
        bytes32[] memory hashes = new bytes32[](1);
        hashes[0] = keccak256("h");
        vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryStaleStatusIndex.selector, classId, given, uint32(n)));
        registry.issueBatch(classId, given, hashes, new address[](1), 0, new bytes[](0));
        vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryStaleStatusIndex.selector, classId, given, uint32(n)));
        registry.issue(classId, given, hashes[0], address(0), 0);
    }
}
