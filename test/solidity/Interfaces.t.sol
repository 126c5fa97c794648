// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IBadgeRegistry} from "../../contracts/interfaces/IBadgeRegistry.sol";
import {IIssuerRegistry} from "../../contracts/interfaces/IIssuerRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

contract InterfacesTest is RegistryTestBase {
    function test_SupportsItsOwnInterfacesAndAccessControl() public view {
        assertTrue(registry.supportsInterface(type(IBadgeRegistry).interfaceId), "IBadgeRegistry");
        assertTrue(registry.supportsInterface(type(IIssuerRegistry).interfaceId), "IIssuerRegistry");
        assertTrue(registry.supportsInterface(type(IAccessControl).interfaceId), "IAccessControl");
        assertTrue(registry.supportsInterface(type(IERC165).interfaceId), "IERC165");
    }

    function testFuzz_SupportsNothingElse(bytes4 interfaceId) public view {
        vm.assume(interfaceId != type(IBadgeRegistry).interfaceId && interfaceId != type(IIssuerRegistry).interfaceId);
        vm.assume(interfaceId != type(IAccessControl).interfaceId && interfaceId != type(IERC165).interfaceId);
        assertTrue(!registry.supportsInterface(interfaceId), "unknown interface");
    }
}
