// Record-only verification: a share link without its key, checked against the real registry on a
// Hardhat node — the record, the issuer's standing, revocation, erasure, the dates the chain records
// and the public badge class, never the withheld content, and never "valid".

import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import { createPublicClient, http, keccak256, type PublicClient, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorBadge, anchorMerkleBatch, prepareBadge } from "../src/award/index.ts";
import { createBadgeClass, eraseBadge, revokeBadge, type WriteContext, writeRegistry } from "../src/chain/index.ts";
import { buildShareLink } from "../src/links/index.ts";
import { type VerificationReport, verifyBadge } from "../src/verify/index.ts";

let chain: TestChain;
let client: PublicClient;
let authority: WriteContext;
let issuer: TestIssuer;
let classId: number;
const APP = "https://app.example.org";
const IMAGE = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=";
const trust = () => [{ chainId: 31337, registry: chain.registry }];
const options = (extra: Parameters<typeof verifyBadge>[1] = {}) => ({ publicClient: client, trust: trust(), ...extra });
const stepsOf = (report: VerificationReport) => Object.fromEntries(report.steps.map((s) => [s.id, s.status]));
const messageOf = (report: VerificationReport, id: string) => report.steps.find((s) => s.id === id)?.message ?? "";
const learner = () => chain.wallets[5].account!.address;
const linkTo = (uid: string, batchId?: string) =>
  buildShareLink({ appBase: APP, chainId: 31337, registry: chain.registry, uid, ...(batchId ? { batchId } : {}) });

/** A badge of the test class with an image, recorded on its own (not published). */
async function recorded(input: { expiresAt?: Date; wallet?: boolean } = {}) {
  const award = issuer.award({
    classId,
    ...(input.wallet === false ? { recipient: { email: "ada@example.org" } } : {}),
    ...(input.expiresAt ? { validUntil: input.expiresAt } : {}),
  });
  const badge = await prepareBadge(award, issuer.signingKey);
  await anchorBadge(issuer.admin, badge, { classId, ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}) });
  return badge;
}

