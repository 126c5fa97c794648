// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IssuerStatus, Window} from "../Common.sol";

/// @title Issuers of Open Badges and the wallets and keys that act for them.
/// @notice Registration is open: the caller becomes the issuer's admin and first signer.
/// A registry authority may accredit, suspend and reinstate issuers.
interface IIssuerRegistry {
    /// @notice A snapshot of one issuer.
    struct Issuer {
        address admin;
        address pendingAdmin;
        IssuerStatus status;
        bool accredited; // kept through a suspension, so reinstatement restores it
        uint40 statusChangedAt;
        uint40 statusChangedBlock; // block of the event carrying the status reason
        bytes32 profileHash; // keccak256 of the Open Badges Profile JSON in the last profile event
        uint40 profileBlock; // block of that event
        bytes32 nameKey; // the name key the authority accredited (see `accreditedIssuerByName`), zero when not accredited
    }

    /// @notice The account is not the admin of the issuer.
    error IssuerRegistryUnauthorizedAdmin(address account, uint32 issuerId);
    /// @notice The account is not the pending admin of the issuer.
    error IssuerRegistryUnauthorizedPendingAdmin(address account, uint32 issuerId);
    /// @notice No issuer has this id.
    error IssuerRegistryUnknownIssuer(uint32 issuerId);
    /// @notice The zero address cannot be a signer or an admin.
    error IssuerRegistryInvalidAccount(address account);
    /// @notice `validUntil` is not after `validFrom`.
    error IssuerRegistryInvalidWindow(uint40 validFrom, uint40 validUntil);
    /// @notice A signer's window is written once; use a new wallet to grant a new window.
    error IssuerRegistrySignerExists(uint32 issuerId, address signer);
    /// @notice The signer was never added, or its window is already over.
    error IssuerRegistrySignerNotActive(uint32 issuerId, address signer);
    /// @notice The zero key is not an Ed25519 public key.
    error IssuerRegistryInvalidKey();
    /// @notice A key's window is written once; register a new key to rotate.
    error IssuerRegistryKeyExists(uint32 issuerId, bytes32 publicKey);
    /// @notice The key was never added, or its window is already over.
    error IssuerRegistryKeyNotActive(uint32 issuerId, bytes32 publicKey);
    /// @notice The Open Badges document is empty or longer than the limit.
    error IssuerRegistryInvalidDocumentLength(uint256 length, uint256 maxLength);
    /// @notice The authority asked for a status change that does not apply to the current status.
    error IssuerRegistryInvalidStatusChange(uint32 issuerId, IssuerStatus status);
    /// @notice The zero name key names nobody; pass the key of the issuer's profile name.
    error IssuerRegistryInvalidNameKey();
    /// @notice Another accredited (possibly suspended) issuer holds this name key.
    error IssuerRegistryNameTaken(bytes32 nameKey, uint32 holderId);

