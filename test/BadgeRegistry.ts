// BadgeRegistry: badge classes, assertions (single, array batch, Merkle batch, delegated EIP-712),
// revocation, erasure and the verifier's single read.
import { issuerNameKey } from "@chancery/sdk/ids";
import { expect } from "chai";
import { network } from "hardhat";
import {
  type Address,
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  type Hex,
  keccak256,
  parseEventLogs,
  toBytes,
  toFunctionSelector,
  toHex,
} from "viem";
import { type IssueRequest, issueTypedDataHash, signIssue } from "./helpers/eip712.js";
import {
  ACHIEVEMENT,
  CLASS,
  deployRegistryFixture,
  ISSUER,
  IssuerStatus,
  issuersFixture,
  KEY,
  MISSING_STATUS,
  nextIndex,
  OTHER_CLASS,
  OTHER_ISSUER,
  PROFILE,
  PROFILE_NAME,
  type RegistryFixture,
  RevocationReason,
  type RoleName,
} from "./helpers/fixtures.js";
import { batchIdOf, buildBatchTree, tamper } from "./helpers/merkle.js";
import {
  achievementJson,
  addressOf,
  documentOfLength,
  hashesOf,
  hashOf,
  keyOf,
  payloadOfLength,
  recipientsOf,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "./helpers/values.js";

const { networkHelpers } = await network.getOrCreate();

const MAX_BATCH = 500;
const MAX_MERKLE_BATCH = 4_000;
const MAX_PAYLOAD_LENGTH = 65_536;
const MAX_DOCUMENT_LENGTH = 16_384n;
const TX_GAS_CAP = 16_777_216n; // EIP-7825
/** `--coverage` instruments the bytecode, so gas figures are only meaningful without it. */
const MEASURING_GAS = process.env.HARDHAT_COVERAGE !== "true";
const BATCH_SIZES = [1, 2, 3, 7, 8, 100];
const CREDENTIAL = hashOf("credential:alice");
const NO_PROOF: Hex[] = [];

type Status = typeof MISSING_STATUS | Record<keyof typeof MISSING_STATUS, unknown>;

/** The status a verifier reads for an existing badge, from the fields a test cares about. */
function existing(fields: Partial<Record<keyof typeof MISSING_STATUS, unknown>>): Status {
  return { ...MISSING_STATUS, exists: true, ...fields } as Status;
}

/** Issues one badge of `classId` as `caller` and returns what a test needs to check it. */
async function issueOne(
  f: RegistryFixture,
  {
    caller = "admin",
    classId = CLASS,
    credentialHash = CREDENTIAL,
    recipient = f.accounts.recipient,
    expiresAt = 0,
  }: { caller?: RoleName; classId?: number; credentialHash?: Hex; recipient?: Address; expiresAt?: number } = {},
) {
  const { issuerId } = await f.registry.read.getBadgeClass([classId]);
  const uid = await f.registry.read.assertionId([issuerId, credentialHash, recipient]);
  const { timestamp, blockNumber } = await f.minedAt(
    f.as[caller].write.issue([classId, await nextIndex(f, classId), credentialHash, recipient, expiresAt]),
  );
  return { uid, credentialHash, recipient, issuedAt: timestamp, issuedBlock: blockNumber };
}

/** Issues a Merkle batch of `n` badges (every 5th without a wallet) as the admin. */
async function merkleBatch(
  f: RegistryFixture,
  n: number,
  {
    label = "merkle",
    classId = CLASS,
    expiresAt = 0,
    recipients,
  }: {
    label?: string;
    classId?: number;
    expiresAt?: number;
    recipients?: Address[];
  } = {},
) {
  const hashes = hashesOf(label, n);
  const to = recipients ?? recipientsOf(label, n, 5);
  const batchKey = hashOf(`batch:${label}`);
  const batchId = batchIdOf(batchKey);
  const tree = buildBatchTree(hashes, to);
  const hash = f.as.admin.write.issueMerkleBatch([classId, batchKey, hashes, to, expiresAt]);
  const { timestamp, blockNumber } = await f.minedAt(hash);
  return { batchId, batchKey, hashes, recipients: to, tree, issuedAt: timestamp, issuedBlock: blockNumber, txHash: await hash };
}

async function classHash(f: RegistryFixture, classId: number): Promise<Hex> {
  return (await f.registry.read.getBadgeClass([classId])).contentHash;
}

describe("BadgeRegistry", () => {
  describe("deployment", () => {
    it("exposes its limits", async () => {
      const { registry } = await networkHelpers.loadFixture(deployRegistryFixture);
      expect(await registry.read.MAX_BATCH()).to.equal(BigInt(MAX_BATCH));
      expect(await registry.read.MAX_MERKLE_BATCH()).to.equal(BigInt(MAX_MERKLE_BATCH));
      expect(await registry.read.MAX_PAYLOAD_LENGTH()).to.equal(BigInt(MAX_PAYLOAD_LENGTH));
    });

    it("names its release (3.0.0), a semantic version apart from the EIP-712 domain's", async () => {
      const { registry } = await networkHelpers.loadFixture(deployRegistryFixture);
      const version = await registry.read.version();
      expect(version).to.equal("3.0.0");
      expect(version).to.match(/^\d+\.\d+\.\d+$/);
      const [, , domainVersion] = await registry.read.eip712Domain();
      expect(domainVersion).to.equal("1");
    });

    it("starts with no badge class", async () => {
      const { registry, viem } = await networkHelpers.loadFixture(deployRegistryFixture);
      expect(await registry.read.badgeClassCount()).to.equal(0);
      await viem.assertions.revertWithCustomErrorWithArgs(registry.read.getBadgeClass([1]), registry, "BadgeRegistryUnknownClass", [1]);
    });

    it("publishes its EIP-712 domain (EIP-5267)", async () => {
      const { registry, chainId } = await networkHelpers.loadFixture(deployRegistryFixture);
      const [fields, name, version, domainChainId, verifyingContract, salt, extensions] = await registry.read.eip712Domain();
      expect([fields, name, version, domainChainId, verifyingContract, salt, extensions]).to.deep.equal([
        "0x0f",
        "Chancery BadgeRegistry",
        "1",
        BigInt(chainId),
        getAddress(registry.address),
        ZERO_HASH,
        [],
      ]);
    });

    describe("supportsInterface", () => {
      const cases: [string, Hex, boolean][] = [
        ["IERC165", "0x01ffc9a7", true],
        ["IAccessControl", "0x7965db0b", true],
        ["the invalid id 0xffffffff", "0xffffffff", false],
        ["IERC721", "0x80ac58cd", false],
        ["a random selector (issue)", toFunctionSelector("issue(uint32,bytes32,address,uint40)"), false],
      ];
      for (const [name, id, supported] of cases) {
        it(`${supported ? "supports" : "does not support"} ${name}`, async () => {
          const { registry } = await networkHelpers.loadFixture(deployRegistryFixture);
          expect(await registry.read.supportsInterface([id])).to.equal(supported);
        });
      }
    });
  });

  describe("badge classes", () => {
    describe("createBadgeClass", () => {
      for (const caller of ["admin", "signer"] as const) {
        it(`lets the ${caller} create a class and emits BadgeClassCreated with the full JSON`, async () => {
          const f = await networkHelpers.loadFixture(issuersFixture);
          const content = achievementJson("Statistics II");
          const { result } = await f.registry.simulate.createBadgeClass([ISSUER, content], {
            account: f.accounts[caller],
          });
          expect(result).to.equal(3);
          const t = await f.nextTimestamp();
          const hash = f.as[caller].write.createBadgeClass([ISSUER, content]);
          await f.viem.assertions.emitWithArgs(hash, f.registry, "BadgeClassCreated", [3, ISSUER, 0, keccak256(toBytes(content)), content]);
          const { blockNumber } = await f.minedAt(hash);
          expect(await f.registry.read.getBadgeClass([3])).to.deep.equal({
            issuerId: ISSUER,
            previousVersion: 0,
            createdAt: t,
            createdBlock: blockNumber,
            retired: false,
            contentHash: keccak256(toBytes(content)),
          });
          expect(await f.registry.read.badgeClassCount()).to.equal(3);
        });
      }

      for (const caller of ["expiredSigner", "removedSigner", "otherSigner", "otherAdmin", "stranger", "authority"] as const) {
        it(`rejects the ${caller} with BadgeRegistryUnauthorizedSigner`, async () => {
          const f = await networkHelpers.loadFixture(issuersFixture);
          await f.viem.assertions.revertWithCustomErrorWithArgs(
            f.as[caller].write.createBadgeClass([ISSUER, ACHIEVEMENT]),
            f.registry,
            "BadgeRegistryUnauthorizedSigner",
            [f.accounts[caller], ISSUER],
          );
        });
      }

      it("rejects an unknown issuer with BadgeRegistryUnauthorizedSigner (it has no signer)", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.createBadgeClass([99, ACHIEVEMENT]),
          f.registry,
          "BadgeRegistryUnauthorizedSigner",
          [f.accounts.admin, 99],
        );
      });

      it("rejects a suspended issuer with BadgeRegistryIssuerSuspended, and accepts it again once reinstated", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.as.authority.write.suspend([ISSUER, "investigation"]);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.signer.write.createBadgeClass([ISSUER, ACHIEVEMENT]),
          f.registry,
          "BadgeRegistryIssuerSuspended",
          [ISSUER],
        );
        await f.as.authority.write.reinstate([ISSUER]);
        await f.viem.assertions.emit(f.as.signer.write.createBadgeClass([ISSUER, ACHIEVEMENT]), f.registry, "BadgeClassCreated");
      });

      for (const length of [0n, MAX_DOCUMENT_LENGTH + 1n]) {
        it(`rejects a ${length}-byte achievement with IssuerRegistryInvalidDocumentLength`, async () => {
          const f = await networkHelpers.loadFixture(issuersFixture);
          await f.viem.assertions.revertWithCustomErrorWithArgs(
            f.as.admin.write.createBadgeClass([ISSUER, documentOfLength(Number(length))]),
            f.registry,
            "IssuerRegistryInvalidDocumentLength",
            [length, MAX_DOCUMENT_LENGTH],
          );
        });
      }

      it("accepts an achievement of exactly MAX_DOCUMENT_LENGTH bytes", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const content = documentOfLength(Number(MAX_DOCUMENT_LENGTH));
        await f.viem.assertions.emitWithArgs(f.as.admin.write.createBadgeClass([ISSUER, content]), f.registry, "BadgeClassCreated", [
          3,
          ISSUER,
          0,
          keccak256(toBytes(content)),
          content,
        ]);
      });
    });

    describe("reviseBadgeClass", () => {
      it("publishes a new version under a new id and retires the old one", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const content = achievementJson("Data Literacy I (2026)");
        const { result } = await f.registry.simulate.reviseBadgeClass([CLASS, content], { account: f.accounts.signer });
        expect(result).to.equal(3);
        const hash = await f.as.signer.write.reviseBadgeClass([CLASS, content]);
        await f.viem.assertions.emitWithArgs(hash, f.registry, "BadgeClassRetired", [CLASS, ISSUER]);
        await f.viem.assertions.emitWithArgs(hash, f.registry, "BadgeClassCreated", [
          3,
          ISSUER,
          CLASS,
          keccak256(toBytes(content)),
          content,
        ]);
        expect((await f.registry.read.getBadgeClass([CLASS])).retired).to.equal(true);
        const revised = await f.registry.read.getBadgeClass([3]);
        expect([revised.previousVersion, revised.retired, revised.issuerId]).to.deep.equal([CLASS, false, ISSUER]);
      });

      it("keeps badges of the old version valid and issues new ones under the new version", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const old = await issueOne(f);
        await f.as.admin.write.reviseBadgeClass([CLASS, achievementJson("v2")]);
        expect(await f.registry.read.getAssertion([old.uid])).to.deep.include({
          exists: true,
          classId: CLASS,
          classRetired: true,
          revokedAt: 0,
        });
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.issue([CLASS, await nextIndex(f, CLASS), hashOf("new"), f.accounts.recipient, 0]),
          f.registry,
          "BadgeRegistryClassRetired",
          [CLASS],
        );
        await f.viem.assertions.emit(
          f.as.admin.write.issue([3, await nextIndex(f, 3), hashOf("new"), f.accounts.recipient, 0]),
          f.registry,
          "AssertionIssued",
        );
      });

      it("rejects a retired class with BadgeRegistryClassRetired", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.as.admin.write.retireBadgeClass([CLASS]);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.reviseBadgeClass([CLASS, ACHIEVEMENT]),
          f.registry,
          "BadgeRegistryClassRetired",
          [CLASS],
        );
      });

      it("rejects an unknown class with BadgeRegistryUnknownClass", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        for (const classId of [0, 99]) {
          await f.viem.assertions.revertWithCustomErrorWithArgs(
            f.as.admin.write.reviseBadgeClass([classId, ACHIEVEMENT]),
            f.registry,
            "BadgeRegistryUnknownClass",
            [classId],
          );
        }
      });

      it("rejects a signer of another issuer with BadgeRegistryUnauthorizedSigner", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.otherSigner.write.reviseBadgeClass([CLASS, ACHIEVEMENT]),
          f.registry,
          "BadgeRegistryUnauthorizedSigner",
          [f.accounts.otherSigner, ISSUER],
        );
      });

      it("rejects a suspended issuer with BadgeRegistryIssuerSuspended", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.as.authority.write.suspend([ISSUER, "investigation"]);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.reviseBadgeClass([CLASS, ACHIEVEMENT]),
          f.registry,
          "BadgeRegistryIssuerSuspended",
          [ISSUER],
        );
      });

      for (const length of [0n, MAX_DOCUMENT_LENGTH + 1n]) {
        it(`rejects a ${length}-byte achievement with IssuerRegistryInvalidDocumentLength, leaving the class active`, async () => {
          const f = await networkHelpers.loadFixture(issuersFixture);
          await f.viem.assertions.revertWithCustomErrorWithArgs(
            f.as.admin.write.reviseBadgeClass([CLASS, documentOfLength(Number(length))]),
            f.registry,
            "IssuerRegistryInvalidDocumentLength",
            [length, MAX_DOCUMENT_LENGTH],
          );
          expect((await f.registry.read.getBadgeClass([CLASS])).retired).to.equal(false);
        });
      }
    });

    describe("retireBadgeClass", () => {
      it("retires a class with BadgeClassRetired; issued badges stay valid", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const badge = await issueOne(f);
        await f.viem.assertions.emitWithArgs(f.as.signer.write.retireBadgeClass([CLASS]), f.registry, "BadgeClassRetired", [CLASS, ISSUER]);
        expect((await f.registry.read.getBadgeClass([CLASS])).retired).to.equal(true);
        expect(await f.registry.read.getAssertion([badge.uid])).to.deep.include({
          exists: true,
          classRetired: true,
          revokedAt: 0,
          erased: false,
        });
      });

      it("refuses new badges, batches and revisions of a retired class with BadgeRegistryClassRetired", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.as.admin.write.retireBadgeClass([CLASS]);
        // Read before any write is sent: a write's rejection must not wait for another read.
        const index = await nextIndex(f, CLASS);
        const attempts = [
          f.as.admin.write.issue([CLASS, index, CREDENTIAL, ZERO_ADDRESS, 0]),
          f.as.admin.write.issueWithPayload([CLASS, index, CREDENTIAL, ZERO_ADDRESS, 0, "0x01"]),
          f.as.admin.write.issueBatch([CLASS, index, [CREDENTIAL], [ZERO_ADDRESS], 0, []]),
          f.as.admin.write.issueMerkleBatch([CLASS, hashOf("b"), [CREDENTIAL], [ZERO_ADDRESS], 0]),
          f.as.admin.write.retireBadgeClass([CLASS]),
        ];
        for (const attempt of attempts) {
          await f.viem.assertions.revertWithCustomErrorWithArgs(attempt, f.registry, "BadgeRegistryClassRetired", [CLASS]);
        }
      });

      it("is allowed while the issuer is suspended", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.as.authority.write.suspend([ISSUER, "investigation"]);
        await f.viem.assertions.emitWithArgs(f.as.admin.write.retireBadgeClass([CLASS]), f.registry, "BadgeClassRetired", [CLASS, ISSUER]);
      });

      it("rejects an unknown class with BadgeRegistryUnknownClass", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.retireBadgeClass([99]),
          f.registry,
          "BadgeRegistryUnknownClass",
          [99],
        );
      });

      for (const caller of ["otherSigner", "expiredSigner", "stranger"] as const) {
        it(`rejects the ${caller} with BadgeRegistryUnauthorizedSigner`, async () => {
          const f = await networkHelpers.loadFixture(issuersFixture);
          await f.viem.assertions.revertWithCustomErrorWithArgs(
            f.as[caller].write.retireBadgeClass([CLASS]),
            f.registry,
            "BadgeRegistryUnauthorizedSigner",
            [f.accounts[caller], ISSUER],
          );
        });
      }
    });
  });

  describe("issue", () => {
    for (const caller of ["admin", "signer"] as const) {
      it(`records a badge issued by the ${caller} and emits AssertionIssued`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const uid = await f.registry.read.assertionId([ISSUER, CREDENTIAL, f.accounts.recipient]);
        const { result } = await f.registry.simulate.issue([CLASS, await nextIndex(f, CLASS), CREDENTIAL, f.accounts.recipient, 0], {
          account: f.accounts[caller],
        });
        expect(result).to.equal(uid);
        await f.viem.assertions.emitWithArgs(
          f.as[caller].write.issue([CLASS, await nextIndex(f, CLASS), CREDENTIAL, f.accounts.recipient, 0]),
          f.registry,
          "AssertionIssued",
          [uid, ISSUER, f.accounts.recipient],
        );
      });
    }

    it("stores everything a verifier needs, read back in one call", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const expiresAt = (await f.time.latest()) + 365 * 24 * 3600;
      const badge = await issueOne(f, { expiresAt });
      expect(await f.registry.read.getAssertion([badge.uid])).to.deep.equal(
        existing({
          issuerId: ISSUER,
          issuerStatus: IssuerStatus.SelfDeclared,
          classId: CLASS,
          classHash: keccak256(toBytes(ACHIEVEMENT)),
          issuedAt: badge.issuedAt,
          issuedBlock: badge.issuedBlock,
          expiresAt,
        }),
      );
    });

    it("derives the uid as an OpenZeppelin StandardMerkleTree leaf of (issuerId, credentialHash, recipient)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const recipients = [f.accounts.recipient, ZERO_ADDRESS, addressOf("bob")];
      const tree = buildBatchTree(
        recipients.map(() => CREDENTIAL),
        recipients,
      );
      for (const [i, recipient] of recipients.entries()) {
        const expected = keccak256(
          keccak256(encodeAbiParameters([{ type: "uint32" }, { type: "bytes32" }, { type: "address" }], [ISSUER, CREDENTIAL, recipient])),
        );
        expect(await f.registry.read.assertionId([ISSUER, CREDENTIAL, recipient])).to.equal(expected);
        expect(tree.uid(i)).to.equal(expected);
      }
    });

    it("accepts a badge without a wallet (recipient zero: named by e-mail inside the credential)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const uid = await f.registry.read.assertionId([ISSUER, CREDENTIAL, ZERO_ADDRESS]);
      await f.viem.assertions.emitWithArgs(
        f.as.admin.write.issue([CLASS, await nextIndex(f, CLASS), CREDENTIAL, ZERO_ADDRESS, 0]),
        f.registry,
        "AssertionIssued",
        [uid, ISSUER, ZERO_ADDRESS],
      );
      expect((await f.registry.read.getAssertion([uid])).exists).to.equal(true);
    });

    it("gives the same credential different uids for different recipients", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const a = await issueOne(f, { recipient: addressOf("a") });
      const b = await issueOne(f, { recipient: addressOf("b") });
      expect(a.uid).to.not.equal(b.uid);
    });

    it("rejects a duplicate uid with BadgeRegistryAssertionExists", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const { uid } = await issueOne(f);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issue([CLASS, await nextIndex(f, CLASS), CREDENTIAL, f.accounts.recipient, 0]),
        f.registry,
        "BadgeRegistryAssertionExists",
        [uid],
      );
    });

    it("gives another issuer recording the same credential its own uid, so it cannot front-run the first", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      // The other issuer records the pair first (as a front-runner would) …
      const copy = await issueOne(f, { caller: "otherAdmin", classId: OTHER_CLASS });
      // … and the genuine issuer still records its badge, under another uid.
      const genuine = await issueOne(f);
      expect(copy.uid).to.not.equal(genuine.uid);
      expect((await f.registry.read.getAssertion([genuine.uid])).issuerId).to.equal(ISSUER);
      expect((await f.registry.read.getAssertion([copy.uid])).issuerId).to.equal(OTHER_ISSUER);
    });

    it("rejects a zero credential hash with BadgeRegistryInvalidCredentialHash", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issue([CLASS, await nextIndex(f, CLASS), ZERO_HASH, f.accounts.recipient, 0]),
        f.registry,
        "BadgeRegistryInvalidCredentialHash",
        [],
      );
    });

    it("accepts an expiry in the future", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const t = await f.nextTimestamp();
      const badge = await issueOne(f, { expiresAt: t + 1 });
      expect((await f.registry.read.getAssertion([badge.uid])).expiresAt).to.equal(t + 1);
    });

    for (const [label, offset] of [
      ["now", 0],
      ["in the past", -1],
      ["long ago", -1_000_000],
    ] as const) {
      it(`rejects an expiry ${label} with BadgeRegistryInvalidExpiry`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const t = await f.nextTimestamp();
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.issue([CLASS, await nextIndex(f, CLASS), CREDENTIAL, f.accounts.recipient, t + offset]),
          f.registry,
          "BadgeRegistryInvalidExpiry",
          [t + offset, BigInt(t)],
        );
      });
    }

    it("rejects an unknown class with BadgeRegistryUnknownClass", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (const classId of [0, 3, 0xffffffff]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.issue([classId, await nextIndex(f, classId), CREDENTIAL, f.accounts.recipient, 0]),
          f.registry,
          "BadgeRegistryUnknownClass",
          [classId],
        );
      }
    });

    it("does not let a signer of issuer 1 issue a class of issuer 2 (BadgeRegistryUnauthorizedSigner)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (const caller of ["admin", "signer"] as const) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as[caller].write.issue([OTHER_CLASS, await nextIndex(f, OTHER_CLASS), CREDENTIAL, f.accounts.recipient, 0]),
          f.registry,
          "BadgeRegistryUnauthorizedSigner",
          [f.accounts[caller], OTHER_ISSUER],
        );
      }
    });

    it("stops a suspended issuer (BadgeRegistryIssuerSuspended) and lets it issue again once reinstated, still accredited", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.authority.write.accredit([ISSUER, issuerNameKey(PROFILE_NAME)]);
      await f.as.authority.write.suspend([ISSUER, "investigation"]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.signer.write.issue([CLASS, await nextIndex(f, CLASS), CREDENTIAL, f.accounts.recipient, 0]),
        f.registry,
        "BadgeRegistryIssuerSuspended",
        [ISSUER],
      );
      await f.as.authority.write.reinstate([ISSUER]);
      const badge = await issueOne(f, { caller: "signer" });
      expect((await f.registry.read.getAssertion([badge.uid])).issuerStatus).to.equal(IssuerStatus.Accredited);
    });

    it("checks the signer before the suspension", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.authority.write.suspend([ISSUER, "investigation"]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.stranger.write.issue([CLASS, await nextIndex(f, CLASS), CREDENTIAL, f.accounts.recipient, 0]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.stranger, ISSUER],
      );
    });

    it("does not let the issuer's status change the recorded badge, but reports it", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const { uid } = await issueOne(f);
      const statusAfter = async () => (await f.registry.read.getAssertion([uid])).issuerStatus;
      expect(await statusAfter()).to.equal(IssuerStatus.SelfDeclared);
      await f.as.authority.write.accredit([ISSUER, issuerNameKey(PROFILE_NAME)]);
      expect(await statusAfter()).to.equal(IssuerStatus.Accredited);
      await f.as.authority.write.suspend([ISSUER, "investigation"]);
      expect(await statusAfter()).to.equal(IssuerStatus.Suspended);
      await f.as.authority.write.reinstate([ISSUER]);
      expect(await statusAfter()).to.equal(IssuerStatus.Accredited);
    });
  });

  describe("issueWithPayload", () => {
    it("records the badge and publishes the encrypted credential in AssertionPayloadPublished", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const payload = payloadOfLength(300, "c0");
      const uid = await f.registry.read.assertionId([ISSUER, CREDENTIAL, f.accounts.recipient]);
      const { result } = await f.registry.simulate.issueWithPayload(
        [CLASS, await nextIndex(f, CLASS), CREDENTIAL, f.accounts.recipient, 0, payload],
        {
          account: f.accounts.signer,
        },
      );
      expect(result).to.equal(uid);
      const hash = await f.as.signer.write.issueWithPayload([
        CLASS,
        await nextIndex(f, CLASS),
        CREDENTIAL,
        f.accounts.recipient,
        0,
        payload,
      ]);
      await f.viem.assertions.emitWithArgs(hash, f.registry, "AssertionIssued", [uid, ISSUER, f.accounts.recipient]);
      await f.viem.assertions.emitWithArgs(hash, f.registry, "AssertionPayloadPublished", [uid, payload]);
      expect((await f.registry.read.getAssertion([uid])).exists).to.equal(true);
    });

    it("accepts a payload of exactly MAX_PAYLOAD_LENGTH bytes", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const payload = payloadOfLength(MAX_PAYLOAD_LENGTH);
      const uid = await f.registry.read.assertionId([ISSUER, CREDENTIAL, ZERO_ADDRESS]);
      await f.viem.assertions.emitWithArgs(
        f.as.admin.write.issueWithPayload([CLASS, await nextIndex(f, CLASS), CREDENTIAL, ZERO_ADDRESS, 0, payload]),
        f.registry,
        "AssertionPayloadPublished",
        [uid, payload],
      );
    });

    for (const length of [0, MAX_PAYLOAD_LENGTH + 1]) {
      it(`rejects a ${length}-byte payload with BadgeRegistryDocumentTooLarge and records nothing`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.issueWithPayload([
            CLASS,
            await nextIndex(f, CLASS),
            CREDENTIAL,
            f.accounts.recipient,
            0,
            payloadOfLength(length),
          ]),
          f.registry,
          "BadgeRegistryDocumentTooLarge",
          [BigInt(length), BigInt(MAX_PAYLOAD_LENGTH)],
        );
        const uid = await f.registry.read.assertionId([ISSUER, CREDENTIAL, f.accounts.recipient]);
        expect(await f.registry.read.getAssertion([uid])).to.deep.equal(MISSING_STATUS);
      });
    }

    it("applies the same checks as issue", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.stranger.write.issueWithPayload([CLASS, await nextIndex(f, CLASS), CREDENTIAL, ZERO_ADDRESS, 0, "0x01"]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.stranger, ISSUER],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueWithPayload([CLASS, await nextIndex(f, CLASS), ZERO_HASH, ZERO_ADDRESS, 0, "0x01"]),
        f.registry,
        "BadgeRegistryInvalidCredentialHash",
        [],
      );
      await issueOne(f, { recipient: ZERO_ADDRESS });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueWithPayload([CLASS, await nextIndex(f, CLASS), CREDENTIAL, ZERO_ADDRESS, 0, "0x01"]),
        f.registry,
        "BadgeRegistryAssertionExists",
        [await f.registry.read.assertionId([ISSUER, CREDENTIAL, ZERO_ADDRESS])],
      );
    });
  });

  describe("issueBatch", () => {
    for (const n of BATCH_SIZES) {
      it(`records a batch of ${n} with one AssertionIssued per badge, in order`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const hashes = hashesOf(`batch${n}`, n);
        const recipients = recipientsOf(`batch${n}`, n, 4);
        const expiresAt = (await f.time.latest()) + 1_000_000;
        const hash = await f.as.signer.write.issueBatch([CLASS, await nextIndex(f, CLASS), hashes, recipients, expiresAt, []]);
        const { timestamp, blockNumber } = await f.minedAt(hash);
        const receipt = await f.publicClient.getTransactionReceipt({ hash });
        const logs = parseEventLogs({ abi: f.registry.abi, logs: receipt.logs, eventName: "AssertionIssued" });
        const tree = buildBatchTree(hashes, recipients);
        expect(logs.map((l) => [l.args.uid, l.args.issuerId, l.args.recipient])).to.deep.equal(
          hashes.map((_, i) => [tree.uid(i), ISSUER, recipients[i]]),
        );
        expect(parseEventLogs({ abi: f.registry.abi, logs: receipt.logs, eventName: "AssertionPayloadPublished" })).to.have.length(0);
        const contentHash = await classHash(f, CLASS);
        for (let i = 0; i < n; i++) {
          expect(await f.registry.read.getAssertion([tree.uid(i)])).to.deep.equal(
            existing({
              issuerId: ISSUER,
              issuerStatus: IssuerStatus.SelfDeclared,
              classId: CLASS,
              classHash: contentHash,
              issuedAt: timestamp,
              issuedBlock: blockNumber,
              expiresAt,
              statusIndex: i,
            }),
          );
        }
        expect(await f.registry.read.nextStatusIndex([CLASS])).to.equal(n);
      });
    }

    it("publishes one payload per badge and skips empty entries", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const hashes = hashesOf("p", 4);
      const recipients = recipientsOf("p", 4);
      const payloads: Hex[] = ["0xaa", "0x", "0xbbbb", "0x"];
      const hash = await f.as.admin.write.issueBatch([CLASS, await nextIndex(f, CLASS), hashes, recipients, 0, payloads]);
      const receipt = await f.publicClient.getTransactionReceipt({ hash });
      const published = parseEventLogs({
        abi: f.registry.abi,
        logs: receipt.logs,
        eventName: "AssertionPayloadPublished",
      });
      const tree = buildBatchTree(hashes, recipients);
      expect(published.map((l) => [l.args.uid, l.args.payload])).to.deep.equal([
        [tree.uid(0), "0xaa"],
        [tree.uid(2), "0xbbbb"],
      ]);
    });

    it("rejects an oversize payload entry with BadgeRegistryDocumentTooLarge", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueBatch([
          CLASS,
          await nextIndex(f, CLASS),
          hashesOf("p", 2),
          recipientsOf("p", 2),
          0,
          ["0x01", payloadOfLength(MAX_PAYLOAD_LENGTH + 1)],
        ]),
        f.registry,
        "BadgeRegistryDocumentTooLarge",
        [BigInt(MAX_PAYLOAD_LENGTH + 1), BigInt(MAX_PAYLOAD_LENGTH)],
      );
    });

    for (const count of [0, MAX_BATCH + 1]) {
      it(`rejects ${count} badges with BadgeRegistryInvalidBatchSize`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.issueBatch([CLASS, await nextIndex(f, CLASS), hashesOf("x", count), recipientsOf("x", count), 0, []]),
          f.registry,
          "BadgeRegistryInvalidBatchSize",
          [BigInt(count), BigInt(MAX_BATCH)],
        );
      });
    }

    it(`accepts a full batch of MAX_BATCH (${MAX_BATCH}) badges under the per-transaction gas cap`, async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const hashes = hashesOf("full", MAX_BATCH);
      const recipients = recipientsOf("full", MAX_BATCH);
      const hash = await f.as.admin.write.issueBatch([CLASS, await nextIndex(f, CLASS), hashes, recipients, 0, []]);
      const receipt = await f.publicClient.getTransactionReceipt({ hash });
      if (MEASURING_GAS) expect(receipt.gasUsed < TX_GAS_CAP, `gasUsed ${receipt.gasUsed}`).to.equal(true);
      const last = await f.registry.read.assertionId([ISSUER, hashes[MAX_BATCH - 1], recipients[MAX_BATCH - 1]]);
      expect((await f.registry.read.getAssertion([last])).exists).to.equal(true);
    });

    for (const [label, recipientCount, payloadCount, expected] of [
      ["fewer recipients than hashes", 2, 0, [3n, 2n]],
      ["more recipients than hashes", 4, 0, [3n, 4n]],
      ["fewer payloads than badges", 3, 1, [3n, 1n]],
      ["more payloads than badges", 3, 5, [3n, 5n]],
    ] as const) {
      it(`rejects ${label} with BadgeRegistryLengthMismatch`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.issueBatch([
            CLASS,
            0,
            hashesOf("x", 3),
            recipientsOf("x", recipientCount),
            0,
            Array.from({ length: payloadCount }, () => "0x01" as Hex),
          ]),
          f.registry,
          "BadgeRegistryLengthMismatch",
          [...expected],
        );
      });
    }

    it("is atomic: a zero hash anywhere reverts with BadgeRegistryInvalidCredentialHash and records nothing", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const hashes = hashesOf("x", 3);
      const recipients = recipientsOf("x", 3);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueBatch([CLASS, await nextIndex(f, CLASS), [hashes[0], hashes[1], ZERO_HASH], recipients, 0, []]),
        f.registry,
        "BadgeRegistryInvalidCredentialHash",
        [],
      );
      const first = await f.registry.read.assertionId([ISSUER, hashes[0], recipients[0]]);
      expect((await f.registry.read.getAssertion([first])).exists).to.equal(false);
    });

    it("rejects a duplicate inside the batch with BadgeRegistryAssertionExists", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const [h, r] = [hashOf("dup"), addressOf("dup")];
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueBatch([CLASS, await nextIndex(f, CLASS), [h, hashOf("other"), h], [r, r, r], 0, []]),
        f.registry,
        "BadgeRegistryAssertionExists",
        [await f.registry.read.assertionId([ISSUER, h, r])],
      );
    });

    it("rejects a badge already issued with BadgeRegistryAssertionExists", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const { uid } = await issueOne(f);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueBatch([
          CLASS,
          await nextIndex(f, CLASS),
          [hashOf("new"), CREDENTIAL],
          [ZERO_ADDRESS, f.accounts.recipient],
          0,
          [],
        ]),
        f.registry,
        "BadgeRegistryAssertionExists",
        [uid],
      );
    });

    it("applies the issue checks once for the whole batch", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const args = (classId: number, expiresAt: number) => [classId, 0, hashesOf("y", 2), recipientsOf("y", 2), expiresAt, []] as const;
      const t = await f.nextTimestamp();
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueBatch(args(CLASS, t - 5)),
        f.registry,
        "BadgeRegistryInvalidExpiry",
        [t - 5, BigInt(t)],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueBatch(args(99, 0)),
        f.registry,
        "BadgeRegistryUnknownClass",
        [99],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.otherSigner.write.issueBatch(args(CLASS, 0)),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.otherSigner, ISSUER],
      );
      await f.as.authority.write.suspend([ISSUER, "investigation"]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueBatch(args(CLASS, 0)),
        f.registry,
        "BadgeRegistryIssuerSuspended",
        [ISSUER],
      );
    });
  });

  describe("issueMerkleBatch", () => {
    for (const n of BATCH_SIZES) {
      describe(`a batch of ${n}`, () => {
        async function batchOfN(connection: Parameters<typeof issuersFixture>[0]) {
          const f = await connection.networkHelpers.loadFixture(issuersFixture);
          const expiresAt = (await f.time.latest()) + 1_000_000;
          const batch = await merkleBatch(f, n, { label: `m${n}`, expiresAt });
          return { ...f, batch, expiresAt };
        }

        it("returns and emits the root of the StandardMerkleTree of its leaves, in call order", async () => {
          const f = await networkHelpers.loadFixture(issuersFixture);
          const hashes = hashesOf(`m${n}`, n);
          const recipients = recipientsOf(`m${n}`, n, 5);
          const tree = buildBatchTree(hashes, recipients);
          const batchKey = hashOf("batch");
          const { result } = await f.registry.simulate.issueMerkleBatch([CLASS, batchKey, hashes, recipients, 0], {
            account: f.accounts.signer,
          });
          expect(result).to.equal(tree.root);
          await f.viem.assertions.emitWithArgs(
            f.as.signer.write.issueMerkleBatch([CLASS, batchKey, hashes, recipients, 0]),
            f.registry,
            "MerkleBatchIssued",
            [batchIdOf(batchKey), ISSUER, CLASS, tree.root, n],
          );
        });

        it("emits one AssertionBatched per leaf, in leaf order", async () => {
          const { publicClient, registry, batch } = await networkHelpers.loadFixture(batchOfN);
          const receipt = await publicClient.getTransactionReceipt({ hash: batch.txHash });
          const logs = parseEventLogs({ abi: registry.abi, logs: receipt.logs, eventName: "AssertionBatched" });
          expect(logs.map((l) => [l.args.uid, l.args.batchId, l.args.recipient])).to.deep.equal(
            batch.hashes.map((_, i) => [batch.tree.uid(i), batch.batchId, batch.recipients[i]]),
          );
          expect(parseEventLogs({ abi: registry.abi, logs: receipt.logs, eventName: "AssertionIssued" })).to.have.length(0);
        });

        it("stores the batch's root, class, size and times", async () => {
          const { registry, batch, expiresAt } = await networkHelpers.loadFixture(batchOfN);
          expect(await registry.read.getBatch([batch.batchId])).to.deep.equal({
            root: batch.tree.root,
            classId: CLASS,
            count: n,
            issuedAt: batch.issuedAt,
            issuedBlock: batch.issuedBlock,
            expiresAt,
          });
        });

        it("verifies every leaf with its proof, and none with a tampered proof", async () => {
          const { registry, batch, expiresAt } = await networkHelpers.loadFixture(batchOfN);
          const contentHash = (await registry.read.getBadgeClass([CLASS])).contentHash;
          for (let i = 0; i < n; i++) {
            const uid = batch.tree.uid(i);
            expect(await registry.read.verifyAssertion([uid, batch.batchId, batch.tree.proof(i), ZERO_HASH])).to.deep.equal(
              existing({
                issuerId: ISSUER,
                issuerStatus: IssuerStatus.SelfDeclared,
                classId: CLASS,
                classHash: contentHash,
                batchId: batch.batchId,
                issuedAt: batch.issuedAt,
                issuedBlock: batch.issuedBlock,
                expiresAt,
              }),
            );
            expect(await registry.read.verifyAssertion([uid, batch.batchId, tamper(batch.tree.proof(i)), ZERO_HASH])).to.deep.equal(
              MISSING_STATUS,
            );
          }
        });

        it("does not record its badges one by one (getAssertion knows only single badges)", async () => {
          const { registry, batch } = await networkHelpers.loadFixture(batchOfN);
          expect(await registry.read.getAssertion([batch.tree.uid(0)])).to.deep.equal(MISSING_STATUS);
          expect(await registry.read.verifyAssertion([batch.tree.uid(0), ZERO_HASH, batch.tree.proof(0), ZERO_HASH])).to.deep.equal(
            MISSING_STATUS,
          );
        });
      });
    }

    it("does not verify a leaf of one batch against another batch", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const a = await merkleBatch(f, 4, { label: "a" });
      const b = await merkleBatch(f, 4, { label: "b" });
      expect(await f.registry.read.verifyAssertion([a.tree.uid(1), b.batchId, a.tree.proof(1), ZERO_HASH])).to.deep.equal(MISSING_STATUS);
      expect((await f.registry.read.verifyAssertion([a.tree.uid(1), a.batchId, a.tree.proof(1), ZERO_HASH])).exists).to.equal(true);
    });

    it("does not verify a leaf with another leaf's proof", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const a = await merkleBatch(f, 8);
      expect(await f.registry.read.verifyAssertion([a.tree.uid(1), a.batchId, a.tree.proof(2), ZERO_HASH])).to.deep.equal(MISSING_STATUS);
    });

    it(`accepts a full batch of MAX_MERKLE_BATCH (${MAX_MERKLE_BATCH}) badges under the per-transaction gas cap`, async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, MAX_MERKLE_BATCH, { label: "full" });
      const receipt = await f.publicClient.getTransactionReceipt({ hash: batch.txHash });
      if (MEASURING_GAS) expect(receipt.gasUsed < TX_GAS_CAP, `gasUsed ${receipt.gasUsed}`).to.equal(true);
      const { root, count } = await f.registry.read.getBatch([batch.batchId]);
      expect([root, count]).to.deep.equal([batch.tree.root, MAX_MERKLE_BATCH]);
      const last = MAX_MERKLE_BATCH - 1;
      expect(
        (await f.registry.read.verifyAssertion([batch.tree.uid(last), batch.batchId, batch.tree.proof(last), ZERO_HASH])).exists,
      ).to.equal(true);
    });

    for (const count of [0, MAX_MERKLE_BATCH + 1]) {
      it(`rejects ${count} leaves with BadgeRegistryInvalidBatchSize`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.issueMerkleBatch([CLASS, hashOf("b"), hashesOf("x", count), recipientsOf("x", count), 0]),
          f.registry,
          "BadgeRegistryInvalidBatchSize",
          [BigInt(count), BigInt(MAX_MERKLE_BATCH)],
        );
      });
    }

    it("rejects different numbers of hashes and recipients with BadgeRegistryLengthMismatch", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueMerkleBatch([CLASS, hashOf("b"), hashesOf("x", 3), recipientsOf("x", 2), 0]),
        f.registry,
        "BadgeRegistryLengthMismatch",
        [3n, 2n],
      );
    });

    it("rejects a zero batch id with BadgeRegistryInvalidBatchId", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueMerkleBatch([CLASS, ZERO_HASH, hashesOf("x", 2), recipientsOf("x", 2), 0]),
        f.registry,
        "BadgeRegistryInvalidBatchId",
        [],
      );
    });

    it("rejects a batch key the issuer already used with BadgeRegistryBatchExists", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const { batchId, batchKey } = await merkleBatch(f, 2);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.signer.write.issueMerkleBatch([CLASS, batchKey, hashesOf("z", 2), recipientsOf("z", 2), 0]),
        f.registry,
        "BadgeRegistryBatchExists",
        [batchId],
      );
    });

    it("stores a batch under merkleBatchId(issuerId, batchKey), which the issuer's client knows before sending", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batchKey = hashOf("batch:predictable");
      const expected = keccak256(encodeAbiParameters([{ type: "uint32" }, { type: "bytes32" }], [ISSUER, batchKey]));
      expect(batchIdOf(batchKey)).to.equal(expected);
      expect(await f.registry.read.merkleBatchId([ISSUER, batchKey])).to.equal(expected);
      expect(await f.registry.read.merkleBatchId([OTHER_ISSUER, batchKey])).to.not.equal(expected);
      await f.as.admin.write.issueMerkleBatch([CLASS, batchKey, hashesOf("p", 2), recipientsOf("p", 2), 0]);
      expect((await f.registry.read.getBatch([expected])).count).to.equal(2);
      await f.viem.assertions.revertWithCustomErrorWithArgs(f.registry.read.getBatch([batchKey]), f.registry, "BadgeRegistryUnknownBatch", [
        batchKey,
      ]);
    });

    it("a rival copying a pending batch from the mempool gets a batch of its own, and the victim's batch still lands", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batchKey = hashOf("batch:victim");
      const hashes = hashesOf("victim", 3);
      const recipients = recipientsOf("victim", 3);
      const victimTree = buildBatchTree(hashes, recipients);
      // The victim's credentials already name its batch id; the rival sees the pending call and sends the
      // same key (and the same badges, under its own class) first, with a higher fee.
      await networkHelpers.mine();
      await f.publicClient.request({ method: "evm_setAutomine", params: [false] } as never);
      try {
        const victim = await f.as.admin.write.issueMerkleBatch([CLASS, batchKey, hashes, recipients, 0]);
        const rival = await f.as.otherAdmin.write.issueMerkleBatch([OTHER_CLASS, batchKey, hashes, recipients, 0], {
          maxPriorityFeePerGas: 10n ** 10n,
          maxFeePerGas: 10n ** 11n,
        });
        await networkHelpers.mine();
        const [rivalReceipt, victimReceipt] = await Promise.all(
          [rival, victim].map((hash) => f.publicClient.getTransactionReceipt({ hash })),
        );
        expect(rivalReceipt.transactionIndex).to.be.lessThan(victimReceipt.transactionIndex);
        expect([rivalReceipt.status, victimReceipt.status]).to.deep.equal(["success", "success"]);
      } finally {
        await f.publicClient.request({ method: "evm_setAutomine", params: [true] } as never);
      }
      const victimBatch = await f.registry.read.getBatch([batchIdOf(batchKey)]);
      expect([victimBatch.classId, victimBatch.root]).to.deep.equal([CLASS, victimTree.root]);
      const rivalBatch = await f.registry.read.getBatch([batchIdOf(batchKey, OTHER_ISSUER)]);
      expect([rivalBatch.classId, rivalBatch.root]).to.deep.equal([OTHER_CLASS, buildBatchTree(hashes, recipients, OTHER_ISSUER).root]);
      const status = await f.registry.read.verifyAssertion([victimTree.uid(1), batchIdOf(batchKey), victimTree.proof(1), ZERO_HASH]);
      expect([status.exists, status.issuerId, status.classId]).to.deep.equal([true, ISSUER, CLASS]);
    });

    it("never takes an inner node or the root of a batch for a badge (verifyAssertion, revokeBatched, erase)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 4);
      // OpenZeppelin's layout: nodes[0] is the root, nodes[1] and nodes[2] its children, each above two leaves.
      const nodes = batch.tree.nodes();
      const forgeries: [uid: Hex, proof: Hex[]][] = [
        [nodes[1], [nodes[2]]],
        [nodes[2], [nodes[1]]],
        [nodes[0], []],
      ];
      for (const [uid, proof] of forgeries) {
        expect(await f.registry.read.verifyAssertion([uid, batch.batchId, proof, ZERO_HASH])).to.deep.equal(MISSING_STATUS);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.revokeBatched([batch.batchId, uid, proof, RevocationReason.Misconduct, ""]),
          f.registry,
          "BadgeRegistryInvalidProof",
          [batch.batchId, uid],
        );
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.authority.write.erase([uid, batch.batchId, proof]),
          f.registry,
          "BadgeRegistryInvalidProof",
          [batch.batchId, uid],
        );
      }
      // A true leaf still verifies, and its leaf (the hash of its uid) is not taken for a uid either.
      expect((await f.registry.read.verifyAssertion([batch.tree.uid(0), batch.batchId, batch.tree.proof(0), ZERO_HASH])).exists).to.equal(
        true,
      );
      expect(await f.registry.read.verifyAssertion([batch.tree.leaf(0), batch.batchId, batch.tree.proof(0), ZERO_HASH])).to.deep.equal(
        MISSING_STATUS,
      );
    });

    it("rejects a zero credential hash with BadgeRegistryInvalidCredentialHash", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issueMerkleBatch([CLASS, hashOf("b"), [hashOf("a"), ZERO_HASH], recipientsOf("x", 2), 0]),
        f.registry,
        "BadgeRegistryInvalidCredentialHash",
        [],
      );
    });

    it("applies the issue checks (class, signer, suspension, expiry)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const send = (caller: RoleName, classId: number, expiresAt: number) =>
        f.as[caller].write.issueMerkleBatch([classId, hashOf("b"), hashesOf("x", 2), recipientsOf("x", 2), expiresAt]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(send("admin", 99, 0), f.registry, "BadgeRegistryUnknownClass", [99]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(send("otherSigner", CLASS, 0), f.registry, "BadgeRegistryUnauthorizedSigner", [
        f.accounts.otherSigner,
        ISSUER,
      ]);
      const t = await f.nextTimestamp();
      await f.viem.assertions.revertWithCustomErrorWithArgs(send("admin", CLASS, t), f.registry, "BadgeRegistryInvalidExpiry", [
        t,
        BigInt(t),
      ]);
      await f.as.authority.write.suspend([ISSUER, "investigation"]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(send("admin", CLASS, 0), f.registry, "BadgeRegistryIssuerSuspended", [ISSUER]);
    });

    it("getBatch reverts for an unknown batch with BadgeRegistryUnknownBatch", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (const batchId of [ZERO_HASH, hashOf("nope")]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.registry.read.getBatch([batchId]),
          f.registry,
          "BadgeRegistryUnknownBatch",
          [batchId],
        );
      }
    });
  });

  describe("issueWithSignature (EIP-712, any relayer sends)", () => {
    const DAY = 24 * 3600;

    async function request(f: RegistryFixture, overrides: Partial<IssueRequest> = {}): Promise<IssueRequest> {
      return {
        classId: CLASS,
        statusIndex: await nextIndex(f, overrides.classId ?? CLASS),
        credentialHash: CREDENTIAL,
        recipient: f.accounts.recipient,
        expiresAt: 0,
        payload: "0x",
        ...overrides,
      };
    }

    async function signed(
      f: RegistryFixture,
      signer: RoleName,
      req: IssueRequest,
      { nonce, deadline }: { nonce?: bigint; deadline?: bigint } = {},
    ) {
      const account = f.accounts[signer];
      const n = nonce ?? (await f.registry.read.nonces([account]));
      const d = deadline ?? BigInt((await f.time.latest()) + DAY);
      const signature = await signIssue(f.wallets[signer], f.chainId, f.registry.address, req, n, d);
      return { account, nonce: n, deadline: d, signature };
    }

    for (const signer of ["admin", "signer"] as const) {
      it(`records a badge signed by the ${signer} and sent by a relayer`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const req = await request(f);
        const { account, deadline, signature } = await signed(f, signer, req);
        const uid = await f.registry.read.assertionId([ISSUER, req.credentialHash, req.recipient]);
        const hash = await f.as.relayer.write.issueWithSignature([req, account, deadline, signature]);
        await f.viem.assertions.emitWithArgs(hash, f.registry, "AssertionIssued", [uid, ISSUER, req.recipient]);
        const receipt = await f.publicClient.getTransactionReceipt({ hash });
        expect(receipt.from.toLowerCase()).to.equal(f.accounts.relayer.toLowerCase());
        expect(parseEventLogs({ abi: f.registry.abi, logs: receipt.logs, eventName: "AssertionPayloadPublished" })).to.have.length(0);
        expect((await f.registry.read.getAssertion([uid])).exists).to.equal(true);
        expect(await f.registry.read.nonces([account])).to.equal(1n);
      });
    }

    it("returns the uid", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const req = await request(f);
      const { account, deadline, signature } = await signed(f, "admin", req);
      const { result } = await f.registry.simulate.issueWithSignature([req, account, deadline, signature], {
        account: f.accounts.relayer,
      });
      expect(result).to.equal(await f.registry.read.assertionId([ISSUER, req.credentialHash, req.recipient]));
    });

    it("publishes the payload and records the expiry of the request", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const expiresAt = (await f.time.latest()) + 30 * DAY;
      const req = await request(f, { payload: payloadOfLength(64, "e1"), expiresAt });
      const { account, deadline, signature } = await signed(f, "signer", req);
      const uid = await f.registry.read.assertionId([ISSUER, req.credentialHash, req.recipient]);
      await f.viem.assertions.emitWithArgs(
        f.as.relayer.write.issueWithSignature([req, account, deadline, signature]),
        f.registry,
        "AssertionPayloadPublished",
        [uid, req.payload],
      );
      expect((await f.registry.read.getAssertion([uid])).expiresAt).to.equal(expiresAt);
    });

    it("issueDigest matches viem's hashTypedData", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const cases: [IssueRequest, bigint, bigint][] = [
        [await request(f), 0n, 1n],
        [await request(f, { payload: "0xdeadbeef", expiresAt: 2 ** 40 - 1, recipient: ZERO_ADDRESS }), 7n, 2n ** 256n - 1n],
        [await request(f, { classId: 0xffffffff, credentialHash: ZERO_HASH }), 2n ** 255n, 0n],
      ];
      for (const [req, nonce, deadline] of cases) {
        expect(await f.registry.read.issueDigest([req, nonce, deadline])).to.equal(
          issueTypedDataHash(f.chainId, f.registry.address, req, nonce, deadline),
        );
      }
    });

    it("increments nonces() per signer, independently", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (let i = 0; i < 3; i++) {
        const req = await request(f, { credentialHash: hashOf(`n${i}`) });
        const { account, deadline, signature, nonce } = await signed(f, "admin", req);
        expect(nonce).to.equal(BigInt(i));
        await f.as.relayer.write.issueWithSignature([req, account, deadline, signature]);
      }
      expect(await f.registry.read.nonces([f.accounts.admin])).to.equal(3n);
      expect(await f.registry.read.nonces([f.accounts.signer])).to.equal(0n);
    });

    it("cannot be replayed: the nonce moved, so the same signature fails with BadgeRegistryInvalidSignature", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const req = await request(f);
      const { account, deadline, signature } = await signed(f, "admin", req);
      await f.as.relayer.write.issueWithSignature([req, account, deadline, signature]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.stranger.write.issueWithSignature([req, account, deadline, signature]),
        f.registry,
        "BadgeRegistryInvalidSignature",
        [account],
      );
    });

    it("rejects a signature over a future nonce with BadgeRegistryInvalidSignature", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const req = await request(f);
      const { account, deadline, signature } = await signed(f, "admin", req, { nonce: 1n });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.relayer.write.issueWithSignature([req, account, deadline, signature]),
        f.registry,
        "BadgeRegistryInvalidSignature",
        [account],
      );
    });

    it("rejects an expired deadline with BadgeRegistryExpiredSignature, and accepts the deadline second itself", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const req = await request(f);
      const deadline = BigInt((await f.time.latest()) + 100);
      const { account, signature } = await signed(f, "admin", req, { deadline });
      await f.time.setNextBlockTimestamp(deadline + 1n);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.relayer.write.issueWithSignature([req, account, deadline, signature]),
        f.registry,
        "BadgeRegistryExpiredSignature",
        [deadline],
      );

      const onTime = await networkHelpers.loadFixture(issuersFixture);
      const s = await signed(onTime, "admin", req, { deadline });
      await onTime.time.setNextBlockTimestamp(deadline);
      await onTime.viem.assertions.emit(
        onTime.as.relayer.write.issueWithSignature([req, s.account, deadline, s.signature]),
        onTime.registry,
        "AssertionIssued",
      );
    });

    it("rejects a signature by another wallet than the claimed signer with BadgeRegistryInvalidSignature", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const req = await request(f);
      const forged = await signed(f, "stranger", req, { nonce: 0n });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.relayer.write.issueWithSignature([req, f.accounts.admin, forged.deadline, forged.signature]),
        f.registry,
        "BadgeRegistryInvalidSignature",
        [f.accounts.admin],
      );
    });

    for (const [field, change] of [
      ["classId", { classId: OTHER_CLASS }],
      ["credentialHash", { credentialHash: hashOf("other") }],
      ["recipient", { recipient: addressOf("mallory") }],
      ["expiresAt", { expiresAt: 2 ** 39 }],
      ["payload", { payload: "0x01" }],
    ] as const) {
      it(`rejects a request whose ${field} was changed after signing with BadgeRegistryInvalidSignature`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const req = await request(f);
        const { account, deadline, signature } = await signed(f, "admin", req);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.relayer.write.issueWithSignature([{ ...req, ...change } as IssueRequest, account, deadline, signature]),
          f.registry,
          "BadgeRegistryInvalidSignature",
          [account],
        );
      });
    }

    it("rejects a changed deadline and a malformed signature with BadgeRegistryInvalidSignature", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const req = await request(f);
      const { account, deadline, signature } = await signed(f, "admin", req);
      for (const [d, sig] of [
        [deadline + 1n, signature],
        [deadline, "0x1234"],
        [deadline, "0x"],
      ] as const) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.relayer.write.issueWithSignature([req, account, d, sig]),
          f.registry,
          "BadgeRegistryInvalidSignature",
          [account],
        );
      }
    });

    it("rejects a signature made for another registry with BadgeRegistryInvalidSignature", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const req = await request(f);
      const deadline = BigInt((await f.time.latest()) + DAY);
      const signature = await signIssue(f.wallets.admin, f.chainId, addressOf("other registry"), req, 0n, deadline);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.relayer.write.issueWithSignature([req, f.accounts.admin, deadline, signature]),
        f.registry,
        "BadgeRegistryInvalidSignature",
        [f.accounts.admin],
      );
    });

    for (const signer of ["expiredSigner", "removedSigner", "otherSigner", "stranger", "authority"] as const) {
      it(`rejects a genuine signature of the ${signer} with BadgeRegistryUnauthorizedSigner`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const req = await request(f);
        const { account, deadline, signature } = await signed(f, signer, req);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.relayer.write.issueWithSignature([req, account, deadline, signature]),
          f.registry,
          "BadgeRegistryUnauthorizedSigner",
          [account, ISSUER],
        );
      });
    }

    it("checks the signer is valid when the badge is relayed, not when it was signed", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const req = await request(f);
      const { account, deadline, signature } = await signed(f, "signer", req);
      await f.as.admin.write.removeSigner([ISSUER, f.accounts.signer]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.relayer.write.issueWithSignature([req, account, deadline, signature]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [account, ISSUER],
      );
    });

    it("applies the issue checks (suspension, expiry, class, payload size)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const t = await f.time.latest();
      const cases: [Partial<IssueRequest>, string, unknown[]][] = [
        [{ expiresAt: t - 10 }, "BadgeRegistryInvalidExpiry", [t - 10, (v: bigint) => v > BigInt(t)]],
        [{ classId: 99 }, "BadgeRegistryUnknownClass", [99]],
        [{ credentialHash: ZERO_HASH }, "BadgeRegistryInvalidCredentialHash", []],
        [
          { payload: payloadOfLength(MAX_PAYLOAD_LENGTH + 1) },
          "BadgeRegistryDocumentTooLarge",
          [BigInt(MAX_PAYLOAD_LENGTH + 1), BigInt(MAX_PAYLOAD_LENGTH)],
        ],
      ];
      for (const [change, error, args] of cases) {
        const req = await request(f, change);
        const { account, deadline, signature } = await signed(f, "admin", req);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.relayer.write.issueWithSignature([req, account, deadline, signature]),
          f.registry,
          error as "BadgeRegistryUnknownClass",
          args as [number],
        );
      }
      await f.as.authority.write.suspend([ISSUER, "investigation"]);
      const req = await request(f);
      const { account, deadline, signature } = await signed(f, "admin", req);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.relayer.write.issueWithSignature([req, account, deadline, signature]),
        f.registry,
        "BadgeRegistryIssuerSuspended",
        [ISSUER],
      );
      expect(await f.registry.read.nonces([account])).to.equal(0n);
    });

    describe("with an ERC-1271 contract wallet as signer", () => {
      async function walletFixture(connection: Parameters<typeof issuersFixture>[0]) {
        const f = await connection.networkHelpers.loadFixture(issuersFixture);
        const wallet = await f.viem.deployContract("ERC1271WalletMock", [f.accounts.walletOwner]);
        await f.as.admin.write.addSigner([ISSUER, wallet.address, 0, 0]);
        return { ...f, wallet };
      }

      async function signedByOwner(f: Awaited<ReturnType<typeof walletFixture>>, req: IssueRequest, as: RoleName = "walletOwner") {
        const nonce = await f.registry.read.nonces([f.wallet.address]);
        const deadline = BigInt((await f.time.latest()) + DAY);
        const signature = await signIssue(f.wallets[as], f.chainId, f.registry.address, req, nonce, deadline);
        return { deadline, signature };
      }

      it("records a badge approved by the wallet's isValidSignature", async () => {
        const f = await networkHelpers.loadFixture(walletFixture);
        const req = await request(f);
        const { deadline, signature } = await signedByOwner(f, req);
        const uid = await f.registry.read.assertionId([ISSUER, req.credentialHash, req.recipient]);
        await f.viem.assertions.emitWithArgs(
          f.as.relayer.write.issueWithSignature([req, f.wallet.address, deadline, signature]),
          f.registry,
          "AssertionIssued",
          [uid, ISSUER, req.recipient],
        );
        expect(await f.registry.read.nonces([f.wallet.address])).to.equal(1n);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.relayer.write.issueWithSignature([req, f.wallet.address, deadline, signature]),
          f.registry,
          "BadgeRegistryInvalidSignature",
          [f.wallet.address],
        );
      });

      it("rejects a signature the wallet does not approve with BadgeRegistryInvalidSignature", async () => {
        const f = await networkHelpers.loadFixture(walletFixture);
        const req = await request(f);
        const { deadline, signature } = await signedByOwner(f, req, "stranger");
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.relayer.write.issueWithSignature([req, f.wallet.address, deadline, signature]),
          f.registry,
          "BadgeRegistryInvalidSignature",
          [f.wallet.address],
        );
      });

      it("does not let the wallet's owner stand in for the wallet", async () => {
        const f = await networkHelpers.loadFixture(walletFixture);
        const req = await request(f);
        const { deadline, signature } = await signedByOwner(f, req);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.relayer.write.issueWithSignature([req, f.accounts.walletOwner, deadline, signature]),
          f.registry,
          "BadgeRegistryUnauthorizedSigner",
          [f.accounts.walletOwner, ISSUER],
        );
      });

      it("rejects the wallet for an issuer it does not sign for with BadgeRegistryUnauthorizedSigner", async () => {
        const f = await networkHelpers.loadFixture(walletFixture);
        const req = await request(f, { classId: OTHER_CLASS });
        const { deadline, signature } = await signedByOwner(f, req);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.relayer.write.issueWithSignature([req, f.wallet.address, deadline, signature]),
          f.registry,
          "BadgeRegistryUnauthorizedSigner",
          [f.wallet.address, OTHER_ISSUER],
        );
      });

      it("lets the wallet write directly as a signer too", async () => {
        const f = await networkHelpers.loadFixture(walletFixture);
        const asOwner = await f.viem.getContractAt("ERC1271WalletMock", f.wallet.address, {
          client: { wallet: f.wallets.walletOwner },
        });
        const data = encodeFunctionData({
          abi: f.registry.abi,
          functionName: "issue",
          args: [CLASS, await nextIndex(f, CLASS), CREDENTIAL, f.accounts.recipient, 0],
        });
        await f.viem.assertions.emitWithArgs(asOwner.write.execute([f.registry.address, data]), f.registry, "AssertionIssued", [
          await f.registry.read.assertionId([ISSUER, CREDENTIAL, f.accounts.recipient]),
          ISSUER,
          f.accounts.recipient,
        ]);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.wallet.write.execute([f.registry.address, data]),
          f.wallet,
          "ERC1271WalletMockUnauthorized",
          [f.accounts.deployer],
        );
      });
    });
  });

  describe("revoke", () => {
    for (const [name, code] of Object.entries(RevocationReason)) {
      it(`revokes with reason ${name} and records when, in which block and why`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const badge = await issueOne(f);
        const t = await f.nextTimestamp();
        const hash = f.as.signer.write.revoke([badge.uid, code, `reason ${name}`]);
        await f.viem.assertions.emitWithArgs(hash, f.registry, "AssertionRevoked", [badge.uid, ISSUER, code, `reason ${name}`]);
        const { blockNumber } = await f.minedAt(hash);
        expect(await f.registry.read.getAssertion([badge.uid])).to.deep.include({
          exists: true,
          issuedAt: badge.issuedAt,
          issuedBlock: badge.issuedBlock,
          revokedAt: t,
          revokedBlock: blockNumber,
          revocationReason: code,
          erased: false,
        });
      });
    }

    for (const code of [6, 7, 255]) {
      it(`rejects reason code ${code} with BadgeRegistryInvalidReason`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const badge = await issueOne(f);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.revoke([badge.uid, code, ""]),
          f.registry,
          "BadgeRegistryInvalidReason",
          [code],
        );
      });
    }

    it("is final: a second revocation fails with BadgeRegistryAlreadyRevoked and changes nothing", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.as.admin.write.revoke([badge.uid, RevocationReason.IssuedInError, "wrong cohort"]);
      const before = await f.registry.read.getAssertion([badge.uid]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.signer.write.revoke([badge.uid, RevocationReason.Misconduct, "again"]),
        f.registry,
        "BadgeRegistryAlreadyRevoked",
        [badge.uid],
      );
      expect(await f.registry.read.getAssertion([badge.uid])).to.deep.equal(before);
    });

    it("rejects an unknown uid with BadgeRegistryUnknownAssertion", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (const uid of [hashOf("unknown"), ZERO_HASH]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.revoke([uid, 0, ""]),
          f.registry,
          "BadgeRegistryUnknownAssertion",
          [uid],
        );
      }
    });

    it("rejects a batched uid (revokeBatched takes those) with BadgeRegistryUnknownAssertion", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 3);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revoke([batch.tree.uid(0), 0, ""]),
        f.registry,
        "BadgeRegistryUnknownAssertion",
        [batch.tree.uid(0)],
      );
    });

    for (const caller of ["otherSigner", "otherAdmin", "expiredSigner", "removedSigner", "stranger", "recipient", "authority"] as const) {
      it(`rejects the ${caller} with BadgeRegistryUnauthorizedSigner`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const badge = await issueOne(f);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as[caller].write.revoke([badge.uid, 0, ""]),
          f.registry,
          "BadgeRegistryUnauthorizedSigner",
          [f.accounts[caller], ISSUER],
        );
      });
    }

    it("is still allowed for a suspended issuer and for a retired class", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.as.admin.write.retireBadgeClass([CLASS]);
      await f.as.authority.write.suspend([ISSUER, "investigation"]);
      await f.viem.assertions.emitWithArgs(
        f.as.admin.write.revoke([badge.uid, RevocationReason.Withdrawn, "issuer under investigation"]),
        f.registry,
        "AssertionRevoked",
        [badge.uid, ISSUER, RevocationReason.Withdrawn, "issuer under investigation"],
      );
    });

    it("is allowed to any valid signer, not only the one who issued", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f, { caller: "signer" });
      await f.as.admin.write.removeSigner([ISSUER, f.accounts.signer]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.signer.write.revoke([badge.uid, 0, ""]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.signer, ISSUER],
      );
      await f.viem.assertions.emit(f.as.admin.write.revoke([badge.uid, 0, ""]), f.registry, "AssertionRevoked");
    });

    it("keeps the revoked badge from being issued again (BadgeRegistryAssertionExists)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.as.admin.write.revoke([badge.uid, 0, ""]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.issue([CLASS, await nextIndex(f, CLASS), CREDENTIAL, f.accounts.recipient, 0]),
        f.registry,
        "BadgeRegistryAssertionExists",
        [badge.uid],
      );
    });
  });

  describe("revokeMany", () => {
    it("revokes every badge with one reason, one AssertionRevoked each", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const hashes = hashesOf("many", 5);
      const recipients = recipientsOf("many", 5);
      await f.as.admin.write.issueBatch([CLASS, await nextIndex(f, CLASS), hashes, recipients, 0, []]);
      const uids = buildBatchTree(hashes, recipients);
      const all = hashes.map((_, i) => uids.uid(i));
      const t = await f.nextTimestamp();
      const hash = await f.as.signer.write.revokeMany([all, RevocationReason.Superseded, "new edition"]);
      const receipt = await f.publicClient.getTransactionReceipt({ hash });
      const logs = parseEventLogs({ abi: f.registry.abi, logs: receipt.logs, eventName: "AssertionRevoked" });
      expect(logs.map((l) => [l.args.uid, l.args.issuerId, l.args.reasonCode, l.args.reason])).to.deep.equal(
        all.map((uid) => [uid, ISSUER, RevocationReason.Superseded, "new edition"]),
      );
      for (const uid of all) {
        expect(await f.registry.read.getAssertion([uid])).to.deep.include({
          revokedAt: t,
          revocationReason: RevocationReason.Superseded,
        });
      }
    });

    for (const count of [0, MAX_BATCH + 1]) {
      it(`rejects ${count} uids with BadgeRegistryInvalidBatchSize`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.revokeMany([hashesOf("u", count), 0, ""]),
          f.registry,
          "BadgeRegistryInvalidBatchSize",
          [BigInt(count), BigInt(MAX_BATCH)],
        );
      });
    }

    it("is atomic: an already revoked uid in the list reverts with BadgeRegistryAlreadyRevoked and revokes nothing", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const a = await issueOne(f, { credentialHash: hashOf("a") });
      const b = await issueOne(f, { credentialHash: hashOf("b") });
      await f.as.admin.write.revoke([b.uid, 0, ""]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeMany([[a.uid, b.uid], 1, ""]),
        f.registry,
        "BadgeRegistryAlreadyRevoked",
        [b.uid],
      );
      expect((await f.registry.read.getAssertion([a.uid])).revokedAt).to.equal(0);
    });

    it("rejects the same uid twice in the list with BadgeRegistryAlreadyRevoked", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const a = await issueOne(f);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeMany([[a.uid, a.uid], 1, ""]),
        f.registry,
        "BadgeRegistryAlreadyRevoked",
        [a.uid],
      );
    });

    it("rejects a badge of another issuer in the list with BadgeRegistryUnauthorizedSigner", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const mine = await issueOne(f, { credentialHash: hashOf("mine") });
      const theirs = await issueOne(f, {
        caller: "otherSigner",
        classId: OTHER_CLASS,
        credentialHash: hashOf("theirs"),
      });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeMany([[mine.uid, theirs.uid], 0, ""]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.admin, OTHER_ISSUER],
      );
    });

    it("rejects an unknown uid in the list with BadgeRegistryUnknownAssertion, and a bad reason with BadgeRegistryInvalidReason", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const a = await issueOne(f);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeMany([[a.uid, hashOf("nope")], 0, ""]),
        f.registry,
        "BadgeRegistryUnknownAssertion",
        [hashOf("nope")],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeMany([[a.uid], 6, ""]),
        f.registry,
        "BadgeRegistryInvalidReason",
        [6],
      );
    });
  });

  describe("revokeBatched", () => {
    async function batchFixture(connection: Parameters<typeof issuersFixture>[0]) {
      const f = await connection.networkHelpers.loadFixture(issuersFixture);
      const recipients = recipientsOf("rb", 7);
      recipients[3] = f.accounts.recipient;
      const batch = await merkleBatch(f, 7, { label: "rb", recipients });
      return { ...f, batch };
    }

    it("revokes one leaf with its proof; verifyAssertion shows it, the other leaves stay valid", async () => {
      const f = await networkHelpers.loadFixture(batchFixture);
      const { batch } = f;
      const uid = batch.tree.uid(3);
      const t = await f.nextTimestamp();
      const hash = f.as.signer.write.revokeBatched([batch.batchId, uid, batch.tree.proof(3), RevocationReason.Misconduct, "plagiarism"]);
      await f.viem.assertions.emitWithArgs(hash, f.registry, "AssertionRevoked", [uid, ISSUER, RevocationReason.Misconduct, "plagiarism"]);
      const { blockNumber } = await f.minedAt(hash);
      expect(await f.registry.read.verifyAssertion([uid, batch.batchId, batch.tree.proof(3), ZERO_HASH])).to.deep.include({
        exists: true,
        batchId: batch.batchId,
        issuedAt: batch.issuedAt,
        revokedAt: t,
        revokedBlock: blockNumber,
        revocationReason: RevocationReason.Misconduct,
      });
      for (const i of [0, 2, 4, 6]) {
        const status = await f.registry.read.verifyAssertion([batch.tree.uid(i), batch.batchId, batch.tree.proof(i), ZERO_HASH]);
        expect([status.exists, status.revokedAt]).to.deep.equal([true, 0]);
      }
      // A wrong proof still does not place the revoked uid in the batch.
      expect(await f.registry.read.verifyAssertion([uid, batch.batchId, tamper(batch.tree.proof(3)), ZERO_HASH])).to.deep.equal(
        MISSING_STATUS,
      );
      // And it is not a badge recorded on its own.
      expect((await f.registry.read.getAssertion([uid])).exists).to.equal(false);
    });

    it("is final: BadgeRegistryAlreadyRevoked", async () => {
      const f = await networkHelpers.loadFixture(batchFixture);
      const { batch } = f;
      await f.as.admin.write.revokeBatched([batch.batchId, batch.tree.uid(1), batch.tree.proof(1), 1, ""]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeBatched([batch.batchId, batch.tree.uid(1), batch.tree.proof(1), 2, ""]),
        f.registry,
        "BadgeRegistryAlreadyRevoked",
        [batch.tree.uid(1)],
      );
    });

    it("rejects a wrong proof with BadgeRegistryInvalidProof", async () => {
      const f = await networkHelpers.loadFixture(batchFixture);
      const { batch } = f;
      for (const proof of [tamper(batch.tree.proof(1)), batch.tree.proof(2), NO_PROOF]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.revokeBatched([batch.batchId, batch.tree.uid(1), proof, 0, ""]),
          f.registry,
          "BadgeRegistryInvalidProof",
          [batch.batchId, batch.tree.uid(1)],
        );
      }
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeBatched([batch.batchId, hashOf("not a leaf"), batch.tree.proof(1), 0, ""]),
        f.registry,
        "BadgeRegistryInvalidProof",
        [batch.batchId, hashOf("not a leaf")],
      );
    });

    it("rejects an unknown batch with BadgeRegistryUnknownBatch", async () => {
      const f = await networkHelpers.loadFixture(batchFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeBatched([hashOf("nope"), f.batch.tree.uid(0), f.batch.tree.proof(0), 0, ""]),
        f.registry,
        "BadgeRegistryUnknownBatch",
        [hashOf("nope")],
      );
    });

    it("rejects a bad reason with BadgeRegistryInvalidReason and another issuer's signer with BadgeRegistryUnauthorizedSigner", async () => {
      const f = await networkHelpers.loadFixture(batchFixture);
      const { batch } = f;
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeBatched([batch.batchId, batch.tree.uid(0), batch.tree.proof(0), 9, ""]),
        f.registry,
        "BadgeRegistryInvalidReason",
        [9],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.otherSigner.write.revokeBatched([batch.batchId, batch.tree.uid(0), batch.tree.proof(0), 0, ""]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.otherSigner, ISSUER],
      );
    });
  });

  describe("erase", () => {
    it("marks a badge erased with AssertionErased; the record stays", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.viem.assertions.emitWithArgs(f.as.signer.write.erase([badge.uid, ZERO_HASH, NO_PROOF]), f.registry, "AssertionErased", [
        badge.uid,
        ISSUER,
        f.accounts.signer,
      ]);
      expect(await f.registry.read.getAssertion([badge.uid])).to.deep.include({
        exists: true,
        erased: true,
        issuedAt: badge.issuedAt,
        revokedAt: 0,
      });
    });

    it("is final: erasing again fails with BadgeRegistryAlreadyErased", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.as.admin.write.erase([badge.uid, ZERO_HASH, NO_PROOF]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.signer.write.erase([badge.uid, ZERO_HASH, NO_PROOF]),
        f.registry,
        "BadgeRegistryAlreadyErased",
        [badge.uid],
      );
    });

    it("keeps the revocation through an erasure (revoke, then erase)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.as.admin.write.revoke([badge.uid, RevocationReason.Misconduct, "fraud"]);
      const revoked = await f.registry.read.getAssertion([badge.uid]);
      await f.as.admin.write.erase([badge.uid, ZERO_HASH, NO_PROOF]);
      expect(await f.registry.read.getAssertion([badge.uid])).to.deep.equal({ ...revoked, erased: true });
    });

    it("still lets an erased badge be revoked (erase, then revoke), and stays erased", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.as.admin.write.erase([badge.uid, ZERO_HASH, NO_PROOF]);
      const t = await f.nextTimestamp();
      await f.viem.assertions.emitWithArgs(
        f.as.admin.write.revoke([badge.uid, RevocationReason.KeyCompromised, ""]),
        f.registry,
        "AssertionRevoked",
        [badge.uid, ISSUER, RevocationReason.KeyCompromised, ""],
      );
      expect(await f.registry.read.getAssertion([badge.uid])).to.deep.include({
        erased: true,
        revokedAt: t,
        revocationReason: RevocationReason.KeyCompromised,
      });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revoke([badge.uid, 0, ""]),
        f.registry,
        "BadgeRegistryAlreadyRevoked",
        [badge.uid],
      );
    });

    it("refuses new words about an erased badge: revoke, revokeMany and revokeBatched take a code only (BadgeRegistryErasedReasonText)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const erased = await issueOne(f);
      const other = await issueOne(f, { credentialHash: hashOf("other") });
      const batch = await merkleBatch(f, 3);
      const [uid, proof] = [batch.tree.uid(1), batch.tree.proof(1)];
      await f.as.admin.write.erase([erased.uid, ZERO_HASH, NO_PROOF]);
      await f.as.admin.write.erase([uid, batch.batchId, proof]);
      const reason = "Mallory copied the thesis";
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revoke([erased.uid, RevocationReason.Misconduct, reason]),
        f.registry,
        "BadgeRegistryErasedReasonText",
        [erased.uid],
      );
      // One erased badge in the list refuses the whole call: its text would be emitted too.
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeMany([[other.uid, erased.uid], RevocationReason.Misconduct, reason]),
        f.registry,
        "BadgeRegistryErasedReasonText",
        [erased.uid],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.revokeBatched([batch.batchId, uid, proof, RevocationReason.Misconduct, reason]),
        f.registry,
        "BadgeRegistryErasedReasonText",
        [uid],
      );
      expect((await f.registry.read.getAssertion([other.uid])).revokedAt).to.equal(0);
      await f.viem.assertions.emitWithArgs(
        f.as.admin.write.revokeMany([[other.uid, erased.uid], RevocationReason.Misconduct, ""]),
        f.registry,
        "AssertionRevoked",
        [erased.uid, ISSUER, RevocationReason.Misconduct, ""],
      );
      await f.viem.assertions.emitWithArgs(
        f.as.admin.write.revokeBatched([batch.batchId, uid, proof, RevocationReason.Misconduct, ""]),
        f.registry,
        "AssertionRevoked",
        [uid, ISSUER, RevocationReason.Misconduct, ""],
      );
      const status = await f.registry.read.verifyAssertion([uid, batch.batchId, proof, ZERO_HASH]);
      expect([status.erased, status.revocationReason]).to.deep.equal([true, RevocationReason.Misconduct]);
    });

    it("erases a badge already revoked with words, for every way of erasing", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const ways: ((uid: Hex, credentialHash: Hex) => Promise<Hex>)[] = [
        (uid) => f.as.signer.write.erase([uid, ZERO_HASH, NO_PROOF]),
        (uid) => f.as.authority.write.erase([uid, ZERO_HASH, NO_PROOF]),
        (_uid, credentialHash) => f.as.recipient.write.eraseAsRecipient([ISSUER, credentialHash, ZERO_HASH, NO_PROOF]),
      ];
      for (const [i, erase] of ways.entries()) {
        const badge = await issueOne(f, { credentialHash: hashOf(`revoked-${i}`) });
        await f.as.admin.write.revoke([badge.uid, RevocationReason.Misconduct, "fraud"]);
        await f.viem.assertions.emit(erase(badge.uid, hashOf(`revoked-${i}`)), f.registry, "AssertionErased");
        expect(await f.registry.read.getAssertion([badge.uid])).to.deep.include({
          erased: true,
          revocationReason: RevocationReason.Misconduct,
        });
      }
    });

    it("erases a batched badge with its proof", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 7);
      await f.viem.assertions.emitWithArgs(
        f.as.admin.write.erase([batch.tree.uid(5), batch.batchId, batch.tree.proof(5)]),
        f.registry,
        "AssertionErased",
        [batch.tree.uid(5), ISSUER, f.accounts.admin],
      );
      expect(await f.registry.read.verifyAssertion([batch.tree.uid(5), batch.batchId, batch.tree.proof(5), ZERO_HASH])).to.deep.include({
        exists: true,
        erased: true,
        revokedAt: 0,
      });
      expect((await f.registry.read.verifyAssertion([batch.tree.uid(4), batch.batchId, batch.tree.proof(4), ZERO_HASH])).erased).to.equal(
        false,
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.erase([batch.tree.uid(5), batch.batchId, batch.tree.proof(5)]),
        f.registry,
        "BadgeRegistryAlreadyErased",
        [batch.tree.uid(5)],
      );
    });

    it("keeps a batched badge's revocation through its erasure", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 3);
      const [uid, proof] = [batch.tree.uid(2), batch.tree.proof(2)];
      await f.as.admin.write.revokeBatched([batch.batchId, uid, proof, RevocationReason.IssuedInError, ""]);
      await f.as.admin.write.erase([uid, batch.batchId, proof]);
      expect(await f.registry.read.verifyAssertion([uid, batch.batchId, proof, ZERO_HASH])).to.deep.include({
        erased: true,
        revocationReason: RevocationReason.IssuedInError,
      });
    });

    it("rejects a wrong proof with BadgeRegistryInvalidProof and an unknown batch with BadgeRegistryUnknownBatch", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 3);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.erase([batch.tree.uid(0), batch.batchId, tamper(batch.tree.proof(0))]),
        f.registry,
        "BadgeRegistryInvalidProof",
        [batch.batchId, batch.tree.uid(0)],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.erase([batch.tree.uid(0), hashOf("nope"), batch.tree.proof(0)]),
        f.registry,
        "BadgeRegistryUnknownBatch",
        [hashOf("nope")],
      );
    });

    it("rejects an unknown uid with BadgeRegistryUnknownAssertion", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.erase([hashOf("nope"), ZERO_HASH, NO_PROOF]),
        f.registry,
        "BadgeRegistryUnknownAssertion",
        [hashOf("nope")],
      );
    });

    for (const caller of ["otherSigner", "expiredSigner", "removedSigner", "stranger", "recipient"] as const) {
      it(`rejects the ${caller} with BadgeRegistryUnauthorizedSigner`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const badge = await issueOne(f);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as[caller].write.erase([badge.uid, ZERO_HASH, NO_PROOF]),
          f.registry,
          "BadgeRegistryUnauthorizedSigner",
          [f.accounts[caller], ISSUER],
        );
      });
    }

    describe("by the registry authority, on the request of a learner without a wallet", () => {
      it("erases a badge recorded on its own, naming the authority in AssertionErased", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const badge = await issueOne(f, { recipient: ZERO_ADDRESS });
        await f.viem.assertions.emitWithArgs(f.as.authority.write.erase([badge.uid, ZERO_HASH, NO_PROOF]), f.registry, "AssertionErased", [
          badge.uid,
          ISSUER,
          f.accounts.authority,
        ]);
        expect((await f.registry.read.getAssertion([badge.uid])).erased).to.equal(true);
      });

      it("erases a batched badge with its proof, and is final", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const batch = await merkleBatch(f, 5, { recipients: Array(5).fill(ZERO_ADDRESS) });
        const [uid, proof] = [batch.tree.uid(3), batch.tree.proof(3)];
        await f.viem.assertions.emitWithArgs(f.as.authority.write.erase([uid, batch.batchId, proof]), f.registry, "AssertionErased", [
          uid,
          ISSUER,
          f.accounts.authority,
        ]);
        expect((await f.registry.read.verifyAssertion([uid, batch.batchId, proof, ZERO_HASH])).erased).to.equal(true);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.authority.write.erase([uid, batch.batchId, proof]),
          f.registry,
          "BadgeRegistryAlreadyErased",
          [uid],
        );
      });

      it("does not depend on the issuer: works while it is suspended and after its signers are gone", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const badge = await issueOne(f, { caller: "signer", recipient: ZERO_ADDRESS });
        await f.as.admin.write.removeSigner([ISSUER, f.accounts.signer]);
        await f.as.authority.write.suspend([ISSUER, "closed"]);
        await f.viem.assertions.emit(f.as.authority.write.erase([badge.uid, ZERO_HASH, NO_PROOF]), f.registry, "AssertionErased");
      });

      it("refuses a former authority once its role is revoked", async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        const badge = await issueOne(f);
        await f.as.deployer.write.revokeRole([await f.registry.read.REGISTRY_AUTHORITY_ROLE(), f.accounts.authority]);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.authority.write.erase([badge.uid, ZERO_HASH, NO_PROOF]),
          f.registry,
          "BadgeRegistryUnauthorizedSigner",
          [f.accounts.authority, ISSUER],
        );
      });
    });

    it("is still allowed for a suspended issuer", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.as.authority.write.suspend([ISSUER, "investigation"]);
      await f.viem.assertions.emit(f.as.admin.write.erase([badge.uid, ZERO_HASH, NO_PROOF]), f.registry, "AssertionErased");
    });
  });

  describe("eraseAsRecipient", () => {
    it("lets the recipient wallet erase its own badge", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.viem.assertions.emitWithArgs(
        f.as.recipient.write.eraseAsRecipient([ISSUER, CREDENTIAL, ZERO_HASH, NO_PROOF]),
        f.registry,
        "AssertionErased",
        [badge.uid, ISSUER, f.accounts.recipient],
      );
      expect((await f.registry.read.getAssertion([badge.uid])).erased).to.equal(true);
    });

    it("lets the recipient erase a batched badge with its proof", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const recipients = recipientsOf("r", 3);
      recipients[1] = f.accounts.recipient;
      const batch = await merkleBatch(f, 3, { recipients });
      await f.viem.assertions.emitWithArgs(
        f.as.recipient.write.eraseAsRecipient([ISSUER, batch.hashes[1], batch.batchId, batch.tree.proof(1)]),
        f.registry,
        "AssertionErased",
        [batch.tree.uid(1), ISSUER, f.accounts.recipient],
      );
      expect((await f.registry.read.verifyAssertion([batch.tree.uid(1), batch.batchId, batch.tree.proof(1), ZERO_HASH])).erased).to.equal(
        true,
      );
      const strangerUid = await f.registry.read.assertionId([ISSUER, batch.hashes[1], f.accounts.stranger]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.stranger.write.eraseAsRecipient([ISSUER, batch.hashes[1], batch.batchId, batch.tree.proof(1)]),
        f.registry,
        "BadgeRegistryInvalidProof",
        [batch.batchId, strangerUid],
      );
    });

    for (const caller of ["admin", "signer", "stranger", "authority"] as const) {
      it(`does not let the ${caller} erase as the recipient (BadgeRegistryUnknownAssertion of its own uid)`, async () => {
        const f = await networkHelpers.loadFixture(issuersFixture);
        await issueOne(f);
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as[caller].write.eraseAsRecipient([ISSUER, CREDENTIAL, ZERO_HASH, NO_PROOF]),
          f.registry,
          "BadgeRegistryUnknownAssertion",
          [await f.registry.read.assertionId([ISSUER, CREDENTIAL, f.accounts[caller]])],
        );
      });
    }

    it("cannot reach a badge issued without a wallet", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await issueOne(f, { recipient: ZERO_ADDRESS });
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.recipient.write.eraseAsRecipient([ISSUER, CREDENTIAL, ZERO_HASH, NO_PROOF]),
        f.registry,
        "BadgeRegistryUnknownAssertion",
        [await f.registry.read.assertionId([ISSUER, CREDENTIAL, f.accounts.recipient])],
      );
    });

    it("shares finality with the issuer's erasure, both ways (BadgeRegistryAlreadyErased)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.as.admin.write.erase([badge.uid, ZERO_HASH, NO_PROOF]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.recipient.write.eraseAsRecipient([ISSUER, CREDENTIAL, ZERO_HASH, NO_PROOF]),
        f.registry,
        "BadgeRegistryAlreadyErased",
        [badge.uid],
      );
      const other = await issueOne(f, { credentialHash: hashOf("other") });
      await f.as.recipient.write.eraseAsRecipient([ISSUER, hashOf("other"), ZERO_HASH, NO_PROOF]);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.admin.write.erase([other.uid, ZERO_HASH, NO_PROOF]),
        f.registry,
        "BadgeRegistryAlreadyErased",
        [other.uid],
      );
    });

    it("works whatever the issuer's state (suspended, signer gone) and keeps the revocation", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f, { caller: "signer" });
      await f.as.signer.write.revoke([badge.uid, RevocationReason.Withdrawn, ""]);
      await f.as.admin.write.removeSigner([ISSUER, f.accounts.signer]);
      await f.as.authority.write.suspend([ISSUER, "closed"]);
      await f.as.recipient.write.eraseAsRecipient([ISSUER, CREDENTIAL, ZERO_HASH, NO_PROOF]);
      expect(await f.registry.read.getAssertion([badge.uid])).to.deep.include({
        erased: true,
        revocationReason: RevocationReason.Withdrawn,
        issuerStatus: IssuerStatus.Suspended,
      });
    });
  });

  describe("verifyAssertion", () => {
    it("returns exists=false for an unknown uid, with or without a key", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (const key of [ZERO_HASH, KEY]) {
        expect(await f.registry.read.verifyAssertion([hashOf("nope"), ZERO_HASH, NO_PROOF, key])).to.deep.equal(MISSING_STATUS);
      }
    });

    it("returns exists=false for an unknown batch", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 2);
      expect(await f.registry.read.verifyAssertion([batch.tree.uid(0), hashOf("nope"), batch.tree.proof(0), KEY])).to.deep.equal(
        MISSING_STATUS,
      );
    });

    it("matches getAssertion for a single badge and ignores the proof", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      const single = await f.registry.read.getAssertion([badge.uid]);
      expect(await f.registry.read.verifyAssertion([badge.uid, ZERO_HASH, [hashOf("junk")], ZERO_HASH])).to.deep.equal(single);
    });

    it("reports keyValidAtIssue only when asked about a key", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      const withKey = await f.registry.read.verifyAssertion([badge.uid, ZERO_HASH, NO_PROOF, KEY]);
      const withoutKey = await f.registry.read.verifyAssertion([badge.uid, ZERO_HASH, NO_PROOF, ZERO_HASH]);
      expect(withKey).to.deep.equal({ ...withoutKey, keyValidAtIssue: true });
      expect(withoutKey.keyValidAtIssue).to.equal(false);
    });

    it("reports a key unknown to the issuer, or another issuer's key, as not valid at issue", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const otherKey = keyOf("issuer-2");
      await f.as.otherAdmin.write.addKey([OTHER_ISSUER, otherKey, 0, 0]);
      const badge = await issueOne(f);
      for (const key of [keyOf("unknown"), otherKey]) {
        const status = await f.registry.read.verifyAssertion([badge.uid, ZERO_HASH, NO_PROOF, key]);
        expect([status.exists, status.keyValidAtIssue]).to.deep.equal([true, false]);
      }
    });

    it("reports a key added after the badge as not valid at issue", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      const later = keyOf("later");
      await f.as.admin.write.addKey([ISSUER, later, 0, 0]);
      expect((await f.registry.read.verifyAssertion([badge.uid, ZERO_HASH, NO_PROOF, later])).keyValidAtIssue).to.equal(false);
    });

    it("checks keys for batched badges at the batch's issue time", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 3);
      await f.as.admin.write.revokeKey([ISSUER, KEY]);
      const status = await f.registry.read.verifyAssertion([batch.tree.uid(1), batch.batchId, batch.tree.proof(1), KEY]);
      expect([status.exists, status.keyValidAtIssue, status.issuedAt]).to.deep.equal([true, true, batch.issuedAt]);
    });

    it("reflects the class being retired and the issuer's current status", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 2);
      await f.as.admin.write.retireBadgeClass([CLASS]);
      await f.as.authority.write.accredit([ISSUER, issuerNameKey(PROFILE_NAME)]);
      const status = await f.registry.read.verifyAssertion([batch.tree.uid(0), batch.batchId, batch.tree.proof(0), ZERO_HASH]);
      expect([status.classRetired, status.issuerStatus]).to.deep.equal([true, IssuerStatus.Accredited]);
    });
  });

  describe("isolation between issuers (a badge's status belongs to its own anchor)", () => {
    // Registration is open and credential hashes travel in calldata, so anyone can anchor a known
    // (credentialHash, recipient) pair again under their own issuer: the uid names the issuer, so the copy
    // gets its own uid and never touches the original.
    it("another issuer cannot revoke or erase a badge recorded on its own by batching its credential again", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      const before = await f.registry.read.getAssertion([badge.uid]);
      const copyKey = hashOf("batch:copy");
      const copy = batchIdOf(copyKey, OTHER_ISSUER);
      await f.as.otherAdmin.write.issueMerkleBatch([OTHER_CLASS, copyKey, [CREDENTIAL], [f.accounts.recipient], 0]);
      // The copy's leaf is the other issuer's uid, so the original's uid is not in the copy batch.
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.otherAdmin.write.revokeBatched([copy, badge.uid, NO_PROOF, RevocationReason.Misconduct, "griefing"]),
        f.registry,
        "BadgeRegistryInvalidProof",
        [copy, badge.uid],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.otherAdmin.write.erase([badge.uid, copy, NO_PROOF]),
        f.registry,
        "BadgeRegistryInvalidProof",
        [copy, badge.uid],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.otherAdmin.write.revoke([badge.uid, RevocationReason.Misconduct, "griefing"]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.otherAdmin, ISSUER],
      );
      expect(await f.registry.read.getAssertion([badge.uid])).to.deep.equal(before);
      // The genuine issuer can still revoke its badge.
      await f.viem.assertions.emit(f.as.admin.write.revoke([badge.uid, 1, ""]), f.registry, "AssertionRevoked");
    });

    it("another issuer cannot revoke or erase a badge of a Merkle batch by recording its credential on its own", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 3);
      const [uid, proof] = [batch.tree.uid(0), batch.tree.proof(0)];
      const before = await f.registry.read.verifyAssertion([uid, batch.batchId, proof, ZERO_HASH]);
      const copy = await issueOne(f, {
        caller: "otherAdmin",
        classId: OTHER_CLASS,
        credentialHash: batch.hashes[0],
        recipient: batch.recipients[0],
      });
      expect(copy.uid).to.not.equal(uid);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.otherAdmin.write.revoke([uid, RevocationReason.Misconduct, "griefing"]),
        f.registry,
        "BadgeRegistryUnknownAssertion",
        [uid],
      );
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.otherAdmin.write.revokeBatched([batch.batchId, uid, proof, RevocationReason.Misconduct, "griefing"]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.otherAdmin, ISSUER],
      );
      expect(await f.registry.read.verifyAssertion([uid, batch.batchId, proof, ZERO_HASH])).to.deep.equal(before);
      await f.viem.assertions.emit(f.as.admin.write.revokeBatched([batch.batchId, uid, proof, 1, ""]), f.registry, "AssertionRevoked");
    });

    it("keeps the statuses of one issuer's uid in two of its batches apart", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 2);
      const [uid, proof] = [batch.tree.uid(1), batch.tree.proof(1)];
      const again = batchIdOf(hashOf("batch:again"));
      await f.as.admin.write.issueMerkleBatch([CLASS, hashOf("batch:again"), [batch.hashes[1]], [batch.recipients[1]], 0]);
      await f.as.admin.write.revokeBatched([again, uid, NO_PROOF, RevocationReason.Superseded, "second copy"]);
      const original = await f.registry.read.verifyAssertion([uid, batch.batchId, proof, ZERO_HASH]);
      expect([original.exists, original.revokedAt]).to.deep.equal([true, 0]);
      expect((await f.registry.read.verifyAssertion([uid, again, NO_PROOF, ZERO_HASH])).revocationReason).to.equal(
        RevocationReason.Superseded,
      );
    });
  });

  describe("rotation never invalidates what was issued", () => {
    it("a badge issued by a signer stays valid after the signer is removed, and the signer was valid at issue", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f, { caller: "signer" });
      const before = await f.registry.read.getAssertion([badge.uid]);
      await f.time.increase(100);
      await f.as.admin.write.removeSigner([ISSUER, f.accounts.signer]);
      expect(await f.registry.read.getAssertion([badge.uid])).to.deep.equal(before);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.signer, BigInt(badge.issuedAt)])).to.equal(true);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.signer, BigInt(await f.time.latest())])).to.equal(false);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.signer.write.issue([CLASS, await nextIndex(f, CLASS), hashOf("new"), f.accounts.recipient, 0]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.signer, ISSUER],
      );
    });

    it("a badge signed under a key stays keyValidAtIssue after the key is revoked and a new key is added", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const badge = await issueOne(f);
      await f.time.increase(100);
      await f.as.admin.write.revokeKey([ISSUER, KEY]);
      const next = keyOf("issuer-1-key-2");
      await f.as.admin.write.addKey([ISSUER, next, 0, 0]);
      expect(await f.registry.read.isKeyValidAt([ISSUER, KEY, BigInt(badge.issuedAt)])).to.equal(true);
      expect((await f.registry.read.verifyAssertion([badge.uid, ZERO_HASH, NO_PROOF, KEY])).keyValidAtIssue).to.equal(true);
      expect((await f.registry.read.verifyAssertion([badge.uid, ZERO_HASH, NO_PROOF, next])).keyValidAtIssue).to.equal(false);
      const newer = await issueOne(f, { credentialHash: hashOf("newer") });
      expect((await f.registry.read.verifyAssertion([newer.uid, ZERO_HASH, NO_PROOF, KEY])).keyValidAtIssue).to.equal(false);
      expect((await f.registry.read.verifyAssertion([newer.uid, ZERO_HASH, NO_PROOF, next])).keyValidAtIssue).to.equal(true);
    });

    it("a badge issued while the expired signer was valid keeps verifying after its window ends", async () => {
      const f = await networkHelpers.loadFixture(deployRegistryFixture);
      await f.as.admin.write.registerIssuer([PROFILE]);
      await f.as.admin.write.createBadgeClass([ISSUER, ACHIEVEMENT]);
      const now = await f.time.latest();
      await f.as.admin.write.addSigner([ISSUER, f.accounts.signer, 0, now + 100]);
      const badge = await issueOne(f, { caller: "signer" });
      await f.time.increaseTo(now + 100);
      expect((await f.registry.read.getAssertion([badge.uid])).exists).to.equal(true);
      expect(await f.registry.read.isSignerValidAt([ISSUER, f.accounts.signer, BigInt(badge.issuedAt)])).to.equal(true);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.signer.write.issue([CLASS, await nextIndex(f, CLASS), hashOf("late"), ZERO_ADDRESS, 0]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.signer, ISSUER],
      );
    });
  });

  describe("status indexes and status lists (W3C BitstringStatusList)", () => {
    const STATUS_LIST_LENGTH = 131_072;
    const LIST = toHex(toBytes('{"type":["VerifiableCredential","BitstringStatusListCredential"]}'));
    const classListKey = (classId: number, list: number): Hex =>
      `0x${((BigInt(classId) << 32n) | BigInt(list)).toString(16).padStart(64, "0")}`;

    it("gives each badge of a class the next status index, kept in its record, whatever way it is issued", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      expect(await f.registry.read.nextStatusIndex([CLASS])).to.equal(0);
      const first = await issueOne(f, { credentialHash: hashOf("index:0") });
      await f.as.admin.write.issueWithPayload([CLASS, 1, hashOf("index:1"), ZERO_ADDRESS, 0, "0x01"]);
      await f.as.admin.write.issueBatch([CLASS, 2, hashesOf("index:batch", 3), recipientsOf("index:batch", 3), 0, []]);
      const { signature, deadline } = await (async () => {
        const d = BigInt((await f.time.latest()) + 3_600);
        const req = {
          classId: CLASS,
          statusIndex: 5,
          credentialHash: hashOf("index:5"),
          recipient: ZERO_ADDRESS,
          expiresAt: 0,
          payload: "0x" as Hex,
        };
        return { signature: await signIssue(f.wallets.admin, f.chainId, f.registry.address, req, 0n, d), deadline: d };
      })();
      const req = {
        classId: CLASS,
        statusIndex: 5,
        credentialHash: hashOf("index:5"),
        recipient: ZERO_ADDRESS,
        expiresAt: 0,
        payload: "0x" as Hex,
      };
      await f.as.relayer.write.issueWithSignature([req, f.accounts.admin, deadline, signature]);
      expect(await f.registry.read.nextStatusIndex([CLASS])).to.equal(6);
      // Another class has its own cursor.
      expect(await f.registry.read.nextStatusIndex([OTHER_CLASS])).to.equal(0);
      const uids = [
        first.uid,
        await f.registry.read.assertionId([ISSUER, hashOf("index:1"), ZERO_ADDRESS]),
        ...(await Promise.all(
          hashesOf("index:batch", 3).map((h, i) => f.registry.read.assertionId([ISSUER, h, recipientsOf("index:batch", 3)[i]])),
        )),
        await f.registry.read.assertionId([ISSUER, hashOf("index:5"), ZERO_ADDRESS]),
      ];
      const indexes = await Promise.all(uids.map(async (uid) => (await f.registry.read.getAssertion([uid])).statusIndex));
      expect(indexes).to.deep.equal([0, 1, 2, 3, 4, 5]);
    });

    it("refuses a stale status index with BadgeRegistryStaleStatusIndex(classId, given, next), whatever way it is issued", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await issueOne(f);
      const deadline = BigInt((await f.time.latest()) + 3_600);
      const req = {
        classId: CLASS,
        statusIndex: 0,
        credentialHash: hashOf("stale"),
        recipient: ZERO_ADDRESS,
        expiresAt: 0,
        payload: "0x" as Hex,
      };
      const signature = await signIssue(f.wallets.admin, f.chainId, f.registry.address, req, 0n, deadline);
      const attempts = [
        f.as.admin.write.issue([CLASS, 0, hashOf("stale"), ZERO_ADDRESS, 0]),
        f.as.admin.write.issue([CLASS, 2, hashOf("stale"), ZERO_ADDRESS, 0]),
        f.as.admin.write.issueWithPayload([CLASS, 0, hashOf("stale"), ZERO_ADDRESS, 0, "0x01"]),
        f.as.admin.write.issueBatch([CLASS, 0, [hashOf("stale")], [ZERO_ADDRESS], 0, []]),
        f.as.relayer.write.issueWithSignature([req, f.accounts.admin, deadline, signature]),
      ];
      const given = [0, 2, 0, 0, 0];
      for (const [i, attempt] of attempts.entries()) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(attempt, f.registry, "BadgeRegistryStaleStatusIndex", [CLASS, given[i], 1]);
      }
      expect(await f.registry.read.nextStatusIndex([CLASS])).to.equal(1);
    });

    it("refuses an expiry past the 36-bit time a record holds", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const tooLate = 2 ** 36;
      await f.viem.assertions.revertWithCustomError(
        f.as.admin.write.issue([CLASS, 0, CREDENTIAL, ZERO_ADDRESS, tooLate]),
        f.registry,
        "BadgeRegistryInvalidExpiry",
      );
      await f.as.admin.write.issue([CLASS, 0, CREDENTIAL, ZERO_ADDRESS, tooLate - 1]);
      const uid = await f.registry.read.assertionId([ISSUER, CREDENTIAL, ZERO_ADDRESS]);
      expect((await f.registry.read.getAssertion([uid])).expiresAt).to.equal(tooLate - 1);
    });

    it("reports nextStatusIndex of an unknown class as BadgeRegistryUnknownClass", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.registry.read.nextStatusIndex([99]),
        f.registry,
        "BadgeRegistryUnknownClass",
        [99],
      );
    });

    it("keys a class's lists by (classId, list) and knows only the lists its cursor reached", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      expect(await f.registry.read.classStatusListKey([CLASS, 0])).to.equal(classListKey(CLASS, 0));
      expect(await f.registry.read.classStatusListKey([0xffffffff, 7])).to.equal(classListKey(0xffffffff, 7));
      expect(await f.registry.read.STATUS_LIST_LENGTH()).to.equal(BigInt(STATUS_LIST_LENGTH));
      const list0 = await f.registry.read.getStatusList([classListKey(CLASS, 0)]);
      expect(list0).to.deep.equal({ issuerId: ISSUER, publishedBlock: 0, publishedRevocations: 0, revocations: 0 });
      const none = { issuerId: 0, publishedBlock: 0, publishedRevocations: 0, revocations: 0 };
      expect(await f.registry.read.getStatusList([classListKey(CLASS, 1)])).to.deep.equal(none);
      expect(await f.registry.read.getStatusList([classListKey(99, 0)])).to.deep.equal(none);
      expect(await f.registry.read.getStatusList([hashOf("no such batch")])).to.deep.equal(none);
      for (const key of [classListKey(CLASS, 1), classListKey(99, 0), hashOf("no such batch")]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.publishStatusList([key, LIST]),
          f.registry,
          "BadgeRegistryUnknownStatusList",
          [key],
        );
      }
    });

    it("publishes a class's list (a signer of its issuer only) and finds it in one read", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const key = classListKey(CLASS, 0);
      for (const role of ["stranger", "otherAdmin", "expiredSigner", "removedSigner"] as const) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as[role].write.publishStatusList([key, LIST]),
          f.registry,
          "BadgeRegistryUnauthorizedSigner",
          [f.accounts[role], ISSUER],
        );
      }
      const hash = f.as.signer.write.publishStatusList([key, LIST]);
      await f.viem.assertions.emitWithArgs(hash, f.registry, "StatusListPublished", [ISSUER, key, LIST]);
      const { blockNumber } = await f.minedAt(hash);
      expect(await f.registry.read.getStatusList([key])).to.deep.equal({
        issuerId: ISSUER,
        publishedBlock: blockNumber,
        publishedRevocations: 0,
        revocations: 0,
      });
    });

    it("refuses an empty or oversized list with BadgeRegistryDocumentTooLarge", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const key = classListKey(CLASS, 0);
      for (const length of [0, 65_537]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.as.admin.write.publishStatusList([key, payloadOfLength(length)]),
          f.registry,
          "BadgeRegistryDocumentTooLarge",
          [BigInt(length), 65_536n],
        );
      }
      await f.as.admin.write.publishStatusList([key, payloadOfLength(65_536)]);
    });

    it("lets a suspended issuer publish (its revocations must stay visible)", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      await f.as.authority.write.suspend([ISSUER, "investigation"]);
      await f.viem.assertions.emit(f.as.admin.write.publishStatusList([classListKey(CLASS, 0), LIST]), f.registry, "StatusListPublished");
    });

    it("counts revocations so a list published before the last one shows behind, and revoke + publish in one multicall", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const key = classListKey(CLASS, 0);
      const a = await issueOne(f, { credentialHash: hashOf("count:a") });
      const b = await issueOne(f, { credentialHash: hashOf("count:b") });
      const c = await issueOne(f, { credentialHash: hashOf("count:c") });
      await f.as.admin.write.publishStatusList([key, LIST]);
      await f.as.admin.write.revoke([a.uid, RevocationReason.Misconduct, "cheating"]);
      let state = await f.registry.read.getStatusList([key]);
      expect([state.publishedRevocations, state.revocations]).to.deep.equal([0, 1]);
      await f.as.admin.write.revokeMany([[b.uid], RevocationReason.Withdrawn, ""]);
      state = await f.registry.read.getStatusList([key]);
      expect([state.publishedRevocations, state.revocations]).to.deep.equal([0, 2]);
      // Revoke and publish the new list in one transaction: the list is up to date at once.
      const calls = [
        encodeFunctionData({ abi: f.registry.abi, functionName: "revoke", args: [c.uid, RevocationReason.IssuedInError, "wrong cohort"] }),
        encodeFunctionData({ abi: f.registry.abi, functionName: "publishStatusList", args: [key, LIST] }),
      ];
      const hash = f.as.admin.write.multicall([calls]);
      const { blockNumber } = await f.minedAt(hash);
      state = await f.registry.read.getStatusList([key]);
      expect(state).to.deep.equal({ issuerId: ISSUER, publishedBlock: blockNumber, publishedRevocations: 3, revocations: 3 });
      // multicall keeps the caller: a stranger's batch reverts as its first call would.
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.stranger.write.multicall([[calls[1]]]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.stranger, ISSUER],
      );
      // Another class's list is not touched.
      expect((await f.registry.read.getStatusList([classListKey(OTHER_CLASS, 0)])).revocations).to.equal(0);
    });

    it("gives a Merkle batch its own list (key: the batch id) with its own revocation count", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      const batch = await merkleBatch(f, 4);
      expect(await f.registry.read.nextStatusIndex([CLASS])).to.equal(0);
      expect(await f.registry.read.getStatusList([batch.batchId])).to.deep.equal({
        issuerId: ISSUER,
        publishedBlock: 0,
        publishedRevocations: 0,
        revocations: 0,
      });
      const uid = batch.tree.uid(2);
      await f.as.admin.write.revokeBatched([batch.batchId, uid, batch.tree.proof(2), RevocationReason.Misconduct, ""]);
      expect((await f.registry.read.getStatusList([batch.batchId])).revocations).to.equal(1);
      expect((await f.registry.read.getStatusList([classListKey(CLASS, 0)])).revocations).to.equal(0);
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.as.otherAdmin.write.publishStatusList([batch.batchId, LIST]),
        f.registry,
        "BadgeRegistryUnauthorizedSigner",
        [f.accounts.otherAdmin, ISSUER],
      );
      const hash = f.as.admin.write.publishStatusList([batch.batchId, LIST]);
      await f.viem.assertions.emitWithArgs(hash, f.registry, "StatusListPublished", [ISSUER, batch.batchId, LIST]);
      const state = await f.registry.read.getStatusList([batch.batchId]);
      expect([state.publishedRevocations, state.revocations]).to.deep.equal([1, 1]);
    });
  });

  describe("views", () => {
    it("getAssertion returns exists=false and zeros for an unknown uid", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (const uid of [ZERO_HASH, hashOf("nope")]) {
        expect(await f.registry.read.getAssertion([uid])).to.deep.equal(MISSING_STATUS);
      }
    });

    it("getBadgeClass reverts for unknown ids with BadgeRegistryUnknownClass", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      for (const classId of [0, 3, 0xffffffff]) {
        await f.viem.assertions.revertWithCustomErrorWithArgs(
          f.registry.read.getBadgeClass([classId]),
          f.registry,
          "BadgeRegistryUnknownClass",
          [classId],
        );
      }
    });

    it("badgeClassCount counts classes of every issuer, revisions included", async () => {
      const f = await networkHelpers.loadFixture(issuersFixture);
      expect(await f.registry.read.badgeClassCount()).to.equal(2);
      await f.as.admin.write.reviseBadgeClass([CLASS, achievementJson("v2")]);
      expect(await f.registry.read.badgeClassCount()).to.equal(3);
      expect((await f.registry.read.getBadgeClass([OTHER_CLASS])).issuerId).to.equal(OTHER_ISSUER);
    });
  });
});
