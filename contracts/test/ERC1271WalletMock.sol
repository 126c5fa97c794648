// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title ERC1271WalletMock
/// @notice Test double: a smart-contract wallet (think Safe with one owner) that approves a digest
/// when its owner's ECDSA signature over it checks, and that can make calls as itself.
contract ERC1271WalletMock is IERC1271 {
    /// @notice The caller is not the owner.
    error ERC1271WalletMockUnauthorized(address account);

    /// @notice The wallet's one owner, whose ECDSA signatures it accepts.
    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        return SignatureChecker.isValidSignatureNow(owner, hash, signature) ? this.isValidSignature.selector : bytes4(0);
    }

    /// @notice Calls `target` with `data` as this wallet; bubbles up a revert. Owner only.
    /// @param target The contract to call.
    /// @param data The calldata.
    /// @return result What the call returned.
    function execute(address target, bytes calldata data) external returns (bytes memory) {
        if (msg.sender != owner) revert ERC1271WalletMockUnauthorized(msg.sender);
        return Address.functionCall(target, data);
    }
}
