import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The Chancery registry: one contract holding issuers and badges (see contracts/BadgeRegistry.sol).
 * Parameters (deploy/parameters/<network>.json or --parameters): `admin` holds DEFAULT_ADMIN_ROLE,
 * `authority` the REGISTRY_AUTHORITY_ROLE; both default to the deploying account.
 */
export default buildModule("Chancery", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const authority = m.getParameter("authority", deployer);
  const badgeRegistry = m.contract("BadgeRegistry", [admin, authority]);
  return { badgeRegistry };
});