    /// @notice An issuer registered.
    /// @param issuerId The new issuer's id.
    /// @param admin Its admin, also its first signer.
    /// @param profileHash keccak256 of `profile`, as stored.
    /// @param profile The full Open Badges Profile JSON.
    event IssuerRegistered(uint32 indexed issuerId, address indexed admin, bytes32 profileHash, string profile);
    /// @notice The issuer's profile changed.
    /// @param issuerId The issuer.
    /// @param profileHash keccak256 of `profile`, as stored.
    /// @param profile The full Open Badges Profile JSON.
    event IssuerProfileUpdated(uint32 indexed issuerId, bytes32 profileHash, string profile);
    /// @notice The admin offered the role to `newAdmin`.
    /// @param issuerId The issuer.
    /// @param admin The current admin.
    /// @param newAdmin The wallet that may accept, zero when the offer is withdrawn.
    event IssuerAdminTransferStarted(uint32 indexed issuerId, address indexed admin, address indexed newAdmin);
    /// @notice `newAdmin` accepted the admin role.
    /// @param issuerId The issuer.
    /// @param previousAdmin The admin before.
    /// @param newAdmin The admin now.
    event IssuerAdminTransferred(uint32 indexed issuerId, address indexed previousAdmin, address indexed newAdmin);
    /// @notice A wallet may write for the issuer during the window.
    /// @param issuerId The issuer.
    /// @param signer The wallet.
    /// @param validFrom Start of the window (no earlier than the block's time).
    /// @param validUntil End of the window (excluded), zero for open-ended.
    event SignerAdded(uint32 indexed issuerId, address indexed signer, uint40 validFrom, uint40 validUntil);
    /// @notice The signer's window was cut short.
    /// @param issuerId The issuer.
    /// @param signer The wallet.
    /// @param validUntil The new end of its window (now).
    event SignerRemoved(uint32 indexed issuerId, address indexed signer, uint40 validUntil);
    /// @notice An Ed25519 key for Open Badges 3.0 proofs, valid during the window.
    /// @param issuerId The issuer.
    /// @param publicKey The raw 32-byte Ed25519 public key.
    /// @param validFrom Start of the window (no earlier than the block's time).
    /// @param validUntil End of the window (excluded), zero for open-ended.
    event KeyAdded(uint32 indexed issuerId, bytes32 indexed publicKey, uint40 validFrom, uint40 validUntil);
    /// @notice The key's window was cut short.
    /// @param issuerId The issuer.
    /// @param publicKey The key.
    /// @param validUntil The new end of its window (now).
    event KeyRevoked(uint32 indexed issuerId, bytes32 indexed publicKey, uint40 validUntil);
    /// @notice The authority accredited the issuer under a name.
    /// @param issuerId The issuer.
    /// @param authority The registry authority's account.
    /// @param nameKey The name key of the issuer's profile name, now held by this issuer.
    event IssuerAccredited(uint32 indexed issuerId, address indexed authority, bytes32 indexed nameKey);
    /// @notice The authority withdrew the issuer's accreditation.
    /// @param issuerId The issuer.
    /// @param authority The registry authority's account.
    /// @param reason The authority's words.
    event IssuerAccreditationWithdrawn(uint32 indexed issuerId, address indexed authority, string reason);
    /// @notice The authority suspended the issuer: it cannot issue, and its badges verify as suspended-issuer.
    /// @param issuerId The issuer.
    /// @param authority The registry authority's account.
    /// @param reason The authority's words.
    event IssuerSuspended(uint32 indexed issuerId, address indexed authority, string reason);
    /// @notice The authority lifted the suspension.
    /// @param issuerId The issuer.
    /// @param authority The registry authority's account.
    event IssuerReinstated(uint32 indexed issuerId, address indexed authority);

    /// @notice Registers an issuer. The caller becomes its admin and a signer with an open-ended window.
    /// @param profile The Open Badges Profile JSON (1 to `MAX_DOCUMENT_LENGTH` bytes); its keccak256 is stored.
    /// @return issuerId The new issuer's id.
    function registerIssuer(string calldata profile) external returns (uint32 issuerId);

    /// @notice Replaces the issuer's profile. Admin only.
    /// @param issuerId The issuer.
    /// @param profile The new Open Badges Profile JSON.
    function updateProfile(uint32 issuerId, string calldata profile) external;

    /// @notice Offers the admin role to `newAdmin`, who must accept. Admin only.
    /// @param issuerId The issuer.
    /// @param newAdmin The wallet that may accept; zero withdraws the offer.
    function transferAdmin(uint32 issuerId, address newAdmin) external;

    /// @notice Accepts a pending admin offer. Pending admin only.
    /// @param issuerId The issuer.
    function acceptAdmin(uint32 issuerId) external;

    /// @notice Lets `signer` write for the issuer during a window. Admin only. The window is written once.
    /// @param issuerId The issuer.
    /// @param signer A wallet that was never a signer of the issuer.
    /// @param validFrom Start of the window; zero or past: now.
    /// @param validUntil End of the window (excluded), zero for open-ended.
    function addSigner(uint32 issuerId, address signer, uint40 validFrom, uint40 validUntil) external;

    /// @notice Ends the signer's window now. What it wrote before stays valid. Admin only.
    /// @param issuerId The issuer.
    /// @param signer A signer whose window is not over.
    function removeSigner(uint32 issuerId, address signer) external;

    /// @notice Registers an Ed25519 public key for Open Badges 3.0 proofs. Admin only. The window is written once.
    /// @param issuerId The issuer.
    /// @param publicKey The raw 32-byte key, non-zero and new to the issuer.
    /// @param validFrom Start of the window; zero or past: now.
    /// @param validUntil End of the window (excluded), zero for open-ended.
    function addKey(uint32 issuerId, bytes32 publicKey, uint40 validFrom, uint40 validUntil) external;

