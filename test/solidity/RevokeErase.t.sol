// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBadgeRegistry} from "../../contracts/interfaces/IBadgeRegistry.sol";
import {AssertionStatus} from "../../contracts/Common.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice Random sequences of revoke / erase / erase-as-recipient / suspension / time on one badge
/// (recorded on its own or inside a Merkle batch). Invariants after every step: the badge still exists,
/// `revokedAt` and the reason never change once set, erased never goes back to false, issue data never moves.
contract RevokeEraseTest is RegistryTestBase {
    address internal constant RECIPIENT = address(0xBEEF);
    bytes32 internal constant CREDENTIAL = keccak256("credential:recipient");

    struct Badge {
        bytes32 uid;
        bytes32 batchId;
        bytes32[] proof;
    }

    struct Model {
        uint40 revokedAt;
        uint8 reason;
        bool erased;
        bool suspended;
        uint256 issuedAt;
    }

    function _issue(bool batched, bytes32 seed) internal returns (Badge memory b) {
        b.uid = leafOf(CREDENTIAL, RECIPIENT);
        if (!batched) {
            registry.issue(classId, registry.nextStatusIndex(classId), CREDENTIAL, RECIPIENT, 0);
            b.proof = new bytes32[](0);
            return b;
        }
        bytes32[] memory hashes = new bytes32[](2);
        address[] memory recipients = new address[](2);
        hashes[0] = CREDENTIAL;
        recipients[0] = RECIPIENT;
        hashes[1] = credentialAt(seed, 1);
        recipients[1] = recipientAt(seed, 1, 0);
        bytes32 batchKey = keccak256(abi.encode("batch", seed));
        b.batchId = batchIdOf(issuerId, batchKey);
        registry.issueMerkleBatch(classId, batchKey, hashes, recipients, 0);
        b.proof = new bytes32[](1);
        b.proof[0] = merkleLeafOf(leafOf(hashes[1], recipients[1]));
    }

    function _status(Badge memory b) internal view returns (AssertionStatus memory) {
        return registry.verifyAssertion(b.uid, b.batchId, b.proof, bytes32(0));
    }

    function _revoke(Badge memory b, uint8 code, string memory reason) internal {
        if (b.batchId == bytes32(0)) registry.revoke(b.uid, code, reason);
        else registry.revokeBatched(b.batchId, b.uid, b.proof, code, reason);
    }

    function testFuzz_RevocationAndErasureAreFinal(uint256 ops, uint256 args, bool batched, bytes32 seed) public {
        Badge memory b = _issue(batched, seed);
        Model memory m;
        m.issuedAt = block.timestamp;

        for (uint256 step = 0; step < 20; ++step) {
            uint256 op = (ops >> (step * 3)) & 7;
            uint256 arg = uint256(keccak256(abi.encode(args, step)));
            if (op <= 1) {
                // op 0 with words, op 1 with a code only: an erased badge takes a code only.
                uint8 code = uint8(arg % 6);
                bool refused = m.revokedAt != 0 || (m.erased && op == 0);
                if (m.revokedAt != 0) {
                    vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryAlreadyRevoked.selector, b.uid));
                } else if (refused) {
                    vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryErasedReasonText.selector, b.uid));
                }
                _revoke(b, code, op == 0 ? "fuzz" : "");
                if (!refused) {
                    m.revokedAt = uint40(block.timestamp);
                    m.reason = code;
                }
            } else if (op == 2) {
                if (m.erased) {
                    vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryAlreadyErased.selector, b.uid));
                }
                registry.erase(b.uid, b.batchId, b.proof);
                m.erased = true;
            } else if (op == 3) {
                vm.prank(RECIPIENT);
                if (m.erased) {
                    vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryAlreadyErased.selector, b.uid));
                }
                registry.eraseAsRecipient(issuerId, CREDENTIAL, b.batchId, b.proof);
                m.erased = true;
            } else if (op == 4) {
                // Suspension neither blocks revocation or erasure nor changes them.
                if (m.suspended) registry.reinstate(issuerId);
                else registry.suspend(issuerId, "fuzz");
                m.suspended = !m.suspended;
            } else if (op == 5) {
                uint8 code = uint8(bound(arg, 6, 255));
                vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryInvalidReason.selector, code));
                _revoke(b, code, "");
            } else {
                vm.warp(block.timestamp + bound(arg, 1, 400 days));
            }

            AssertionStatus memory s = _status(b);
            assertTrue(s.exists, "the badge still exists");
            assertEq(s.issuedAt, m.issuedAt, "issuedAt never moves");
            assertEq(s.revokedAt, m.revokedAt, "revokedAt never changes once set");
            assertEq(uint8(s.revocationReason), m.reason, "the reason never changes once set");
            assertTrue(s.erased == m.erased, "erased never goes back");
            assertEq(s.batchId, b.batchId, "batch id");
        }
    }

    /// @notice Whatever another issuer does with a copy of the badge's credential (a Merkle batch of its own,
    /// a badge recorded on its own), it gets its own uid and the original badge's status never changes.
    function testFuzz_OtherAnchorsOfTheSameUidNeverTouchTheBadge(bool batched, bytes32 seed, uint256 ops) public {
        Badge memory b = _issue(batched, seed);
        AssertionStatus memory before = _status(b);

        address attacker = address(uint160(uint256(keccak256(abi.encode("attacker", seed)))));
        vm.assume(attacker != address(this) && attacker != RECIPIENT && attacker != address(0));
        vm.startPrank(attacker);
        uint32 attackerIssuer = registry.registerIssuer('{"name":"attacker"}');
        uint32 attackerClass = registry.createBadgeClass(attackerIssuer, '{"name":"copy"}');
        bytes32[] memory hashes = new bytes32[](1);
        address[] memory recipients = new address[](1);
        hashes[0] = CREDENTIAL;
        recipients[0] = RECIPIENT;
        bytes32 copyKey = keccak256(abi.encode("copy", seed));
        registry.issueMerkleBatch(attackerClass, copyKey, hashes, recipients, 0);
        bytes32 copyBatch = batchIdOf(attackerIssuer, copyKey);
        registry.issue(attackerClass, 0, CREDENTIAL, RECIPIENT, 0);
        // The copies get the attacker's own uid (the uid names the issuer); every attempt on the
        // original's uid must fail, whichever way it is tried.
        assertTrue(registry.assertionId(attackerIssuer, CREDENTIAL, RECIPIENT) != b.uid, "a copy never shares the uid");
        bytes32[] memory noProof = new bytes32[](0);
        uint8 code = uint8(ops % 6);
        bool ok;
        if (ops & 256 == 0) (ok,) = address(registry).call(abi.encodeCall(registry.revokeBatched, (copyBatch, b.uid, noProof, code, "copy")));
        assertTrue(!ok, "revokeBatched of the original uid through a copy batch");
        if (ops & 512 == 0) (ok,) = address(registry).call(abi.encodeCall(registry.erase, (b.uid, copyBatch, noProof)));
        assertTrue(!ok, "erase of the original uid through a copy batch");
        if (ops & 1024 == 0) (ok,) = address(registry).call(abi.encodeCall(registry.revoke, (b.uid, code, "copy")));
        assertTrue(!ok, "revoke of the original uid");
        if (ops & 2048 == 0) (ok,) = address(registry).call(abi.encodeCall(registry.erase, (b.uid, bytes32(0), noProof)));
        assertTrue(!ok, "erase of the original uid");
        vm.stopPrank();

        AssertionStatus memory after_ = _status(b);
        assertTrue(keccak256(abi.encode(after_)) == keccak256(abi.encode(before)), "the original badge is untouched");
        assertEq(after_.issuerId, issuerId, "still the original issuer's badge");
    }
}
