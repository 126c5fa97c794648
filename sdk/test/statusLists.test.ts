// Status indexes and signed BitstringStatusLists against the real contracts on a Hardhat node:
// issueAward signs each badge with the class's next index, a race is re-signed, revokeAndPublish sets
// the badge's bit in the signed list in the same transaction, and old-form badges still verify.
import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classStatusListKey, credentialAnchor, STATUS_LIST_LENGTH, statusSlot } from "../src/anchor/index.ts";
import { anchorMerkleBatch, isStaleStatusIndex, issueAward, prepareBadge } from "../src/award/index.ts";
import {
  issueBadge,
  readNextStatusIndex,
  readPublishedStatusList,
  readStatusListState,
  rebuildRevokedEntries,
  republishStatusList,
  revokeAndPublish,
  revokeBadge,
  revokedEntriesOf,
  type WriteContext,
} from "../src/chain/index.ts";
import type { Ed25519SigningKey } from "../src/proofs/keys.ts";
import { verificationMethodUrl } from "../src/urls.ts";
import { verifyBadge } from "../src/verify/index.ts";

let chain: TestChain;
let admin: WriteContext;
let issuerId: number;
let classId: number;
let signingKey: Ed25519SigningKey;
let award: TestIssuer["award"];
const trust = () => [{ chainId: 31337, registry: chain.registry }];
const deployment = () => ({ chainId: 31337, registry: chain.registry });

