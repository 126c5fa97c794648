// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AssertionStatus, MerkleBatch, RevocationReason, StatusListState} from "../Common.sol";
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
        uint32 statusIndex; // the class's `nextStatusIndex` the credential was signed with
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
    /// @notice The batch key is zero.
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
    /// @notice An erased badge may still be revoked, but with a reason code only: no new words about it.
    error BadgeRegistryErasedReasonText(bytes32 uid);
    /// @notice The credentials were signed with status index `given`, but the class's next one is `next`
    /// (another issue took it): read `nextStatusIndex`, sign again with it and resend.
    error BadgeRegistryStaleStatusIndex(uint32 classId, uint32 given, uint32 next);
    /// @notice The class has given all its status indexes (`2^27`): revise it to go on issuing.
    error BadgeRegistryStatusIndexesExhausted(uint32 classId);
    /// @notice No status list has this key: unknown class or batch, or a class list no badge reached yet.
    error BadgeRegistryUnknownStatusList(bytes32 listKey);

    /// @notice A badge class (or a new version of one) was created.
    /// @param classId The new class's id.
    /// @param issuerId The issuer that owns the class.
    /// @param previousVersion The class this one replaces (retired in the same call), zero for a first version.
    /// @param contentHash keccak256 of `content`, as stored.
    /// @param content The full Open Badges Achievement JSON.
    event BadgeClassCreated(
        uint32 indexed classId,
        uint32 indexed issuerId,
        uint32 indexed previousVersion,
        bytes32 contentHash,
        string content
    );
    /// @notice The class was retired: it takes no new badges; badges already issued stay valid.
    /// @param classId The retired class.
    /// @param issuerId The issuer that owns the class.
    event BadgeClassRetired(uint32 indexed classId, uint32 indexed issuerId);
    /// @notice A badge was recorded on its own (single, array batch or delegated issue).
    /// @param uid The badge's uid.
    /// @param issuerId The issuer of the badge's class.
    /// @param recipient The learner's wallet, zero when the badge names the learner by e-mail only.
    event AssertionIssued(bytes32 indexed uid, uint32 indexed issuerId, address indexed recipient);
    /// @notice A badge was recorded inside a Merkle batch. Every leaf of the batch has one such event, in leaf order.
    /// @param uid The badge's uid (the leaf).
    /// @param batchId The batch.
    /// @param recipient The learner's wallet, zero when the badge names the learner by e-mail only.
    event AssertionBatched(bytes32 indexed uid, bytes32 indexed batchId, address indexed recipient);
    /// @notice A Merkle batch was recorded; its root was computed on chain from the badges in the call.
    /// @param batchId The batch's id, `merkleBatchId(issuerId, batchKey)`.
    /// @param issuerId The issuer of the batch's class.
    /// @param classId The class of every badge in the batch.
    /// @param root The Merkle root.
    /// @param count The number of leaves.
    event MerkleBatchIssued(bytes32 indexed batchId, uint32 indexed issuerId, uint32 indexed classId, bytes32 root, uint32 count);
    /// @notice The full credential of a badge was published, encrypted (AES-256-GCM); the key travels only in
    /// the share link. Never stored.
    /// @param uid The badge's uid.
    /// @param payload The encrypted credential.
    event AssertionPayloadPublished(bytes32 indexed uid, bytes payload);
    /// @notice The badge was revoked.
    /// @param uid The badge's uid.
    /// @param issuerId The badge's issuer.
    /// @param reasonCode The kind of revocation, also kept in storage.
    /// @param reason The issuer's words, kept only here.
    event AssertionRevoked(bytes32 indexed uid, uint32 indexed issuerId, RevocationReason reasonCode, string reason);
    /// @notice The issuer published (a new version of) a status list: a signed W3C BitstringStatusListCredential,
    /// the latest of which the gateway serves at the list's URL (`getStatusList` gives its block).
    /// @param issuerId The list's issuer (the class's or the batch's).
    /// @param listKey `classStatusListKey(classId, list)` or a Merkle batch's id.
    /// @param credential The signed BitstringStatusListCredential JSON.
    event StatusListPublished(uint32 indexed issuerId, bytes32 indexed listKey, bytes credential);
    /// @notice The badge was erased by its issuer, its recipient or the registry authority: it is no longer disclosed.
    /// @param uid The badge's uid.
    /// @param issuerId The badge's issuer.
    /// @param by The signer, recipient wallet or registry authority account that erased it.
    event AssertionErased(bytes32 indexed uid, uint32 indexed issuerId, address indexed by);

    /// @notice Creates a badge class for the issuer. Valid signer of an issuer that is not suspended only.
    /// @param issuerId The issuer that will own the class.
    /// @param content The Open Badges Achievement JSON (1 to `MAX_DOCUMENT_LENGTH` bytes); its keccak256 is stored.
    /// @return classId The new class's id.
    function createBadgeClass(uint32 issuerId, string calldata content) external returns (uint32 classId);

    /// @notice Publishes a new version of a class as a new class id and retires the old one. Valid signer of
    /// the class's issuer, not suspended, only.
    /// @param classId The class to replace; it must not be retired.
    /// @param content The new Achievement JSON.
    /// @return newClassId The new version's id, whose `previousVersion` is `classId`.
    function reviseBadgeClass(uint32 classId, string calldata content) external returns (uint32 newClassId);

    /// @notice Retires a class: no new badges; issued ones stay valid. Valid signer of the class's issuer only.
    /// @param classId The class to retire.
    function retireBadgeClass(uint32 classId) external;

    /// @notice Records one badge. Valid signer of the class's issuer only; the issuer must not be suspended.
    /// @param classId The badge's class; it must not be retired.
    /// @param statusIndex The class's `nextStatusIndex`, which the credential's BitstringStatusListEntry names
    /// (`BadgeRegistryStaleStatusIndex` otherwise); kept in the badge's record.
    /// @param credentialHash The hash of the signed Open Badges credential (non-zero).
    /// @param recipient The learner's wallet, or zero when the badge names the learner by e-mail only.
    /// @param expiresAt Expiry time, zero for never; otherwise in the future.
    /// @return uid The badge's uid, `assertionId(issuerId, credentialHash, recipient)`.
    function issue(uint32 classId, uint32 statusIndex, bytes32 credentialHash, address recipient, uint40 expiresAt)
        external
        returns (bytes32 uid);

    /// @notice Records one badge, as `issue`, and publishes the encrypted credential in an event (never stored).
    /// @param classId The badge's class.
    /// @param statusIndex The class's `nextStatusIndex`.
    /// @param credentialHash The hash of the signed credential.
    /// @param recipient The learner's wallet, or zero.
    /// @param expiresAt Expiry time, zero for never.
    /// @param payload The encrypted credential, 1 to `MAX_PAYLOAD_LENGTH` bytes.
    /// @return uid The badge's uid.
    function issueWithPayload(
        uint32 classId,
        uint32 statusIndex,
        bytes32 credentialHash,
        address recipient,
        uint40 expiresAt,
        bytes calldata payload
    ) external returns (bytes32 uid);

    /// @notice Records several badges of one class with one expiry, each as `issue` does (one
    /// `AssertionIssued` event per badge).
    /// @param classId The badges' class.
    /// @param firstStatusIndex The class's `nextStatusIndex`: badge `i` takes status index `firstStatusIndex + i`.
    /// @param credentialHashes One credential hash per badge (1 to `MAX_BATCH` badges).
    /// @param recipients One wallet (or zero) per badge.
    /// @param expiresAt Expiry time of every badge, zero for never.
    /// @param payloads Empty, or one encrypted credential (possibly empty) per badge.
    function issueBatch(
        uint32 classId,
        uint32 firstStatusIndex,
        bytes32[] calldata credentialHashes,
        address[] calldata recipients,
        uint40 expiresAt,
        bytes[] calldata payloads
    ) external;

    /// @notice Records a Merkle batch: only the root and the batch's data are stored; each badge gets an
    /// `AssertionBatched` event. The tree is OpenZeppelin's StandardMerkleTree of `["bytes32"]` over the
    /// uids in call order (`sortLeaves: false`): leaf = `keccak256(bytes.concat(keccak256(abi.encode(uid))))`,
    /// so an inner node or the root never passes for a uid. The batch is stored under
    /// `merkleBatchId(issuerId, batchKey)`, the id each credential names: the issuer's client knows it before
    /// sending, and no other issuer can take it. The batch has its own status list (key: the batch id), in
    /// which a badge's index is its position in the call; no class status index is taken.
    /// @param classId The badges' class.
    /// @param batchKey A fresh non-zero value chosen by the issuer (e.g. random).
    /// @param credentialHashes One credential hash per badge (1 to `MAX_MERKLE_BATCH` badges).
    /// @param recipients One wallet (or zero) per badge.
    /// @param expiresAt Expiry time of every badge, zero for never.
    /// @return root The batch's Merkle root.
    function issueMerkleBatch(
        uint32 classId,
        bytes32 batchKey,
        bytes32[] calldata credentialHashes,
        address[] calldata recipients,
        uint40 expiresAt
    ) external returns (bytes32 root);

    /// @notice Records a badge signed (EIP-712, see `issueDigest`) by a signer of the issuer, for any relayer
    /// to send. Uses the signer's next nonce.
    /// @param request What to record.
    /// @param signer The issuer's signer (an EOA, or an ERC-1271 wallet).
    /// @param deadline The last second at which the signature is accepted.
    /// @param signature The signer's signature over `issueDigest(request, nonces(signer), deadline)`.
    /// @return uid The badge's uid.
    function issueWithSignature(IssueRequest calldata request, address signer, uint256 deadline, bytes calldata signature)
        external
        returns (bytes32 uid);

    /// @notice Revokes a badge recorded on its own. Valid signer of its issuer only. Revocation is final. An
    /// erased badge may be revoked with an empty `reason` only (`BadgeRegistryErasedReasonText` otherwise).
    /// Counts in the class's `revocations`: until the issuer publishes the list again (`publishStatusList`,
    /// best in the same `multicall`), `getStatusList` shows the list behind.
    /// @param uid The badge's uid.
    /// @param reasonCode A `RevocationReason`, kept in storage.
    /// @param reason The issuer's words, kept in the event.
    function revoke(bytes32 uid, uint8 reasonCode, string calldata reason) external;

    /// @notice Revokes several badges recorded on their own, with one reason, as `revoke` does (so one erased
    /// badge in the list refuses the whole call unless `reason` is empty).
    /// @param uids The badges (1 to `MAX_BATCH`).
    /// @param reasonCode A `RevocationReason`.
    /// @param reason The issuer's words.
    function revokeMany(bytes32[] calldata uids, uint8 reasonCode, string calldata reason) external;

    /// @notice Revokes one badge inside a Merkle batch. Valid signer of the batch's issuer only. An erased
    /// badge takes an empty `reason` only, as in `revoke`.
    /// @param batchId The batch.
    /// @param uid The badge's uid (its leaf).
    /// @param proof The Merkle proof of `uid` in the batch.
    /// @param reasonCode A `RevocationReason`.
    /// @param reason The issuer's words.
    function revokeBatched(
        bytes32 batchId,
        bytes32 uid,
        bytes32[] calldata proof,
        uint8 reasonCode,
        string calldata reason
    ) external;

    /// @notice Publishes a status list signed by the issuer (a BitstringStatusListCredential, whose bits the
    /// contract does not read) and records its block, so the list is found in one call. Valid signer of the
    /// list's issuer only, suspended or not (a suspended issuer's revocations must stay visible).
    /// @param listKey `classStatusListKey(classId, list)` for a list of a class's badges recorded on their own
    /// (list `n / STATUS_LIST_LENGTH` of status index `n`; it must be reached), or a Merkle batch's id.
    /// @param credential The signed credential JSON, 1 to `MAX_STATUS_LIST_LENGTH` bytes.
    function publishStatusList(bytes32 listKey, bytes calldata credential) external;

    /// @notice Marks a badge erased. Valid signer of its issuer, or the registry authority (which erases on
    /// the request of a learner without a wallet, after checking off chain that they own the badge's
    /// identity). Erasure is final, keeps the revocation status, and is allowed for a revoked badge.
    /// @param uid The badge's uid.
    /// @param batchId The badge's Merkle batch, zero for a badge recorded on its own.
    /// @param proof The Merkle proof of `uid` in the batch (ignored when `batchId` is zero).
    function erase(bytes32 uid, bytes32 batchId, bytes32[] calldata proof) external;

    /// @notice Lets the recipient wallet erase its own badge: the uid is rebuilt from the issuer,
    /// `credentialHash` and the caller, so only the recipient reaches it.
    /// @param issuerId The badge's issuer.
    /// @param credentialHash The badge's credential hash.
    /// @param batchId The badge's Merkle batch, zero for a badge recorded on its own.
    /// @param proof The Merkle proof of the uid in the batch (ignored when `batchId` is zero).
    function eraseAsRecipient(uint32 issuerId, bytes32 credentialHash, bytes32 batchId, bytes32[] calldata proof)
        external;

    /// @notice The uid of an issuer's credential hash for a recipient.
    /// @param issuerId The issuer.
    /// @param credentialHash The hash of the signed credential.
    /// @param recipient The learner's wallet, zero for none.
    /// @return uid `keccak256(bytes.concat(keccak256(abi.encode(issuerId, credentialHash, recipient))))`.
    function assertionId(uint32 issuerId, bytes32 credentialHash, address recipient)
        external
        pure
        returns (bytes32 uid);

    /// @notice The stored id of an issuer's Merkle batch.
    /// @param issuerId The issuer.
    /// @param batchKey The key the issuer passed to `issueMerkleBatch`.
    /// @return batchId `keccak256(abi.encode(issuerId, batchKey))`.
    function merkleBatchId(uint32 issuerId, bytes32 batchKey) external pure returns (bytes32 batchId);

    /// @notice The verifier's single read: the badge, its issuer's status, its class and the proof key's validity.
    /// @param uid The badge's uid.
    /// @param batchId The badge's Merkle batch, zero for a badge recorded on its own.
    /// @param proof The Merkle proof of the uid's leaf in the batch (ignored when `batchId` is zero).
    /// @param publicKey The Ed25519 key of the credential's proof, zero not to ask.
    /// @return status Everything a verifier needs; `exists` is false for an unknown uid or a proof that does not
    /// check, and `keyValidAtIssue` tells whether the issuer had `publicKey` registered and valid at issue time.
    function verifyAssertion(bytes32 uid, bytes32 batchId, bytes32[] calldata proof, bytes32 publicKey)
        external
        view
        returns (AssertionStatus memory status);

    /// @notice The status of a badge recorded on its own (`verifyAssertion` without a batch or a key).
    /// @param uid The badge's uid.
    /// @return status The badge's status; `exists` is false for an unknown uid.
    function getAssertion(bytes32 uid) external view returns (AssertionStatus memory status);

    /// @notice One badge class. Reverts for an unknown id.
    /// @param classId The class.
    /// @return badgeClass The class's issuer, versions, times, retired flag and content hash.
    function getBadgeClass(uint32 classId) external view returns (BadgeClass memory badgeClass);

    /// @notice The number of badge classes; ids run from 1 to this number.
    /// @return count The number of classes ever created.
    function badgeClassCount() external view returns (uint32 count);

    /// @notice A Merkle batch. Reverts for an unknown id.
    /// @param batchId The batch.
    /// @return batch The batch's root, class, size, times and expiry.
    function getBatch(bytes32 batchId) external view returns (MerkleBatch memory batch);

    /// @notice The status index the class's next badge must be signed with.
    /// @param classId The class; reverts when unknown.
    /// @return index The index (list `index / STATUS_LIST_LENGTH`, entry `index % STATUS_LIST_LENGTH`).
    function nextStatusIndex(uint32 classId) external view returns (uint32 index);

    /// @notice The key of a class's status list.
    /// @param classId The class.
    /// @param list The list number, from 0.
    /// @return listKey `bytes32((uint256(classId) << 32) | list)`.
    function classStatusListKey(uint32 classId, uint32 list) external pure returns (bytes32 listKey);

    /// @notice A status list: its issuer, the block of its latest publication and whether it is up to date
    /// (`revocations == publishedRevocations`; a class's count covers all its lists).
    /// @param listKey `classStatusListKey(classId, list)` or a Merkle batch's id.
    /// @return state Issuer zero for no such list.
    function getStatusList(bytes32 listKey) external view returns (StatusListState memory state);

    /// @notice The EIP-712 digest a signer signs for `issueWithSignature`.
    /// @param request What to record.
    /// @param nonce The signer's nonce to use (`nonces(signer)`).
    /// @param deadline The last second at which the signature is accepted.
    /// @return digest The typed-data hash in this registry's domain.
    function issueDigest(IssueRequest calldata request, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32 digest);

    /// @notice The next nonce of `signer` for delegated issues.
    /// @param signer The signer.
    /// @return nonce The nonce its next signed request must use.
    function nonces(address signer) external view returns (uint256 nonce);

    /// @notice The release of this contract's code (semantic versioning). The contract is immutable: a new
    /// version is a new deployment. Not the EIP-712 domain version, which changes only with the signed types.
    /// @return semver A version string such as "1.0.0".
    function version() external pure returns (string memory semver);
}
