// The access matrix: every write function × every role. Each cell is one test, named
// "<function> × <role> → <outcome>": an allowed cell succeeds and emits its event with its arguments;
// a denied cell reverts with the exact custom error and arguments.
//
// Roles (all on issuer 1 unless said otherwise):
//   issuer admin          registered issuer 1 (and is its first signer)
//   valid signer          added by the admin, window open
//   expired signer        added by the admin with a window that is over
//   removed signer        added, then removed by the admin
//   other issuer's signer a signer of issuer 2
//   stranger              no relation to the registry
//   registry authority    holds REGISTRY_AUTHORITY_ROLE
//   pending admin         offered issuer 1's admin role, not accepted yet
//   badge recipient       the wallet the matrix's badges were issued to
import { issuerNameKey } from "@chancery/sdk/ids";
import { network } from "hardhat";
import { type Address, type Hex, keccak256, toBytes, toHex } from "viem";
import { signIssue } from "./helpers/eip712.js";
import { CLASS, ISSUER, issuersFixture, KEY, nextIndex, PROFILE_NAME, RevocationReason, type RoleName } from "./helpers/fixtures.js";
import { batchIdOf, buildBatchTree } from "./helpers/merkle.js";
import { achievementJson, addressOf, hashesOf, hashOf, keyOf, profileJson, ZERO_HASH } from "./helpers/values.js";

const { networkHelpers } = await network.getOrCreate();

const REGISTRY_AUTHORITY_ROLE = keccak256(toHex("REGISTRY_AUTHORITY_ROLE"));

const ROLES: [label: string, role: RoleName][] = [
  ["issuer admin", "admin"],
  ["valid signer", "signer"],
  ["expired signer", "expiredSigner"],
  ["removed signer", "removedSigner"],
  ["other issuer's signer", "otherSigner"],
  ["stranger", "stranger"],
  ["registry authority", "authority"],
  ["pending admin", "pendingAdmin"],
  ["badge recipient", "recipient"],
];

const BADGE_A = hashOf("matrix:badge-a");
const BADGE_B = hashOf("matrix:badge-b");
const BATCH_KEY = hashOf("matrix:batch");
const BATCH_ID = batchIdOf(BATCH_KEY);
const NEW_BATCH_KEY = hashOf("matrix:new-batch");
const NAME_KEY = issuerNameKey(PROFILE_NAME);
const BATCH_HASHES = hashesOf("matrix:batch", 4);
const NEW_PROFILE = profileJson("Matrix Academy");
const NEW_CONTENT = achievementJson("Matrix Achievement");
const NEW_SIGNER = addressOf("matrix:new-signer");
const NEW_KEY = keyOf("matrix:new-key");
const NEW_CREDENTIAL = hashOf("matrix:new-credential");
/** Class 1's first status list (classStatusListKey(1, 0)) and a stand-in for a signed list. */
const CLASS_LIST_KEY: Hex = `0x${(1n << 32n).toString(16).padStart(64, "0")}`;
const STATUS_LIST = toHex('{"type":["VerifiableCredential","BitstringStatusListCredential"]}');

/** Issuer 1 with a pending admin offer, two badges and a Merkle batch for the recipient. */
async function matrixFixture(connection: Parameters<typeof issuersFixture>[0]) {
  const f = await connection.networkHelpers.loadFixture(issuersFixture);
  const { as, accounts } = f;
  await as.admin.write.transferAdmin([ISSUER, accounts.pendingAdmin]);
  await as.admin.write.issue([CLASS, await nextIndex(f, CLASS), BADGE_A, accounts.recipient, 0]);
  await as.admin.write.issue([CLASS, await nextIndex(f, CLASS), BADGE_B, accounts.recipient, 0]);
  const batchRecipients: Address[] = [accounts.recipient, addressOf("m1"), addressOf("m2"), addressOf("m3")];
  await as.admin.write.issueMerkleBatch([CLASS, BATCH_KEY, BATCH_HASHES, batchRecipients, 0]);
  const tree = buildBatchTree(BATCH_HASHES, batchRecipients);
  const uid = (hash: Hex, recipient: Address = accounts.recipient) => f.registry.read.assertionId([ISSUER, hash, recipient]);
  return { ...f, tree, uidA: await uid(BADGE_A), uidB: await uid(BADGE_B), uid };
}
type MatrixFixture = Awaited<ReturnType<typeof matrixFixture>>;

