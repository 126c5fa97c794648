import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, type Hex, keccak256, toHex, zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertionId, merkleBatchId } from "../src/anchor/index.ts";
import {
  accreditIssuer,
  addIssuerKey,
  createBadgeClass,
  eraseBadge,
  eraseOwnBadge,
  getLogsInChunks,
  issueBadge,
  issueBadges,
  issueDelegated,
  issueMerkleBatch,
  listIssuers,
  listRecipientBadges,
  maxBadgesPerTransaction,
  type RegistryContext,
  RegistryError,
  readAccreditedIssuerByName,
  readAssertionStatus,
  readBadgeClass,
  readBatch,
  readIssuer,
  readIssuerKeys,
  readNextStatusIndex,
  readPayload,
  readRevocationReason,
  registerIssuer,
  revokeBadge,
  signIssueRequest,
  updateIssuerProfile,
  type WriteContext,
  withdrawAccreditation,
} from "../src/chain/index.ts";

let chain: TestChain;
let reader: RegistryContext;
let admin: WriteContext;
let stranger: WriteContext;
let issuerId: number;
let classId: number;
const learner = "0x00000000000000000000000000000000000a11ce" as Address;
const hash = (label: string) => keccak256(toHex(label));

beforeAll(async () => {
  chain = await startTestChain();
  reader = { client: chain.publicClient, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock };
  admin = { ...reader, wallet: chain.wallets[1] };
  stranger = { ...reader, wallet: chain.wallets[2] };
  ({ issuerId } = await registerIssuer(admin, { type: "Profile", name: "Université Test", url: "https://univ.example" }));
  ({ classId } = await createBadgeClass(admin, issuerId, { type: ["Achievement"], name: "Chemistry I" }));
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

describe("chain client against a real Hardhat node", () => {
  it("rebuilds the issuer profile and the badge class JSON from the chain alone", async () => {
    const issuer = await readIssuer(reader, issuerId);
    expect(issuer.status).toBe("self-declared");
    expect(issuer.admin).toBe(chain.wallets[1].account!.address);
    expect(issuer.profile).toEqual({ type: "Profile", name: "Université Test", url: "https://univ.example" });
    const badgeClass = await readBadgeClass(reader, classId);
    expect(badgeClass.issuerId).toBe(issuerId);
    expect(badgeClass.content).toEqual({ type: ["Achievement"], name: "Chemistry I" });
  });

  it("publishes profile and class JSON without an id: the registry assigns it in the same transaction", async () => {
    const { issuerId: other } = await registerIssuer(stranger, {
      id: "https://guess.example/issuers/999",
      type: "Profile",
      name: "Guessing Institute",
    });
    expect(await readIssuer(reader, other).then((i) => i.profile)).toEqual({ type: "Profile", name: "Guessing Institute" });
    const { classId: cls } = await createBadgeClass(stranger, other, {
      id: "https://guess.example/badges/999",
      type: ["Achievement"],
      name: "Guessing",
    });
    expect((await readBadgeClass(reader, cls)).content).toEqual({ type: ["Achievement"], name: "Guessing" });
  });

  it("issues, reads the status in one call, revokes with the reason and erases", async () => {
    const key = `0x${"ab".repeat(32)}` as Hex;
    await addIssuerKey(admin, issuerId, key);
    expect((await readIssuerKeys(reader, issuerId)).map((k) => k.publicKey)).toEqual([key]);

    const { uid } = await issueBadge(admin, {
      classId,
      statusIndex: await readNextStatusIndex(reader, classId),
      credentialHash: hash("one"),
      recipient: learner,
    });
    let status = await readAssertionStatus(reader, { uid, publicKey: key });
    expect(status).toMatchObject({ exists: true, issuerId, classId, issuerStatus: "self-declared", erased: false, keyValidAtIssue: true });
    expect(status.revokedAt).toBeUndefined();

    await revokeBadge(admin, { uid, reason: "Issued to the wrong cohort", code: "issued-in-error" });
    status = await readAssertionStatus(reader, { uid });
    expect(status.revocationReason).toBe("issued-in-error");
    expect(await readRevocationReason(reader, uid, status.revokedBlock!)).toBe("Issued to the wrong cohort");

    await eraseBadge(admin, { uid });
    status = await readAssertionStatus(reader, { uid });
    expect(status.erased).toBe(true);
    expect(status.revocationReason).toBe("issued-in-error");
  });

  it("publishes and reads back an encrypted payload at the badge's block", async () => {
    const payload = toHex("ciphertext bytes");
    const { uid } = await issueBadge(admin, {
      classId,
      statusIndex: await readNextStatusIndex(reader, classId),
      credentialHash: hash("with payload"),
      payload,
    });
    const status = await readAssertionStatus(reader, { uid });
    expect(await readPayload(reader, uid, status.issuedBlock)).toBe(payload);
  });

  it("lets the recipient wallet erase its own badge", async () => {
    const recipientWallet = chain.wallets[3];
    const recipient = recipientWallet.account!.address;
    const { uid } = await issueBadge(admin, {
      classId,
      statusIndex: await readNextStatusIndex(reader, classId),
      credentialHash: hash("mine"),
      recipient,
    });
    await eraseOwnBadge({ ...reader, wallet: recipientWallet }, { issuerId, credentialHash: hash("mine") });
    expect((await readAssertionStatus(reader, { uid })).erased).toBe(true);
  });

  it("rebuilds a Merkle batch from its events and proves and revokes one badge in it", async () => {
    const badges = Array.from({ length: 7 }, (_, i) => ({
      credentialHash: hash(`merkle ${i}`),
      recipient: i === 3 ? learner : zeroAddress,
    }));
    const batchKey = hash("batch 1");
    const batchId = merkleBatchId(issuerId, batchKey);
    const { root } = await issueMerkleBatch(admin, { classId, batchKey, badges });
    const uids = badges.map((b) => assertionId(issuerId, b.credentialHash, b.recipient));
    const tree = StandardMerkleTree.of(
      uids.map((uid) => [uid]),
      ["bytes32"],
      { sortLeaves: false },
    );
    expect(root).toBe(tree.root);

    const batch = await readBatch(reader, batchId);
    expect(batch.count).toBe(7);
    expect(batch.uids).toEqual(uids);

    const proof = tree.getProof(3) as Hex[];
    const uid = batch.uids[3];
    expect((await readAssertionStatus(reader, { uid, batchId, proof })).exists).toBe(true);
    expect((await readAssertionStatus(reader, { uid, batchId, proof: proof.slice(1) })).exists).toBe(false);

    await revokeBadge(admin, { uid, reason: "Exam annulled", code: "misconduct", batch: { batchId, proof } });
    const status = await readAssertionStatus(reader, { uid, batchId, proof });
    expect(status.revocationReason).toBe("misconduct");
    expect(status.batchId).toBe(batchId);
  });

  it("lists a recipient's badges from both issue events", async () => {
    await issueBadges(admin, {
      classId,
      firstStatusIndex: await readNextStatusIndex(reader, classId),
      badges: [{ credentialHash: hash("b1"), recipient: learner }, { credentialHash: hash("b2") }],
    });
    const badges = await listRecipientBadges(reader, learner);
    expect(badges.length).toBeGreaterThanOrEqual(3);
    expect(badges.some((b) => b.batchId)).toBe(true);
    expect(badges.some((b) => b.issuerId === issuerId)).toBe(true);
  });

  it("records a badge signed by the issuer and sent by a relayer, and refuses a replay", async () => {
    const signed = await signIssueRequest(
      reader,
      chain.wallets[1],
      { classId, statusIndex: await readNextStatusIndex(reader, classId), credentialHash: hash("delegated"), recipient: learner },
      2n ** 40n,
    );
    const relayer = { ...reader, wallet: chain.wallets[4] };
    const { result: uid } = await issueDelegated(relayer, signed);
    expect((await readAssertionStatus(reader, { uid })).exists).toBe(true);
    const replay = await issueDelegated(relayer, signed).catch((e) => e);
    expect(replay).toBeInstanceOf(RegistryError);
    expect(replay.errorName).toBe("BadgeRegistryInvalidSignature");
  });

  it("turns a custom error into a sentence before anything is sent", async () => {
    const blockBefore = await chain.publicClient.getBlockNumber();
    const error = await issueBadge(stranger, {
      classId,
      statusIndex: await readNextStatusIndex(reader, classId),
      credentialHash: hash("intruder"),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.errorName).toBe("BadgeRegistryUnauthorizedSigner");
    expect(error.message).toMatch(/is not a current signer of issuer #1/);
    expect(await chain.publicClient.getBlockNumber()).toBe(blockBefore);
  });

  it("explains an RPC that does not answer", async () => {
    const down: RegistryContext = {
      ...reader,
      client: (await import("viem")).createPublicClient({
        transport: (await import("viem")).http("http://127.0.0.1:1", { retryCount: 0 }),
      }) as never,
    };
    const error = await issueBadge(
      { ...down, wallet: chain.wallets[1] },
      { classId, statusIndex: await readNextStatusIndex(reader, classId), credentialHash: hash("x") },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.message).toMatch(/RPC endpoint did not answer/);
  });
});

describe("accredited names and issuer pages", () => {
  it("accredits an issuer under its profile name and finds it by any spelling of that name; refuses an impostor", async () => {
    const authority = { ...reader, wallet: chain.wallets[0] };
    const impostorAdmin = { ...reader, wallet: chain.wallets[5] };
    const { issuerId: impostor } = await registerIssuer(impostorAdmin, {
      type: "Profile",
      name: "UNIVERSITÉ  test!",
      url: "https://x.example",
    });
    expect(await readAccreditedIssuerByName(reader, "Université Test")).toBe(0);
    await accreditIssuer(authority, issuerId, "Université Test");
    expect(await readAccreditedIssuerByName(reader, "université   TEST.")).toBe(issuerId);
    expect(await readAccreditedIssuerByName(reader, " ★ … ")).toBe(0);
    expect((await readIssuer(reader, issuerId)).nameKey).toMatch(/^0x[0-9a-f]{64}$/);
    const refused = await accreditIssuer(authority, impostor).catch((e) => e);
    expect(refused).toBeInstanceOf(RegistryError);
    expect(refused.errorName).toBe("IssuerRegistryNameTaken");
    expect(refused.message).toMatch(new RegExp(`Accredited issuer #${issuerId} already holds this name`));
    await withdrawAccreditation(authority, issuerId, "test over");
    expect(await readAccreditedIssuerByName(reader, "Université Test")).toBe(0);
  });

  it("refuses to accredit a name other than the one reviewed", async () => {
    const authority = { ...reader, wallet: chain.wallets[0] };
    const renamedAdmin = { ...reader, wallet: chain.wallets[6] };
    const { issuerId: renamed } = await registerIssuer(renamedAdmin, { type: "Profile", name: "Academy A", url: "https://a.example" });
    await updateIssuerProfile(renamedAdmin, renamed, { type: "Profile", name: "Academy B", url: "https://a.example" });
    const error = await accreditIssuer(authority, renamed, "Academy A").catch((e) => e);
    expect(error.message).toMatch(/is now named "Academy B", not "Academy A" as reviewed/);
    expect(await readAccreditedIssuerByName(reader, "Academy B")).toBe(0);
  });

  it("lists issuers a page at a time with the total", async () => {
    const all = await listIssuers(reader);
    expect(all.total).toBe(all.issuers.length);
    expect(all.issuers.map((i) => i.issuerId)).toEqual(Array.from({ length: all.total }, (_, i) => i + 1));
    const page = await listIssuers(reader, { offset: 1, limit: 1 });
    expect(page.total).toBe(all.total);
    expect(page.issuers).toEqual([all.issuers[1]]);
    expect((await listIssuers(reader, { offset: all.total })).issuers).toEqual([]);
    await expect(listIssuers(reader, { limit: 101 })).rejects.toThrow(/limit must be between 1 and 100/);
    await expect(listIssuers(reader, { offset: -1 })).rejects.toThrow(/offset must be/);
  });
});

describe("log scanning in bounded chunks", () => {
  it("halves the range when the provider refuses a large one, and covers every block once", async () => {
    const seen: [bigint, bigint][] = [];
    const result = await getLogsInChunks(
      0n,
      99n,
      async (from, to) => {
        if (to - from + 1n > 16n) throw new Error("query exceeds max block range 16");
        seen.push([from, to]);
        return [from];
      },
      { maxRange: 64n },
    );
    expect(seen[0]).toEqual([0n, 15n]);
    expect(seen.at(-1)![1]).toBe(99n);
    expect(seen.reduce((n, [a, b]) => n + (b - a + 1n), 0n)).toBe(100n);
    expect(result.length).toBe(seen.length);
  });

  it("passes other errors through", async () => {
    await expect(
      getLogsInChunks(0n, 10n, async () => {
        throw new Error("connection refused");
      }),
    ).rejects.toThrow("connection refused");
  });

  it("sizes batches under the per-transaction gas cap", () => {
    expect(maxBadgesPerTransaction("batch")).toBeGreaterThanOrEqual(100);
    expect(maxBadgesPerTransaction("batch") * 27_000).toBeLessThan(16_777_216);
    expect(maxBadgesPerTransaction("merkle")).toBeGreaterThanOrEqual(1000);
  });
});
