// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice Where an issuer stands with the registry authority. Registration is open, so
/// every registered issuer starts `SelfDeclared`; only the authority accredits or suspends.
enum IssuerStatus {
    Unregistered,
    SelfDeclared,
    Accredited,
    Suspended
}

/// @notice Why a badge was revoked. The free-text reason lives in the `AssertionRevoked` event;
/// the code is kept in storage so one `eth_call` tells a verifier the kind of revocation.
enum RevocationReason {
    Unspecified,
    IssuedInError,
    Misconduct,
    Superseded,
    Withdrawn,
    KeyCompromised
}

/// @notice A validity window in seconds. `validUntil == 0` means open-ended.
/// Windows are written once and can only be cut short, so whatever was valid at a past
/// instant stays valid for that instant forever (rotation never invalidates old badges).
struct Window {
    uint40 validFrom;
    uint40 validUntil;
}

/// @notice Everything a verifier needs about one badge, returned by a single view call.
struct AssertionStatus {
    bool exists; // false: unknown uid, or a batched uid whose Merkle proof does not check
    uint32 issuerId;
    IssuerStatus issuerStatus;
    uint32 classId;
    bytes32 classHash;
    bool classRetired;
    bytes32 batchId; // zero for badges issued one by one or in an array batch
    uint40 issuedAt;
    uint40 issuedBlock;
    uint40 expiresAt; // zero: never expires
    uint40 revokedAt; // zero: not revoked
    uint40 revokedBlock; // block of the `AssertionRevoked` event that carries the reason text
    RevocationReason revocationReason;
    bool erased;
    bool keyValidAtIssue; // whether the Ed25519 key asked about was valid for the issuer at `issuedAt`
    uint32 statusIndex; // the badge's BitstringStatusList index in its class; for a batched badge, zero (its leaf position is the index)
}

/// @notice One BitstringStatusList as the chain knows it: whose it is, where its latest signed
/// publication is, and whether a revocation came after it (`revocations != publishedRevocations`).
struct StatusListState {
    uint32 issuerId; // zero: no such list (unknown class or batch, or a list number no badge reaches yet)
    uint40 publishedBlock; // block of the latest `StatusListPublished` of the list, zero for never
    uint32 publishedRevocations; // `revocations` when it was published
    uint32 revocations; // revocations so far among the badges of the list's class (recorded on their own) or batch
}

/// @notice A Merkle batch: its root (built on chain from the uids in call order), class, size and times.
/// Every badge of the batch shares its class, times and expiry.
struct MerkleBatch {
    bytes32 root;
    uint32 classId;
    uint32 count;
    uint40 issuedAt;
    uint40 issuedBlock; // block of the batch's `AssertionBatched` and `MerkleBatchIssued` events
    uint40 expiresAt; // zero: never expires
}
