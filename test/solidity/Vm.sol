// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The few Foundry-compatible cheatcodes the Solidity tests use (Hardhat 3's EDR serves them at
/// the standard cheatcode address). forge-std cannot be installed here, so they are declared by hand.
interface Vm {
    function warp(uint256 newTimestamp) external;
    function roll(uint256 newHeight) external;
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 revertData) external;
    function assume(bool condition) external pure;
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}

/// @notice A tiny base for Solidity tests: the cheatcodes and forge-std-like `bound`.
abstract contract TestBase {
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    /// @dev Maps any `x` into `[min, max]` (uniformly enough for fuzzing; keeps the edges reachable).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min + 1;
        return min + (x % size);
    }
}
