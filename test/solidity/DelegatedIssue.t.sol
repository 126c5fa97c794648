// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBadgeRegistry} from "../../contracts/interfaces/IBadgeRegistry.sol";
import {AssertionStatus} from "../../contracts/Common.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice Delegated issue (EIP-712) with random signer keys, requests, deadlines and relayers.
contract DelegatedIssueTest is RegistryTestBase {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function _sign(uint256 pk, IBadgeRegistry.IssueRequest memory request, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, registry.issueDigest(request, nonce, deadline));
        return abi.encodePacked(r, s, v);
    }

    function testFuzz_AnyRelayerRecordsASignedRequestOnce(
        uint256 pkSeed,
        bytes32 credentialHash,
        address recipient,
        bytes calldata payloadIn,
        uint256 deadlineSeed,
        address relayer
    ) public {
        uint256 pk = bound(pkSeed, 1, SECP256K1_N - 1);
        address signer = vm.addr(pk);
        vm.assume(credentialHash != bytes32(0) && signer != address(this));
        bytes memory payload = payloadIn.length > 256 ? payloadIn[:256] : payloadIn;
        registry.addSigner(issuerId, signer, 0, 0);
        IBadgeRegistry.IssueRequest memory request = IBadgeRegistry.IssueRequest(classId, 0, credentialHash, recipient, 0, payload);
        uint256 deadline = bound(deadlineSeed, block.timestamp, type(uint256).max);
        assertEq(registry.nonces(signer), 0, "fresh nonce");
        bytes memory signature = _sign(pk, request, 0, deadline);

        vm.prank(relayer);
        bytes32 uid = registry.issueWithSignature(request, signer, deadline, signature);

        assertEq(uid, leafOf(credentialHash, recipient), "uid");
        assertEq(registry.nonces(signer), 1, "nonce moved");
        AssertionStatus memory s = registry.getAssertion(uid);
        assertStatus(s, classId, block.timestamp, 0);

        // The same signature cannot be replayed: it was over nonce 0.
        vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryInvalidSignature.selector, signer));
        registry.issueWithSignature(request, signer, deadline, signature);
    }

    function testFuzz_SignatureOfAnotherKeyIsRejected(uint256 pkSeed, uint256 otherSeed, bytes32 credentialHash) public {
        uint256 pk = bound(pkSeed, 1, SECP256K1_N - 1);
        uint256 other = bound(otherSeed, 1, SECP256K1_N - 1);
        vm.assume(pk != other && credentialHash != bytes32(0));
        address signer = vm.addr(pk);
        vm.assume(signer != address(this));
        registry.addSigner(issuerId, signer, 0, 0);
        IBadgeRegistry.IssueRequest memory request =
            IBadgeRegistry.IssueRequest(classId, 0, credentialHash, address(0), 0, "");
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory forged = _sign(other, request, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryInvalidSignature.selector, signer));
        registry.issueWithSignature(request, signer, deadline, forged);
    }

    function testFuzz_ExpiredDeadlineIsRejected(uint256 pkSeed, uint256 deadlineSeed) public {
        uint256 pk = bound(pkSeed, 1, SECP256K1_N - 1);
        address signer = vm.addr(pk);
        vm.assume(signer != address(this));
        registry.addSigner(issuerId, signer, 0, 0);
        uint256 deadline = bound(deadlineSeed, 0, block.timestamp - 1);
        IBadgeRegistry.IssueRequest memory request =
            IBadgeRegistry.IssueRequest(classId, 0, keccak256("c"), address(0), 0, "");
        bytes memory signature = _sign(pk, request, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(IBadgeRegistry.BadgeRegistryExpiredSignature.selector, deadline));
        registry.issueWithSignature(request, signer, deadline, signature);
    }
}
