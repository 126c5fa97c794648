// Shared fixtures. Each is a named function so `networkHelpers.loadFixture` snapshots it once and
// every test starts again from that snapshot.
//
// Cast (Hardhat's default accounts):
//   deployer        DEFAULT_ADMIN_ROLE of the registry
//   authority       REGISTRY_AUTHORITY_ROLE (accredits, suspends, reinstates)
//   admin           registered issuer 1: its admin and first signer
//   signer          a signer of issuer 1 added by the admin, open-ended window
//   expiredSigner   a signer of issuer 1 whose window is over
//   removedSigner   a signer of issuer 1 removed by the admin
//   otherAdmin      registered issuer 2
//   otherSigner     a signer of issuer 2
//   stranger        nobody
//   recipient       a learner's wallet
//   relayer         sends delegated issues
//   pendingAdmin    offered issuer 1's admin role in some tests
//   walletOwner     owner of an ERC-1271 contract wallet
import type { NetworkConnection } from "hardhat/types/network";
import { type Address, getAddress, type Hex } from "viem";
import { achievementJson, keyOf, profileJson } from "./values.js";

export const PROFILE_NAME = "Université de Exemple";
export const OTHER_PROFILE_NAME = "Other Academy";
export const PROFILE = profileJson(PROFILE_NAME);
export const OTHER_PROFILE = profileJson(OTHER_PROFILE_NAME);
export const ACHIEVEMENT = achievementJson("Data Literacy I");
export const OTHER_ACHIEVEMENT = achievementJson("Welding Basics");
export const KEY = keyOf("issuer-1-key-1");
export const ISSUER = 1;
export const OTHER_ISSUER = 2;
export const CLASS = 1;
export const OTHER_CLASS = 2;
/** The expired signer's window length; the fixture moves time past it. */
export const EXPIRED_WINDOW = 3_600;

export const ROLE_NAMES = [
  "deployer",
  "authority",
  "admin",
  "signer",
  "expiredSigner",
  "removedSigner",
  "otherAdmin",
  "otherSigner",
  "stranger",
  "recipient",
  "relayer",
  "pendingAdmin",
  "walletOwner",
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** A bare registry: deployed, nobody registered. */
export async function deployRegistryFixture(connection: NetworkConnection) {
  const { viem, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const walletClients = await viem.getWalletClients();
  const wallets = Object.fromEntries(ROLE_NAMES.map((name, i) => [name, walletClients[i]])) as Record<
    RoleName,
    (typeof walletClients)[number]
  >;
  // Checksummed, as viem decodes addresses returned by the contract.
  const accounts = Object.fromEntries(ROLE_NAMES.map((name) => [name, getAddress(wallets[name].account.address)])) as Record<
    RoleName,
    Address
  >;
  const registry = await viem.deployContract("BadgeRegistry", [accounts.deployer, accounts.authority]);
  const deploymentBlock = await publicClient.getBlockNumber();
  const connect = (wallet: (typeof walletClients)[number]) =>
    viem.getContractAt("BadgeRegistry", registry.address, { client: { public: publicClient, wallet } });
  const as = Object.fromEntries(await Promise.all(ROLE_NAMES.map(async (name) => [name, await connect(wallets[name])] as const))) as Record<
    RoleName,
    Awaited<ReturnType<typeof connect>>
  >;
  const chainId = await publicClient.getChainId();
  const time = networkHelpers.time;

  /** Fixes the next block's timestamp `delta` seconds after the latest one and returns it. */
  async function nextTimestamp(delta = 10): Promise<number> {
    const t = (await time.latest()) + delta;
    await time.setNextBlockTimestamp(t);
    return t;
  }

  /** The timestamp and number of the block that mined `hash`. */
  async function minedAt(hash: Hex | Promise<Hex>): Promise<{ timestamp: number; blockNumber: number }> {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
    return { timestamp: Number(block.timestamp), blockNumber: Number(receipt.blockNumber) };
  }

  return {
    viem,
    networkHelpers,
    time,
    publicClient,
    chainId,
    registry,
    deploymentBlock,
    wallets,
    accounts,
    as,
    connect,
    nextTimestamp,
    minedAt,
  };
}

/**
 * Two registered issuers with their signers, one badge class each and one Ed25519 key for issuer 1.
 * Time has moved past the expired signer's window.
 */
export async function issuersFixture(connection: NetworkConnection) {
  const base = await deployRegistryFixture(connection);
  const { as, accounts, time } = base;
  await as.admin.write.registerIssuer([PROFILE]);
  await as.otherAdmin.write.registerIssuer([OTHER_PROFILE]);
  await as.admin.write.addSigner([ISSUER, accounts.signer, 0, 0]);
  const expiredSignerUntil = (await time.latest()) + EXPIRED_WINDOW;
  await as.admin.write.addSigner([ISSUER, accounts.expiredSigner, 0, expiredSignerUntil]);
  await as.admin.write.addSigner([ISSUER, accounts.removedSigner, 0, 0]);
  await as.admin.write.removeSigner([ISSUER, accounts.removedSigner]);
  await as.otherAdmin.write.addSigner([OTHER_ISSUER, accounts.otherSigner, 0, 0]);
  await as.admin.write.createBadgeClass([ISSUER, ACHIEVEMENT]);
  await as.otherAdmin.write.createBadgeClass([OTHER_ISSUER, OTHER_ACHIEVEMENT]);
  await as.admin.write.addKey([ISSUER, KEY, 0, 0]);
  await time.increaseTo(expiredSignerUntil + 60);
  return { ...base, expiredSignerUntil };
}

export type RegistryFixture = Awaited<ReturnType<typeof deployRegistryFixture>>;
export type Registry = RegistryFixture["registry"];

/**
 * The status index the class's next badge must be signed with (0 for a class that does not exist,
 * so a test can still reach the revert it is about).
 */
export async function nextIndex(f: { registry: Registry }, classId: number): Promise<number> {
  return f.registry.read.nextStatusIndex([classId]).catch(() => 0);
}

/** An AssertionStatus as `verifyAssertion` / `getAssertion` return it, with defaults for a missing badge. */
export const MISSING_STATUS = {
  exists: false,
  issuerId: 0,
  issuerStatus: 0,
  classId: 0,
  classHash: `0x${"00".repeat(32)}`,
  classRetired: false,
  batchId: `0x${"00".repeat(32)}`,
  issuedAt: 0,
  issuedBlock: 0,
  expiresAt: 0,
  revokedAt: 0,
  revokedBlock: 0,
  revocationReason: 0,
  erased: false,
  keyValidAtIssue: false,
  statusIndex: 0,
} as const;

/** IssuerStatus and RevocationReason as the ABI returns them (uint8 → number). */
export const IssuerStatus = { Unregistered: 0, SelfDeclared: 1, Accredited: 2, Suspended: 3 } as const;
export const RevocationReason = {
  Unspecified: 0,
  IssuedInError: 1,
  Misconduct: 2,
  Superseded: 3,
  Withdrawn: 4,
  KeyCompromised: 5,
} as const;
