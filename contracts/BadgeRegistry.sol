// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IBadgeRegistry} from "./interfaces/IBadgeRegistry.sol";
import {IIssuerRegistry} from "./interfaces/IIssuerRegistry.sol";
import {IssuerRegistry} from "./IssuerRegistry.sol";
import {AssertionRecord, AssertionRecords} from "./AssertionRecords.sol";
import {AssertionStatus, MerkleBatch, RevocationReason, StatusListState} from "./Common.sol";

/// @title BadgeRegistry
/// @notice Open Badges anchored on chain: issuers, badge classes, assertions, revocation and erasure.
/// @dev Gas shapes the storage: a badge issued on its own costs exactly one fresh slot (its
/// `AssertionRecord`); a Merkle batch costs two slots whatever its size. Learners find their badges
/// through the `recipient` topic of `AssertionIssued` / `AssertionBatched`, not through storage.
/// Revocation is also published for verifiers that know nothing of this chain: each badge has an index
/// in a W3C BitstringStatusList of its class (taken from the class's cursor, which lives in the class's
/// slot that every issue reads anyway) or of its Merkle batch (its leaf position), and the issuer
/// publishes each list signed (`publishStatusList`; with `multicall`, in the revoking transaction).
contract BadgeRegistry is IBadgeRegistry, IssuerRegistry, EIP712, Nonces, Multicall {
    /// @notice Most badges in one `issueBatch` (about 25,000 gas each, under the 16,777,216 per-transaction cap).
    uint256 public constant MAX_BATCH = 500;
    /// @notice Most badges in one `issueMerkleBatch` (about 3,800 gas each).
    uint256 public constant MAX_MERKLE_BATCH = 4_000;
    /// @notice Longest encrypted payload published with a badge.
    uint256 public constant MAX_PAYLOAD_LENGTH = 65_536;
    /// @notice Entries of one BitstringStatusList (the W3C minimum of 16 KB): a class's badge with status
    /// index `n` is entry `n % STATUS_LIST_LENGTH` of its list `n / STATUS_LIST_LENGTH`.
    uint256 public constant STATUS_LIST_LENGTH = 131_072;
    /// @notice Longest signed status list credential `publishStatusList` takes.
    uint256 public constant MAX_STATUS_LIST_LENGTH = 65_536;

    string private constant _VERSION = "3.0.0";

    bytes32 private constant _ISSUE_TYPEHASH = keccak256(
        "Issue(uint32 classId,uint32 statusIndex,bytes32 credentialHash,address recipient,uint40 expiresAt,bytes payload,uint256 nonce,uint256 deadline)"
    );

    struct ClassRecord {
        uint32 issuerId;
        uint32 previousVersion;
        uint40 createdAt;
        uint40 createdBlock;
        bool retired;
        uint32 nextStatusIndex; // the status index the class's next badge takes
        uint32 revocations; // revocations of the class's badges recorded on their own
    }

    struct BatchRecord {
        uint32 classId;
        uint32 count;
        uint40 issuedAt;
        uint40 issuedBlock;
        uint40 expiresAt;
        uint32 revocations;
    }

    struct StatusListRecord {
        uint40 publishedBlock;
        uint32 publishedRevocations;
    }

    uint32 private _classCount;
    mapping(uint32 classId => ClassRecord badgeClass) private _classes;
    mapping(uint32 classId => bytes32 contentHash) private _classHashes;
    // A badge recorded on its own lives under its uid; a badge inside a Merkle batch keeps its status
    // under `_batchedKey(batchId, uid)`, so that no other anchor of the same uid (a badge recorded on its
    // own, or another batch, possibly of another issuer) can revoke or erase it.
    mapping(bytes32 key => AssertionRecord record) private _assertions;
    mapping(bytes32 batchId => BatchRecord batch) private _batches;
    mapping(bytes32 batchId => bytes32 root) private _batchRoots;
    mapping(bytes32 listKey => StatusListRecord list) private _statusLists;

    constructor(address defaultAdmin, address authority)
        IssuerRegistry(defaultAdmin, authority)
        EIP712("Chancery BadgeRegistry", "1")
    {}

    // ------------------------------------------------------------------ badge classes

    /// @inheritdoc IBadgeRegistry
    function createBadgeClass(uint32 issuerId, string calldata content) external returns (uint32 classId) {
        _checkCanIssue(issuerId, msg.sender);
        classId = _createClass(issuerId, 0, content);
    }

    /// @inheritdoc IBadgeRegistry
    function reviseBadgeClass(uint32 classId, string calldata content) external returns (uint32 newClassId) {
        uint32 issuerId = _activeClassIssuer(classId);
        _checkCanIssue(issuerId, msg.sender);
        _retire(classId, issuerId);
        newClassId = _createClass(issuerId, classId, content);
    }

    /// @inheritdoc IBadgeRegistry
    function retireBadgeClass(uint32 classId) external {
        uint32 issuerId = _activeClassIssuer(classId);
        _checkSigner(issuerId, msg.sender);
        _retire(classId, issuerId);
    }

    // ------------------------------------------------------------------ issuing

    /// @inheritdoc IBadgeRegistry
    function issue(uint32 classId, uint32 statusIndex, bytes32 credentialHash, address recipient, uint40 expiresAt)
        external
        returns (bytes32 uid)
    {
        uint32 issuerId = _checkIssuable(classId, msg.sender, expiresAt);
        _takeStatusIndexes(classId, statusIndex, 1);
        uid = _record(AssertionRecords.issuedNow(classId, expiresAt).withStatusIndex(statusIndex), issuerId, credentialHash, recipient);
    }

    /// @inheritdoc IBadgeRegistry
    function issueWithPayload(
        uint32 classId,
        uint32 statusIndex,
        bytes32 credentialHash,
        address recipient,
        uint40 expiresAt,
        bytes calldata payload
    ) external returns (bytes32 uid) {
        uint32 issuerId = _checkIssuable(classId, msg.sender, expiresAt);
        _takeStatusIndexes(classId, statusIndex, 1);
        uid = _record(AssertionRecords.issuedNow(classId, expiresAt).withStatusIndex(statusIndex), issuerId, credentialHash, recipient);
        _publishPayload(uid, payload);
    }

    /// @inheritdoc IBadgeRegistry
    function issueBatch(
        uint32 classId,
        uint32 firstStatusIndex,
        bytes32[] calldata credentialHashes,
        address[] calldata recipients,
        uint40 expiresAt,
        bytes[] calldata payloads
    ) external {
        uint256 count = credentialHashes.length;
        _checkBatch(count, recipients.length, MAX_BATCH);
        if (payloads.length != 0 && payloads.length != count) revert BadgeRegistryLengthMismatch(count, payloads.length);
        uint32 issuerId = _checkIssuable(classId, msg.sender, expiresAt);
        _takeStatusIndexes(classId, firstStatusIndex, count);
        // Every badge of the call gets the same record, built once (then only its status index added),
        // and the loop without payloads tests nothing per badge: about 100 gas a badge that the 26,000
        // budget needs.
        AssertionRecord record = AssertionRecords.issuedNow(classId, expiresAt);
        if (payloads.length == 0) {
            for (uint256 i = 0; i < count; i = _next(i)) {
                _record(record.withStatusIndex(_next(firstStatusIndex, i)), issuerId, credentialHashes[i], recipients[i]);
            }
        } else {
            for (uint256 i = 0; i < count; i = _next(i)) {
                bytes32 uid = _record(record.withStatusIndex(_next(firstStatusIndex, i)), issuerId, credentialHashes[i], recipients[i]);
                if (payloads[i].length != 0) _publishPayload(uid, payloads[i]);
            }
        }
    }

    /// @inheritdoc IBadgeRegistry
    function issueMerkleBatch(
        uint32 classId,
        bytes32 batchKey,
        bytes32[] calldata credentialHashes,
        address[] calldata recipients,
        uint40 expiresAt
    ) external returns (bytes32 root) {
        uint256 count = credentialHashes.length;
        _checkBatch(count, recipients.length, MAX_MERKLE_BATCH);
        if (batchKey == bytes32(0)) revert BadgeRegistryInvalidBatchId();
        uint32 issuerId = _checkIssuable(classId, msg.sender, expiresAt);
        // The stored id names the issuer: a rival copying a pending batch from the mempool gets a batch
        // of its own under another id, and cannot take this one.
        bytes32 batchId = _merkleBatchId(issuerId, batchKey);
        if (_batches[batchId].classId != 0) revert BadgeRegistryBatchExists(batchId);

        // The tree is laid out as OpenZeppelin's merkle-tree library does it: leaves at the end of
        // an array of 2n-1 nodes in reverse order, each inner node the sorted-pair hash of its children.
        // A leaf is `_leaf(uid)`, never the uid itself, so no inner node can pass for a badge.
        bytes32[] memory tree = new bytes32[](2 * count - 1);
        uint256 last = tree.length - 1;
        for (uint256 i = 0; i < count; i = _next(i)) {
            bytes32 credentialHash = credentialHashes[i];
            if (credentialHash == bytes32(0)) revert BadgeRegistryInvalidCredentialHash();
            address recipient = recipients[i];
            bytes32 uid = _assertionId(issuerId, credentialHash, recipient);
            _writeNode(tree, last - i, _leaf(uid));
            emit AssertionBatched(uid, batchId, recipient);
        }
        _hashInnerNodes(tree, count);
        root = tree[0];

        _batches[batchId] = BatchRecord({
            classId: classId,
            count: uint32(count),
            issuedAt: uint40(block.timestamp),
            issuedBlock: uint40(block.number),
            expiresAt: expiresAt,
            revocations: 0
        });
        _batchRoots[batchId] = root;
        emit MerkleBatchIssued(batchId, issuerId, classId, root, uint32(count));
    }

    /// @inheritdoc IBadgeRegistry
    function issueWithSignature(IssueRequest calldata request, address signer, uint256 deadline, bytes calldata signature)
        external
        returns (bytes32 uid)
    {
        if (block.timestamp > deadline) revert BadgeRegistryExpiredSignature(deadline);
        bytes32 digest = _issueDigest(request, _useNonce(signer), deadline);
        if (!SignatureChecker.isValidSignatureNow(signer, digest, signature)) {
            revert BadgeRegistryInvalidSignature(signer);
        }
        uint32 issuerId = _checkIssuable(request.classId, signer, request.expiresAt);
        _takeStatusIndexes(request.classId, request.statusIndex, 1);
        AssertionRecord record = AssertionRecords.issuedNow(request.classId, request.expiresAt).withStatusIndex(request.statusIndex);
        uid = _record(record, issuerId, request.credentialHash, request.recipient);
        if (request.payload.length != 0) _publishPayload(uid, request.payload);
    }

    // ------------------------------------------------------------------ revocation and erasure

    /// @inheritdoc IBadgeRegistry
    function revoke(bytes32 uid, uint8 reasonCode, string calldata reason) external {
        _revokeRecorded(uid, reasonCode, reason);
    }

    /// @inheritdoc IBadgeRegistry
    function revokeMany(bytes32[] calldata uids, uint8 reasonCode, string calldata reason) external {
        if (uids.length == 0 || uids.length > MAX_BATCH) revert BadgeRegistryInvalidBatchSize(uids.length, MAX_BATCH);
        for (uint256 i = 0; i < uids.length; ++i) {
            _revokeRecorded(uids[i], reasonCode, reason);
        }
    }

    /// @inheritdoc IBadgeRegistry
    function revokeBatched(
        bytes32 batchId,
        bytes32 uid,
        bytes32[] calldata proof,
        uint8 reasonCode,
        string calldata reason
    ) external {
        _revoke(uid, _batchedKey(batchId, uid), _issuerOfBatched(batchId, uid, proof), reasonCode, reason);
        unchecked {
            // At most `count` (a uint32) badges of the batch can be revoked, each once.
            ++_batches[batchId].revocations;
        }
    }

    // ------------------------------------------------------------------ status lists

    /// @inheritdoc IBadgeRegistry
    function publishStatusList(bytes32 listKey, bytes calldata credential) external {
        (uint32 issuerId, uint32 revocations) = _statusListOwner(listKey);
        if (issuerId == 0) revert BadgeRegistryUnknownStatusList(listKey);
        // A suspended issuer still publishes: its lists must keep telling revocations.
        _checkSigner(issuerId, msg.sender);
        if (credential.length == 0 || credential.length > MAX_STATUS_LIST_LENGTH) {
            revert BadgeRegistryDocumentTooLarge(credential.length, MAX_STATUS_LIST_LENGTH);
        }
        _statusLists[listKey] = StatusListRecord({publishedBlock: uint40(block.number), publishedRevocations: revocations});
        emit StatusListPublished(issuerId, listKey, credential);
    }

    /// @inheritdoc IBadgeRegistry
    function erase(bytes32 uid, bytes32 batchId, bytes32[] calldata proof) external {
        uint32 issuerId = batchId == bytes32(0) ? _issuerOfRecorded(uid) : _issuerOfBatched(batchId, uid, proof);
        // The authority erases on a learner's request (a learner without a wallet has no other way
        // that does not depend on the issuer), whatever the issuer's standing.
        if (!_isValidSigner(issuerId, msg.sender) && !hasRole(REGISTRY_AUTHORITY_ROLE, msg.sender)) {
            revert BadgeRegistryUnauthorizedSigner(msg.sender, issuerId);
        }
        _erase(uid, _statusKey(batchId, uid), issuerId);
    }

    /// @inheritdoc IBadgeRegistry
    function eraseAsRecipient(uint32 issuerId, bytes32 credentialHash, bytes32 batchId, bytes32[] calldata proof)
        external
    {
        bytes32 uid = _assertionId(issuerId, credentialHash, msg.sender);
        // The uid names the issuer, so a record or batch leaf found under it is that issuer's.
        _erase(uid, _statusKey(batchId, uid), batchId == bytes32(0) ? _issuerOfRecorded(uid) : _issuerOfBatched(batchId, uid, proof));
    }

    // ------------------------------------------------------------------ views

    /// @notice ERC-165: the registry's own interfaces, and AccessControl's.
    /// @param interfaceId An ERC-165 interface id.
    /// @return supported Whether the registry implements it.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IBadgeRegistry).interfaceId || interfaceId == type(IIssuerRegistry).interfaceId
            || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IBadgeRegistry
    function assertionId(uint32 issuerId, bytes32 credentialHash, address recipient) external pure returns (bytes32) {
        return _assertionId(issuerId, credentialHash, recipient);
    }

    /// @inheritdoc IBadgeRegistry
    function merkleBatchId(uint32 issuerId, bytes32 batchKey) external pure returns (bytes32) {
        return _merkleBatchId(issuerId, batchKey);
    }

    /// @inheritdoc IBadgeRegistry
    function verifyAssertion(bytes32 uid, bytes32 batchId, bytes32[] calldata proof, bytes32 publicKey)
        external
        view
        returns (AssertionStatus memory status)
    {
        status = batchId == bytes32(0) ? _recordedStatus(uid) : _batchedStatus(batchId, uid, proof);
        if (status.exists && publicKey != bytes32(0)) {
            status.keyValidAtIssue = isKeyValidAt(status.issuerId, publicKey, status.issuedAt);
        }
    }

    /// @inheritdoc IBadgeRegistry
    function getAssertion(bytes32 uid) external view returns (AssertionStatus memory) {
        return _recordedStatus(uid);
    }

    /// @inheritdoc IBadgeRegistry
    function getBadgeClass(uint32 classId) external view returns (BadgeClass memory) {
        ClassRecord memory record = _classes[classId];
        if (record.issuerId == 0) revert BadgeRegistryUnknownClass(classId);
        return BadgeClass({
            issuerId: record.issuerId,
            previousVersion: record.previousVersion,
            createdAt: record.createdAt,
            createdBlock: record.createdBlock,
            retired: record.retired,
            contentHash: _classHashes[classId]
        });
    }

    /// @inheritdoc IBadgeRegistry
    function badgeClassCount() external view returns (uint32) {
        return _classCount;
    }

    /// @inheritdoc IBadgeRegistry
    function getBatch(bytes32 batchId) external view returns (MerkleBatch memory) {
        BatchRecord memory batch = _batches[batchId];
        if (batch.classId == 0) revert BadgeRegistryUnknownBatch(batchId);
        return MerkleBatch({
            root: _batchRoots[batchId],
            classId: batch.classId,
            count: batch.count,
            issuedAt: batch.issuedAt,
            issuedBlock: batch.issuedBlock,
            expiresAt: batch.expiresAt
        });
    }

    /// @inheritdoc IBadgeRegistry
    function nextStatusIndex(uint32 classId) external view returns (uint32) {
        ClassRecord storage record = _classes[classId];
        if (record.issuerId == 0) revert BadgeRegistryUnknownClass(classId);
        return record.nextStatusIndex;
    }

    /// @inheritdoc IBadgeRegistry
    function classStatusListKey(uint32 classId, uint32 list) external pure returns (bytes32) {
        return _classListKey(classId, list);
    }

    /// @inheritdoc IBadgeRegistry
    function getStatusList(bytes32 listKey) external view returns (StatusListState memory state) {
        (state.issuerId, state.revocations) = _statusListOwner(listKey);
        if (state.issuerId == 0) return state;
        StatusListRecord memory list = _statusLists[listKey];
        state.publishedBlock = list.publishedBlock;
        state.publishedRevocations = list.publishedRevocations;
    }

    /// @inheritdoc IBadgeRegistry
    function issueDigest(IssueRequest calldata request, uint256 nonce, uint256 deadline) external view returns (bytes32) {
        return _issueDigest(request, nonce, deadline);
    }

    /// @inheritdoc IBadgeRegistry
    function nonces(address signer) public view override(IBadgeRegistry, Nonces) returns (uint256) {
        return super.nonces(signer);
    }

    /// @inheritdoc IBadgeRegistry
    function version() external pure returns (string memory) {
        return _VERSION;
    }

    // ------------------------------------------------------------------ internal helpers

    /// @dev `keccak256(bytes.concat(keccak256(abi.encode(issuerId, credentialHash, recipient))))`, hashed
    /// in memory past the free pointer without moving it: in a loop of thousands, fresh memory for
    /// every leaf would cost more than the hashing.
    function _assertionId(uint32 issuerId, bytes32 credentialHash, address recipient) private pure returns (bytes32 uid) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, and(issuerId, 0xffffffff))
            mstore(add(ptr, 0x20), credentialHash)
            mstore(add(ptr, 0x40), and(recipient, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(0x00, keccak256(ptr, 0x60))
            uid := keccak256(0x00, 0x20)
        }
    }

    /// @dev The stored id of an issuer's batch: `keccak256(abi.encode(issuerId, batchKey))`.
    function _merkleBatchId(uint32 issuerId, bytes32 batchKey) private pure returns (bytes32) {
        return keccak256(abi.encode(issuerId, batchKey));
    }

    /// @dev The Merkle leaf of a uid: `keccak256(bytes.concat(keccak256(abi.encode(uid))))`, an OpenZeppelin
    /// StandardMerkleTree leaf of `["bytes32"]`. Inner nodes hash 64 bytes and leaves 32, so a node (or the
    /// root) presented as a uid hashes to a leaf no tree holds.
    function _leaf(bytes32 uid) private pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            mstore(0x00, uid)
            mstore(0x00, keccak256(0x00, 0x20))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// @dev Where the status of `uid` inside batch `batchId` lives. A 64-byte preimage, so it cannot
    /// collide with a uid (the hash of a 32-byte leaf hash).
    function _batchedKey(bytes32 batchId, bytes32 uid) private pure returns (bytes32) {
        return keccak256(abi.encode(batchId, uid));
    }

    function _statusKey(bytes32 batchId, bytes32 uid) private pure returns (bytes32) {
        return batchId == bytes32(0) ? uid : _batchedKey(batchId, uid);
    }

    function _next(uint256 i) private pure returns (uint256) {
        unchecked {
            return i + 1;
        }
    }

    /// @dev `first + i` unchecked: `_takeStatusIndexes` checked that the batch's indexes stay under 2^27.
    function _next(uint256 first, uint256 i) private pure returns (uint256) {
        unchecked {
            return first + i;
        }
    }

    /// @dev `tree[index] = node` without a bounds check: callers index inside the array they allocated.
    function _writeNode(bytes32[] memory tree, uint256 index, bytes32 node) private pure {
        assembly ("memory-safe") {
            mstore(add(add(tree, 0x20), shl(5, index)), node)
        }
    }

    /// @dev Fills nodes `[0, n-1)` of a tree whose `n` leaves fill the rest, parents before children.
    function _hashInnerNodes(bytes32[] memory tree, uint256 leafCount) private pure {
        assembly ("memory-safe") {
            let nodes := add(tree, 0x20)
            for { let i := sub(leafCount, 1) } gt(i, 0) { i := sub(i, 1) } {
                // node i-1 has children 2i-1 and 2i
                let left := mload(add(nodes, shl(5, sub(shl(1, i), 1))))
                let right := mload(add(nodes, shl(6, i)))
                switch lt(right, left)
                case 0 {
                    mstore(0x00, left)
                    mstore(0x20, right)
                }
                default {
                    mstore(0x00, right)
                    mstore(0x20, left)
                }
                mstore(add(nodes, shl(5, sub(i, 1))), keccak256(0x00, 0x40))
            }
        }
    }

    function _issueDigest(IssueRequest calldata request, uint256 nonce, uint256 deadline) private view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    _ISSUE_TYPEHASH,
                    request.classId,
                    request.statusIndex,
                    request.credentialHash,
                    request.recipient,
                    request.expiresAt,
                    keccak256(request.payload),
                    nonce,
                    deadline
                )
            )
        );
    }

    function _checkSigner(uint32 issuerId, address account) private view {
        if (!_isValidSigner(issuerId, account)) revert BadgeRegistryUnauthorizedSigner(account, issuerId);
    }

    /// @dev A valid signer of an issuer that is not suspended.
    function _checkCanIssue(uint32 issuerId, address signer) private view {
        _checkSigner(issuerId, signer);
        if (_isSuspended(issuerId)) revert BadgeRegistryIssuerSuspended(issuerId);
    }

    /// @dev Checks everything an issue needs and returns the class's issuer.
    function _checkIssuable(uint32 classId, address signer, uint40 expiresAt) private view returns (uint32 issuerId) {
        issuerId = _activeClassIssuer(classId);
        _checkCanIssue(issuerId, signer);
        if (expiresAt != 0 && (expiresAt <= block.timestamp || expiresAt > AssertionRecords.MAX_TIME)) {
            revert BadgeRegistryInvalidExpiry(expiresAt, block.timestamp);
        }
    }

    /// @dev Gives the next `count` status indexes of the class to the call. The client signed its
    /// credentials with `first`; when another issue took it meanwhile, the call reverts and the client
    /// re-reads `nextStatusIndex` and signs again (a credential can never share an index).
    function _takeStatusIndexes(uint32 classId, uint32 first, uint256 count) private {
        ClassRecord storage record = _classes[classId];
        uint256 next = record.nextStatusIndex;
        if (first != next) revert BadgeRegistryStaleStatusIndex(classId, first, uint32(next));
        unchecked {
            // `count` is at most MAX_BATCH and `next` below 2^27: the sum cannot overflow.
            next += count;
        }
        if (next > AssertionRecords.STATUS_INDEX_LIMIT) revert BadgeRegistryStatusIndexesExhausted(classId);
        record.nextStatusIndex = uint32(next);
    }

    /// @dev A class list's key: `classId` and `list` in its low 64 bits. A batch's key is its id, a hash,
    /// whose high 192 bits are never all zero in practice.
    function _classListKey(uint32 classId, uint32 list) private pure returns (bytes32) {
        return bytes32((uint256(classId) << 32) | list);
    }

    /// @dev The issuer of a status list and the revocations it must tell; issuer zero for no such list.
    function _statusListOwner(bytes32 listKey) private view returns (uint32 issuerId, uint32 revocations) {
        uint256 key = uint256(listKey);
        if (key >> 64 == 0) {
            ClassRecord memory record = _classes[uint32(key >> 32)];
            // A list exists once the class does and for as far as its cursor reached (list 0 at once).
            if (uint32(key) > record.nextStatusIndex / STATUS_LIST_LENGTH) return (0, 0);
            return (record.issuerId, record.revocations);
        }
        BatchRecord memory batch = _batches[listKey];
        if (batch.classId == 0) return (0, 0);
        return (_classes[batch.classId].issuerId, batch.revocations);
    }

    function _activeClassIssuer(uint32 classId) private view returns (uint32 issuerId) {
        ClassRecord storage record = _classes[classId];
        issuerId = record.issuerId;
        if (issuerId == 0) revert BadgeRegistryUnknownClass(classId);
        if (record.retired) revert BadgeRegistryClassRetired(classId);
    }

    function _createClass(uint32 issuerId, uint32 previousVersion, string calldata content)
        private
        returns (uint32 classId)
    {
        bytes32 contentHash = _checkDocument(content);
        classId = ++_classCount;
        _classes[classId] = ClassRecord({
            issuerId: issuerId,
            previousVersion: previousVersion,
            createdAt: uint40(block.timestamp),
            createdBlock: uint40(block.number),
            retired: false,
            nextStatusIndex: 0,
            revocations: 0
        });
        _classHashes[classId] = contentHash;
        emit BadgeClassCreated(classId, issuerId, previousVersion, contentHash, content);
    }

    function _retire(uint32 classId, uint32 issuerId) private {
        _classes[classId].retired = true;
        emit BadgeClassRetired(classId, issuerId);
    }

    /// @dev Records `record` (a fresh one, see `AssertionRecords.issuedNow`) under the badge's uid.
    function _record(AssertionRecord record, uint32 issuerId, bytes32 credentialHash, address recipient)
        private
        returns (bytes32 uid)
    {
        if (credentialHash == bytes32(0)) revert BadgeRegistryInvalidCredentialHash();
        uid = _assertionId(issuerId, credentialHash, recipient);
        if (!_assertions[uid].isEmpty()) revert BadgeRegistryAssertionExists(uid);
        _assertions[uid] = record;
        emit AssertionIssued(uid, issuerId, recipient);
    }

    function _publishPayload(bytes32 uid, bytes calldata payload) private {
        if (payload.length == 0 || payload.length > MAX_PAYLOAD_LENGTH) revert BadgeRegistryDocumentTooLarge(payload.length, MAX_PAYLOAD_LENGTH);
        emit AssertionPayloadPublished(uid, payload);
    }

    function _checkBatch(uint256 count, uint256 recipients, uint256 maxCount) private pure {
        if (count == 0 || count > maxCount) revert BadgeRegistryInvalidBatchSize(count, maxCount);
        if (recipients != count) revert BadgeRegistryLengthMismatch(count, recipients);
    }

    /// @dev The issuer of a badge recorded on its own; reverts when there is none.
    function _issuerOfRecorded(bytes32 uid) private view returns (uint32) {
        uint32 classId = _assertions[uid].classId();
        if (classId == 0) revert BadgeRegistryUnknownAssertion(uid);
        return _classes[classId].issuerId;
    }

    /// @dev The issuer of a badge inside a Merkle batch; reverts unless the proof places it there.
    function _issuerOfBatched(bytes32 batchId, bytes32 uid, bytes32[] calldata proof) private view returns (uint32) {
        uint32 classId = _batches[batchId].classId;
        if (classId == 0) revert BadgeRegistryUnknownBatch(batchId);
        if (!MerkleProof.verifyCalldata(proof, _batchRoots[batchId], _leaf(uid))) revert BadgeRegistryInvalidProof(batchId, uid);
        return _classes[classId].issuerId;
    }

    function _revokeRecorded(bytes32 uid, uint8 reasonCode, string calldata reason) private {
        uint32 classId = _assertions[uid].classId();
        if (classId == 0) revert BadgeRegistryUnknownAssertion(uid);
        ClassRecord storage record = _classes[classId];
        _revoke(uid, uid, record.issuerId, reasonCode, reason);
        unchecked {
            // Each badge of the class (fewer than 2^27) is revoked at most once.
            ++record.revocations;
        }
    }

    /// @dev `key` is where the badge's status lives: its uid, or `_batchedKey` for a badge inside a batch.
    function _revoke(bytes32 uid, bytes32 key, uint32 issuerId, uint8 reasonCode, string calldata reason) private {
        if (reasonCode > uint8(type(RevocationReason).max)) revert BadgeRegistryInvalidReason(reasonCode);
        _checkSigner(issuerId, msg.sender);
        AssertionRecord record = _assertions[key];
        if (record.revokedAt() != 0) revert BadgeRegistryAlreadyRevoked(uid);
        // Erasure stops disclosure: no new words about the badge, only a code.
        if (record.erased() && bytes(reason).length != 0) revert BadgeRegistryErasedReasonText(uid);
        RevocationReason code = RevocationReason(reasonCode);
        _assertions[key] = record.withRevocation(code);
        emit AssertionRevoked(uid, issuerId, code, reason);
    }

    function _erase(bytes32 uid, bytes32 key, uint32 issuerId) private {
        AssertionRecord record = _assertions[key];
        if (record.erased()) revert BadgeRegistryAlreadyErased(uid);
        _assertions[key] = record.withErasure();
        emit AssertionErased(uid, issuerId, msg.sender);
    }

    function _recordedStatus(bytes32 uid) private view returns (AssertionStatus memory status) {
        AssertionRecord record = _assertions[uid];
        uint32 classId = record.classId();
        if (classId == 0) return status;
        status = _status(record, classId, bytes32(0));
        status.issuedAt = record.issuedAt();
        status.issuedBlock = record.issuedBlock();
        status.expiresAt = record.expiresAt();
        status.statusIndex = record.statusIndex();
    }

    function _batchedStatus(bytes32 batchId, bytes32 uid, bytes32[] calldata proof)
        private
        view
        returns (AssertionStatus memory status)
    {
        BatchRecord memory batch = _batches[batchId];
        if (batch.classId == 0 || !MerkleProof.verifyCalldata(proof, _batchRoots[batchId], _leaf(uid))) return status;
        status = _status(_assertions[_batchedKey(batchId, uid)], batch.classId, batchId);
        status.issuedAt = batch.issuedAt;
        status.issuedBlock = batch.issuedBlock;
        status.expiresAt = batch.expiresAt;
    }

    /// @dev The fields shared by badges recorded on their own and badges inside a batch.
    function _status(AssertionRecord record, uint32 classId, bytes32 batchId)
        private
        view
        returns (AssertionStatus memory status)
    {
        ClassRecord memory cls = _classes[classId];
        status.exists = true;
        status.issuerId = cls.issuerId;
        status.issuerStatus = _issuerStatus(cls.issuerId);
        status.classId = classId;
        status.classHash = _classHashes[classId];
        status.classRetired = cls.retired;
        status.batchId = batchId;
        status.revokedAt = record.revokedAt();
        status.revokedBlock = record.revokedBlock();
        status.revocationReason = record.reason();
        status.erased = record.erased();
    }
}