beforeAll(async () => {
  chain = await startTestChain();
  client = chain.publicClient;
  authority = { client, registry: chain.registry, wallet: chain.wallets[0] };
  issuer = await setUpIssuer(chain, { name: "Université Exemple" });
  ({ classId } = await createBadgeClass(issuer.admin, issuer.issuerId, {
    type: ["Achievement"],
    name: "Data Literacy II",
    description: "Cleans and charts a real data set.",
    image: { id: IMAGE, type: "Image" },
  }));
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

describe("a share link without its key verifies the record", () => {
  it("a standing badge: record-valid, every on-chain check run, content withheld, the public class shown", async () => {
    const badge = await recorded();
    const report = await verifyBadge(linkTo(badge.uid), options());
    expect(report.verdict).toBe("record-valid");
    expect(stepsOf(report)).toEqual({
      parse: "passed",
      format: "skipped",
      proof: "skipped",
      anchor: "passed",
      issuer: "warning",
      status: "passed",
      validity: "passed",
      recipient: "skipped",
    });
    expect(messageOf(report, "parse")).toMatch(/record-only/);
    expect(messageOf(report, "format")).toMatch(/^Content withheld: the link carries no key/);
    expect(messageOf(report, "proof")).toMatch(/^Content withheld/);
    // Each of these steps carries its code for the app to translate (sdk/src/verify/codes.ts).
    const codes = Object.fromEntries(report.steps.map((s) => [s.id, s.code]));
    expect(codes).toMatchObject({ parse: "parse.read-share-link-record", format: "format.withheld", proof: "proof.withheld" });
    expect(messageOf(report, "issuer")).toMatch(/self-declared/);
    expect(report.credential).toBeUndefined();
    expect(report.anchor?.uid).toBe(badge.uid);
    expect(report.issuer).toMatchObject({ id: issuer.issuerId, name: "Université Exemple", standing: "self-declared" });
    const issuedAt = report.anchor?.status?.issuedAt ?? 0;
    expect(report.record).toEqual({
      badgeClass: {
        id: classId,
        name: "Data Literacy II",
        description: "Cleans and charts a real data set.",
        image: IMAGE,
        retired: false,
      },
      issuedAt: new Date(issuedAt * 1000).toISOString(),
      recipientWallet: learner(),
    });
  });

  it("an expected wallet is compared with the one the chain records; an e-mail cannot be checked (a warning)", async () => {
    const badge = await recorded();
    const matched = await verifyBadge(linkTo(badge.uid), options({ expectedRecipient: { wallet: learner() } }));
    expect(matched.verdict).toBe("record-valid");
    expect(matched.recipient).toEqual({ wallet: "matched" });
    expect(stepsOf(matched).recipient).toBe("passed");

    const other = chain.wallets[6].account!.address;
    const mismatch = await verifyBadge(linkTo(badge.uid), options({ expectedRecipient: { wallet: other } }));
    expect(mismatch.verdict).toBe("invalid");
    expect(mismatch.recipient).toEqual({ wallet: "not-matched" });
    expect(messageOf(mismatch, "recipient")).toContain(`not issued to wallet ${other}`);

    const email = await verifyBadge(linkTo(badge.uid), options({ expectedRecipient: { email: "ada@example.org" } }));
    expect(email.verdict).toBe("record-valid");
    expect(stepsOf(email).recipient).toBe("warning");
    expect(messageOf(email, "recipient")).toMatch(/e-mail address cannot be checked from a link without its key/);
    expect(email.recipient).toBeUndefined();

    const emailOnly = await recorded({ wallet: false });
    const noWallet = await verifyBadge(linkTo(emailOnly.uid), options({ expectedRecipient: { wallet: learner() } }));
    expect(noWallet.record?.recipientWallet).toBeUndefined();
    expect(noWallet.recipient).toEqual({ wallet: "not-named" });
    expect(stepsOf(noWallet).recipient).toBe("warning");
    expect(noWallet.verdict).toBe("record-valid");
  });

  it("revoked: the verdict is revoked, with the issuer's words", async () => {
    const badge = await recorded();
    await revokeBadge(issuer.admin, { uid: badge.uid, reason: "Issued to the wrong cohort", code: "issued-in-error" });
    const report = await verifyBadge(linkTo(badge.uid), options());
    expect(report.verdict).toBe("revoked");
    expect(messageOf(report, "status")).toMatch(/issued in error.*Issued to the wrong cohort/);
    expect(report.record?.badgeClass.name).toBe("Data Literacy II");
  });

  it("erased: the verdict is erased and nothing about the badge is disclosed, not even its class", async () => {
    const badge = await recorded();
    await eraseBadge(issuer.admin, { uid: badge.uid });
    const report = await verifyBadge(linkTo(badge.uid), options());
    expect(report.verdict).toBe("erased");
    expect(report.record).toBeUndefined();
    expect(report.credential).toBeUndefined();
  });

  it("expired: judged at the expiry the chain records", async () => {
    const soon = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000);
    const badge = await recorded({ expiresAt: soon });
    const before = await verifyBadge(linkTo(badge.uid), options());
    expect(before.verdict).toBe("record-valid");
    expect(before.record?.expiresAt).toBe(soon.toISOString());
    const after = await verifyBadge(linkTo(badge.uid), options({ now: new Date(soon.getTime() + 1000) }));
    expect(after.verdict).toBe("expired");
    expect(messageOf(after, "validity")).toBe(`Expired on ${soon.toISOString()}.`);
  });

  it("an issuer the authority suspends: suspended-issuer, and record-valid again once reinstated", async () => {
    const other = await setUpIssuer(chain, { walletIndex: 2, name: "Institut Suspendu", className: "Welding I" });
    const badge = await prepareBadge(other.award(), other.signingKey);
    await anchorBadge(other.admin, badge, { classId: other.classId });
    await writeRegistry(authority, "suspend", [other.issuerId, "Audit pending"]);
    const suspended = await verifyBadge(linkTo(badge.uid), options());
    expect(suspended.verdict).toBe("suspended-issuer");
    expect(suspended.issuer?.standing).toBe("suspended");
    expect(stepsOf(suspended).issuer).toBe("failed");
    await writeRegistry(authority, "reinstate", [other.issuerId]);
    const reinstated = await verifyBadge(linkTo(badge.uid), options());
    expect(reinstated.verdict).toBe("record-valid");
    expect(reinstated.record?.badgeClass.name).toBe("Welding I");
  });

  it("an unknown uid: invalid, saying the registry has no such badge and what to check", async () => {
    const unknown = keccak256(toHex("no such badge"));
    const report = await verifyBadge(linkTo(unknown), options());
    expect(report.verdict).toBe("invalid");
    expect(stepsOf(report).anchor).toBe("failed");
    expect(messageOf(report, "anchor")).toMatch(/has no badge 0x.*copied whole.*\?batch=/);
    expect(report.record).toBeUndefined();
  });

  it("a Merkle-batched badge with ?batch=: its batch's record and leaves, the wallet of its leaf", async () => {
    const { badges, batchId } = await anchorMerkleBatch(issuer.admin, {
      classId,
      batchKey: keccak256(toHex("record-only cohort")),
      signingKey: issuer.signingKey,
      awards: [
        issuer.award({ classId }),
        issuer.award({ classId, recipient: { email: "grace@example.org" } }),
        issuer.award({ classId, recipient: { email: "alan@example.org", wallet: chain.wallets[7].account!.address } }),
      ],
    });
    const third = badges[2]!;
    const report = await verifyBadge(linkTo(third.uid, batchId), options());
    expect(report.verdict).toBe("record-valid");
    expect(report.anchor?.batchId).toBe(batchId);
    expect(messageOf(report, "anchor")).toMatch(/Merkle batch/);
    expect(report.record?.recipientWallet).toBe(chain.wallets[7].account!.address);
    expect(report.record?.badgeClass.name).toBe("Data Literacy II");
    const second = await verifyBadge(linkTo(badges[1]!.uid, batchId), options());
    expect(second.verdict).toBe("record-valid");
    expect(second.record?.recipientWallet).toBeUndefined();

    // Revoked inside its batch: revoked.
    await revokeBadge(issuer.admin, {
      uid: badges[0]!.uid,
      batch: { batchId, proof: badges[0]!.proof },
      reason: "Withdrawn",
      code: "withdrawn",
    });
    expect((await verifyBadge(linkTo(badges[0]!.uid, batchId), options())).verdict).toBe("revoked");

    // The batch part cut off, or another batch named: no such badge there.
    const cut = await verifyBadge(linkTo(third.uid), options());
    expect(cut.verdict).toBe("invalid");
    expect(messageOf(cut, "anchor")).toMatch(/\?batch=/);
    const elsewhere = await verifyBadge(linkTo(third.uid, keccak256(toHex("another batch"))), options());
    expect(elsewhere.verdict).toBe("invalid");
    expect(messageOf(elsewhere, "anchor")).toMatch(/in batch 0x/);
  });

  it("a link with a key for a badge whose content was never published: the record, saying why the key opened nothing", async () => {
    const badge = await recorded();
    const keyed = buildShareLink({ appBase: APP, chainId: 31337, registry: chain.registry, uid: badge.uid, key: "A".repeat(43) });
    const report = await verifyBadge(keyed, options());
    expect(report.verdict).toBe("record-valid");
    expect(messageOf(report, "format")).toMatch(/carries a key, but no content was published/);
  });

  it("a published badge's link without its key is record-valid; with its key, valid", async () => {
    const badge = await prepareBadge(issuer.award({ classId }), issuer.signingKey);
    const anchored = await anchorBadge(issuer.admin, badge, { classId, publish: { appBase: APP } });
    const full = await verifyBadge(anchored.shareLink!, options());
    expect(full.verdict).toBe("valid");
    expect(full.record).toBeUndefined();
    const keyless = await verifyBadge(anchored.shareLink!.replace(/#k=.*/, ""), options());
    expect(keyless.verdict).toBe("record-valid");
    expect(keyless.record?.badgeClass.id).toBe(classId);
  });

  it("the chain cannot be asked: error, never a record verdict", async () => {
    const badge = await recorded();
    const down = createPublicClient({ transport: http("http://127.0.0.1:9", { retryCount: 0 }) }) as PublicClient;
    const report = await verifyBadge(linkTo(badge.uid), { publicClient: down, trust: trust() });
    expect(report.verdict).toBe("error");
    expect(stepsOf(report).anchor).toBe("failed");
    expect(messageOf(report, "anchor")).toMatch(/did not answer/);
    expect(report.record).toBeUndefined();
  });
});
