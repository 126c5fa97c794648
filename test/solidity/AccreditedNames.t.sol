// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIssuerRegistry} from "../../contracts/interfaces/IIssuerRegistry.sol";
import {IssuerStatus} from "../../contracts/Common.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";

/// @notice Random sequences of accredit / withdraw / suspend / reinstate over three issuers and two names.
/// Invariants after every step: a name is held by at most one issuer, and only by an accredited one (suspended
/// or not) whose record names it back; every accredited issuer holds the name it was accredited under.
contract AccreditedNamesTest is RegistryTestBase {
    bytes32 internal constant NAME_A = keccak256("university a");
    bytes32 internal constant NAME_B = keccak256("university b");

    function testFuzz_OneAccreditedIssuerPerName(uint256 ops, uint256 args) public {
        uint32[3] memory ids = [issuerId, registry.registerIssuer('{"name":"two"}'), registry.registerIssuer('{"name":"three"}')];
        bytes32[2] memory names = [NAME_A, NAME_B];
        for (uint256 step = 0; step < 24; ++step) {
            uint256 op = (ops >> (step * 2)) & 3;
            uint256 arg = uint256(keccak256(abi.encode(args, step)));
            uint32 id = ids[arg % 3];
            IIssuerRegistry.Issuer memory issuer = registry.getIssuer(id);
            bool suspended = issuer.status == IssuerStatus.Suspended;
            if (op == 0) {
                bytes32 name = names[(arg >> 8) % 2];
                uint32 holder = registry.accreditedIssuerByName(name);
                // The contract's order: status first, then the name.
                bool ok = !issuer.accredited && !suspended && holder == 0;
                (bool sent,) = address(registry).call(abi.encodeCall(registry.accredit, (id, name)));
                assertTrue(sent == ok, "accredit succeeds exactly when the issuer may be and the name is free");
            } else if (op == 1) {
                (bool sent,) = address(registry).call(abi.encodeCall(registry.withdrawAccreditation, (id, "fuzz")));
                assertTrue(sent == issuer.accredited, "withdraw succeeds exactly for an accredited issuer");
            } else if (op == 2) {
                (bool sent,) = address(registry).call(abi.encodeCall(registry.suspend, (id, "fuzz")));
                assertTrue(sent == !suspended, "suspend");
            } else {
                (bool sent,) = address(registry).call(abi.encodeCall(registry.reinstate, (id)));
                assertTrue(sent == suspended, "reinstate");
            }
            _checkInvariants(ids, names);
        }
    }

    function _checkInvariants(uint32[3] memory ids, bytes32[2] memory names) internal view {
        for (uint256 n = 0; n < 2; ++n) {
            uint32 holder = registry.accreditedIssuerByName(names[n]);
            if (holder == 0) continue;
            IIssuerRegistry.Issuer memory held = registry.getIssuer(holder);
            assertTrue(held.accredited, "only an accredited issuer holds a name");
            assertEq(held.nameKey, names[n], "the holder's record names the name back");
        }
        for (uint256 i = 0; i < 3; ++i) {
            IIssuerRegistry.Issuer memory issuer = registry.getIssuer(ids[i]);
            if (issuer.accredited) {
                assertEq(registry.accreditedIssuerByName(issuer.nameKey), ids[i], "an accredited issuer holds its name");
            } else {
                assertEq(issuer.nameKey, bytes32(0), "no name without accreditation");
            }
        }
    }
}
