// The index against the chain: after a scripted history, every list from the indexer equals the
// chain reader's (same rows, same order); a reorg leaves no phantom badge; an index that lies can
// hide a badge but never make one valid (the verdict is the registry's).
import { confirmIssuerClasses, createBadgeClass, type IssuerClass, readAssertionStatus, readChainNow } from "@chancery/sdk/chain";
import {
  type BadgeReader,
  chainReader,
  indexerReader,
  readCheckedAdminOffers,
  readCheckedClasses,
  readCheckedMemberships,
} from "@chancery/sdk/readers";
import { freePort, startTestChain, type TestChain } from "@chancery/testing/chain";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningIndexer, startIndexer } from "../lib/runner.ts";
import { credentialHash, type History, scriptHistory } from "./history.ts";

let chain: TestChain;
let indexer: RunningIndexer;
let history: History;
let fromIndex: BadgeReader;
let fromChain: BadgeReader;

const synced = async () => indexer.waitForBlock(await chain.publicClient.getBlockNumber({ cacheTime: 0 }));

beforeAll(async () => {
  chain = await startTestChain();
  indexer = await startIndexer({
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    registry: chain.registry,
    deployedOnBlock: chain.deployedOnBlock,
    port: await freePort(),
  });
  history = await scriptHistory(chain);
  fromIndex = indexerReader({ url: indexer.url });
  fromChain = chainReader({ client: chain.publicClient, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock });
  await synced();
}, 300_000);

afterAll(async () => {
  await indexer?.stop();
  await chain?.stop();
});

describe("the indexer's lists equal the chain's", () => {
  it("a learner's badges: single, payload, array, Merkle, delegated, revised class; revoked and erased ones flagged", async () => {
    const indexed = await fromIndex.listBadgesOfRecipient(history.learner);
    expect(indexed).toEqual(await fromChain.listBadgesOfRecipient(history.learner));
    expect(new Set(indexed.map((b) => b.way))).toEqual(new Set(["single", "array", "merkle", "delegated"]));
    expect(indexed.length).toBe(8);
    const revoked = indexed.filter((b) => b.revokedAt);
    expect(revoked.map((b) => [b.revocationCode, b.revocationReason]).sort()).toEqual([
      ["issued-in-error", "Issued to the wrong cohort"],
      ["superseded", ""],
      ["withdrawn", ""],
    ]);
    expect(indexed.filter((b) => b.erased)).toHaveLength(3);
    expect(indexed.find((b) => b.uid === history.uids[1])?.expiresAt).toBeGreaterThan(0);
  });

  it("each issuer's, each class's and the batch's badges, in the same order", async () => {
    for (const issuerId of history.issuerIds) {
      const rows = await fromIndex.listBadgesOfIssuer(issuerId);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows).toEqual(await fromChain.listBadgesOfIssuer(issuerId));
    }
    for (const classId of history.classIds)
      expect(await fromIndex.listBadgesOfClass(classId)).toEqual(await fromChain.listBadgesOfClass(classId));
    const batch = await fromIndex.listBadgesOfBatch(history.batchId);
    expect(batch.map((b) => b.way)).toEqual(["merkle", "merkle", "merkle", "merkle"]);
    expect(batch).toEqual(await fromChain.listBadgesOfBatch(history.batchId));
  });

  it("revocations, issuers (accredited, suspended with a new admin), and single lookups", async () => {
    for (const issuerId of history.issuerIds)
      expect(await fromIndex.listRevocations(issuerId)).toEqual(await fromChain.listRevocations(issuerId));
    // Both orders of revocation and erasure end erased; a revocation of a badge still shown is not.
    expect((await fromIndex.listRevocations(history.issuerIds[0]!)).map((r) => r.erased)).toEqual([true, true]);
    expect((await fromIndex.listRevocations(history.issuerIds[1]!)).map((r) => r.erased)).toEqual([false]);
    const issuers = await fromIndex.listIssuers();
    expect(issuers.map((i) => i.status)).toEqual(["accredited", "suspended"]);
    expect(issuers).toEqual(await fromChain.listIssuers());
    const leaf = (await fromChain.listBadgesOfBatch(history.batchId))[1]!;
    for (const uid of [history.uids[0]!, history.uids[2]!, leaf.uid, credentialHash()]) {
      expect(await fromIndex.findBadge(uid)).toEqual(await fromChain.findBadge(uid));
    }
  });
});

