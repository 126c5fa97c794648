// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RevocationReason} from "./Common.sol";

/// @notice One badge's status, packed in one storage slot so that issuing costs a single SSTORE
/// (Solidity writes the fields of a struct one by one).
/// Bits: classId 0-31 | issuedAt 32-67 | issuedBlock 68-107 | expiresAt 108-143 | revokedAt 144-179 |
/// revokedBlock 180-219 | reason 220-227 | erased 228 | statusIndex 229-255.
/// A record with classId zero and other bits set is the status of a badge inside a Merkle batch,
/// which only ever holds the revocation and erasure fields (the batch keeps the rest; a batched
/// badge's status index is its position in the batch).
type AssertionRecord is uint256;

using AssertionRecords for AssertionRecord global;

/// @title AssertionRecords
/// @notice Packing and unpacking of `AssertionRecord`.
/// @dev Times are stored in 36 bits (until the year 4147: `MAX_TIME`; the registry refuses a later
/// expiry), block numbers in 40 bits, both unmasked. The 27 bits left hold the badge's status index
/// in its class's BitstringStatusLists, so that index costs no storage of its own.
library AssertionRecords {
    /// @notice The latest time a record can hold.
    uint256 internal constant MAX_TIME = (1 << 36) - 1;
    /// @notice The number of status indexes a badge class has (1,024 lists of 131,072 entries).
    uint256 internal constant STATUS_INDEX_LIMIT = 1 << 27;

    uint256 private constant _ISSUED_AT_SHIFT = 32;
    uint256 private constant _ISSUED_BLOCK_SHIFT = 68;
    uint256 private constant _EXPIRES_AT_SHIFT = 108;
    uint256 private constant _REVOKED_AT_SHIFT = 144;
    uint256 private constant _REVOKED_BLOCK_SHIFT = 180;
    uint256 private constant _REASON_SHIFT = 220;
    uint256 private constant _ERASED_BIT = 1 << 228;
    uint256 private constant _STATUS_INDEX_SHIFT = 229;
    uint256 private constant _TIME_MASK = (1 << 36) - 1;
    uint256 private constant _BLOCK_MASK = (1 << 40) - 1;

    /// @notice A badge of class `badgeClass` recorded in the current block.
    /// @param badgeClass The badge's class (never zero).
    /// @param expiry Expiry time, zero for never; at most `MAX_TIME` (the caller checks).
    /// @return record The packed record, status index zero (see `withStatusIndex`).
    function issuedNow(uint32 badgeClass, uint40 expiry) internal view returns (AssertionRecord record) {
        return AssertionRecord.wrap(
            uint256(badgeClass) | (block.timestamp << _ISSUED_AT_SHIFT) | (block.number << _ISSUED_BLOCK_SHIFT)
                | (uint256(expiry) << _EXPIRES_AT_SHIFT)
        );
    }

    /// @notice `record` (with status index zero) given status index `index`.
    /// @param record A record from `issuedNow`.
    /// @param index The badge's status index, below `STATUS_INDEX_LIMIT` (the caller checks).
    /// @return withIndex The record with its status index.
    function withStatusIndex(AssertionRecord record, uint256 index) internal pure returns (AssertionRecord withIndex) {
        return AssertionRecord.wrap(AssertionRecord.unwrap(record) | (index << _STATUS_INDEX_SHIFT));
    }

    /// @notice `record` revoked in the current block. The caller checks that it was not revoked yet.
    /// @param record The record before revocation.
    /// @param code The kind of revocation.
    /// @return revoked The record with the revocation fields set.
    function withRevocation(AssertionRecord record, RevocationReason code)
        internal
        view
        returns (AssertionRecord revoked)
    {
        return AssertionRecord.wrap(
            AssertionRecord.unwrap(record) | (block.timestamp << _REVOKED_AT_SHIFT)
                | (block.number << _REVOKED_BLOCK_SHIFT) | (uint256(code) << _REASON_SHIFT)
        );
    }

    /// @notice `record` marked erased.
    /// @param record The record before erasure.
    /// @return erasedRecord The record with the erased flag set.
    function withErasure(AssertionRecord record) internal pure returns (AssertionRecord erasedRecord) {
        return AssertionRecord.wrap(AssertionRecord.unwrap(record) | _ERASED_BIT);
    }

    /// @notice Whether nothing was ever written for this key.
    /// @param record The record.
    /// @return empty True for an all-zero slot.
    function isEmpty(AssertionRecord record) internal pure returns (bool empty) {
        return AssertionRecord.unwrap(record) == 0;
    }

    /// @notice The badge's class; zero when none is recorded (or for a badge inside a Merkle batch).
    /// @param record The record.
    /// @return id The class id.
    function classId(AssertionRecord record) internal pure returns (uint32 id) {
        return uint32(AssertionRecord.unwrap(record));
    }

    /// @notice When the badge was recorded.
    /// @param record The record.
    /// @return at A Unix time in seconds.
    function issuedAt(AssertionRecord record) internal pure returns (uint40 at) {
        return uint40((AssertionRecord.unwrap(record) >> _ISSUED_AT_SHIFT) & _TIME_MASK);
    }

    /// @notice The block of the badge's `AssertionIssued` event.
    /// @param record The record.
    /// @return blockNumber The block number.
    function issuedBlock(AssertionRecord record) internal pure returns (uint40 blockNumber) {
        return uint40((AssertionRecord.unwrap(record) >> _ISSUED_BLOCK_SHIFT) & _BLOCK_MASK);
    }

    /// @notice When the badge expires; zero for never.
    /// @param record The record.
    /// @return at A Unix time in seconds.
    function expiresAt(AssertionRecord record) internal pure returns (uint40 at) {
        return uint40((AssertionRecord.unwrap(record) >> _EXPIRES_AT_SHIFT) & _TIME_MASK);
    }

    /// @notice When the badge was revoked; zero while it is not.
    /// @param record The record.
    /// @return at A Unix time in seconds.
    function revokedAt(AssertionRecord record) internal pure returns (uint40 at) {
        return uint40((AssertionRecord.unwrap(record) >> _REVOKED_AT_SHIFT) & _TIME_MASK);
    }

    /// @notice The block of the `AssertionRevoked` event that carries the issuer's words.
    /// @param record The record.
    /// @return blockNumber The block number; zero while the badge is not revoked.
    function revokedBlock(AssertionRecord record) internal pure returns (uint40 blockNumber) {
        return uint40((AssertionRecord.unwrap(record) >> _REVOKED_BLOCK_SHIFT) & _BLOCK_MASK);
    }

    /// @notice The kind of revocation (`Unspecified` also while the badge is not revoked).
    /// @param record The record.
    /// @return code The revocation reason.
    function reason(AssertionRecord record) internal pure returns (RevocationReason code) {
        return RevocationReason(uint8(AssertionRecord.unwrap(record) >> _REASON_SHIFT));
    }

    /// @notice Whether the badge was erased.
    /// @param record The record.
    /// @return isErased True once erased.
    function erased(AssertionRecord record) internal pure returns (bool isErased) {
        return AssertionRecord.unwrap(record) & _ERASED_BIT != 0;
    }

    /// @notice The badge's status index in its class's status lists (zero for a badge inside a Merkle batch).
    /// @param record The record.
    /// @return index The index: list `index / 131072`, entry `index % 131072`.
    function statusIndex(AssertionRecord record) internal pure returns (uint32 index) {
        return uint32(AssertionRecord.unwrap(record) >> _STATUS_INDEX_SHIFT);
    }
}
