// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IIssuerRegistry} from "./interfaces/IIssuerRegistry.sol";
import {IssuerStatus, Window} from "./Common.sol";

/// @title IssuerRegistry
/// @notice Issuers, their admins, signer wallets, Ed25519 keys and accreditation.
/// @dev Abstract: it lives in the same contract as the badges, because a cross-contract read
/// (2,600 gas for a cold account) on every issue would not fit the gas budget.
abstract contract IssuerRegistry is IIssuerRegistry, AccessControl {
    /// @notice The role that accredits, suspends and reinstates issuers.
    bytes32 public constant REGISTRY_AUTHORITY_ROLE = keccak256("REGISTRY_AUTHORITY_ROLE");
    /// @notice Longest Open Badges document (profile or class JSON) accepted in calldata.
    uint256 public constant MAX_DOCUMENT_LENGTH = 16_384;
    /// @notice Most issuers returned by one `getIssuers` call.
    uint32 public constant MAX_ISSUER_PAGE = 100;

    struct IssuerRecord {
        address admin;
        bool accredited;
        bool suspended;
        uint40 statusChangedAt;
        uint40 statusChangedBlock;
    }

    struct ProfileRecord {
        bytes32 hash;
        uint40 blockNumber;
    }

    uint32 private _issuerCount;
    mapping(uint32 issuerId => IssuerRecord issuer) private _issuers;
    mapping(uint32 issuerId => ProfileRecord profile) private _profiles;
    mapping(uint32 issuerId => address pendingAdmin) private _pendingAdmins;
    mapping(uint32 issuerId => mapping(address signer => Window window)) private _signers;
    mapping(uint32 issuerId => address[] signers) private _signerList;
    mapping(uint32 issuerId => mapping(bytes32 publicKey => Window window)) private _keys;
    mapping(uint32 issuerId => bytes32[] publicKeys) private _keyList;
    // The name an accreditation vouches for, both ways: one accredited issuer per name.
    mapping(uint32 issuerId => bytes32 nameKey) private _nameKeys;
    mapping(bytes32 nameKey => uint32 issuerId) private _accreditedByName;

    constructor(address defaultAdmin, address authority) {
        _grantRole(DEFAULT_ADMIN_ROLE, defaultAdmin);
        _grantRole(REGISTRY_AUTHORITY_ROLE, authority);
    }

    modifier onlyIssuerAdmin(uint32 issuerId) {
        _checkIssuerAdmin(issuerId);
        _;
    }

    // ------------------------------------------------------------------ issuers

    /// @inheritdoc IIssuerRegistry
    function registerIssuer(string calldata profile) external returns (uint32 issuerId) {
        bytes32 profileHash = _checkDocument(profile);
        issuerId = ++_issuerCount;
        _issuers[issuerId] = IssuerRecord({
            admin: msg.sender,
            accredited: false,
            suspended: false,
            statusChangedAt: uint40(block.timestamp),
            statusChangedBlock: uint40(block.number)
        });
        _profiles[issuerId] = ProfileRecord(profileHash, uint40(block.number));
        emit IssuerRegistered(issuerId, msg.sender, profileHash, profile);
        _addSigner(issuerId, msg.sender, 0, 0);
    }

    /// @inheritdoc IIssuerRegistry
    function updateProfile(uint32 issuerId, string calldata profile) external onlyIssuerAdmin(issuerId) {
        bytes32 profileHash = _checkDocument(profile);
        _profiles[issuerId] = ProfileRecord(profileHash, uint40(block.number));
        emit IssuerProfileUpdated(issuerId, profileHash, profile);
    }

    /// @inheritdoc IIssuerRegistry
    function transferAdmin(uint32 issuerId, address newAdmin) external onlyIssuerAdmin(issuerId) {
        _pendingAdmins[issuerId] = newAdmin;
        emit IssuerAdminTransferStarted(issuerId, msg.sender, newAdmin);
    }

    /// @inheritdoc IIssuerRegistry
    function acceptAdmin(uint32 issuerId) external {
        if (_pendingAdmins[issuerId] != msg.sender || msg.sender == address(0)) {
            revert IssuerRegistryUnauthorizedPendingAdmin(msg.sender, issuerId);
        }
        address previousAdmin = _issuers[issuerId].admin;
        _issuers[issuerId].admin = msg.sender;
        delete _pendingAdmins[issuerId];
        emit IssuerAdminTransferred(issuerId, previousAdmin, msg.sender);
    }

    // ------------------------------------------------------------------ signers and keys

    /// @inheritdoc IIssuerRegistry
    function addSigner(uint32 issuerId, address signer, uint40 validFrom, uint40 validUntil)
        external
        onlyIssuerAdmin(issuerId)
    {
        if (signer == address(0)) revert IssuerRegistryInvalidAccount(signer);
        if (_signers[issuerId][signer].validFrom != 0) revert IssuerRegistrySignerExists(issuerId, signer);
        _addSigner(issuerId, signer, validFrom, validUntil);
    }

    /// @inheritdoc IIssuerRegistry
    function removeSigner(uint32 issuerId, address signer) external onlyIssuerAdmin(issuerId) {
        Window storage window = _signers[issuerId][signer];
        if (!_isOpen(window)) revert IssuerRegistrySignerNotActive(issuerId, signer);
        uint40 validUntil = _close(window);
        emit SignerRemoved(issuerId, signer, validUntil);
    }

    /// @inheritdoc IIssuerRegistry
    function addKey(uint32 issuerId, bytes32 publicKey, uint40 validFrom, uint40 validUntil)
        external
        onlyIssuerAdmin(issuerId)
    {
        if (publicKey == bytes32(0)) revert IssuerRegistryInvalidKey();
        if (_keys[issuerId][publicKey].validFrom != 0) revert IssuerRegistryKeyExists(issuerId, publicKey);
        Window memory window = _window(validFrom, validUntil);
        _keys[issuerId][publicKey] = window;
        _keyList[issuerId].push(publicKey);
        emit KeyAdded(issuerId, publicKey, window.validFrom, window.validUntil);
    }

    /// @inheritdoc IIssuerRegistry
    function revokeKey(uint32 issuerId, bytes32 publicKey) external onlyIssuerAdmin(issuerId) {
        Window storage window = _keys[issuerId][publicKey];
        if (!_isOpen(window)) revert IssuerRegistryKeyNotActive(issuerId, publicKey);
        uint40 validUntil = _close(window);
        emit KeyRevoked(issuerId, publicKey, validUntil);
    }

    // ------------------------------------------------------------------ registry authority

    /// @inheritdoc IIssuerRegistry
    function accredit(uint32 issuerId, bytes32 nameKey) external onlyRole(REGISTRY_AUTHORITY_ROLE) {
        IssuerRecord storage issuer = _existingIssuer(issuerId);
        if (issuer.accredited || issuer.suspended) revert IssuerRegistryInvalidStatusChange(issuerId, _status(issuer));
        if (nameKey == bytes32(0)) revert IssuerRegistryInvalidNameKey();
        uint32 holder = _accreditedByName[nameKey];
        // The holder is accredited (possibly suspended): withdrawal frees its name.
        if (holder != 0) revert IssuerRegistryNameTaken(nameKey, holder);
        issuer.accredited = true;
        _touchStatus(issuer);
        _nameKeys[issuerId] = nameKey;
        _accreditedByName[nameKey] = issuerId;
        emit IssuerAccredited(issuerId, msg.sender, nameKey);
    }

    /// @inheritdoc IIssuerRegistry
    function withdrawAccreditation(uint32 issuerId, string calldata reason) external onlyRole(REGISTRY_AUTHORITY_ROLE) {
        IssuerRecord storage issuer = _existingIssuer(issuerId);
        if (!issuer.accredited) revert IssuerRegistryInvalidStatusChange(issuerId, _status(issuer));
        issuer.accredited = false;
        _touchStatus(issuer);
        delete _accreditedByName[_nameKeys[issuerId]];
        delete _nameKeys[issuerId];
        emit IssuerAccreditationWithdrawn(issuerId, msg.sender, reason);
    }

    /// @inheritdoc IIssuerRegistry
    function suspend(uint32 issuerId, string calldata reason) external onlyRole(REGISTRY_AUTHORITY_ROLE) {
        IssuerRecord storage issuer = _existingIssuer(issuerId);
        if (issuer.suspended) revert IssuerRegistryInvalidStatusChange(issuerId, IssuerStatus.Suspended);
        issuer.suspended = true;
        _touchStatus(issuer);
        emit IssuerSuspended(issuerId, msg.sender, reason);
    }

    /// @inheritdoc IIssuerRegistry
    function reinstate(uint32 issuerId) external onlyRole(REGISTRY_AUTHORITY_ROLE) {
        IssuerRecord storage issuer = _existingIssuer(issuerId);
        if (!issuer.suspended) revert IssuerRegistryInvalidStatusChange(issuerId, _status(issuer));
        issuer.suspended = false;
        _touchStatus(issuer);
        emit IssuerReinstated(issuerId, msg.sender);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IIssuerRegistry
    function issuerCount() external view returns (uint32) {
        return _issuerCount;
    }

    /// @inheritdoc IIssuerRegistry
    function getIssuer(uint32 issuerId) external view returns (Issuer memory) {
        return _snapshot(issuerId, _existingIssuer(issuerId));
    }

    /// @inheritdoc IIssuerRegistry
    function getIssuers(uint32 fromId, uint32 count) external view returns (Issuer[] memory issuers, uint32 total) {
        total = _issuerCount;
        if (fromId == 0) revert IssuerRegistryUnknownIssuer(fromId);
        if (count > MAX_ISSUER_PAGE) count = MAX_ISSUER_PAGE;
        uint256 available = fromId > total ? 0 : uint256(total) - fromId + 1;
        uint256 length = count < available ? count : available;
        issuers = new Issuer[](length);
        for (uint256 i = 0; i < length; ++i) {
            uint32 issuerId = uint32(fromId + i);
            issuers[i] = _snapshot(issuerId, _issuers[issuerId]);
        }
    }

    /// @inheritdoc IIssuerRegistry
    function accreditedIssuerByName(bytes32 nameKey) external view returns (uint32) {
        return _accreditedByName[nameKey];
    }

    function _snapshot(uint32 issuerId, IssuerRecord storage issuer) private view returns (Issuer memory) {
        ProfileRecord storage profile = _profiles[issuerId];
        return Issuer({
            admin: issuer.admin,
            pendingAdmin: _pendingAdmins[issuerId],
            status: _status(issuer),
            accredited: issuer.accredited,
            statusChangedAt: issuer.statusChangedAt,
            statusChangedBlock: issuer.statusChangedBlock,
            profileHash: profile.hash,
            profileBlock: profile.blockNumber,
            nameKey: _nameKeys[issuerId]
        });
    }

    /// @inheritdoc IIssuerRegistry
    function getSigners(uint32 issuerId) external view returns (address[] memory signers, Window[] memory windows) {
        signers = _signerList[issuerId];
        windows = new Window[](signers.length);
        for (uint256 i = 0; i < signers.length; ++i) {
            windows[i] = _signers[issuerId][signers[i]];
        }
    }

    /// @inheritdoc IIssuerRegistry
    function getKeys(uint32 issuerId) external view returns (bytes32[] memory publicKeys, Window[] memory windows) {
        publicKeys = _keyList[issuerId];
        windows = new Window[](publicKeys.length);
        for (uint256 i = 0; i < publicKeys.length; ++i) {
            windows[i] = _keys[issuerId][publicKeys[i]];
        }
    }

    /// @inheritdoc IIssuerRegistry
    function isSignerValidAt(uint32 issuerId, address account, uint256 at) public view returns (bool) {
        return _isValidAt(_signers[issuerId][account], at);
    }

    /// @inheritdoc IIssuerRegistry
    function isKeyValidAt(uint32 issuerId, bytes32 publicKey, uint256 at) public view returns (bool) {
        return _isValidAt(_keys[issuerId][publicKey], at);
    }

    // ------------------------------------------------------------------ internal helpers

    /// @dev The issuer's status as a verifier sees it.
    function _issuerStatus(uint32 issuerId) internal view returns (IssuerStatus) {
        IssuerRecord storage issuer = _issuers[issuerId];
        return issuer.admin == address(0) ? IssuerStatus.Unregistered : _status(issuer);
    }

    /// @dev Whether the issuer is suspended (an unknown issuer is not, and has no signer anyway).
    function _isSuspended(uint32 issuerId) internal view returns (bool) {
        return _issuers[issuerId].suspended;
    }

    /// @dev Whether `account` may write for the issuer now. An unknown issuer has no signers.
    function _isValidSigner(uint32 issuerId, address account) internal view returns (bool) {
        return _isValidAt(_signers[issuerId][account], block.timestamp);
    }

    function _checkIssuerAdmin(uint32 issuerId) private view {
        address admin = _issuers[issuerId].admin;
        if (admin == address(0)) revert IssuerRegistryUnknownIssuer(issuerId);
        if (admin != msg.sender) revert IssuerRegistryUnauthorizedAdmin(msg.sender, issuerId);
    }

    function _existingIssuer(uint32 issuerId) private view returns (IssuerRecord storage issuer) {
        issuer = _issuers[issuerId];
        if (issuer.admin == address(0)) revert IssuerRegistryUnknownIssuer(issuerId);
    }

    function _addSigner(uint32 issuerId, address signer, uint40 validFrom, uint40 validUntil) private {
        Window memory window = _window(validFrom, validUntil);
        _signers[issuerId][signer] = window;
        _signerList[issuerId].push(signer);
        emit SignerAdded(issuerId, signer, window.validFrom, window.validUntil);
    }

    function _touchStatus(IssuerRecord storage issuer) private {
        issuer.statusChangedAt = uint40(block.timestamp);
        issuer.statusChangedBlock = uint40(block.number);
    }

    function _checkDocument(string calldata document) internal pure returns (bytes32) {
        uint256 length = bytes(document).length;
        if (length == 0 || length > MAX_DOCUMENT_LENGTH) {
            revert IssuerRegistryInvalidDocumentLength(length, MAX_DOCUMENT_LENGTH);
        }
        return keccak256(bytes(document));
    }

    /// @dev A window that starts no earlier than now, so nothing is ever valid in the past retroactively.
    function _window(uint40 validFrom, uint40 validUntil) private view returns (Window memory) {
        uint40 start = validFrom < block.timestamp ? uint40(block.timestamp) : validFrom;
        if (validUntil != 0 && validUntil <= start) revert IssuerRegistryInvalidWindow(start, validUntil);
        return Window(start, validUntil);
    }

    /// @dev Whether a window was granted and has not ended yet (it may not have started).
    function _isOpen(Window storage window) private view returns (bool) {
        return window.validFrom != 0 && (window.validUntil == 0 || window.validUntil > block.timestamp);
    }

    /// @dev Ends an open window now; a window that had not started yet becomes empty.
    function _close(Window storage window) private returns (uint40 validUntil) {
        validUntil = uint40(block.timestamp);
        if (window.validFrom > validUntil) window.validFrom = validUntil;
        window.validUntil = validUntil;
    }

    function _isValidAt(Window memory window, uint256 at) private pure returns (bool) {
        return window.validFrom != 0 && window.validFrom <= at && (window.validUntil == 0 || at < window.validUntil);
    }

    function _status(IssuerRecord storage issuer) private view returns (IssuerStatus) {
        if (issuer.suspended) return IssuerStatus.Suspended;
        return issuer.accredited ? IssuerStatus.Accredited : IssuerStatus.SelfDeclared;
    }
}
