// IssuerRegistry: issuers, their admins, signer wallets, Ed25519 keys and the registry authority.
// IssuerRegistry is abstract (it lives inside BadgeRegistry), so it is exercised through a BadgeRegistry.
import { issuerNameKey } from "@chancery/sdk/ids";
import { expect } from "chai";
import { network } from "hardhat";
import { type Hex, keccak256, toBytes, toHex } from "viem";
import {
  ACHIEVEMENT,
  deployRegistryFixture,
  ISSUER,
  IssuerStatus,
  issuersFixture,
  KEY,
  OTHER_ISSUER,
  OTHER_PROFILE,
  OTHER_PROFILE_NAME,
  PROFILE,
  PROFILE_NAME,
  type RegistryFixture,
  type RoleName,
} from "./helpers/fixtures.js";
import { addressOf, documentOfLength, hashOf, keyOf, profileJson, ZERO_ADDRESS, ZERO_HASH } from "./helpers/values.js";

const { networkHelpers } = await network.getOrCreate();

const MAX_DOCUMENT_LENGTH = 16_384n;
const REGISTRY_AUTHORITY_ROLE = keccak256(toHex("REGISTRY_AUTHORITY_ROLE"));
const DEFAULT_ADMIN_ROLE = ZERO_HASH;

const NAME_KEY = issuerNameKey(PROFILE_NAME);
const OTHER_NAME_KEY = issuerNameKey(OTHER_PROFILE_NAME);

const AUTHORITY_OPS = ["accredit", "withdrawAccreditation", "suspend", "reinstate"] as const;
type AuthorityOp = (typeof AUTHORITY_OPS)[number];

function authorityCall(f: RegistryFixture, op: AuthorityOp, issuerId: number, caller: RoleName = "authority") {
  const c = f.as[caller];
  switch (op) {
    case "accredit":
      return c.write.accredit([issuerId, issuerId === OTHER_ISSUER ? OTHER_NAME_KEY : NAME_KEY]);
    case "withdrawAccreditation":
      return c.write.withdrawAccreditation([issuerId, "reason"]);
    case "suspend":
      return c.write.suspend([issuerId, "reason"]);
    case "reinstate":
      return c.write.reinstate([issuerId]);
  }
}

/** Shared behaviour: a function that only the issuer's admin may call. */
function shouldBeIssuerAdminOnly(name: string, send: (f: RegistryFixture, caller: RoleName, issuerId: number) => Promise<Hex>) {
  describe(`${name} is for the issuer's admin only`, () => {
    for (const caller of ["signer", "otherAdmin", "stranger", "authority", "deployer"] as const) {
      it(`rejects the ${caller} with IssuerRegistryUnauthorizedAdmin`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(send(f, caller, ISSUER), f.registry, "IssuerRegistryUnauthorizedAdmin", [
          f.accounts[caller],
          ISSUER,
        ]);
      });
    }

    for (const issuerId of [0, 3, 0xffffffff]) {
      it(`rejects unknown issuer ${issuerId} with IssuerRegistryUnknownIssuer`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(send(f, "admin", issuerId), f.registry, "IssuerRegistryUnknownIssuer", [
          issuerId,
        ]);
      });
    }
  });
}

/** Shared behaviour: a function that takes an Open Badges document of bounded length. */
function shouldCheckDocumentLength(
  name: string,
  fixture: typeof issuersFixture,
  send: (f: RegistryFixture, document: string) => Promise<Hex>,
) {
  describe(`${name} checks the document length`, () => {
    for (const length of [0n, MAX_DOCUMENT_LENGTH + 1n, 100_000n]) {
      it(`rejects a document of ${length} bytes with IssuerRegistryInvalidDocumentLength`, async () => {
        const f = await networkHelpers.loadFixture(fixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          send(f, documentOfLength(Number(length))),
          f.registry,
          "IssuerRegistryInvalidDocumentLength",
          [length, MAX_DOCUMENT_LENGTH],
        );
      });
    }

    for (const length of [1, Number(MAX_DOCUMENT_LENGTH)]) {
      it(`accepts a document of ${length} bytes`, async () => {
        const f = await networkHelpers.loadFixture(fixture);
        const hash = await send(f, documentOfLength(length));
        const receipt = await f.publicClient.waitForTransactionReceipt({ hash });
        expect(receipt.status).to.equal("success");
      });
    }

    it("counts bytes, not characters (UTF-8)", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const document = "é".repeat(Number(MAX_DOCUMENT_LENGTH) / 2 + 1); // 2 bytes each
      await f.viem.assertions.revertWithCustomErrorWithArgs(send(f, document), f.registry, "IssuerRegistryInvalidDocumentLength", [
        MAX_DOCUMENT_LENGTH + 2n,
        MAX_DOCUMENT_LENGTH,
      ]);
    });
  });
}

