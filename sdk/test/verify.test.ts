// verifyBadge end to end against the real contracts on a Hardhat node: issue → bake → extract →
// verify → revoke → verify says revoked, with the reason; and every other verdict.

import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer, TEST_GATEWAY, type TestIssuer } from "@chancery/testing/issuer";
import { concat, idat, iend, ihdr, SIGNATURE } from "@chancery/testing/png";
import { createPublicClient, http, keccak256, type PublicClient, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorBadge, anchorMerkleBatch, prepareBadge } from "../src/award/index.ts";
import { bakePng } from "../src/baking/png.ts";
import { bakeSvg } from "../src/baking/svg.ts";
import {
  accreditIssuer,
  addIssuerKey,
  eraseBadge,
  readIssuerKeys,
  revokeBadge,
  revokeIssuerKey,
  type WriteContext,
  writeRegistry,
} from "../src/chain/index.ts";
import { signCredential } from "../src/proofs/dataIntegrity.ts";
import { deriveSigningKey, type Ed25519SigningKey, keyGenerationToUse, signingKeyMessage } from "../src/proofs/keys.ts";
import { credentialUrl } from "../src/urls.ts";
import { type VerificationReport, verifyBadge } from "../src/verify/index.ts";

let chain: TestChain;
let admin: WriteContext;
let authority: WriteContext;
let client: PublicClient;
let issuerId: number;
let classId: number;
let signingKey: Ed25519SigningKey;
let award: TestIssuer["award"];
const APP = "https://app.example.org";
const png = () => concat(SIGNATURE, ihdr(), idat(), iend());
const learner = () => chain.wallets[5].account!.address;
// The test node's registry is not an exported deployment: the verifier is told to trust it.
const trust = () => [{ chainId: 31337, registry: chain.registry }];

const stepsOf = (report: VerificationReport) => Object.fromEntries(report.steps.map((s) => [s.id, s.status]));
const messageOf = (report: VerificationReport, id: string) => report.steps.find((s) => s.id === id)?.message ?? "";