    /// @notice Ends the key's window now. Proofs of badges issued before stay valid. Admin only.
    /// @param issuerId The issuer.
    /// @param publicKey A key whose window is not over.
    function revokeKey(uint32 issuerId, bytes32 publicKey) external;

    /// @notice Accredits the issuer under its name. Registry authority only; not for an accredited or
    /// suspended issuer, nor for a name key another accredited issuer holds (so an impostor of the same name
    /// can be told apart). The name is held through suspensions and freed when accreditation is withdrawn.
    /// @param issuerId The issuer.
    /// @param nameKey The key of the issuer's profile name: keccak256 of its UTF-8 bytes after NFKC,
    /// lower-casing, dropping punctuation and symbols and collapsing whitespace (the sdk's `issuerNameKey`).
    function accredit(uint32 issuerId, bytes32 nameKey) external;

    /// @notice Withdraws the issuer's accreditation and frees its name key. Registry authority only.
    /// @param issuerId An accredited issuer.
    /// @param reason The authority's words, kept in the event.
    function withdrawAccreditation(uint32 issuerId, string calldata reason) external;

    /// @notice Suspends the issuer: it cannot issue, and its badges verify as suspended-issuer. Registry authority only.
    /// @param issuerId An issuer that is not suspended.
    /// @param reason The authority's words, kept in the event.
    function suspend(uint32 issuerId, string calldata reason) external;

    /// @notice Lifts a suspension, restoring the accreditation the issuer had. Registry authority only.
    /// @param issuerId A suspended issuer.
    function reinstate(uint32 issuerId) external;

    /// @notice The number of registered issuers; ids run from 1 to this number.
    /// @return count The number of issuers ever registered.
    function issuerCount() external view returns (uint32 count);

    /// @notice One issuer. Reverts for an unknown id.
    /// @param issuerId The issuer.
    /// @return issuer Its admin, pending admin, status and profile hash.
    function getIssuer(uint32 issuerId) external view returns (Issuer memory issuer);

    /// @notice Issuers `fromId`, `fromId + 1`, … a page at a time (at most `MAX_ISSUER_PAGE`); fewer past the
    /// last issuer. Reverts for `fromId` zero.
    /// @param fromId The first issuer id of the page (from 1).
    /// @param count How many to return at most.
    /// @return issuers The issuers, `issuers[i]` being issuer `fromId + i`.
    /// @return total The number of registered issuers.
    function getIssuers(uint32 fromId, uint32 count) external view returns (Issuer[] memory issuers, uint32 total);

    /// @notice The accredited issuer (possibly suspended) that holds a name key.
    /// @param nameKey A name key (see `accredit`).
    /// @return issuerId The issuer, zero for none.
    function accreditedIssuerByName(bytes32 nameKey) external view returns (uint32 issuerId);

    /// @notice Every signer the issuer ever had, with its window, in the order they were added.
    /// @param issuerId The issuer.
    /// @return signers The wallets.
    /// @return windows Their windows, in the same order.
    function getSigners(uint32 issuerId) external view returns (address[] memory signers, Window[] memory windows);

    /// @notice Every Ed25519 key the issuer ever registered, with its window, in the order they were added.
    /// @param issuerId The issuer.
    /// @return publicKeys The keys.
    /// @return windows Their windows, in the same order.
    function getKeys(uint32 issuerId) external view returns (bytes32[] memory publicKeys, Window[] memory windows);

    /// @notice Whether `account` may write for the issuer at time `at`.
    /// @param issuerId The issuer.
    /// @param account The wallet.
    /// @param at A Unix time in seconds.
    /// @return valid True when `at` lies in the signer's window.
    function isSignerValidAt(uint32 issuerId, address account, uint256 at) external view returns (bool valid);

    /// @notice Whether `publicKey` was registered for the issuer and valid at time `at`.
    /// @param issuerId The issuer.
    /// @param publicKey The Ed25519 key.
    /// @param at A Unix time in seconds.
    /// @return valid True when `at` lies in the key's window.
    function isKeyValidAt(uint32 issuerId, bytes32 publicKey, uint256 at) external view returns (bool valid);
}