interface Expectation {
  event: string;
  args: unknown[];
}

interface Row {
  op: string;
  /** The event named in the test title of an allowed cell. */
  event: string;
  allowed: RoleName[] | "everyone";
  /** State the row needs, put in place by the authority or the admin (not by the role under test). */
  setup?: (f: MatrixFixture) => Promise<unknown>;
  /** Sends the operation as `role`; `t` is the timestamp of the block that will mine it. */
  send: (f: MatrixFixture, role: RoleName, t: number) => Promise<Hex>;
  /** The events an allowed call emits. */
  emits: (f: MatrixFixture, role: RoleName, t: number) => Promise<Expectation[]> | Expectation[];
  /** The custom error a denied call reverts with, and its arguments. */
  denied: { error: string; args: (f: MatrixFixture, role: RoleName) => Promise<unknown[]> | unknown[] };
}

const ISSUER_ADMIN = ["admin"] as RoleName[];
const ISSUER_SIGNERS = ["admin", "signer"] as RoleName[];
const AUTHORITY = ["authority"] as RoleName[];

const notAdmin: Row["denied"] = {
  error: "IssuerRegistryUnauthorizedAdmin",
  args: (f, role) => [f.accounts[role], ISSUER],
};
const notSigner: Row["denied"] = {
  error: "BadgeRegistryUnauthorizedSigner",
  args: (f, role) => [f.accounts[role], ISSUER],
};
const notAuthority: Row["denied"] = {
  error: "AccessControlUnauthorizedAccount",
  args: (f, role) => [f.accounts[role], REGISTRY_AUTHORITY_ROLE],
};

