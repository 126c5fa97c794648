// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AssertionStatus, MerkleBatch, RevocationReason} from "../Common.sol";
import {IIssuerRegistry} from "./IIssuerRegistry.sol";

/// @title Badge classes and badge assertions anchored on chain.
/// @notice A badge's uid is `keccak256(bytes.concat(keccak256(abi.encode(issuerId, credentialHash, recipient))))`
/// (an OpenZeppelin StandardMerkleTree leaf of `(uint32, bytes32, address)`), where `credentialHash` commits to
/// the signed Open Badges credential and `recipient` is the learner's wallet or zero. The issuer is part of the
/// uid so that no other issuer can record (front-run) or touch the same uid. No personal data is
/// stored: a recipient wallet appears only in indexed events, and names or e-mails only inside the
/// credential (off chain, or encrypted in `AssertionPayloadPublished`).
interface IBadgeRegistry is IIssuerRegistry {
    /// @notice A snapshot of one badge class (an Open Badges Achievement / BadgeClass).
    struct BadgeClass {
        uint32 issuerId;
        uint32 previousVersion; // zero for a first version
        uint40 createdAt;
        uint40 createdBlock; // block of the `BadgeClassCreated` event carrying the JSON
        bool retired;
        bytes32 contentHash; // keccak256 of the JSON in that event
    }

    /// @notice What an issuer asks a relayer to record for it (see `issueWithSignature`).
    struct IssueRequest {
        uint32 classId;
        bytes32 credentialHash;
        address recipient;
        uint40 expiresAt;
        bytes payload;
    }

    /// @notice No badge class has this id.
    error BadgeRegistryUnknownClass(uint32 classId);
    /// @notice The class was retired or replaced by a new version; it takes no new badges.
    error BadgeRegistryClassRetired(uint32 classId);
    /// @notice `signer` is not a signer of the issuer valid now.
    error BadgeRegistryUnauthorizedSigner(address signer, uint32 issuerId);
    /// @notice The issuer is suspended by the registry authority and cannot issue.
    error BadgeRegistryIssuerSuspended(uint32 issuerId);
    /// @notice The credential hash is zero.
    error BadgeRegistryInvalidCredentialHash();
    /// @notice A badge with this uid is already recorded.
    error BadgeRegistryAssertionExists(bytes32 uid);
    /// @notice No badge with this uid is recorded (or, for the recipient, none for the caller's wallet).
    error BadgeRegistryUnknownAssertion(bytes32 uid);
    /// @notice Revocation is final.
    error BadgeRegistryAlreadyRevoked(bytes32 uid);
    /// @notice Erasure is final.
    error BadgeRegistryAlreadyErased(bytes32 uid);
    /// @notice The expiry is in the past (zero means never).
    error BadgeRegistryInvalidExpiry(uint40 expiresAt, uint256 timestamp);
    /// @notice The reason code is not a `RevocationReason`.
    error BadgeRegistryInvalidReason(uint8 reasonCode);
    /// @notice Arrays that go together have different lengths.
    error BadgeRegistryLengthMismatch(uint256 expected, uint256 actual);
    /// @notice A batch must hold between 1 and `maxCount` badges.
    error BadgeRegistryInvalidBatchSize(uint256 count, uint256 maxCount);
    /// @notice The batch id is zero.
    error BadgeRegistryInvalidBatchId();
    /// @notice A Merkle batch with this id is already recorded.
    error BadgeRegistryBatchExists(bytes32 batchId);
    /// @notice No Merkle batch has this id.
    error BadgeRegistryUnknownBatch(bytes32 batchId);
    /// @notice The Merkle proof does not place `uid` in the batch.
    error BadgeRegistryInvalidProof(bytes32 batchId, bytes32 uid);
    /// @notice The encrypted payload is empty or longer than the limit.
    error BadgeRegistryDocumentTooLarge(uint256 length, uint256 maxLength);
    /// @notice The signed request's deadline has passed.
    error BadgeRegistryExpiredSignature(uint256 deadline);
    /// @notice The signature is not `signer`'s over the request (ECDSA or ERC-1271).
    error BadgeRegistryInvalidSignature(address signer);

    /// @notice A badge class (or a new version of one); `content` is the full Open Badges Achievement JSON.
    event BadgeClassCreated(
        uint32 indexed classId,
        uint32 indexed issuerId,
        uint32 indexed previousVersion,
        bytes32 contentHash,
        string content
    );
    /// @notice The class takes no new badges; badges already issued stay valid.
    event BadgeClassRetired(uint32 indexed classId, uint32 indexed issuerId);
    /// @notice A badge recorded on its own (single, array batch or delegated issue).
    event AssertionIssued(bytes32 indexed uid, uint32 indexed issuerId, address indexed recipient);
    /// @notice A badge inside a Merkle batch. Every leaf of the batch has one such event, in leaf order.
    event AssertionBatched(bytes32 indexed uid, bytes32 indexed batchId, address indexed recipient);
    /// @notice A Merkle batch: `root` of `count` leaves computed on chain from the badges in the call.
    event MerkleBatchIssued(bytes32 indexed batchId, uint32 indexed issuerId, uint32 indexed classId, bytes32 root, uint32 count);
    /// @notice The full credential, encrypted (AES-256-GCM); the key travels only in the share link.
    event AssertionPayloadPublished(bytes32 indexed uid, bytes payload);
    /// @notice The badge was revoked; `reason` is the issuer's words.
    event AssertionRevoked(bytes32 indexed uid, uint32 indexed issuerId, RevocationReason reasonCode, string reason);
    /// @notice The badge was erased by its issuer or its recipient: it is no longer disclosed.
    event AssertionErased(bytes32 indexed uid, uint32 indexed issuerId, address indexed by);