beforeAll(async () => {
  chain = await startTestChain();
  ({ admin, issuerId, classId, signingKey, award } = await setUpIssuer(chain));
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

describe("status indexes and signed status lists", () => {
  it("signs each badge with the class's next index as one BitstringStatusListEntry, and publishes the all-zero list first", async () => {
    const before = await readNextStatusIndex(admin, classId);
    const first = await issueAward(admin, award({ classId }), signingKey);
    const second = await issueAward(admin, award({ classId }), signingKey);
    expect(await readNextStatusIndex(admin, classId)).toBe(before + 2);
    const { listUrl } = statusSlot(award().gatewayBase, deployment(), issuerId, { classId, statusIndex: 0 });
    expect(first.credential.credentialStatus).toEqual({
      id: `${listUrl}#${before}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(before),
      statusListCredential: listUrl,
    });
    expect(second.credential.credentialStatus.statusListIndex).toBe(String(before + 1));
    expect(credentialAnchor(first.credential)).toMatchObject({ issuerId, deployment: deployment() });

    const { state, credential } = await readPublishedStatusList(admin, classStatusListKey(classId, 0));
    expect(state).toMatchObject({ issuerId, revocations: 0, publishedRevocations: 0, behind: false });
    expect(credential?.id).toBe(listUrl);
    expect(credential?.type).toEqual(["VerifiableCredential", "BitstringStatusListCredential"]);
    expect(credential?.credentialSubject).toMatchObject({
      id: `${listUrl}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
    });
    // Signed by the issuer's registered key, at its own key URL; the bitstring is 16 KB of zeros.
    const proof = ((credential?.proof ?? []) as { verificationMethod: string; cryptosuite: string }[])[0];
    expect(proof?.cryptosuite).toBe("eddsa-rdfc-2022");
    expect(proof?.verificationMethod).toBe(
      verificationMethodUrl(award().gatewayBase, deployment(), issuerId, signingKey.publicKeyMultibase),
    );
    expect(revokedEntriesOf(credential)).toEqual([]);

    const report = await verifyBadge(JSON.stringify(first.credential), { publicClient: chain.publicClient, trust: trust() });
    expect(report.verdict).toBe("valid");
  });

  it("re-signs when another issue took the index (BadgeRegistryStaleStatusIndex)", async () => {
    const index = await readNextStatusIndex(admin, classId);
    const late = await prepareBadge(award({ classId, statusIndex: index }), signingKey);
    await issueAward(admin, award({ classId }), signingKey);
    const error = await issueBadge(admin, { classId, statusIndex: index, credentialHash: late.credentialHash }).catch((e) => e);
    expect(isStaleStatusIndex(error)).toBe(true);
    expect(error.message).toMatch(new RegExp(`signed with status index ${index} .* the next is ${index + 1}`));
    // issueAward reads, signs and sends again by itself: every badge gets its own index.
    const both = await Promise.all([issueAward(admin, award({ classId }), signingKey), issueAward(admin, award({ classId }), signingKey)]);
    const indexes = both.map((b) => Number(b.credential.credentialStatus.statusListIndex));
    expect(new Set(indexes).size).toBe(2);
  });

  it("revokes and publishes the list with the badge's bit in one transaction; the verdict stays the chain's", async () => {
    const badge = await issueAward(admin, award({ classId }), signingKey);
    const keep = await issueAward(admin, award({ classId }), signingKey);
    const signing = { gatewayBase: award().gatewayBase, deployment: deployment(), signingKey };
    const receipt = await revokeAndPublish(admin, { uid: badge.uid, reason: "Issued in error", code: "issued-in-error" }, signing);
    const { state, credential } = await readPublishedStatusList(admin, classStatusListKey(classId, 0));
    expect(state.publishedBlock).toBe(receipt.blockNumber);
    expect(state.behind).toBe(false);
    expect(revokedEntriesOf(credential)).toEqual([Number(badge.credential.credentialStatus.statusListIndex)]);

    // A revocation without a new list leaves the list behind, and the next publication catches up.
    await revokeBadge(admin, { uid: keep.uid, reason: "" });
    expect((await readStatusListState(admin, classStatusListKey(classId, 0))).behind).toBe(true);
    // Rebuilt from the chain alone (the issuer's revocation events and each badge's record).
    const target = { issuerId, classId, statusIndex: 0 };
    const onChain = [badge, keep].map((b) => Number(b.credential.credentialStatus.statusListIndex)).sort((a, b) => a - b);
    expect(await rebuildRevokedEntries(admin, target)).toEqual(onChain);
    await republishStatusList(admin, target, signing);
    const caughtUp = await readPublishedStatusList(admin, classStatusListKey(classId, 0));
    expect(caughtUp.state.behind).toBe(false);
    expect(revokedEntriesOf(caughtUp.credential)).toEqual(onChain);

    const report = await verifyBadge(JSON.stringify(badge.credential), { publicClient: chain.publicClient, trust: trust() });
    expect(report.verdict).toBe("revoked");
  });

  it("gives a Merkle batch its own list: entry = the badge's position", async () => {
    const batch = await anchorMerkleBatch(admin, { classId, awards: [award(), award(), award()], signingKey });
    const positions = batch.badges.map((b) => b.credential.credentialStatus.statusListIndex);
    expect(positions).toEqual(["0", "1", "2"]);
    const { listUrl } = statusSlot(award().gatewayBase, deployment(), issuerId, { batchId: batch.batchId, position: 0 });
    expect(batch.badges[0]?.credential.credentialStatus.statusListCredential).toBe(listUrl);
    expect(credentialAnchor(batch.badges[1]?.credential ?? {})).toMatchObject({ batchId: batch.batchId });
    const target = batch.badges[1];
    if (!target) throw new Error("no badge");
    const signing = { gatewayBase: award().gatewayBase, deployment: deployment(), signingKey };
    await revokeAndPublish(
      admin,
      { uid: target.uid, reason: "", batch: { batchId: batch.batchId, proof: target.proof, position: 1 } },
      signing,
    );
    const { credential, state } = await readPublishedStatusList(admin, batch.batchId);
    expect(revokedEntriesOf(credential)).toEqual([1]);
    expect(await rebuildRevokedEntries(admin, { issuerId, batchId: batch.batchId })).toEqual([1]);
    expect(state).toMatchObject({ revocations: 1, publishedRevocations: 1, behind: false });
  });

  it("keeps badges of the old form (1EdTechRevocationList) anchored and verifying", async () => {
    const old = await prepareBadge(award({ classId }), signingKey);
    expect(old.credential.credentialStatus.type).toBe("1EdTechRevocationList");
    const { anchorBadge } = await import("../src/award/index.ts");
    await anchorBadge(admin, old, { classId });
    const report = await verifyBadge(JSON.stringify(old.credential), { publicClient: chain.publicClient, trust: trust() });
    expect(report.verdict).toBe("valid");
  });

  it("warns when the credential's status entry is not the one the registry gave the badge (a list reader would miss its revocation)", async () => {
    const wrong = await prepareBadge(award({ classId, statusIndex: 999 }), signingKey);
    const statusIndex = await readNextStatusIndex(admin, classId);
    await issueBadge(admin, { classId, statusIndex, credentialHash: wrong.credentialHash, recipient: wrong.recipient });
    const report = await verifyBadge(JSON.stringify(wrong.credential), { publicClient: chain.publicClient, trust: trust() });
    const status = report.steps.find((step) => step.id === "status");
    expect(status?.status).toBe("warning");
    // Our verdict is the chain's: the badge stands.
    expect(report.verdict).toBe("valid");
    expect(status?.message).toMatch(/entry 999\) is not the one the registry gave it/);
  });

  it("places status index n in list n / 131072 at entry n % 131072", () => {
    const slot = statusSlot(award().gatewayBase, deployment(), issuerId, { classId, statusIndex: STATUS_LIST_LENGTH + 5 });
    expect(slot.entry).toBe(5);
    expect(slot.listUrl.endsWith(`/classes/${classId}/1`)).toBe(true);
    expect(slot.listKey).toBe(classStatusListKey(classId, 1));
  });
});
