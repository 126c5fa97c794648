// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TestBase} from "./Vm.sol";
import {BadgeRegistry} from "../../contracts/BadgeRegistry.sol";
import {AssertionStatus} from "../../contracts/Common.sol";

/// @notice A registry where this test contract is the authority, the admin and first signer of issuer 1,
/// which owns badge class 1. Plus the few assertions the tests need.
abstract contract RegistryTestBase is TestBase {
    BadgeRegistry internal registry;
    uint32 internal issuerId;
    uint32 internal classId;

    /// @dev A start time far from zero, so that "now - x" stays meaningful.
    uint256 internal constant START = 1_700_000_000;
    /// @notice The latest expiry the registry takes (records hold times in 36 bits).
    uint256 internal constant MAX_TIME = (1 << 36) - 1;

    function setUp() public virtual {
        vm.warp(START);
        registry = new BadgeRegistry(address(this), address(this));
        issuerId = registry.registerIssuer('{"type":["Profile"],"name":"Fuzz University"}');
        classId = registry.createBadgeClass(issuerId, '{"type":["Achievement"],"name":"Fuzzing 101"}');
    }

    /// @dev The uid as the interface documents it (an OpenZeppelin StandardMerkleTree leaf).
    function leafOf(uint32 issuer, bytes32 credentialHash, address recipient) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(issuer, credentialHash, recipient))));
    }

    /// @dev The uid of a badge of the test issuer.
    function leafOf(bytes32 credentialHash, address recipient) internal view returns (bytes32) {
        return leafOf(issuerId, credentialHash, recipient);
    }

    /// @dev The Merkle leaf of a uid inside a batch (an OpenZeppelin StandardMerkleTree leaf of `["bytes32"]`).
    function merkleLeafOf(bytes32 uid) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(uid))));
    }

    /// @dev The stored id of an issuer's batch sent with `batchKey`.
    function batchIdOf(uint32 issuer, bytes32 batchKey) internal pure returns (bytes32) {
        return keccak256(abi.encode(issuer, batchKey));
    }

    /// @dev A non-zero pseudo-random credential hash.
    function credentialAt(bytes32 seed, uint256 i) internal pure returns (bytes32 h) {
        h = keccak256(abi.encode("credential", seed, i));
        if (h == bytes32(0)) h = bytes32(uint256(1));
    }

    /// @dev A pseudo-random recipient; the zero address (no wallet) whenever bit `i` of `zeroMask` is set.
    function recipientAt(bytes32 seed, uint256 i, uint256 zeroMask) internal pure returns (address) {
        if ((zeroMask >> (i % 256)) & 1 == 1) return address(0);
        return address(uint160(uint256(keccak256(abi.encode("recipient", seed, i)))));
    }

    function assertEq(uint256 a, uint256 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": ", _toString(a), " != ", _toString(b)));
    }

    function assertEq(bytes32 a, bytes32 b, string memory what) internal pure {
        if (a != b) revert(string.concat(what, ": bytes32 values differ"));
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert(what);
    }

    function assertStatus(AssertionStatus memory s, uint32 expectedClass, uint256 issuedAt, uint40 expiresAt)
        internal
        view
    {
        assertTrue(s.exists, "exists");
        assertEq(s.issuerId, issuerId, "issuerId");
        assertEq(s.classId, expectedClass, "classId");
        assertEq(s.issuedAt, issuedAt, "issuedAt");
        assertEq(s.expiresAt, expiresAt, "expiresAt");
    }

    function _toString(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        bytes memory buffer = new bytes(78);
        uint256 i = buffer.length;
        while (value != 0) {
            buffer[--i] = bytes1(uint8(48 + (value % 10)));
            value /= 10;
        }
        bytes memory out = new bytes(buffer.length - i);
        for (uint256 j = 0; j < out.length; ++j) out[j] = buffer[i + j];
        return string(out);
    }
}