    /// @notice Creates a badge class for the issuer. Valid signer of the issuer only.
    /// @param content The Open Badges Achievement JSON; its keccak256 is stored.
    function createBadgeClass(uint32 issuerId, string calldata content) external returns (uint32 classId);

    /// @notice Publishes a new version of a class as a new class id and retires the old one.
    function reviseBadgeClass(uint32 classId, string calldata content) external returns (uint32 newClassId);

    /// @notice Retires a class: no new badges; issued ones stay valid.
    function retireBadgeClass(uint32 classId) external;

    /// @notice Records one badge. Valid signer of the class's issuer only; the issuer must not be suspended.
    /// @param recipient The learner's wallet, or zero when the badge names the learner by e-mail only.
    /// @param expiresAt Expiry time, zero for never.
    function issue(uint32 classId, bytes32 credentialHash, address recipient, uint40 expiresAt)
        external
        returns (bytes32 uid);

    /// @notice Records one badge and publishes the encrypted credential in an event (never stored).
    function issueWithPayload(
        uint32 classId,
        bytes32 credentialHash,
        address recipient,
        uint40 expiresAt,
        bytes calldata payload
    ) external returns (bytes32 uid);

    /// @notice Records several badges of one class with one expiry; their uids are `assertionId(hash, recipient)`.
    /// `payloads` is empty or holds one encrypted credential (possibly empty) per badge.
    function issueBatch(
        uint32 classId,
        bytes32[] calldata credentialHashes,
        address[] calldata recipients,
        uint40 expiresAt,
        bytes[] calldata payloads
    ) external;

    /// @notice Records a Merkle batch: only the root (built on chain from the uids, leaves in call order,
    /// as OpenZeppelin's StandardMerkleTree with `sortLeaves: false`) and the batch's data are stored;
    /// each badge gets an `AssertionBatched` event.
    /// @param batchId A fresh non-zero id chosen by the issuer and written into each credential.
    function issueMerkleBatch(
        uint32 classId,
        bytes32 batchId,
        bytes32[] calldata credentialHashes,
        address[] calldata recipients,
        uint40 expiresAt
    ) external returns (bytes32 root);

    /// @notice Records a badge signed (EIP-712) by a signer of the issuer, for any relayer to send.
    function issueWithSignature(IssueRequest calldata request, address signer, uint256 deadline, bytes calldata signature)
        external
        returns (bytes32 uid);

    /// @notice Revokes a badge recorded on its own. Valid signer of its issuer only.
    /// @param reasonCode A `RevocationReason`; `reason` is free text kept in the event.
    function revoke(bytes32 uid, uint8 reasonCode, string calldata reason) external;

    /// @notice Revokes several badges recorded on their own, with one reason.
    function revokeMany(bytes32[] calldata uids, uint8 reasonCode, string calldata reason) external;

    /// @notice Revokes one badge inside a Merkle batch.
    function revokeBatched(
        bytes32 batchId,
        bytes32 uid,
        bytes32[] calldata proof,
        uint8 reasonCode,
        string calldata reason
    ) external;

    /// @notice Marks a badge erased. Valid signer of its issuer only. `batchId` zero: a badge recorded on its own.
    function erase(bytes32 uid, bytes32 batchId, bytes32[] calldata proof) external;

    /// @notice Lets the recipient wallet erase its own badge: the uid is rebuilt from the issuer, `credentialHash`
    /// and the caller.
    function eraseAsRecipient(uint32 issuerId, bytes32 credentialHash, bytes32 batchId, bytes32[] calldata proof)
        external;

    /// @notice The uid of an issuer's credential hash for a recipient (zero address: no wallet).
    function assertionId(uint32 issuerId, bytes32 credentialHash, address recipient) external pure returns (bytes32);

    /// @notice The verifier's single read. `batchId` zero: a badge recorded on its own (proof ignored).
    /// @param publicKey The Ed25519 key of the credential's proof; `keyValidAtIssue` tells whether the
    /// issuer had it registered and valid at issue time (zero: not asked).
    function verifyAssertion(bytes32 uid, bytes32 batchId, bytes32[] calldata proof, bytes32 publicKey)
        external
        view
        returns (AssertionStatus memory);

    /// @notice The status of a badge recorded on its own.
    function getAssertion(bytes32 uid) external view returns (AssertionStatus memory);

    /// @notice One badge class. Reverts for an unknown id.
    function getBadgeClass(uint32 classId) external view returns (BadgeClass memory);

    /// @notice The number of badge classes; ids run from 1 to this number.
    function badgeClassCount() external view returns (uint32);

    /// @notice A Merkle batch's root, class, size and times. Reverts for an unknown id.
    function getBatch(bytes32 batchId) external view returns (MerkleBatch memory);

    /// @notice The EIP-712 digest a signer signs for `issueWithSignature`.
    function issueDigest(IssueRequest calldata request, uint256 nonce, uint256 deadline) external view returns (bytes32);

    /// @notice The next nonce of `signer` for delegated issues.
    function nonces(address signer) external view returns (uint256);
}