beforeAll(async () => {
  chain = await startTestChain();
  client = chain.publicClient;
  authority = { client, registry: chain.registry, wallet: chain.wallets[0] };
  ({ admin, issuerId, classId, signingKey, award } = await setUpIssuer(chain));
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

describe("verifyBadge against a real registry", () => {
  it("issue → bake PNG → verify is valid, then revoke → verify is revoked with the reason", async () => {
    const badge = await prepareBadge(award(), signingKey);
    await anchorBadge(admin, badge, { classId });
    const baked = bakePng(png(), JSON.stringify(badge.credential), "ob3");

    const report = await verifyBadge(baked, {
      publicClient: client,
      trust: trust(),
      expectedRecipient: { email: "Ada@Example.org ", wallet: learner() },
    });
    expect(report.verdict).toBe("valid");
    expect(stepsOf(report)).toEqual({
      parse: "passed",
      format: "passed",
      proof: "passed",
      anchor: "passed",
      issuer: "warning",
      status: "passed",
      validity: "passed",
      recipient: "passed",
    });
    expect(messageOf(report, "issuer")).toMatch(/self-declared/);
    expect(report.anchor?.uid).toBe(badge.uid);

    await revokeBadge(admin, { uid: badge.uid, reason: "Exam retaken: grade annulled", code: "misconduct" });
    const revoked = await verifyBadge(baked, { publicClient: client, trust: trust() });
    expect(revoked.verdict).toBe("revoked");
    expect(messageOf(revoked, "status")).toMatch(/misconduct.*Exam retaken: grade annulled/);
    expect(revoked.anchor?.revocationReason).toBe("Exam retaken: grade annulled");
  });

  it("accepts the same badge as JSON text, as an object and baked in SVG", async () => {
    const badge = await prepareBadge(award(), signingKey);
    await anchorBadge(admin, badge, { classId });
    const json = JSON.stringify(badge.credential, null, 2);
    const svg = bakeSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
      JSON.stringify(badge.credential),
      "ob3",
    );
    for (const input of [json, badge.credential, new TextEncoder().encode(svg)]) {
      expect((await verifyBadge(input, { publicClient: client, trust: trust() })).verdict).toBe("valid");
    }
  });

  it("says accredited once the authority accredits, and suspended-issuer when it suspends", async () => {
    const badge = await prepareBadge(award(), signingKey);
    await anchorBadge(admin, badge, { classId });
    await accreditIssuer(authority, issuerId);
    const accredited = await verifyBadge(badge.credential, { publicClient: client, trust: trust() });
    expect(accredited.verdict).toBe("valid");
    expect(stepsOf(accredited).issuer).toBe("passed");
    expect(messageOf(accredited, "issuer")).toMatch(/accredited/);

    await writeRegistry(authority, "suspend", [issuerId, "Audit pending"]);
    expect((await verifyBadge(badge.credential, { publicClient: client, trust: trust() })).verdict).toBe("suspended-issuer");
    await writeRegistry(authority, "reinstate", [issuerId]);
    expect((await verifyBadge(badge.credential, { publicClient: client, trust: trust() })).verdict).toBe("valid");
  });

  it("opens a share link whose key decrypts the credential published on chain", async () => {
    const badge = await prepareBadge(award(), signingKey);
    const anchored = await anchorBadge(admin, badge, { classId, publish: { appBase: APP } });
    expect(anchored.shareLink).toMatch(new RegExp(`^${APP}/verify/31337/0x[0-9a-fA-F]{40}/${badge.uid}#k=`));
    const report = await verifyBadge(anchored.shareLink!, { publicClient: client, trust: trust() });
    expect(report.verdict).toBe("valid");
    expect(report.credential).toEqual(badge.credential);

    const wrongKey = anchored.shareLink!.replace(/#k=.*/, `#k=${"A".repeat(43)}`);
    expect((await verifyBadge(wrongKey, { publicClient: client, trust: trust() })).verdict).toBe("invalid");
    const noKey = anchored.shareLink!.replace(/#k=.*/, "");
    // Without its key the link is record-only (verify-record.test.ts): the record checked, never "valid".
    const keyless = await verifyBadge(noKey, { publicClient: client, trust: trust() });
    expect(keyless.verdict).toBe("record-valid");
    expect(messageOf(keyless, "format")).toMatch(/no key/);
  });

  it("verifies a badge inside a Merkle batch by rebuilding the proof from the chain", async () => {
    const { badges, batchId } = await anchorMerkleBatch(admin, {
      classId,
      batchKey: keccak256(toHex("cohort 2026")),
      signingKey,
      awards: [award(), award({ recipient: { email: "grace@example.org" } }), award({ recipient: { email: "alan@example.org" } })],
    });
    const report = await verifyBadge(badges[1].credential, { publicClient: client, trust: trust() });
    expect(report.verdict).toBe("valid");
    expect(report.anchor?.batchId).toBe(batchId);
    expect(messageOf(report, "anchor")).toMatch(/Merkle batch/);
  });

  it("says erased and stops disclosing the credential", async () => {
    const badge = await prepareBadge(award(), signingKey);
    await anchorBadge(admin, badge, { classId });
    await eraseBadge(admin, { uid: badge.uid });
    const report = await verifyBadge(badge.credential, { publicClient: client, trust: trust() });
    expect(report.verdict).toBe("erased");
    expect(report.credential).toBeUndefined();
  });

  it("says expired past the on-chain expiry and not-yet-valid before validFrom", async () => {
    const soon = new Date(Date.now() + 3_600_000);
    const expiring = await prepareBadge(award({ validUntil: soon }), signingKey);
    await anchorBadge(admin, expiring, { classId, expiresAt: soon });
    expect((await verifyBadge(expiring.credential, { publicClient: client, trust: trust() })).verdict).toBe("valid");
    expect(
      (await verifyBadge(expiring.credential, { publicClient: client, trust: trust(), now: new Date(soon.getTime() + 1000) })).verdict,
    ).toBe("expired");

    const future = await prepareBadge(award({ validFrom: new Date(Date.now() + 86_400_000) }), signingKey);
    await anchorBadge(admin, future, { classId });
    expect((await verifyBadge(future.credential, { publicClient: client, trust: trust() })).verdict).toBe("not-yet-valid");
  });

  it("says unanchored for a genuine signed credential the chain does not know", async () => {
    const badge = await prepareBadge(award(), signingKey);
    const report = await verifyBadge(badge.credential, { publicClient: client, trust: trust() });
    expect(report.verdict).toBe("unanchored");
    expect(stepsOf(report).proof).toBe("passed");
    expect(stepsOf(report).anchor).toBe("failed");
  });

  it("says invalid for a credential altered after signing", async () => {
    const badge = await prepareBadge(award(), signingKey);
    await anchorBadge(admin, badge, { classId });
    const altered = structuredClone(badge.credential) as Record<string, unknown>;
    altered.name = "Data Literacy III (with honours)";
    const report = await verifyBadge(altered, { publicClient: client, trust: trust() });
    expect(report.verdict).toBe("invalid");
    expect(stepsOf(report).proof).toBe("failed");
  });

  it("gives the credential an id naming its own badge, and refuses a signed credential whose id names another", async () => {
    const badge = await prepareBadge(award(), signingKey);
    expect(badge.credential.id).toBe(credentialUrl(TEST_GATEWAY, { chainId: 31337, registry: chain.registry }, badge.uid));
    await anchorBadge(admin, badge, { classId });
    const other = await prepareBadge(award(), signingKey);
    const { proof: _proof, ...unsigned } = badge.credential;
    const misnamed = await signCredential({ ...unsigned, id: other.credential.id }, { secretKey: signingKey.secretKey });
    const report = await verifyBadge(misnamed, { publicClient: client, trust: trust() });
    expect(report.verdict).toBe("invalid");
    expect(stepsOf(report)).toMatchObject({ proof: "passed", anchor: "failed" });
    expect(messageOf(report, "anchor")).toMatch(/id names another badge/);
  });

  it("says invalid when the recipient does not match", async () => {
    const badge = await prepareBadge(award(), signingKey);
    await anchorBadge(admin, badge, { classId });
    const report = await verifyBadge(badge.credential, {
      publicClient: client,
      trust: trust(),
      expectedRecipient: { email: "mallory@example.org" },
    });
    expect(report.verdict).toBe("invalid");
    expect(messageOf(report, "recipient")).toMatch(/not issued to mallory@example.org/);
  });

  it("never says valid when the chain cannot be asked", async () => {
    const badge = await prepareBadge(award(), signingKey);
    await anchorBadge(admin, badge, { classId });
    const down = createPublicClient({ transport: http("http://127.0.0.1:9", { retryCount: 0 }) }) as PublicClient;
    const report = await verifyBadge(badge.credential, { publicClient: down, trust: trust() });
    expect(report.verdict).toBe("error");
    expect(messageOf(report, "anchor")).toMatch(/did not answer/);
    const none = await verifyBadge(badge.credential, { trust: trust() });
    expect(none.verdict).toBe("error");
    expect(messageOf(none, "anchor")).toMatch(/no RPC endpoint is configured/);
  });

  it("refuses an RPC of another chain", async () => {
    const badge = await prepareBadge(award({ deployment: { chainId: 8453, registry: chain.registry } }), signingKey);
    const report = await verifyBadge(badge.credential, { publicClient: client, trust: [{ chainId: 8453, registry: chain.registry }] });
    expect(report.verdict).toBe("error");
    expect(report.steps.find((s) => s.status === "failed")?.message).toMatch(/serves chain 31337.*chain 8453/);
  });
});

describe("key rotation", () => {
  it("after the key is revoked, the same wallet derives the next generation; old badges stay valid, new ones verify with the new key", async () => {
    const before = await prepareBadge(award(), signingKey);
    await anchorBadge(admin, before, { classId });
    await revokeIssuerKey(admin, issuerId, signingKey.publicKeyHex);
    const keys = await readIssuerKeys(admin, issuerId);
    const { generation, registered } = keyGenerationToUse(keys, Number((await client.getBlock()).timestamp) + 1);
    expect({ generation, registered }).toEqual({ generation: 2, registered: false });
    const wallet = chain.wallets[1];
    const signature = await wallet.signMessage({
      account: wallet.account!,
      message: signingKeyMessage({ chainId: 31337, registry: chain.registry, issuerId, generation }),
    });
    const next = deriveSigningKey(signature);
    expect(next.publicKeyHex).not.toBe(signingKey.publicKeyHex);
    await addIssuerKey(admin, issuerId, next.publicKeyHex);

    const after = await prepareBadge(award(), next);
    await anchorBadge(admin, after, { classId });
    expect((await verifyBadge(after.credential, { publicClient: client, trust: trust() })).verdict).toBe("valid");
    // Issued while the first key was valid: rotation does not invalidate it.
    expect((await verifyBadge(before.credential, { publicClient: client, trust: trust() })).verdict).toBe("valid");
    // A badge signed now with the revoked key is refused.
    const late = await prepareBadge(award(), signingKey);
    await anchorBadge(admin, late, { classId });
    const report = await verifyBadge(late.credential, { publicClient: client, trust: trust() });
    expect(report.verdict).toBe("invalid");
    expect(messageOf(report, "issuer")).toMatch(/not registered for the issuer, or was not valid/);
  });
});

describe("verifyBadge on input that is not a badge", () => {
  const cases: [string, unknown, RegExp][] = [
    ["empty text", "   ", /empty/],
    ["broken JSON", "{ not json", /not valid JSON/],
    ["a JSON array", "[1,2]", /not a badge/],
    ["a plain object", { hello: "world" }, /not an Open Badge/],
    ["a VC that is not a badge", { type: ["VerifiableCredential"] }, /not an Open Badge/],
    ["random bytes", new Uint8Array([1, 2, 3, 4, 5]), /not a badge/],
    ["a PNG without a badge", concat(SIGNATURE, ihdr(), idat(), iend()), /not a readable badge/],
    ["an ftp URL", "ftp://example.org/badge.json", /not a badge/],
  ];
  for (const [name, input, message] of cases) {
    it(`rejects ${name}`, async () => {
      const report = await verifyBadge(input as never);
      expect(report.verdict).toBe("invalid");
      expect(report.steps[0]).toMatchObject({ id: "parse", status: "failed" });
      expect(report.steps[0].message).toMatch(message);
    });
  }
});
