// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AssertionRecord, AssertionRecords} from "../../contracts/AssertionRecords.sol";
import {RevocationReason} from "../../contracts/Common.sol";
import {TestBase} from "./Vm.sol";

/// @notice The packed record: every field reads back what was written, and no write touches another field.
contract AssertionRecordsTest is TestBase {
    function testFuzz_FieldsRoundTripWithoutBleeding(
        uint32 classId,
        uint40 expirySeed,
        uint40 issuedAtSeed,
        uint40 issuedBlock,
        uint40 revokedAtSeed,
        uint40 revokedBlock,
        uint8 reasonSeed,
        uint32 indexSeed
    ) public {
        // Times fit in 36 bits (the registry refuses a later expiry), status indexes in 27.
        uint40 expiresAt = uint40(expirySeed % (AssertionRecords.MAX_TIME + 1));
        uint40 issuedAt = uint40(issuedAtSeed % (AssertionRecords.MAX_TIME + 1));
        uint40 revokedAt = uint40(revokedAtSeed % (AssertionRecords.MAX_TIME + 1));
        uint32 statusIndex = uint32(indexSeed % AssertionRecords.STATUS_INDEX_LIMIT);
        vm.warp(issuedAt);
        vm.roll(issuedBlock);
        AssertionRecord unindexed = AssertionRecords.issuedNow(classId, expiresAt);
        _check(unindexed.statusIndex() == 0, "no status index yet");
        AssertionRecord record = unindexed.withStatusIndex(statusIndex);
        _check(record.statusIndex() == statusIndex, "status index");
        _check(record.classId() == classId && record.expiresAt() == expiresAt, "class, expiry");
        _check(record.issuedAt() == issuedAt && record.issuedBlock() == issuedBlock, "issued");
        _check(record.revokedAt() == 0 && record.revokedBlock() == 0, "not revoked");
        _check(record.reason() == RevocationReason.Unspecified && !record.erased(), "no reason, not erased");
        _check(
            record.isEmpty() == (classId == 0 && expiresAt == 0 && issuedAt == 0 && issuedBlock == 0 && statusIndex == 0), "empty"
        );

        RevocationReason reason = RevocationReason(reasonSeed % (uint8(type(RevocationReason).max) + 1));
        vm.warp(revokedAt);
        vm.roll(revokedBlock);
        AssertionRecord revoked = record.withRevocation(reason);
        _check(revoked.revokedAt() == revokedAt && revoked.revokedBlock() == revokedBlock, "revoked");
        _check(revoked.reason() == reason && !revoked.erased(), "reason, not erased");
        _checkIssueFields(revoked, record);

        AssertionRecord erased = revoked.withErasure();
        _check(erased.erased() && !erased.isEmpty(), "erased");
        _check(erased.revokedAt() == revokedAt && erased.revokedBlock() == revokedBlock, "revocation kept");
        _check(erased.reason() == reason, "reason kept");
        _checkIssueFields(erased, record);
    }

    function test_AnEmptySlotIsEmpty() public pure {
        AssertionRecord empty;
        _check(empty.isEmpty() && empty.classId() == 0 && !empty.erased(), "empty");
        _check(!empty.withErasure().isEmpty() && empty.withErasure().classId() == 0, "erased batch status");
    }

    function _checkIssueFields(AssertionRecord a, AssertionRecord b) private pure {
        _check(a.classId() == b.classId() && a.expiresAt() == b.expiresAt(), "class, expiry kept");
        _check(a.issuedAt() == b.issuedAt() && a.issuedBlock() == b.issuedBlock(), "issue kept");
        _check(a.statusIndex() == b.statusIndex(), "status index kept");
    }

    function _check(bool condition, string memory what) private pure {
        if (!condition) revert(what);
    }
}
