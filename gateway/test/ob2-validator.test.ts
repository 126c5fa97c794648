// openbadges-validator-core's rules (ob2-validator-rules.ts) applied to what the real gateway serves
// on a real Hardhat node, for every way of issuing: plain, keyed and claim URLs, a Merkle-batched
// badge, revoked and expired ones, their badge classes and issuers, baked SVG and PNG — on a gateway
// at a host:port (as `npm start` runs it) and on one at a host name on its scheme's default port.
// An e-mail-matching backpack is played by the validator's recipient-profile rule ({email: [...]}).
import { issueAward, prepareBadge } from "@chancery/sdk/award";
import { MemoryJournal, openBulkIssue, readRecipients } from "@chancery/sdk/bulk";
import {
  addIssuerKey,
  createBadgeClass,
  deriveIssuerSigningKey,
  eraseBadge,
  issueDelegated,
  readNextStatusIndex,
  registerIssuer,
  revokeBadge,
  signIssueRequest,
  type WriteContext,
} from "@chancery/sdk/chain";
import { type AwardInput, buildOb3Achievement, buildRegisteredIssuerProfile } from "@chancery/sdk/documents";
import { CLAIM_URL_MAX_LENGTH } from "@chancery/sdk/hosted";
import type { Ed25519SigningKey } from "@chancery/sdk/proofs";
import { ob2AssertionImageUrl, ob2AssertionUrl, ob2BadgeClassUrl, ob2KeyedAssertionUrl, ob2RecipientUrl } from "@chancery/sdk/urls";
import { verifyBadge } from "@chancery/sdk/verify";
import type { Address, Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gateway } from "../src/app.ts";
import { type Chain, gatewayFetch, startChain } from "./helpers.ts";
import {
  checkBaked,
  checkHostedAssertion,
  checkRevokedAnswer,
  type Fetcher,
  RuleLog,
  type RuleResult,
  unbakePng,
  unbakeSvg,
  VALIDATOR_ACCEPT,
} from "./ob2-validator-rules.ts";
import { chainGateway } from "./stock-verifier.ts";

const ON_PORT = "http://127.0.0.1:8787";
const ON_DEFAULT_PORT = "https://badges.example.org";
const APP = "https://app.test";
const SECRET = "a claim secret for the validator test, 32+ bytes";

let chain: Chain;
let admin: WriteContext;
let issuerId: number;
let classId: number;
let signingKey: Ed25519SigningKey;
const gateways = new Map<string, Gateway>();

type Issued = { uid: Hex; credential: Record<string, unknown>; batchId?: Hex; key?: string; email?: string; wallet?: Address };
const issued: Record<string, Issued> = {};
/**
 * When the validator runs: after the chain's clock. A Hardhat node mining many blocks a second runs
 * its block times (the hosted issuedOn) ahead of the wall clock; a public chain's never are.
 */
let validatorNow: Date;
const erasedClaims = new Map<string, string>();
const revokedClaims = new Map<string, string>();
const summaries: { gateway: string; artefact: string; passed: number; total: number; failed: string[] }[] = [];

const wallet = (i: number) => chain.wallets[i]!.account!.address as Address;

/** The validator's HTTP GET, answered by the gateway whose public base the URL starts with. */
const fetcher: Fetcher = async (url) => {
  for (const [base, gw] of gateways) {
    if (!url.startsWith(`${base}/`)) continue;
    const res = await gw.inject({ method: "GET", url: url.slice(base.length), headers: { accept: VALIDATOR_ACCEPT } });
    return { status: res.statusCode, contentType: String(res.headers["content-type"] ?? ""), body: res.rawPayload };
  }
  return { status: 599, contentType: "", body: Buffer.from("not a gateway URL") };
};

function award(base: string, recipient: AwardInput["recipient"], overrides: Partial<AwardInput> = {}): AwardInput {
  return {
    issuer: { issuerId, name: "Université de Lumière", url: "https://lumiere.example", email: "registrar@lumiere.example" },
    achievement: {
      name: "Data Literacy",
      description: "Reads, cleans and charts a real data set.",
      criteria: { narrative: "Passed the practical exam." },
    },
    recipient,
    validFrom: new Date(Date.now() - 60_000),
    deployment: { chainId: chain.chainId, registry: chain.registry },
    gatewayBase: base,
    classId,
    ...overrides,
  };
}