const ROWS: Row[] = [
  // ------------------------------------------------------------------ IssuerRegistry
  {
    op: "registerIssuer",
    event: "IssuerRegistered",
    allowed: "everyone",
    send: (f, role) => f.as[role].write.registerIssuer([NEW_PROFILE]),
    emits: (f, role, t) => [
      { event: "IssuerRegistered", args: [3, f.accounts[role], keccak256(toBytes(NEW_PROFILE)), NEW_PROFILE] },
      { event: "SignerAdded", args: [3, f.accounts[role], t, 0] },
    ],
    denied: {
      error: "(none: registration is open)",
      args: () => {
        throw new Error("registerIssuer is open to all");
      },
    },
  },
  {
    op: "updateProfile",
    event: "IssuerProfileUpdated",
    allowed: ISSUER_ADMIN,
    send: (f, role) => f.as[role].write.updateProfile([ISSUER, NEW_PROFILE]),
    emits: () => [{ event: "IssuerProfileUpdated", args: [ISSUER, keccak256(toBytes(NEW_PROFILE)), NEW_PROFILE] }],
    denied: notAdmin,
  },
  {
    op: "transferAdmin",
    event: "IssuerAdminTransferStarted",
    allowed: ISSUER_ADMIN,
    send: (f, role) => f.as[role].write.transferAdmin([ISSUER, NEW_SIGNER]),
    emits: (f) => [{ event: "IssuerAdminTransferStarted", args: [ISSUER, f.accounts.admin, NEW_SIGNER] }],
    denied: notAdmin,
  },
  {
    op: "acceptAdmin",
    event: "IssuerAdminTransferred",
    allowed: ["pendingAdmin"],
    send: (f, role) => f.as[role].write.acceptAdmin([ISSUER]),
    emits: (f) => [{ event: "IssuerAdminTransferred", args: [ISSUER, f.accounts.admin, f.accounts.pendingAdmin] }],
    denied: { error: "IssuerRegistryUnauthorizedPendingAdmin", args: (f, role) => [f.accounts[role], ISSUER] },
  },
  {
    op: "addSigner",
    event: "SignerAdded",
    allowed: ISSUER_ADMIN,
    send: (f, role) => f.as[role].write.addSigner([ISSUER, NEW_SIGNER, 0, 0]),
    emits: (_f, _role, t) => [{ event: "SignerAdded", args: [ISSUER, NEW_SIGNER, t, 0] }],
    denied: notAdmin,
  },
  {
    op: "removeSigner",
    event: "SignerRemoved",
    allowed: ISSUER_ADMIN,
    send: (f, role) => f.as[role].write.removeSigner([ISSUER, f.accounts.signer]),
    emits: (f, _role, t) => [{ event: "SignerRemoved", args: [ISSUER, f.accounts.signer, t] }],
    denied: notAdmin,
  },
  {
    op: "addKey",
    event: "KeyAdded",
    allowed: ISSUER_ADMIN,
    send: (f, role) => f.as[role].write.addKey([ISSUER, NEW_KEY, 0, 0]),
    emits: (_f, _role, t) => [{ event: "KeyAdded", args: [ISSUER, NEW_KEY, t, 0] }],
    denied: notAdmin,
  },
  {
    op: "revokeKey",
    event: "KeyRevoked",
    allowed: ISSUER_ADMIN,
    send: (f, role) => f.as[role].write.revokeKey([ISSUER, KEY]),
    emits: (_f, _role, t) => [{ event: "KeyRevoked", args: [ISSUER, KEY, t] }],
    denied: notAdmin,
  },
  {
    op: "accredit",
    event: "IssuerAccredited",
    allowed: AUTHORITY,
    send: (f, role) => f.as[role].write.accredit([ISSUER, NAME_KEY]),
    emits: (f) => [{ event: "IssuerAccredited", args: [ISSUER, f.accounts.authority, NAME_KEY] }],
    denied: notAuthority,
  },
  {
    op: "withdrawAccreditation",
    event: "IssuerAccreditationWithdrawn",
    allowed: AUTHORITY,
    setup: (f) => f.as.authority.write.accredit([ISSUER, NAME_KEY]),
    send: (f, role) => f.as[role].write.withdrawAccreditation([ISSUER, "audit failed"]),
    emits: (f) => [{ event: "IssuerAccreditationWithdrawn", args: [ISSUER, f.accounts.authority, "audit failed"] }],
    denied: notAuthority,
  },
  {
    op: "suspend",
    event: "IssuerSuspended",
    allowed: AUTHORITY,
    send: (f, role) => f.as[role].write.suspend([ISSUER, "investigation"]),
    emits: (f) => [{ event: "IssuerSuspended", args: [ISSUER, f.accounts.authority, "investigation"] }],
    denied: notAuthority,
  },
  {
    op: "reinstate",
    event: "IssuerReinstated",
    allowed: AUTHORITY,
    setup: (f) => f.as.authority.write.suspend([ISSUER, "investigation"]),
    send: (f, role) => f.as[role].write.reinstate([ISSUER]),
    emits: (f) => [{ event: "IssuerReinstated", args: [ISSUER, f.accounts.authority] }],
    denied: notAuthority,
  },
  // ------------------------------------------------------------------ badge classes
  {
    op: "createBadgeClass",
    event: "BadgeClassCreated",
    allowed: ISSUER_SIGNERS,
    send: (f, role) => f.as[role].write.createBadgeClass([ISSUER, NEW_CONTENT]),
    emits: () => [{ event: "BadgeClassCreated", args: [3, ISSUER, 0, keccak256(toBytes(NEW_CONTENT)), NEW_CONTENT] }],
    denied: notSigner,
  },
  {
    op: "reviseBadgeClass",
    event: "BadgeClassCreated",
    allowed: ISSUER_SIGNERS,
    send: (f, role) => f.as[role].write.reviseBadgeClass([CLASS, NEW_CONTENT]),
    emits: () => [
      { event: "BadgeClassRetired", args: [CLASS, ISSUER] },
      { event: "BadgeClassCreated", args: [3, ISSUER, CLASS, keccak256(toBytes(NEW_CONTENT)), NEW_CONTENT] },
    ],
    denied: notSigner,
  },
  {
    op: "retireBadgeClass",
    event: "BadgeClassRetired",
    allowed: ISSUER_SIGNERS,
    send: (f, role) => f.as[role].write.retireBadgeClass([CLASS]),
    emits: () => [{ event: "BadgeClassRetired", args: [CLASS, ISSUER] }],
    denied: notSigner,
  },
  // ------------------------------------------------------------------ issuing
  {
    op: "issue",
    event: "AssertionIssued",
    allowed: ISSUER_SIGNERS,
    send: async (f, role) => f.as[role].write.issue([CLASS, await nextIndex(f, CLASS), NEW_CREDENTIAL, f.accounts.recipient, 0]),
    emits: async (f) => [{ event: "AssertionIssued", args: [await f.uid(NEW_CREDENTIAL), ISSUER, f.accounts.recipient] }],
    denied: notSigner,
  },
  {
    op: "issueWithPayload",
    event: "AssertionIssued",
    allowed: ISSUER_SIGNERS,
    send: async (f, role) =>
      f.as[role].write.issueWithPayload([CLASS, await nextIndex(f, CLASS), NEW_CREDENTIAL, f.accounts.recipient, 0, "0xc1f3"]),
    emits: async (f) => [
      { event: "AssertionIssued", args: [await f.uid(NEW_CREDENTIAL), ISSUER, f.accounts.recipient] },
      { event: "AssertionPayloadPublished", args: [await f.uid(NEW_CREDENTIAL), "0xc1f3"] },
    ],
    denied: notSigner,
  },
  {
    op: "issueBatch",
    event: "AssertionIssued",
    allowed: ISSUER_SIGNERS,
    send: async (f, role) =>
      f.as[role].write.issueBatch([
        CLASS,
        await nextIndex(f, CLASS),
        [NEW_CREDENTIAL, hashOf("matrix:second")],
        [f.accounts.recipient, f.accounts.recipient],
        0,
        [],
      ]),
    emits: async (f) => [
      { event: "AssertionIssued", args: [await f.uid(NEW_CREDENTIAL), ISSUER, f.accounts.recipient] },
      { event: "AssertionIssued", args: [await f.uid(hashOf("matrix:second")), ISSUER, f.accounts.recipient] },
    ],
    denied: notSigner,
  },
  {
    op: "issueMerkleBatch",
    event: "MerkleBatchIssued",
    allowed: ISSUER_SIGNERS,
    send: (f, role) =>
      f.as[role].write.issueMerkleBatch([
        CLASS,
        NEW_BATCH_KEY,
        [NEW_CREDENTIAL, hashOf("matrix:second")],
        [f.accounts.recipient, f.accounts.recipient],
        0,
      ]),
    emits: (f) => {
      const tree = buildBatchTree([NEW_CREDENTIAL, hashOf("matrix:second")], [f.accounts.recipient, f.accounts.recipient]);
      return [
        { event: "MerkleBatchIssued", args: [batchIdOf(NEW_BATCH_KEY), ISSUER, CLASS, tree.root, 2] },
        { event: "AssertionBatched", args: [tree.uid(1), batchIdOf(NEW_BATCH_KEY), f.accounts.recipient] },
      ];
    },
    denied: notSigner,
  },
  {
    // The role is the *signer* of the request; the relayer sends it.
    op: "issueWithSignature",
    event: "AssertionIssued",
    allowed: ISSUER_SIGNERS,
    send: async (f, role, t) => {
      const request = {
        classId: CLASS,
        statusIndex: await nextIndex(f, CLASS),
        credentialHash: NEW_CREDENTIAL,
        recipient: f.accounts.recipient,
        expiresAt: 0,
        payload: "0x" as Hex,
      };
      const deadline = BigInt(t + 3_600);
      const signature = await signIssue(f.wallets[role], f.chainId, f.registry.address, request, 0n, deadline);
      return f.as.relayer.write.issueWithSignature([request, f.accounts[role], deadline, signature]);
    },
    emits: async (f) => [{ event: "AssertionIssued", args: [await f.uid(NEW_CREDENTIAL), ISSUER, f.accounts.recipient] }],
    denied: notSigner,
  },
  // ------------------------------------------------------------------ status lists
  {
    op: "publishStatusList (class list)",
    event: "StatusListPublished",
    allowed: ISSUER_SIGNERS,
    send: (f, role) => f.as[role].write.publishStatusList([CLASS_LIST_KEY, STATUS_LIST]),
    emits: () => [{ event: "StatusListPublished", args: [ISSUER, CLASS_LIST_KEY, STATUS_LIST] }],
    denied: notSigner,
  },
  {
    op: "publishStatusList (Merkle batch list)",
    event: "StatusListPublished",
    allowed: ISSUER_SIGNERS,
    send: (f, role) => f.as[role].write.publishStatusList([BATCH_ID, STATUS_LIST]),
    emits: () => [{ event: "StatusListPublished", args: [ISSUER, BATCH_ID, STATUS_LIST] }],
    denied: notSigner,
  },
  // ------------------------------------------------------------------ revocation and erasure
  {
    op: "revoke",
    event: "AssertionRevoked",
    allowed: ISSUER_SIGNERS,
    send: (f, role) => f.as[role].write.revoke([f.uidA, RevocationReason.IssuedInError, "wrong cohort"]),
    emits: (f) => [{ event: "AssertionRevoked", args: [f.uidA, ISSUER, RevocationReason.IssuedInError, "wrong cohort"] }],
    denied: notSigner,
  },
  {
    op: "revokeMany",
    event: "AssertionRevoked",
    allowed: ISSUER_SIGNERS,
    send: (f, role) => f.as[role].write.revokeMany([[f.uidA, f.uidB], RevocationReason.Superseded, "v2"]),
    emits: (f) => [
      { event: "AssertionRevoked", args: [f.uidA, ISSUER, RevocationReason.Superseded, "v2"] },
      { event: "AssertionRevoked", args: [f.uidB, ISSUER, RevocationReason.Superseded, "v2"] },
    ],
    denied: notSigner,
  },
  {
    op: "revokeBatched",
    event: "AssertionRevoked",
    allowed: ISSUER_SIGNERS,
    send: (f, role) => f.as[role].write.revokeBatched([BATCH_ID, f.tree.uid(2), f.tree.proof(2), RevocationReason.Misconduct, "cheating"]),
    emits: (f) => [{ event: "AssertionRevoked", args: [f.tree.uid(2), ISSUER, RevocationReason.Misconduct, "cheating"] }],
    denied: notSigner,
  },
  {
    // The authority erases on the request of a learner without a wallet.
    op: "erase",
    event: "AssertionErased",
    allowed: [...ISSUER_SIGNERS, "authority"],
    send: (f, role) => f.as[role].write.erase([f.uidA, ZERO_HASH, []]),
    emits: (f, role) => [{ event: "AssertionErased", args: [f.uidA, ISSUER, f.accounts[role]] }],
    denied: notSigner,
  },
  {
    op: "erase (batched)",
    event: "AssertionErased",
    allowed: [...ISSUER_SIGNERS, "authority"],
    send: (f, role) => f.as[role].write.erase([f.tree.uid(1), BATCH_ID, f.tree.proof(1)]),
    emits: (f, role) => [{ event: "AssertionErased", args: [f.tree.uid(1), ISSUER, f.accounts[role]] }],
    denied: notSigner,
  },
  {
    // The uid is rebuilt from the caller's address: anyone else finds no such badge.
    op: "eraseAsRecipient",
    event: "AssertionErased",
    allowed: ["recipient"],
    send: (f, role) => f.as[role].write.eraseAsRecipient([ISSUER, BADGE_A, ZERO_HASH, []]),
    emits: (f) => [{ event: "AssertionErased", args: [f.uidA, ISSUER, f.accounts.recipient] }],
    denied: {
      error: "BadgeRegistryUnknownAssertion",
      args: async (f, role) => [await f.uid(BADGE_A, f.accounts[role])],
    },
  },
  {
    op: "eraseAsRecipient (batched)",
    event: "AssertionErased",
    allowed: ["recipient"],
    send: (f, role) => f.as[role].write.eraseAsRecipient([ISSUER, BATCH_HASHES[0], BATCH_ID, f.tree.proof(0)]),
    emits: (f) => [{ event: "AssertionErased", args: [f.tree.uid(0), ISSUER, f.accounts.recipient] }],
    denied: {
      error: "BadgeRegistryInvalidProof",
      args: async (f, role) => [BATCH_ID, await f.uid(BATCH_HASHES[0], f.accounts[role])],
    },
  },
];

function isAllowed(row: Row, role: RoleName): boolean {
  return row.allowed === "everyone" || row.allowed.includes(role);
}

describe("Access matrix", () => {
  for (const row of ROWS) {
    describe(row.op, () => {
      for (const [label, role] of ROLES) {
        const allowed = isAllowed(row, role);
        const outcome = allowed ? `allowed (emits ${row.event})` : row.denied.error;
        it(`${row.op} × ${label} → ${outcome}`, async () => {
          const f = await networkHelpers.loadFixture(matrixFixture);
          if (row.setup) await row.setup(f);
          const t = await f.nextTimestamp();
          const tx = row.send(f, role, t);
          if (allowed) {
            const hash = await tx;
            for (const { event, args } of await row.emits(f, role, t)) {
              await f.viem.assertions.emitWithArgs(hash, f.registry, event as "SignerAdded", args as never);
            }
          } else {
            const args = await row.denied.args(f, role);
            await f.viem.assertions.revertWithCustomErrorWithArgs(
              tx,
              f.registry,
              row.denied.error as "IssuerRegistryInvalidKey",
              args as never,
            );
          }
        });
      }
    });
  }
});
