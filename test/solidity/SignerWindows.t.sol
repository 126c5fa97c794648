// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIssuerRegistry} from "../../contracts/interfaces/IIssuerRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice Validity windows of signers and keys: never retroactive, and cutting one short never
/// changes the answer for an instant already past.
contract SignerWindowsTest is RegistryTestBase {
    function testFuzz_SignerWindowIsWhatWasAsked(address signer, uint40 validFrom, uint40 validUntil, uint256 at) public {
        vm.assume(signer != address(0) && signer != address(this));
        uint40 start = validFrom < block.timestamp ? uint40(block.timestamp) : validFrom;
        if (validUntil != 0 && validUntil <= start) {
            vm.expectRevert(abi.encodeWithSelector(IIssuerRegistry.IssuerRegistryInvalidWindow.selector, start, validUntil));
            registry.addSigner(issuerId, signer, validFrom, validUntil);
            return;
        }
        registry.addSigner(issuerId, signer, validFrom, validUntil);
        at = bound(at, 0, uint256(type(uint40).max) + 1);
        bool expected = at >= start && (validUntil == 0 || at < validUntil);
        assertTrue(registry.isSignerValidAt(issuerId, signer, at) == expected, "signer window");
        assertTrue(!registry.isSignerValidAt(issuerId + 1, signer, at), "no signer for another issuer");
    }

    function testFuzz_KeyWindowIsWhatWasAsked(bytes32 key, uint40 validFrom, uint40 validUntil, uint256 at) public {
        vm.assume(key != bytes32(0));
        uint40 start = validFrom < block.timestamp ? uint40(block.timestamp) : validFrom;
        if (validUntil != 0 && validUntil <= start) {
            vm.expectRevert(abi.encodeWithSelector(IIssuerRegistry.IssuerRegistryInvalidWindow.selector, start, validUntil));
            registry.addKey(issuerId, key, validFrom, validUntil);
            return;
        }
        registry.addKey(issuerId, key, validFrom, validUntil);
        at = bound(at, 0, uint256(type(uint40).max) + 1);
        bool expected = at >= start && (validUntil == 0 || at < validUntil);
        assertTrue(registry.isKeyValidAt(issuerId, key, at) == expected, "key window");
    }

    function testFuzz_RemovalNeverRewritesThePast(
        address signer,
        bytes32 key,
        uint256 fromOffset,
        uint256 removeAfter,
        uint256 probeSeed
    ) public {
        vm.assume(signer != address(0) && signer != address(this) && key != bytes32(0));
        uint40 validFrom = uint40(block.timestamp + bound(fromOffset, 0, 1_000));
        registry.addSigner(issuerId, signer, validFrom, 0);
        registry.addKey(issuerId, key, validFrom, 0);
        vm.warp(block.timestamp + bound(removeAfter, 0, 2_000));
        uint256 removedAt = block.timestamp;

        uint256[8] memory probes;
        bool[8] memory signerBefore;
        bool[8] memory keyBefore;
        for (uint256 i = 0; i < 8; ++i) {
            probes[i] = bound(uint256(keccak256(abi.encode(probeSeed, i))), START - 10, removedAt - 1);
            signerBefore[i] = registry.isSignerValidAt(issuerId, signer, probes[i]);
            keyBefore[i] = registry.isKeyValidAt(issuerId, key, probes[i]);
        }

        registry.removeSigner(issuerId, signer);
        registry.revokeKey(issuerId, key);

        for (uint256 i = 0; i < 8; ++i) {
            assertTrue(registry.isSignerValidAt(issuerId, signer, probes[i]) == signerBefore[i], "signer past unchanged");
            assertTrue(registry.isKeyValidAt(issuerId, key, probes[i]) == keyBefore[i], "key past unchanged");
            uint256 later = removedAt + (probes[i] % 5_000);
            assertTrue(!registry.isSignerValidAt(issuerId, signer, later), "signer over from removal");
            assertTrue(!registry.isKeyValidAt(issuerId, key, later), "key over from revocation");
        }
        vm.expectRevert(abi.encodeWithSelector(IIssuerRegistry.IssuerRegistrySignerNotActive.selector, issuerId, signer));
        registry.removeSigner(issuerId, signer);
        vm.expectRevert(abi.encodeWithSelector(IIssuerRegistry.IssuerRegistrySignerExists.selector, issuerId, signer));
        registry.addSigner(issuerId, signer, 0, 0);
    }
}