describe("the issuer console's lists from the indexer equal the chain's", () => {
  const ctx = () => ({ client: chain.publicClient, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock });

  it("an account's issuers with its role: admin, new admin after a transfer, signer; a removed signer has none", async () => {
    const now = await readChainNow(ctx());
    const [a, b] = history.issuerIds as [number, number];
    const { signer, removedSigner, offered, newAdmin } = history.accounts;
    const expected = new Map<Address, [number, string][]>([
      [chain.wallets[1]!.account!.address, [[a, "admin"]]],
      // b's first admin handed the role over; the registry made it a signer at registration, and it still is.
      [chain.wallets[2]!.account!.address, [[b, "signer"]]],
      [newAdmin, [[b, "admin"]]],
      [signer, [[a, "signer"]]],
      [removedSigner, []],
      [offered, []],
    ]);
    for (const [account, roles] of expected) {
      const indexed = await fromIndex.listIssuersOfAccount(account, now);
      expect(
        indexed.map((m) => [m.issuer.issuerId, m.role]),
        account,
      ).toEqual(roles);
      expect(indexed, account).toEqual(await fromChain.listIssuersOfAccount(account, now));
      // What the console reads: found by the index, confirmed by the registry — the same.
      const checked = await readCheckedMemberships(ctx(), indexer.url, account);
      expect(checked.source).toBe("indexer");
      expect(checked.rows, account).toEqual(indexed);
    }
    // Before the signer's window opened, the index does not count it (as the registry would not).
    expect(await fromIndex.listIssuersOfAccount(signer, 1)).toEqual([]);
  });

  it("admin offers waiting to be accepted: the open one only (an accepted one is gone)", async () => {
    const { offered, newAdmin } = history.accounts;
    const offers = await fromIndex.listAdminOffersTo(offered);
    expect(offers.map((i) => [i.issuerId, i.pendingAdmin])).toEqual([[history.issuerIds[0], offered]]);
    expect(offers).toEqual(await fromChain.listAdminOffersTo(offered));
    expect(await fromIndex.listAdminOffersTo(newAdmin)).toEqual([]);
    expect(await fromChain.listAdminOffersTo(newAdmin)).toEqual([]);
    expect((await readCheckedAdminOffers(ctx(), indexer.url, offered)).rows).toEqual(offers);
  });

  it("each issuer's classes, newest first: created, revised (the old version retired), retired", async () => {
    const [a, b] = history.issuerIds as [number, number];
    const classes = await fromIndex.listClassesOfIssuer(a);
    expect(classes.map((c) => [c.classId, c.retired, c.content?.name])).toEqual([
      [history.retiredClassId, true, "Pilot cohort"],
      [history.classIds[2], false, "Data Literacy I (2027)"],
      [history.classIds[0], true, expect.any(String)],
    ]);
    expect(classes).toEqual(await fromChain.listClassesOfIssuer(a));
    expect(await fromIndex.listClassesOfIssuer(b)).toEqual(await fromChain.listClassesOfIssuer(b));
    expect((await readCheckedClasses(ctx(), indexer.url, a)).rows).toEqual(classes);
  });

  it("an index that lies about a class is corrected by the registry: retired as it is, forged documents and others' classes dropped", async () => {
    const [a, b] = history.issuerIds as [number, number];
    const honest = await fromIndex.listClassesOfIssuer(a);
    const [retired, current] = honest as [IssuerClass, IssuerClass];
    const [ofB] = await fromIndex.listClassesOfIssuer(b);
    const lies = [
      { ...retired, retired: false },
      { ...current, document: current.document.replace("Data Literacy", "Forged Degree") },
      ofB!,
    ];
    const confirmed = await confirmIssuerClasses(ctx(), a, lies);
    expect(confirmed).toEqual([retired]);
  });

  it("a console list read right after the console's own write shows it: the index is waited for up to the chain's head", async () => {
    const [a] = history.issuerIds as [number];
    const admin = { ...ctx(), wallet: chain.wallets[1]! };
    const { classId } = await createBadgeClass(admin, a, { type: ["Achievement"], name: "Evening cohort" });
    // No waitForBlock here: the index polls every 250 ms, so without the wait the class would be missing.
    const listed = await readCheckedClasses(ctx(), indexer.url, a);
    expect(listed.source).toBe("indexer");
    expect(listed.rows[0]).toMatchObject({ classId, retired: false, content: { name: "Evening cohort" } });
  });
});