describe("IssuerRegistry", () => {
  describe("deployment", () => {
    it("grants DEFAULT_ADMIN_ROLE to the default admin and REGISTRY_AUTHORITY_ROLE to the authority", async () => {
      const { registry, accounts } = await networkHelpers.loadFixture(deployRegistryFixture);
      expect(await registry.read.DEFAULT_ADMIN_ROLE()).to.equal(DEFAULT_ADMIN_ROLE);
      expect(await registry.read.REGISTRY_AUTHORITY_ROLE()).to.equal(REGISTRY_AUTHORITY_ROLE);
      expect(await registry.read.hasRole([DEFAULT_ADMIN_ROLE, accounts.deployer])).to.equal(true);
      expect(await registry.read.hasRole([REGISTRY_AUTHORITY_ROLE, accounts.authority])).to.equal(true);
      expect(await registry.read.hasRole([DEFAULT_ADMIN_ROLE, accounts.authority])).to.equal(false);
      expect(await registry.read.hasRole([REGISTRY_AUTHORITY_ROLE, accounts.deployer])).to.equal(false);
      expect(await registry.read.getRoleAdmin([REGISTRY_AUTHORITY_ROLE])).to.equal(DEFAULT_ADMIN_ROLE);
    });

    it("emits RoleGranted for both roles in the deployment transaction", async () => {
      const { registry, accounts, deploymentBlock } = await networkHelpers.loadFixture(deployRegistryFixture);
      const events = await registry.getEvents.RoleGranted({}, { fromBlock: deploymentBlock, toBlock: deploymentBlock });
      expect(events.map((e) => [e.args.role, e.args.account, e.args.sender])).to.deep.equal([
        [DEFAULT_ADMIN_ROLE, accounts.deployer, accounts.deployer],
        [REGISTRY_AUTHORITY_ROLE, accounts.authority, accounts.deployer],
      ]);
    });

    it("exposes MAX_DOCUMENT_LENGTH", async () => {
      const { registry } = await networkHelpers.loadFixture(deployRegistryFixture);
      expect(await registry.read.MAX_DOCUMENT_LENGTH()).to.equal(MAX_DOCUMENT_LENGTH);
    });

    it("starts with no issuer", async () => {
      const { registry, viem } = await networkHelpers.loadFixture(deployRegistryFixture);
      expect(await registry.read.issuerCount()).to.equal(0);
      await viem.assertions.revertWithCustomErrorWithArgs(registry.read.getIssuer([1]), registry, "IssuerRegistryUnknownIssuer", [1]);
    });

    it("lets the default admin hand the authority role to another account", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.emitWithArgs(
        f.as.deployer.write.grantRole([REGISTRY_AUTHORITY_ROLE, f.accounts.stranger]),
        f.registry,
        "RoleGranted",
        [REGISTRY_AUTHORITY_ROLE, f.accounts.stranger, f.accounts.deployer],
      );
      await f.viem.assertions.emitWithArgs(f.as.stranger.write.accredit([ISSUER, NAME_KEY]), f.registry, "IssuerAccredited", [
        ISSUER,
        f.accounts.stranger,
        NAME_KEY,
      ]);
      await f.viem.assertions.emitWithArgs(
        f.as.deployer.write.revokeRole([REGISTRY_AUTHORITY_ROLE, f.accounts.authority]),
        f.registry,
        "RoleRevoked",
        [REGISTRY_AUTHORITY_ROLE, f.accounts.authority, f.accounts.deployer],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.authority.write.suspend([ISSUER, "fraud"]),
        f.registry,
        "AccessControlUnauthorizedAccount",
        [f.accounts.authority, REGISTRY_AUTHORITY_ROLE],
      );
    });

    it("lets the authority renounce its role, but only for itself", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.stranger.write.renounceRole([REGISTRY_AUTHORITY_ROLE, f.accounts.authority]),
        f.registry,
        "AccessControlBadConfirmation",
        [],
      );
      await f.viem.assertions.emitWithArgs(
        f.as.authority.write.renounceRole([REGISTRY_AUTHORITY_ROLE, f.accounts.authority]),
        f.registry,
        "RoleRevoked",
        [REGISTRY_AUTHORITY_ROLE, f.accounts.authority, f.accounts.authority],
      );
      expect(await f.registry.read.hasRole([REGISTRY_AUTHORITY_ROLE, f.accounts.authority])).to.equal(false);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.authority.write.accredit([ISSUER, NAME_KEY]),
        f.registry,
        "AccessControlUnauthorizedAccount",
        [f.accounts.authority, REGISTRY_AUTHORITY_ROLE],
      );
    });

    it("does not let the authority grant roles", async () => {
      const f = await networkHelpers.loadFixture(deployRegistryFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.authority.write.grantRole([REGISTRY_AUTHORITY_ROLE, f.accounts.stranger]),
        f.registry,
        "AccessControlUnauthorizedAccount",
        [f.accounts.authority, DEFAULT_ADMIN_ROLE],
      );
    });
  });

  describe("registerIssuer", () => {
    it("registers issuer 1 with the caller as admin and emits IssuerRegistered with the full profile", async () => {
      const f = await networkHelpers.loadFixture(deployRegistryFixture);
      await f.viem.assertions.emitWithArgs(f.as.admin.write.registerIssuer([PROFILE]), f.registry, "IssuerRegistered", [
        ISSUER,
        f.accounts.admin,
        keccak256(toBytes(PROFILE)),
        PROFILE,
      ]);
      expect(await f.registry.read.issuerCount()).to.equal(1);
    });

    it("returns the new issuer id", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const { result } = await f.registry.simulate.registerIssuer([PROFILE], { account: f.accounts.stranger });
      expect(result).to.equal(3);
    });

    it("makes the caller a signer with an open-ended window starting now", async () => {
      const f = await networkHelpers.loadFixture(deployRegistryFixture);
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(f.as.admin.write.registerIssuer([PROFILE]), f.registry, "SignerAdded", [
        ISSUER,
        f.accounts.admin,
        t,
        0,
      ]);
      expect(await f.registry.read.getSigners([ISSUER])).to.deep.equal([[f.accounts.admin], [{ validFrom: t, validUntil: 0 }]]);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.admin, BigInt(t)])).to.equal(true);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.admin, BigInt(t - 1)])).to.equal(false);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.admin, 2n ** 40n])).to.equal(true);
    });

    it("stores a self-declared issuer snapshot", async () => {
      const f = await networkHelpers.loadFixture(deployRegistryFixture);
      const t = await f.nextTimestamp();
      const { blockNumber } = await f.minedAt(f.as.admin.write.registerIssuer([PROFILE]));
      expect(await f.registry.read.getIssuer([ISSUER])).to.deep.equal({
        admin: f.accounts.admin,
        pendingAdmin: ZERO_ADDRESS,
        status: IssuerStatus.SelfDeclared,
        accredited: false,
        statusChangedAt: t,
        statusChangedBlock: blockNumber,
        profileHash: keccak256(toBytes(PROFILE)),
        profileBlock: blockNumber,
        nameKey: ZERO_HASH,
      });
    });

    it("numbers issuers from 1 and lets one wallet register several", async () => {
      const f = await networkHelpers.loadFixture(deployRegistryFixture);
      for (const [i, name] of ["A", "B", "C"].entries()) {
        await f.viem.assertions.emitWithArgs(f.as.admin.write.registerIssuer([profileJson(name)]), f.registry, "IssuerRegistered", [
          i + 1,
          f.accounts.admin,
          hashOf(profileJson(name)),
          profileJson(name),
        ]);
      }
      expect(await f.registry.read.issuerCount()).to.equal(3);
      expect((await f.registry.read.getIssuer([3])).admin).to.equal(f.accounts.admin);
    });

    it("is open to anyone, including the authority", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.emitWithArgs(f.as.authority.write.registerIssuer([PROFILE]), f.registry, "IssuerRegistered", [
        3,
        f.accounts.authority,
        hashOf(PROFILE),
        PROFILE,
      ]);
    });

    shouldCheckDocumentLength("registerIssuer", issuersFixture, (f, document) => f.as.stranger.write.registerIssuer([document]));
  });

  describe("updateProfile", () => {
    it("replaces the profile hash and emits IssuerProfileUpdated with the full profile", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const profile = profileJson("Université de Exemple (renamed)");
      const hash = f.as.admin.write.updateProfile([ISSUER, profile]);
      await f.viem.assertions.emitWithArgs(hash, f.registry, "IssuerProfileUpdated", [ISSUER, keccak256(toBytes(profile)), profile]);
      const { blockNumber } = await f.minedAt(hash);
      const issuer = await f.registry.read.getIssuer([ISSUER]);
      expect(issuer.profileHash).to.equal(keccak256(toBytes(profile)));
      expect(issuer.profileBlock).to.equal(blockNumber);
    });

    it("leaves the other issuer's profile alone", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.admin.write.updateProfile([ISSUER, profileJson("New")]);
      expect((await f.registry.read.getIssuer([OTHER_ISSUER])).profileHash).to.equal(hashOf(OTHER_PROFILE));
    });

    it("does not change the status timestamps", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const before = await f.registry.read.getIssuer([ISSUER]);
      await f.as.admin.write.updateProfile([ISSUER, profileJson("New")]);
      const after = await f.registry.read.getIssuer([ISSUER]);
      expect([after.statusChangedAt, after.statusChangedBlock]).to.deep.equal([before.statusChangedAt, before.statusChangedBlock]);
    });

    shouldBeIssuerAdminOnly("updateProfile", (f, caller, issuerId) => f.as[caller].write.updateProfile([issuerId, profileJson("X")]));
    shouldCheckDocumentLength("updateProfile", issuersFixture, (f, document) => f.as.admin.write.updateProfile([ISSUER, document]));
  });

  describe("admin transfer", () => {
    it("offers the role with IssuerAdminTransferStarted and records the pending admin", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.emitWithArgs(
        f.as.admin.write.transferAdmin([ISSUER, f.accounts.pendingAdmin]),
        f.registry,
        "IssuerAdminTransferStarted",
        [ISSUER, f.accounts.admin, f.accounts.pendingAdmin],
      );
      const issuer = await f.registry.read.getIssuer([ISSUER]);
      expect(issuer.pendingAdmin).to.equal(f.accounts.pendingAdmin);
      expect(issuer.admin).to.equal(f.accounts.admin);
    });

    it("hands the role over when the pending admin accepts", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.admin.write.transferAdmin([ISSUER, f.accounts.pendingAdmin]);
      await f.viem.assertions.emitWithArgs(f.as.pendingAdmin.write.acceptAdmin([ISSUER]), f.registry, "IssuerAdminTransferred", [
        ISSUER,
        f.accounts.admin,
        f.accounts.pendingAdmin,
      ]);
      const issuer = await f.registry.read.getIssuer([ISSUER]);
      expect(issuer.admin).to.equal(f.accounts.pendingAdmin);
      expect(issuer.pendingAdmin).to.equal(ZERO_ADDRESS);
    });

    it("takes admin rights from the previous admin and gives them to the new one", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.admin.write.transferAdmin([ISSUER, f.accounts.pendingAdmin]);
      await f.as.pendingAdmin.write.acceptAdmin([ISSUER]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.updateProfile([ISSUER, PROFILE]),
        f.registry,
        "IssuerRegistryUnauthorizedAdmin",
        [f.accounts.admin, ISSUER],
      );
      await f.viem.assertions.emit(f.as.pendingAdmin.write.addSigner([ISSUER, f.accounts.pendingAdmin, 0, 0]), f.registry, "SignerAdded");
    });

    it("keeps the signer windows apart from the admin role (the old admin stays a signer until removed)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.admin.write.transferAdmin([ISSUER, f.accounts.pendingAdmin]);
      await f.as.pendingAdmin.write.acceptAdmin([ISSUER]);
      const now = BigInt(await f.time.latest());
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.admin, now])).to.equal(true);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.pendingAdmin, now])).to.equal(false);
      await f.as.pendingAdmin.write.removeSigner([ISSUER, f.accounts.admin]);
      const later = BigInt(await f.time.latest());
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.admin, later])).to.equal(false);
    });

    it("withdraws the offer when the admin offers the role to the zero address", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.admin.write.transferAdmin([ISSUER, f.accounts.pendingAdmin]);
      await f.viem.assertions.emitWithArgs(
        f.as.admin.write.transferAdmin([ISSUER, ZERO_ADDRESS]),
        f.registry,
        "IssuerAdminTransferStarted",
        [ISSUER, f.accounts.admin, ZERO_ADDRESS],
      );
      expect((await f.registry.read.getIssuer([ISSUER])).pendingAdmin).to.equal(ZERO_ADDRESS);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.pendingAdmin.write.acceptAdmin([ISSUER]),
        f.registry,
        "IssuerRegistryUnauthorizedPendingAdmin",
        [f.accounts.pendingAdmin, ISSUER],
      );
    });

    it("replaces an earlier offer with a new one", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.admin.write.transferAdmin([ISSUER, f.accounts.stranger]);
      await f.as.admin.write.transferAdmin([ISSUER, f.accounts.pendingAdmin]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.stranger.write.acceptAdmin([ISSUER]),
        f.registry,
        "IssuerRegistryUnauthorizedPendingAdmin",
        [f.accounts.stranger, ISSUER],
      );
      await f.viem.assertions.emit(f.as.pendingAdmin.write.acceptAdmin([ISSUER]), f.registry, "IssuerAdminTransferred");
    });

    it("cannot be accepted twice", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.admin.write.transferAdmin([ISSUER, f.accounts.pendingAdmin]);
      await f.as.pendingAdmin.write.acceptAdmin([ISSUER]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.pendingAdmin.write.acceptAdmin([ISSUER]),
        f.registry,
        "IssuerRegistryUnauthorizedPendingAdmin",
        [f.accounts.pendingAdmin, ISSUER],
      );
    });

    for (const caller of ["admin", "signer", "stranger", "authority"] as const) {
      it(`rejects acceptAdmin by the ${caller} with IssuerRegistryUnauthorizedPendingAdmin`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.as.admin.write.transferAdmin([ISSUER, f.accounts.pendingAdmin]);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as[caller].write.acceptAdmin([ISSUER]),
          f.registry,
          "IssuerRegistryUnauthorizedPendingAdmin",
          [f.accounts[caller], ISSUER],
        );
      });
    }

    it("rejects acceptAdmin when nothing was offered, and for an unknown issuer", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (const issuerId of [ISSUER, 99]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.pendingAdmin.write.acceptAdmin([issuerId]),
          f.registry,
          "IssuerRegistryUnauthorizedPendingAdmin",
          [f.accounts.pendingAdmin, issuerId],
        );
      }
    });

    it("lets the admin offer the role to itself and accept it (a no-op hand-over)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.admin.write.transferAdmin([ISSUER, f.accounts.admin]);
      await f.viem.assertions.emitWithArgs(f.as.admin.write.acceptAdmin([ISSUER]), f.registry, "IssuerAdminTransferred", [
        ISSUER,
        f.accounts.admin,
        f.accounts.admin,
      ]);
    });

    shouldBeIssuerAdminOnly("transferAdmin", (f, caller, issuerId) => f.as[caller].write.transferAdmin([issuerId, f.accounts[caller]]));
  });

  describe("addSigner", () => {
    it("opens an open-ended window from now and emits SignerAdded", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const account = addressOf("new signer");
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(f.as.admin.write.addSigner([ISSUER, account, 0, 0]), f.registry, "SignerAdded", [
        ISSUER,
        account,
        t,
        0,
      ]);
      expect(await f.registry.read.isSignerValidAt([ISSUER, account, BigInt(t)])).to.equal(true);
      expect(await f.registry.read.isSignerValidAt([ISSUER, account, BigInt(t - 1)])).to.equal(false);
    });

    it("never starts a window in the past (validFrom before now becomes now)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const account = addressOf("new signer");
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(f.as.admin.write.addSigner([ISSUER, account, 1, t + 100]), f.registry, "SignerAdded", [
        ISSUER,
        account,
        t,
        t + 100,
      ]);
      expect(await f.registry.read.isSignerValidAt([ISSUER, account, 1n])).to.equal(false);
    });

    it("accepts a window in the future, valid only from validFrom until just before validUntil", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const account = addressOf("new signer");
      const now = await f.time.latest();
      const [from, until] = [now + 1_000, now + 2_000];
      await f.viem.assertions.emitWithArgs(f.as.admin.write.addSigner([ISSUER, account, from, until]), f.registry, "SignerAdded", [
        ISSUER,
        account,
        from,
        until,
      ]);
      const valid = (at: number) => f.registry.read.isSignerValidAt([ISSUER, account, BigInt(at)]);
      expect(await valid(now + 1)).to.equal(false);
      expect(await valid(from - 1)).to.equal(false);
      expect(await valid(from)).to.equal(true);
      expect(await valid(until - 1)).to.equal(true);
      expect(await valid(until)).to.equal(false);
    });

    it("lets a future signer write only once its window has started", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const now = await f.time.latest();
      await f.as.admin.write.addSigner([ISSUER, f.accounts.stranger, now + 1_000, 0]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.stranger.write.createBadgeClass([ISSUER, ACHIEVEMENT]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.stranger, ISSUER],
      );
      await f.time.increaseTo(now + 1_000);
      await f.viem.assertions.emit(f.as.stranger.write.createBadgeClass([ISSUER, ACHIEVEMENT]), f.registry, "BadgeClassCreated");
    });

    it("rejects a window that ends when it starts with IssuerRegistryInvalidWindow", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const t = await f.nextTimestamp();
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.addSigner([ISSUER, addressOf("s"), 0, t]),
        f.registry,
        "IssuerRegistryInvalidWindow",
        [t, t],
      );
    });

    it("rejects a window that ends in the past with IssuerRegistryInvalidWindow (start clamped to now)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const t = await f.nextTimestamp();
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.addSigner([ISSUER, addressOf("s"), 5, 10]),
        f.registry,
        "IssuerRegistryInvalidWindow",
        [t, 10],
      );
    });

    it("rejects a future window whose end is before its start with IssuerRegistryInvalidWindow", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const now = await f.time.latest();
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.addSigner([ISSUER, addressOf("s"), now + 500, now + 499]),
        f.registry,
        "IssuerRegistryInvalidWindow",
        [now + 500, now + 499],
      );
    });

    it("rejects the zero address with IssuerRegistryInvalidAccount", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.addSigner([ISSUER, ZERO_ADDRESS, 0, 0]),
        f.registry,
        "IssuerRegistryInvalidAccount",
        [ZERO_ADDRESS],
      );
    });

    for (const existing of ["admin", "signer", "expiredSigner", "removedSigner"] as const) {
      it(`writes a window once: re-adding the ${existing} fails with IssuerRegistrySignerExists`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.addSigner([ISSUER, f.accounts[existing], 0, 0]),
          f.registry,
          "IssuerRegistrySignerExists",
          [ISSUER, f.accounts[existing]],
        );
      });
    }

    it("keeps signers per issuer: issuer 2 may add a wallet that signs for issuer 1", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.otherAdmin.write.addSigner([OTHER_ISSUER, f.accounts.signer, 0, 0]);
      const now = BigInt(await f.time.latest());
      expect(await f.registry.read.isSignerValidAt([OTHER_ISSUER, f.accounts.signer, now])).to.equal(true);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.signer, now])).to.equal(true);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.otherSigner, now])).to.equal(false);
    });

    shouldBeIssuerAdminOnly("addSigner", (f, caller, issuerId) => f.as[caller].write.addSigner([issuerId, addressOf("s"), 0, 0]));
  });

  describe("removeSigner", () => {
    it("ends the window now and emits SignerRemoved", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(f.as.admin.write.removeSigner([ISSUER, f.accounts.signer]), f.registry, "SignerRemoved", [
        ISSUER,
        f.accounts.signer,
        t,
      ]);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.signer, BigInt(t - 1)])).to.equal(true);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.signer, BigInt(t)])).to.equal(false);
    });

    it("keeps the window's start, so the signer stays valid for every past instant", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const [, windowsBefore] = await f.registry.read.getSigners([ISSUER]);
      const t = await f.nextTimestamp();
      await f.as.admin.write.removeSigner([ISSUER, f.accounts.signer]);
      const [, windowsAfter] = await f.registry.read.getSigners([ISSUER]);
      expect(windowsAfter[1]).to.deep.equal({ validFrom: windowsBefore[1].validFrom, validUntil: t });
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.signer, BigInt(windowsBefore[1].validFrom)])).to.equal(true);
    });

    it("empties the window of a signer that had not started yet", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const account = addressOf("future signer");
      const now = await f.time.latest();
      await f.as.admin.write.addSigner([ISSUER, account, now + 1_000, 0]);
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(f.as.admin.write.removeSigner([ISSUER, account]), f.registry, "SignerRemoved", [
        ISSUER,
        account,
        t,
      ]);
      const [signers, windows] = await f.registry.read.getSigners([ISSUER]);
      expect(signers.at(-1)).to.equal(account);
      expect(windows.at(-1)).to.deep.equal({ validFrom: t, validUntil: t });
      for (const at of [t - 1, t, now + 1_000, now + 5_000]) {
        expect(await f.registry.read.isSignerValidAt([ISSUER, account, BigInt(at)])).to.equal(false);
      }
    });

    it("lets the admin remove itself as a signer while staying admin", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.admin.write.removeSigner([ISSUER, f.accounts.admin]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.createBadgeClass([ISSUER, ACHIEVEMENT]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.admin, ISSUER],
      );
      await f.viem.assertions.emit(f.as.admin.write.addSigner([ISSUER, addressOf("s"), 0, 0]), f.registry, "SignerAdded");
    });

    for (const [label, who] of [
      ["a wallet that was never added", "stranger"],
      ["a signer already removed", "removedSigner"],
      ["a signer whose window is over", "expiredSigner"],
      ["a signer of the other issuer", "otherSigner"],
    ] as const) {
      it(`rejects ${label} with IssuerRegistrySignerNotActive`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.removeSigner([ISSUER, f.accounts[who]]),
          f.registry,
          "IssuerRegistrySignerNotActive",
          [ISSUER, f.accounts[who]],
        );
      });
    }

    shouldBeIssuerAdminOnly("removeSigner", (f, caller, issuerId) => f.as[caller].write.removeSigner([issuerId, f.accounts.signer]));
  });

  describe("keys", () => {
    it("registers an Ed25519 key with KeyAdded and lists it", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const key = keyOf("second");
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(f.as.admin.write.addKey([ISSUER, key, 0, t + 1_000]), f.registry, "KeyAdded", [
        ISSUER,
        key,
        t,
        t + 1_000,
      ]);
      const [keys, windows] = await f.registry.read.getKeys([ISSUER]);
      expect(keys).to.deep.equal([KEY, key]);
      expect(windows[1]).to.deep.equal({ validFrom: t, validUntil: t + 1_000 });
      expect(await f.registry.read.isKeyValidAt([ISSUER, key, BigInt(t)])).to.equal(true);
      expect(await f.registry.read.isKeyValidAt([ISSUER, key, BigInt(t + 999)])).to.equal(true);
      expect(await f.registry.read.isKeyValidAt([ISSUER, key, BigInt(t + 1_000)])).to.equal(false);
      expect(await f.registry.read.isKeyValidAt([ISSUER, key, BigInt(t - 1)])).to.equal(false);
    });

    it("accepts a key whose window starts in the future", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const key = keyOf("next year");
      const now = await f.time.latest();
      await f.viem.assertions.emitWithArgs(f.as.admin.write.addKey([ISSUER, key, now + 1_000, 0]), f.registry, "KeyAdded", [
        ISSUER,
        key,
        now + 1_000,
        0,
      ]);
      expect(await f.registry.read.isKeyValidAt([ISSUER, key, BigInt(now)])).to.equal(false);
      expect(await f.registry.read.isKeyValidAt([ISSUER, key, BigInt(now + 1_000)])).to.equal(true);
    });

    it("rejects the zero key with IssuerRegistryInvalidKey", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.addKey([ISSUER, ZERO_HASH, 0, 0]),
        f.registry,
        "IssuerRegistryInvalidKey",
        [],
      );
    });

    it("writes a key's window once: re-adding fails with IssuerRegistryKeyExists, even after revocation", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.addKey([ISSUER, KEY, 0, 0]),
        f.registry,
        "IssuerRegistryKeyExists",
        [ISSUER, KEY],
      );
      await f.as.admin.write.revokeKey([ISSUER, KEY]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.addKey([ISSUER, KEY, 0, 0]),
        f.registry,
        "IssuerRegistryKeyExists",
        [ISSUER, KEY],
      );
    });

    it("rejects an empty key window with IssuerRegistryInvalidWindow", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const now = await f.time.latest();
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.addKey([ISSUER, keyOf("k"), now + 100, now + 100]),
        f.registry,
        "IssuerRegistryInvalidWindow",
        [now + 100, now + 100],
      );
    });

    it("keeps keys per issuer", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const now = BigInt(await f.time.latest());
      expect(await f.registry.read.isKeyValidAt([OTHER_ISSUER, KEY, now])).to.equal(false);
      await f.viem.assertions.emit(f.as.otherAdmin.write.addKey([OTHER_ISSUER, KEY, 0, 0]), f.registry, "KeyAdded");
      const later = BigInt(await f.time.latest());
      expect(await f.registry.read.isKeyValidAt([OTHER_ISSUER, KEY, later])).to.equal(true);
      expect(await f.registry.read.isKeyValidAt([ISSUER, KEY, later])).to.equal(true);
    });

    it("revokes a key now with KeyRevoked, keeping it valid for the past", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const [, [windowBefore]] = await f.registry.read.getKeys([ISSUER]);
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(f.as.admin.write.revokeKey([ISSUER, KEY]), f.registry, "KeyRevoked", [ISSUER, KEY, t]);
      const [, [windowAfter]] = await f.registry.read.getKeys([ISSUER]);
      expect(windowAfter).to.deep.equal({ validFrom: windowBefore.validFrom, validUntil: t });
      expect(await f.registry.read.isKeyValidAt([ISSUER, KEY, BigInt(windowBefore.validFrom)])).to.equal(true);
      expect(await f.registry.read.isKeyValidAt([ISSUER, KEY, BigInt(t - 1)])).to.equal(true);
      expect(await f.registry.read.isKeyValidAt([ISSUER, KEY, BigInt(t)])).to.equal(false);
    });

    it("empties the window of a key revoked before it started", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const key = keyOf("future");
      const now = await f.time.latest();
      await f.as.admin.write.addKey([ISSUER, key, now + 1_000, 0]);
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(f.as.admin.write.revokeKey([ISSUER, key]), f.registry, "KeyRevoked", [ISSUER, key, t]);
      const [, windows] = await f.registry.read.getKeys([ISSUER]);
      expect(windows[1]).to.deep.equal({ validFrom: t, validUntil: t });
      expect(await f.registry.read.isKeyValidAt([ISSUER, key, BigInt(now + 1_000)])).to.equal(false);
    });

    it("rejects revoking a key that was never added, already revoked or expired with IssuerRegistryKeyNotActive", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const shortLived = keyOf("short");
      const now = await f.time.latest();
      await f.as.admin.write.addKey([ISSUER, shortLived, 0, now + 100]);
      await f.as.admin.write.revokeKey([ISSUER, KEY]);
      await f.time.increase(200);
      for (const key of [keyOf("never"), KEY, shortLived]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.revokeKey([ISSUER, key]),
          f.registry,
          "IssuerRegistryKeyNotActive",
          [ISSUER, key],
        );
      }
    });

    shouldBeIssuerAdminOnly("addKey", (f, caller, issuerId) => f.as[caller].write.addKey([issuerId, keyOf("k"), 0, 0]));
    shouldBeIssuerAdminOnly("revokeKey", (f, caller, issuerId) => f.as[caller].write.revokeKey([issuerId, KEY]));
  });

  describe("registry authority", () => {
    it("accredits an issuer with IssuerAccredited and records when", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const t = await f.nextTimestamp();
      const hash = f.as.authority.write.accredit([ISSUER, NAME_KEY]);
      await f.viem.assertions.emitWithArgs(hash, f.registry, "IssuerAccredited", [ISSUER, f.accounts.authority, NAME_KEY]);
      const { blockNumber } = await f.minedAt(hash);
      const issuer = await f.registry.read.getIssuer([ISSUER]);
      expect(issuer.status).to.equal(IssuerStatus.Accredited);
      expect(issuer.accredited).to.equal(true);
      expect([issuer.statusChangedAt, issuer.statusChangedBlock]).to.deep.equal([t, blockNumber]);
      expect((await f.registry.read.getIssuer([OTHER_ISSUER])).status).to.equal(IssuerStatus.SelfDeclared);
    });

    it("withdraws an accreditation with IssuerAccreditationWithdrawn and its reason", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.authority.write.accredit([ISSUER, NAME_KEY]);
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(
        f.as.authority.write.withdrawAccreditation([ISSUER, "audit failed"]),
        f.registry,
        "IssuerAccreditationWithdrawn",
        [ISSUER, f.accounts.authority, "audit failed"],
      );
      const issuer = await f.registry.read.getIssuer([ISSUER]);
      expect([issuer.status, issuer.accredited, issuer.statusChangedAt]).to.deep.equal([IssuerStatus.SelfDeclared, false, t]);
    });

    it("suspends an issuer with IssuerSuspended and its reason", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(f.as.authority.write.suspend([ISSUER, "fraud investigation"]), f.registry, "IssuerSuspended", [
        ISSUER,
        f.accounts.authority,
        "fraud investigation",
      ]);
      const issuer = await f.registry.read.getIssuer([ISSUER]);
      expect([issuer.status, issuer.accredited, issuer.statusChangedAt]).to.deep.equal([IssuerStatus.Suspended, false, t]);
    });

    for (const accredited of [false, true]) {
      const restored = accredited ? "Accredited" : "SelfDeclared";
      it(`reinstates a suspended ${restored} issuer with IssuerReinstated, restoring ${restored}`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        if (accredited) await f.as.authority.write.accredit([ISSUER, NAME_KEY]);
        await f.as.authority.write.suspend([ISSUER, "check"]);
        expect((await f.registry.read.getIssuer([ISSUER])).accredited).to.equal(accredited);
        const t = await f.nextTimestamp();
        await f.viem.assertions.emitWithArgs(f.as.authority.write.reinstate([ISSUER]), f.registry, "IssuerReinstated", [
          ISSUER,
          f.accounts.authority,
        ]);
        const issuer = await f.registry.read.getIssuer([ISSUER]);
        expect([issuer.status, issuer.accredited, issuer.statusChangedAt]).to.deep.equal([IssuerStatus[restored], accredited, t]);
      });
    }

    it("may withdraw the accreditation of a suspended issuer, who is then reinstated self-declared", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.authority.write.accredit([ISSUER, NAME_KEY]);
      await f.as.authority.write.suspend([ISSUER, "check"]);
      await f.viem.assertions.emit(
        f.as.authority.write.withdrawAccreditation([ISSUER, "confirmed"]),
        f.registry,
        "IssuerAccreditationWithdrawn",
      );
      expect((await f.registry.read.getIssuer([ISSUER])).status).to.equal(IssuerStatus.Suspended);
      await f.as.authority.write.reinstate([ISSUER]);
      expect((await f.registry.read.getIssuer([ISSUER])).status).to.equal(IssuerStatus.SelfDeclared);
    });

    describe("accredited names", () => {
      it("records the name key an issuer is accredited under, both ways", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        expect(await f.registry.read.accreditedIssuerByName([NAME_KEY])).to.equal(0);
        await f.as.authority.write.accredit([ISSUER, NAME_KEY]);
        expect(await f.registry.read.accreditedIssuerByName([NAME_KEY])).to.equal(ISSUER);
        expect((await f.registry.read.getIssuer([ISSUER])).nameKey).to.equal(NAME_KEY);
        expect(await f.registry.read.accreditedIssuerByName([OTHER_NAME_KEY])).to.equal(0);
      });

      it("refuses an impostor the name of an accredited issuer (IssuerRegistryNameTaken), however spelled", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.as.authority.write.accredit([ISSUER, NAME_KEY]);
        // The impostor (issuer 2) names itself like issuer 1, with other case, spacing and punctuation.
        const lookalike = issuerNameKey("  UNIVERSITÉ de   Exemple. ");
        expect(lookalike).to.equal(NAME_KEY);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.authority.write.accredit([OTHER_ISSUER, lookalike]),
          f.registry,
          "IssuerRegistryNameTaken",
          [NAME_KEY, ISSUER],
        );
        expect((await f.registry.read.getIssuer([OTHER_ISSUER])).status).to.equal(IssuerStatus.SelfDeclared);
      });

      it("keeps the name through a suspension, so a suspended issuer's name cannot be taken meanwhile", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.as.authority.write.accredit([ISSUER, NAME_KEY]);
        await f.as.authority.write.suspend([ISSUER, "audit"]);
        expect(await f.registry.read.accreditedIssuerByName([NAME_KEY])).to.equal(ISSUER);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.authority.write.accredit([OTHER_ISSUER, NAME_KEY]),
          f.registry,
          "IssuerRegistryNameTaken",
          [NAME_KEY, ISSUER],
        );
        await f.as.authority.write.reinstate([ISSUER]);
        expect(await f.registry.read.accreditedIssuerByName([NAME_KEY])).to.equal(ISSUER);
      });

      it("frees the name when the accreditation is withdrawn, for another issuer to be accredited under it", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.as.authority.write.accredit([ISSUER, NAME_KEY]);
        await f.as.authority.write.withdrawAccreditation([ISSUER, "merged"]);
        expect(await f.registry.read.accreditedIssuerByName([NAME_KEY])).to.equal(0);
        expect((await f.registry.read.getIssuer([ISSUER])).nameKey).to.equal(ZERO_HASH);
        await f.viem.assertions.emitWithArgs(f.as.authority.write.accredit([OTHER_ISSUER, NAME_KEY]), f.registry, "IssuerAccredited", [
          OTHER_ISSUER,
          f.accounts.authority,
          NAME_KEY,
        ]);
        expect(await f.registry.read.accreditedIssuerByName([NAME_KEY])).to.equal(OTHER_ISSUER);
      });

      it("lets an issuer be accredited again under a new name after a withdrawal", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const renamed = issuerNameKey("Université de Exemple — Paris");
        await f.as.authority.write.accredit([ISSUER, NAME_KEY]);
        await f.as.authority.write.withdrawAccreditation([ISSUER, "renamed"]);
        await f.as.authority.write.accredit([ISSUER, renamed]);
        expect(await f.registry.read.accreditedIssuerByName([NAME_KEY])).to.equal(0);
        expect(await f.registry.read.accreditedIssuerByName([renamed])).to.equal(ISSUER);
      });

      it("refuses the zero name key with IssuerRegistryInvalidNameKey", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.authority.write.accredit([ISSUER, ZERO_HASH]),
          f.registry,
          "IssuerRegistryInvalidNameKey",
          [],
        );
      });
    });

    describe("refuses status changes that do not apply with IssuerRegistryInvalidStatusChange", () => {
      const cases = [
        { op: "accredit", setup: ["accredit"], status: "Accredited" },
        { op: "accredit", setup: ["suspend"], status: "Suspended" },
        { op: "accredit", setup: ["accredit", "suspend"], status: "Suspended" },
        { op: "withdrawAccreditation", setup: [], status: "SelfDeclared" },
        { op: "withdrawAccreditation", setup: ["suspend"], status: "Suspended" },
        { op: "suspend", setup: ["suspend"], status: "Suspended" },
        { op: "suspend", setup: ["accredit", "suspend"], status: "Suspended" },
        { op: "reinstate", setup: [], status: "SelfDeclared" },
        { op: "reinstate", setup: ["accredit"], status: "Accredited" },
      ] as const;
      for (const { op, setup, status } of cases) {
        it(`${op} after [${setup.join(", ")}] → IssuerRegistryInvalidStatusChange(${status})`, async () => {
          const f = await networkHelpers.loadFixture(issuersFixture);
          for (const step of setup) await authorityCall(f, step, ISSUER);
          await f.viem.assertions.revertWithCustomErrorWithArgs(
            authorityCall(f, op, ISSUER),
            f.registry,
            "IssuerRegistryInvalidStatusChange",
            [ISSUER, IssuerStatus[status]],
          );
        });
      }
    });

    for (const op of AUTHORITY_OPS) {
      it(`${op} reverts for an unknown issuer with IssuerRegistryUnknownIssuer`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        for (const issuerId of [0, 3]) {
          await f.viem.assertions.revertWithCustomErrorWithArgs(authorityCall(f, op, issuerId), f.registry, "IssuerRegistryUnknownIssuer", [
            issuerId,
          ]);
        }
      });

      for (const caller of ["deployer", "admin", "signer", "stranger"] as const) {
        it(`${op} by the ${caller} reverts with AccessControlUnauthorizedAccount`, async () => {
          const f = await networkHelpers.loadFixture(issuersFixture);
          await f.viem.assertions.revertWithCustomErrorWithArgs(
            authorityCall(f, op, ISSUER, caller),
            f.registry,
            "AccessControlUnauthorizedAccount",
            [f.accounts[caller], REGISTRY_AUTHORITY_ROLE],
          );
        });
      }
    }
  });

  describe("views", () => {
    it("getIssuers returns issuers a page at a time with the total, fewer past the last, capped at MAX_ISSUER_PAGE", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (const name of ["C", "D", "E"]) await f.as.stranger.write.registerIssuer([profileJson(name)]);
      const one = await f.registry.read.getIssuer([ISSUER]);
      const [first, total] = await f.registry.read.getIssuers([1, 2]);
      expect(total).to.equal(5);
      expect(first).to.deep.equal([one, await f.registry.read.getIssuer([OTHER_ISSUER])]);
      const [last] = await f.registry.read.getIssuers([4, 10]);
      expect(last.map((i) => i.profileHash)).to.deep.equal([hashOf(profileJson("D")), hashOf(profileJson("E"))]);
      expect(await f.registry.read.getIssuers([6, 10])).to.deep.equal([[], 5]);
      expect(await f.registry.read.getIssuers([1, 0])).to.deep.equal([[], 5]);
      const max = await f.registry.read.MAX_ISSUER_PAGE();
      expect(max).to.equal(100);
      for (let i = 0; i < max; ++i) await f.as.stranger.write.registerIssuer([profileJson(`P${i}`)]);
      const [capped, bigTotal] = await f.registry.read.getIssuers([1, 0xffffffff]);
      expect([capped.length, bigTotal]).to.deep.equal([max, 5 + max]);
    });

    it("getIssuers reverts for id 0 with IssuerRegistryUnknownIssuer", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.registry.read.getIssuers([0, 1]),
        f.registry,
        "IssuerRegistryUnknownIssuer",
        [0],
      );
    });

    it("getIssuer reverts for unknown ids with IssuerRegistryUnknownIssuer", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (const issuerId of [0, 3, 0xffffffff]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.registry.read.getIssuer([issuerId]),
          f.registry,
          "IssuerRegistryUnknownIssuer",
          [issuerId],
        );
      }
    });

    it("getSigners lists every signer the issuer ever had, in order, with its window", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const [signers, windows] = await f.registry.read.getSigners([ISSUER]);
      expect(signers).to.deep.equal([f.accounts.admin, f.accounts.signer, f.accounts.expiredSigner, f.accounts.removedSigner]);
      expect(windows.map((w) => w.validUntil === 0)).to.deep.equal([true, true, false, false]);
      expect(windows[2].validUntil).to.equal(f.expiredSignerUntil);
      expect(windows[2].validFrom).to.be.lessThan(f.expiredSignerUntil);
      expect(windows[3].validUntil).to.be.greaterThan(windows[3].validFrom);
      const [otherSigners] = await f.registry.read.getSigners([OTHER_ISSUER]);
      expect(otherSigners).to.deep.equal([f.accounts.otherAdmin, f.accounts.otherSigner]);
    });

    it("getSigners and getKeys return empty lists for an unknown issuer", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      expect(await f.registry.read.getSigners([99])).to.deep.equal([[], []]);
      expect(await f.registry.read.getKeys([99])).to.deep.equal([[], []]);
      expect(await f.registry.read.getKeys([OTHER_ISSUER])).to.deep.equal([[], []]);
    });

    it("isSignerValidAt and isKeyValidAt are false for unknown issuers, accounts and keys", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const now = BigInt(await f.time.latest());
      expect(await f.registry.read.isSignerValidAt([99, f.accounts.admin, now])).to.equal(false);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.stranger, now])).to.equal(false);
      expect(await f.registry.read.isSignerValidAt([ISSUER, ZERO_ADDRESS, now])).to.equal(false);
      expect(await f.registry.read.isKeyValidAt([99, KEY, now])).to.equal(false);
      expect(await f.registry.read.isKeyValidAt([ISSUER, keyOf("unknown"), now])).to.equal(false);
      expect(await f.registry.read.isKeyValidAt([ISSUER, ZERO_HASH, now])).to.equal(false);
    });

    it("reports the expired signer valid inside its window and invalid after", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const [, windows] = await f.registry.read.getSigners([ISSUER]);
      const { validFrom, validUntil } = windows[2];
      const valid = (at: number) => f.registry.read.isSignerValidAt([ISSUER, f.accounts.expiredSigner, BigInt(at)]);
      expect([await valid(validFrom), await valid(validUntil - 1), await valid(validUntil)]).to.deep.equal([true, true, false]);
    });
  });
});