async function bulk(base: string, mode: "batch" | "merkle", csv: string): Promise<Issued[]> {
  const run = await openBulkIssue({
    journal: new MemoryJournal(),
    rows: readRecipients(csv),
    settings: { chainId: chain.chainId, registry: chain.registry, classId, mode, publish: false, gatewayBase: base },
    issuer: award(base, {}).issuer,
    achievement: award(base, {}).achievement,
    appBase: APP,
  });
  const outcome = await run.run({ ctx: admin, signingKey });
  if (outcome.issuedNow !== run.rows.length) throw new Error(`the ${mode} run issued ${outcome.issuedNow} of ${run.rows.length}`);
  return run.results().map((r) => ({
    uid: r.uid as Hex,
    credential: r.credential as Record<string, unknown>,
    ...(r.batchId ? { batchId: r.batchId as Hex } : {}),
    ...(r.row.email ? { email: r.row.email } : {}),
  }));
}

/** Mints the claim URL of a credential at a gateway, as the app and the CLI do (POST, text/plain). */
async function claimUrlOf(base: string, credential: object): Promise<string> {
  const gw = gateways.get(base)!;
  const res = await gw.inject({
    method: "POST",
    url: `/ob2/claims/${chain.chainId}`,
    headers: { "content-type": "text/plain;charset=UTF-8" },
    payload: JSON.stringify(credential),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().claimUrl;
}

function record(gateway: string, log: RuleLog) {
  const { artefact, passed, total } = log.summary;
  summaries.push({ gateway, artefact, passed, total, failed: log.failed.map((f) => `${f.rule} (${f.message})`) });
}

const failedRules = (log: RuleLog) => log.failed.map((r: RuleResult) => r.rule);

beforeAll(async () => {
  chain = await startChain();
  admin = { client: chain.publicClient, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock, wallet: chain.wallets[1]! };
  const deployment = { chainId: chain.chainId, registry: chain.registry };
  // The issuer registers as the app does: its gateway's host name (and the second gateway's) allowed.
  issuerId = 1; // the profile names its own id: the first issuer of a fresh chain
  const profile = buildRegisteredIssuerProfile(award(ON_PORT, {}).issuer, ON_PORT, deployment, [new URL(ON_DEFAULT_PORT).hostname]);
  const registered = await registerIssuer(admin, profile);
  expect(registered.issuerId).toBe(issuerId);
  ({ classId } = await createBadgeClass(
    admin,
    issuerId,
    buildOb3Achievement(award(ON_PORT, {}).achievement, ob2BadgeClassUrl(ON_PORT, chain.chainId, 1)),
  ));
  ({ key: signingKey } = await deriveIssuerSigningKey(admin, { issuerId, signer: admin.wallet, chainId: chain.chainId }));
  await addIssuerKey(admin, issuerId, signingKey.publicKeyHex);

  for (const base of [ON_PORT, ON_DEFAULT_PORT]) {
    gateways.set(base, await chainGateway(chain, { publicBaseUrl: base, appUrl: APP, claimSecret: SECRET }));
  }

  // Badges whose credentials name the gateway on a port (the OB 2.0 documents do not depend on it).
  const base = ON_PORT;
  const one = async (name: string, a: AwardInput, options: { publish?: boolean; expiresAt?: Date } = {}) => {
    const badge = await issueAward(admin, { ...a, classId }, signingKey, {
      ...(options.publish ? { publish: { appBase: APP } } : {}),
      ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
    });
    const email = typeof a.recipient.email === "string" ? a.recipient.email : undefined;
    issued[name] = {
      uid: badge.uid,
      credential: badge.credential as Record<string, unknown>,
      ...(badge.key ? { key: badge.key } : {}),
      ...(email ? { email } : {}),
      ...(a.recipient.wallet ? { wallet: a.recipient.wallet as Address } : {}),
    };
  };
  await one("wallet", award(base, { email: "ada@example.org", wallet: wallet(5) }));
  await one("email", award(base, { email: "alan@example.org" }));
  await one("sealed", award(base, { email: "grace@example.org", name: "Grace Hopper" }), { publish: true });
  const inAnHour = new Date(Math.ceil((Date.now() + 3_600_000) / 1000) * 1000);
  await one("expiring", award(base, { email: "ida@example.org" }, { validUntil: inAnHour }), { expiresAt: inAnHour });
  await one("revoked", award(base, { email: "eve@example.org" }));
  // A claim URL given to a backpack before the revocation: its re-fetch must then say revoked.
  for (const gateway of [ON_PORT, ON_DEFAULT_PORT]) revokedClaims.set(gateway, await claimUrlOf(gateway, issued.revoked!.credential));
  await one("erased", award(base, { email: "mallory@example.org", name: "Mallory" }));
  // Claim URLs made on both gateways while the badge was disclosed; then the issuer erases it.
  for (const gateway of [ON_PORT, ON_DEFAULT_PORT]) erasedClaims.set(gateway, await claimUrlOf(gateway, issued.erased!.credential));
  await eraseBadge(admin, { uid: issued.erased!.uid });
  await revokeBadge(admin, { uid: issued.revoked!.uid, reason: "Exam retaken: grade annulled", code: "misconduct" });

  // Delegated: the issuer's signer signs, another account relays and pays.
  const statusIndex = await readNextStatusIndex(admin, classId);
  const delegated = await prepareBadge({ ...award(base, { email: "margaret@example.org" }), statusIndex }, signingKey);
  const request = await signIssueRequest(
    admin,
    admin.wallet,
    { classId, statusIndex, credentialHash: delegated.credentialHash },
    BigInt(Math.floor(Date.now() / 1000) + 3600),
  );
  await issueDelegated({ ...admin, wallet: chain.wallets[7]! }, request);
  issued.delegated = { uid: delegated.uid, credential: delegated.credential as Record<string, unknown>, email: "margaret@example.org" };

  const [array] = await bulk(base, "batch", "email,wallet,name\nbarbara@example.org,,Barbara Liskov\n");
  issued.array = array!;
  const merkle = await bulk(base, "merkle", `email,wallet\nradia@example.org,\n,${wallet(9)}\n`);
  issued.merkle = merkle[0]!;
  issued.merkleWallet = { ...merkle[1]!, wallet: wallet(9) };
  const head = await chain.publicClient.getBlock();
  validatorNow = new Date(Math.max(Date.now(), Number(head.timestamp) * 1000 + 1000));
}, 300_000);

afterAll(async () => {
  for (const gw of gateways.values()) await gw.close();
  await chain?.stop();
  if (summaries.length) {
    const lines = summaries.map(
      (s) =>
        `${s.gateway.padEnd(28)} ${s.artefact.padEnd(34)} ${`${s.passed}/${s.total}`.padStart(7)}${s.failed.length ? `  ✗ ${s.failed.join("; ")}` : ""}`,
    );
    console.log(`openbadges-validator-core rules, passed/total per artefact:\n${lines.join("\n")}`);
  }
});

describe.each([ON_PORT, ON_DEFAULT_PORT])("validator-core's rules on the gateway at %s", (base) => {
  const rules = async (artefact: string, url: string, recipientProfile?: { email?: string[]; url?: string[] }, now?: Date) => {
    const log = new RuleLog(artefact);
    await checkHostedAssertion(fetcher, url, log, { ...(recipientProfile ? { recipientProfile } : {}), now: now ?? validatorNow });
    record(base, log);
    return log;
  };

  it("a wallet badge's plain URL: every rule, the wallet as an https url identity the profile names", async () => {
    const { uid } = issued.wallet!;
    const identity = ob2RecipientUrl(base, chain.chainId, wallet(5));
    const log = await rules("plain URL (wallet)", ob2AssertionUrl(base, chain.chainId, uid), { url: [identity] });
    expect(failedRules(log)).toEqual([]);
    expect(log.results.length).toBeGreaterThan(40);
    // The identity resolves: a Profile naming the wallet's did:pkh.
    const profile = await fetcher(identity);
    expect(profile.status).toBe(200);
    expect(JSON.parse(profile.body.toString()).description).toContain(`did:pkh:eip155:${chain.chainId}:${wallet(5)}`);
  });

  it("claim URLs: an e-mail backpack matches the recipient for a single, delegated, array and Merkle-batched badge", async () => {
    for (const name of ["email", "delegated", "array", "merkle"]) {
      const badge = issued[name]!;
      const claim = await claimUrlOf(base, badge.credential);
      expect(claim.length).toBeLessThanOrEqual(CLAIM_URL_MAX_LENGTH);
      const log = await rules(`claim URL (${name})`, claim, { email: [badge.email!] });
      expect(failedRules(log), name).toEqual([]);
      // Another address is not this badge's recipient.
      const other = new RuleLog("claim URL, another e-mail");
      await checkHostedAssertion(fetcher, claim, other, { recipientProfile: { email: ["mallory@example.org"] }, now: validatorNow });
      expect(failedRules(other)).toEqual(["Recipient profile: email matches the assertion's recipient"]);
    }
  });

  it("a keyed URL (badge published encrypted) passes with the e-mail profile, like its claim URL", async () => {
    const { uid, key, email } = issued.sealed!;
    const log = await rules("keyed URL", ob2KeyedAssertionUrl(base, chain.chainId, uid, key!), { email: [email!] });
    expect(failedRules(log)).toEqual([]);
  });

  it("a Merkle-batched wallet badge's plain URL (?batch=) passes", async () => {
    const { uid, batchId } = issued.merkleWallet!;
    const identity = ob2RecipientUrl(base, chain.chainId, wallet(9));
    const log = await rules("plain URL (Merkle, ?batch=)", ob2AssertionUrl(base, chain.chainId, uid, batchId), { url: [identity] });
    expect(failedRules(log)).toEqual([]);
  });

  it("an e-mail-only badge's plain URL has no recipient (the chain knows none): only 'recipient required' fails", async () => {
    const log = await rules("plain URL (e-mail only)", ob2AssertionUrl(base, chain.chainId, issued.email!.uid));
    expect(failedRules(log)).toEqual(["Assertion: recipient (required)"]);
  });

  it("an expired badge fails 'not expired' alone once its expiry has passed", async () => {
    const { credential, email } = issued.expiring!;
    const claim = await claimUrlOf(base, credential);
    const later = new Date(Date.now() + 2 * 3_600_000);
    const log = await rules("claim URL (expired)", claim, { email: [email!] }, later);
    expect(failedRules(log)).toEqual(["Assertion: not expired"]);
  });

  it("a revoked badge answers 410 with the spec's body at its plain URL, and cannot be claimed", async () => {
    const url = ob2AssertionUrl(base, chain.chainId, issued.revoked!.uid);
    const log = new RuleLog("revoked (plain URL)");
    await checkRevokedAnswer(fetcher, url, log);
    record(base, log);
    expect(failedRules(log)).toEqual([]);
    const claimLog = new RuleLog("revoked (claim URL made before)");
    await checkRevokedAnswer(fetcher, revokedClaims.get(base)!, claimLog);
    record(base, claimLog);
    expect(failedRules(claimLog)).toEqual([]);
    const res = await gateways.get(base)!.inject({
      method: "POST",
      url: `/ob2/claims/${chain.chainId}`,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(issued.revoked!.credential),
    });
    expect(res.statusCode).toBe(410);
    expect(res.json().message).toMatch(/revoked/);
  });

  it("an erased badge's claim URL, made before the erasure, answers 410 with nothing about the learner", async () => {
    const claim = erasedClaims.get(base)!;
    const res = await fetcher(claim);
    expect(res.status).toBe(410);
    const body = JSON.parse(res.body.toString());
    expect(body).toMatchObject({ id: claim, revoked: true });
    expect(JSON.stringify(body)).not.toMatch(/sha256\$|mallory|Mallory/);
  });

  it("a page on any origin may ask for a claim URL (text/plain: a CORS simple request, answered with allow-origin *)", async () => {
    const res = await gateways.get(base)!.inject({
      method: "POST",
      url: `/ob2/claims/${chain.chainId}`,
      headers: { "content-type": "text/plain;charset=UTF-8", origin: "https://app.elsewhere.example" },
      payload: JSON.stringify(issued.array!.credential),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.json().claimUrl).toMatch(
      new RegExp(`^${base.replace(/[.]/g, "\\.")}/ob2/assertions/${chain.chainId}/${issued.array!.uid}/claim/`),
    );
    const wrong = await gateways.get(base)!.inject({
      method: "POST",
      url: `/ob2/claims/${chain.chainId}`,
      headers: { "content-type": "text/plain" },
      payload: JSON.stringify({ ...issued.array!.credential, name: "Another badge" }),
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().message).toMatch(/the credential was changed, or it was never issued here/);
    const walletOnly = await gateways.get(base)!.inject({
      method: "POST",
      url: `/ob2/claims/${chain.chainId}`,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(issued.merkleWallet!.credential),
    });
    expect(walletOnly.statusCode).toBe(422);
  });

  it("baked SVG: the bakery finds the assertion JSON in one CDATA section, and it passes every rule", async () => {
    const { uid } = issued.wallet!;
    const identity = ob2RecipientUrl(base, chain.chainId, wallet(5));
    const svg = await fetcher(ob2AssertionImageUrl(base, chain.chainId, uid, "svg"));
    expect(svg.contentType).toMatch(/^image\/svg\+xml/);
    const log = new RuleLog("baked SVG (plain)");
    const url = await checkBaked(fetcher, unbakeSvg(svg.body.toString("utf8"), log), log, {
      recipientProfile: { url: [identity] },
      now: validatorNow,
    });
    record(base, log);
    expect(url).toBe(ob2AssertionUrl(base, chain.chainId, uid));
    expect(failedRules(log)).toEqual([]);

    const { uid: sealedUid, key, email } = issued.sealed!;
    const keyedSvg = await fetcher(ob2AssertionImageUrl(base, chain.chainId, sealedUid, "svg", key));
    const keyedLog = new RuleLog("baked SVG (keyed)");
    await checkBaked(fetcher, unbakeSvg(keyedSvg.body.toString("utf8"), keyedLog), keyedLog, {
      recipientProfile: { email: [email!] },
      now: validatorNow,
    });
    record(base, keyedLog);
    expect(failedRules(keyedLog)).toEqual([]);
  });

  it("baked PNG: the iTXt openbadges chunk names the hosted URL, which passes every rule", async () => {
    const { uid } = issued.wallet!;
    const png = await fetcher(ob2AssertionImageUrl(base, chain.chainId, uid, "png"));
    expect(png.contentType).toBe("image/png");
    const log = new RuleLog("baked PNG (plain)");
    const identity = ob2RecipientUrl(base, chain.chainId, wallet(5));
    await checkBaked(fetcher, unbakePng(png.body, log), log, { recipientProfile: { url: [identity] }, now: validatorNow });
    record(base, log);
    expect(failedRules(log)).toEqual([]);
  });

  it("the sdk's verifier: a claim URL of a Merkle-batched badge is valid, its recipient named as vouched for by the gateway", async () => {
    const claim = await claimUrlOf(base, issued.merkle!.credential);
    const options = {
      publicClient: chain.publicClient,
      fetch: gatewayFetch(gateways.get(base)!, base),
      registries: { [chain.chainId]: { address: chain.registry, deployedOnBlock: chain.deployedOnBlock } },
      now: validatorNow,
      allowPrivateHosts: true,
    };
    const report = await verifyBadge(claim, { ...options, expectedRecipient: { email: issued.merkle!.email! } });
    expect(report.verdict, JSON.stringify(report.steps)).toBe("valid");
    expect(report.steps.find((s) => s.id === "proof")?.message).toMatch(/vouched for by that gateway/);
    expect(report.steps.find((s) => s.id === "recipient")).toMatchObject({ status: "passed" });
    const other = await verifyBadge(claim, { ...options, expectedRecipient: { email: "mallory@example.org" } });
    expect(other.steps.find((s) => s.id === "recipient")).toMatchObject({ status: "failed" });
    // A wallet badge's plain URL still names its wallet for the recipient step (an https url identity now).
    const wallet5 = await verifyBadge(ob2AssertionUrl(base, chain.chainId, issued.wallet!.uid), {
      ...options,
      expectedRecipient: { wallet: wallet(5) },
    });
    expect(
      wallet5.steps.find((s) => s.id === "recipient"),
      JSON.stringify(wallet5.steps),
    ).toMatchObject({ status: "passed" });
  });

  it("a claim URL that is altered, or made for another badge, is refused (403)", async () => {
    const claim = await claimUrlOf(base, issued.email!.credential);
    const token = claim.slice(claim.lastIndexOf("/") + 1);
    const gw = gateways.get(base)!;
    const path = (uid: string, t: string) => `/ob2/assertions/${chain.chainId}/${uid}/claim/${t}`;
    const flipped = `${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    expect((await gw.inject({ method: "GET", url: path(issued.email!.uid, flipped) })).statusCode).toBe(403);
    const elsewhere = await gw.inject({ method: "GET", url: path(issued.delegated!.uid, token) });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().message).toMatch(/not made by this gateway for this badge/);
  });
});