describe("the index's list routes", () => {
  it("refuse a list asked for unclearly, with the reason", async () => {
    for (const query of ["", "?recipient=0x12&issuer=1", "?recipient=0x12", "?issuer=one", "?batch=0xabc"]) {
      const response = await fetch(`${indexer.url}/lists/badges${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/recipient|issuer/);
    }
    expect((await fetch(`${indexer.url}/lists/revocations`)).status).toBe(400);
    const wallet = history.learner;
    for (const query of [
      `?member=${wallet}`,
      "?member=0x12&at=1",
      `?member=${wallet}&at=soon`,
      "?offeredTo=0x12",
      `?offeredTo=${wallet}&at=1`,
    ]) {
      const response = await fetch(`${indexer.url}/lists/issuers${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/account/);
    }
    expect((await fetch(`${indexer.url}/lists/classes?issuer=first`)).status).toBe(400);
  });
});

describe("what the index cannot do", () => {
  it("a reorg (evm_snapshot / evm_revert, then new blocks) leaves no phantom badge", async () => {
    const learner = chain.wallets[8]!.account!.address;
    const snapshot = await chain.publicClient.request({ method: "evm_snapshot" as never });
    const { issueBadge, readNextStatusIndex } = await import("@chancery/sdk/chain");
    const admin = {
      client: chain.publicClient,
      registry: chain.registry,
      deployedOnBlock: chain.deployedOnBlock,
      wallet: chain.wallets[1]!,
    };
    const classId = history.classIds[2]!;
    await issueBadge(admin, {
      classId,
      statusIndex: await readNextStatusIndex(admin, classId),
      credentialHash: credentialHash(),
      recipient: learner,
    });
    await synced();
    expect(await fromIndex.listBadgesOfRecipient(learner)).toHaveLength(1);

    await chain.publicClient.request({ method: "evm_revert" as never, params: [snapshot] as never });
    const kept = await issueBadge(admin, {
      classId,
      statusIndex: await readNextStatusIndex(admin, classId),
      credentialHash: credentialHash(),
      recipient: chain.wallets[9]!.account!.address,
    });
    await chain.publicClient.request({ method: "hardhat_mine" as never, params: ["0x3"] as never });
    await synced();
    expect(await fromIndex.listBadgesOfRecipient(learner)).toEqual([]);
    expect(await fromChain.listBadgesOfRecipient(learner)).toEqual([]);
    const other = await fromIndex.listBadgesOfRecipient(chain.wallets[9]!.account!.address);
    expect(other.map((b) => b.uid)).toEqual([kept.uid]);
  });

  it("an index that lies finds a badge the chain never recorded, but the registry says it does not exist", async () => {
    // A lying index: the real index's answer for the learner, plus a forged badge and a revoked one shown as clean.
    const honest = await fromIndex.listBadgesOfRecipient(history.learner);
    const forged = { ...honest[0]!, uid: credentialHash(), revokedAt: undefined, revocationCode: undefined, erased: false };
    const revoked = honest.find((b) => b.revokedAt && !b.batchId)!;
    const liar: BadgeReader = {
      ...fromIndex,
      listBadgesOfRecipient: async () => [
        forged,
        { ...revoked, revokedAt: undefined, revocationCode: undefined, revocationReason: undefined },
      ],
    };
    const [fake, cleaned] = await liar.listBadgesOfRecipient(history.learner);
    // The verifier's one call decides: the forged uid does not exist, and the revoked badge is still revoked.
    const fakeStatus = await readAssertionStatus({ client: chain.publicClient, registry: chain.registry }, { uid: fake!.uid });
    expect(fakeStatus.exists).toBe(false);
    const cleanedStatus = await readAssertionStatus({ client: chain.publicClient, registry: chain.registry }, { uid: cleaned!.uid });
    expect(cleanedStatus.revokedAt).toBeGreaterThan(0);
    expect(cleanedStatus.revocationReason).toBe(revoked.revocationCode);
  });
});
