// The verifier's trust root and what it binds to the chain, against real contracts on a Hardhat
// node: a cloned BadgeRegistry on the same chain with an issuer named like the demo university
// (JSON, baked PNG and SVG, share link → "untrusted-registry" unless the user trusts it), OB 2.0
// hosted assertions served from loopback hosts (a copy on another host is refused before it is
// fetched; a served recipient the chain does not record is "invalid"), and an impostor's name.

import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { freePort, ROOT, startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer, type TestIssuer } from "@chancery/testing/issuer";
import { concat, idat, iend, ihdr, SIGNATURE } from "@chancery/testing/png";
import { getAddress, type Hex, type PublicClient } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorBadge, anchorMerkleBatch, prepareBadge } from "../src/award/index.ts";
import { bakePng } from "../src/baking/png.ts";
import { bakeSvg } from "../src/baking/svg.ts";
import { accreditIssuer, type IssuerOnChain, revokeBadge, updateIssuerProfile, type WriteContext } from "../src/chain/index.ts";
import { buildRegisteredIssuerProfile } from "../src/documents/ob3.ts";
import { locateBadge } from "../src/hosted/chain.ts";
import { buildHostedAssertion, buildHostedAssertionFromCredential } from "../src/hosted/views.ts";
import { recipientDid } from "../src/ids.ts";
import { signCredential } from "../src/proofs/dataIntegrity.ts";
import { ob2AssertionUrl, ob2KeyedAssertionUrl, ob2RecipientUrl } from "../src/urls.ts";
import { parseTrustedRegistry, trustedRegistries, type VerificationReport, verifyBadge } from "../src/verify/index.ts";
import { allowedOriginsOf, hostAllowed } from "../src/verify/steps/hosted.ts";

const UNIVERSITY = "Université Exemple";
const APP = "https://app.example.org";

let chain: TestChain;
let client: PublicClient;
let university: TestIssuer;
let clone: TestChain;
let forger: TestIssuer;

const png = () => concat(SIGNATURE, ihdr(), idat(), iend());
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
const stepOf = (report: VerificationReport, id: string) => report.steps.find((s) => s.id === id);
const trusted = () => [{ chainId: 31337, registry: chain.registry }];
const learner = () => getAddress(chain.wallets[5].account!.address);

/** The same compiled BadgeRegistry deployed again on the same chain, by an attacker's wallet (its admin and authority). */
async function deployClone(walletIndex: number): Promise<TestChain> {
  const artifact = JSON.parse(readFileSync(join(ROOT, "artifacts", "contracts", "BadgeRegistry.sol", "BadgeRegistry.json"), "utf8"));
  const wallet = chain.wallets[walletIndex];
  const account = wallet.account!;
  const hash = await wallet.deployContract({
    abi: artifact.abi,
    bytecode: artifact.bytecode,
    args: [account.address, account.address],
    account,
    chain: wallet.chain,
  });
  const receipt = await client.waitForTransactionReceipt({ hash });
  return { ...chain, registry: getAddress(receipt.contractAddress!), deployedOnBlock: receipt.blockNumber };
}

beforeAll(async () => {
  chain = await startTestChain();
  client = chain.publicClient;
  university = await setUpIssuer(chain, { name: UNIVERSITY });
  await accreditIssuer({ client, registry: chain.registry, wallet: chain.wallets[0] }, university.issuerId);
  clone = await deployClone(7);
  // The attacker registers under the university's name on its own registry (and accredits itself there).
  forger = await setUpIssuer(clone, { walletIndex: 8, name: UNIVERSITY });
  await accreditIssuer({ client, registry: clone.registry, wallet: chain.wallets[7] }, forger.issuerId);
}, 180_000);

afterAll(async () => {
  await chain?.stop();
});

describe("the trust root", () => {
  it("says untrusted-registry for a cloned registry's badge as JSON, baked PNG, SVG and share link, naming registry and chain", async () => {
    const badge = await prepareBadge(forger.award(), forger.signingKey);
    const anchored = await anchorBadge(forger.admin, badge, { classId: forger.classId, publish: { appBase: APP } });
    const inputs: [string, unknown][] = [
      ["JSON", JSON.stringify(badge.credential)],
      ["PNG", bakePng(png(), JSON.stringify(badge.credential), "ob3")],
      ["SVG", new TextEncoder().encode(bakeSvg(svg, JSON.stringify(badge.credential), "ob3"))],
      ["share link", anchored.shareLink],
    ];
    for (const [kind, input] of inputs) {
      const report = await verifyBadge(input as string, { publicClient: client, trust: trusted() });
      expect(report.verdict, kind).toBe("untrusted-registry");
      expect(stepOf(report, "anchor"), kind).toMatchObject({ status: "failed" });
      const message = stepOf(report, "anchor")?.message ?? "";
      expect(message, kind).toContain(clone.registry);
      expect(message, kind).toMatch(/chain 31337.*not one this verifier knows.*--trust 31337:0x/);
      // Its issuer's standing (accredited, on its own registry) is never presented.
      expect(report.issuer, kind).toBeUndefined();
      expect(report.trust, kind).toBeUndefined();
      expect(stepOf(report, "issuer")?.status, kind).toBe("skipped");
    }
  });

  it("still checks the proof of an untrusted registry's credential: altered is invalid", async () => {
    const badge = await prepareBadge(forger.award(), forger.signingKey);
    await anchorBadge(forger.admin, badge, { classId: forger.classId });
    const genuine = await verifyBadge(badge.credential, { publicClient: client });
    expect(genuine.verdict).toBe("untrusted-registry");
    expect(stepOf(genuine, "proof")).toMatchObject({ status: "warning", message: expect.stringMatching(/does not trust/) });
    const altered = { ...badge.credential, name: "Doctorate (honoris causa)" };
    const report = await verifyBadge(altered, { publicClient: client });
    expect(report.verdict).toBe("invalid");
    expect(stepOf(report, "proof")?.status).toBe("failed");
    expect(stepOf(report, "anchor")?.message).toContain(clone.registry);
  });

  it("verifies the same registry once the user trusts it, and reports who answered", async () => {
    const badge = await prepareBadge(forger.award(), forger.signingKey);
    const anchored = await anchorBadge(forger.admin, badge, { classId: forger.classId, publish: { appBase: APP } });
    const trust = [...trusted(), { chainId: 31337, registry: clone.registry, label: "Partner consortium" }];
    for (const input of [badge.credential, anchored.shareLink!]) {
      const report = await verifyBadge(input, { publicClient: client, trust });
      expect(report.verdict).toBe("valid");
      expect(report.trust).toEqual({ chainId: 31337, registry: clone.registry, source: "user", label: "Partner consortium" });
      expect(report.issuer).toEqual({ id: forger.issuerId, name: UNIVERSITY, standing: "accredited" });
    }
  });

  it("says untrusted-registry for a hosted URL of a chain with no trusted registry", async () => {
    const url = ob2AssertionUrl("https://badges.example.org", 31337, `0x${"ab".repeat(32)}`);
    const report = await verifyBadge(url, { publicClient: client });
    expect(report.verdict).toBe("untrusted-registry");
    expect(stepOf(report, "anchor")?.message).toMatch(/chain 31337.*--trust 31337:<registry address>/);
  });
});

describe("issuer standing", () => {
  it("reports an accredited issuer's standing, and flags a self-declared issuer using an accredited one's name", async () => {
    const real = await prepareBadge(university.award(), university.signingKey);
    await anchorBadge(university.admin, real, { classId: university.classId });
    const report = await verifyBadge(real.credential, { publicClient: client, trust: trusted() });
    expect(report.verdict).toBe("valid");
    expect(report.trust).toEqual({ chainId: 31337, registry: chain.registry, source: "user" });
    expect(report.issuer).toEqual({ id: university.issuerId, name: UNIVERSITY, standing: "accredited" });

    // On the real registry, a newcomer registers with a look-alike spelling of the same name.
    for (const [walletIndex, name] of [
      [2, UNIVERSITY],
      [3, "UNIVERSITÉ  exemple!"],
      [6, "Université-Exemple."],
    ] as const) {
      const impostor = await setUpIssuer(chain, { walletIndex, name });
      const badge = await prepareBadge(impostor.award(), impostor.signingKey);
      await anchorBadge(impostor.admin, badge, { classId: impostor.classId });
      const flagged = await verifyBadge(badge.credential, { publicClient: client, trust: trusted() });
      expect(flagged.issuer).toEqual({
        id: impostor.issuerId,
        name,
        standing: "self-declared",
        sameNameAs: { id: university.issuerId, name: UNIVERSITY },
      });
      expect(stepOf(flagged, "issuer")).toMatchObject({
        status: "warning",
        message: expect.stringContaining(
          `The name '${name}' is used by accredited issuer #${university.issuerId}; this is issuer #${impostor.issuerId}, self-declared`,
        ),
      });
    }

    // A name with nothing left once normalised is no accredited issuer's: not an "error".
    const symbols = await setUpIssuer(chain, { walletIndex: 9, name: "★ ★ ★" });
    const starred = await prepareBadge(symbols.award(), symbols.signingKey);
    await anchorBadge(symbols.admin, starred, { classId: symbols.classId });
    const noName = await verifyBadge(starred.credential, { publicClient: client, trust: trusted() });
    expect(noName.verdict).toBe("valid");
    expect(noName.issuer).toEqual({ id: symbols.issuerId, name: "★ ★ ★", standing: "self-declared" });

    const plain = await setUpIssuer(chain, { walletIndex: 4, name: "Atelier Numérique" });
    const badge = await prepareBadge(plain.award(), plain.signingKey);
    await anchorBadge(plain.admin, badge, { classId: plain.classId });
    const selfDeclared = await verifyBadge(badge.credential, { publicClient: client, trust: trusted() });
    expect(selfDeclared.issuer).toEqual({ id: plain.issuerId, name: "Atelier Numérique", standing: "self-declared" });
    expect(stepOf(selfDeclared, "issuer")).toMatchObject({
      status: "warning",
      message: expect.stringMatching(/no registry authority vouches/),
    });
  });
});

describe("bound to the chain", () => {
  it("refuses a credential whose expiry is not the one anchored", async () => {
    const soon = new Date(Date.now() + 3_600_000);
    const badge = await prepareBadge(university.award({ validUntil: soon }), university.signingKey);
    await anchorBadge(university.admin, badge, { classId: university.classId, expiresAt: new Date(soon.getTime() + 86_400_000) });
    const report = await verifyBadge(badge.credential, { publicClient: client, trust: trusted() });
    expect(report.verdict).toBe("invalid");
    expect(stepOf(report, "validity")?.message).toMatch(/chain records expiry .* but the credential carries expiry/);
  });

  it("refuses a recipient did:pkh that is not a wallet, saying why", async () => {
    const badge = await prepareBadge(university.award(), university.signingKey);
    const { proof: _proof, ...unsigned } = badge.credential;
    const odd = await signCredential(
      {
        ...unsigned,
        credentialSubject: {
          ...(unsigned.credentialSubject as object),
          id: "did:pkh:solana:4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZ:7S3P4HxJpyyigGzodYwHtCxZyUQe9JiBMHyRWXArAaKv",
        },
      },
      { secretKey: university.signingKey.secretKey },
    );
    const report = await verifyBadge(odd, { publicClient: client, trust: trusted() });
    expect(report.verdict).toBe("invalid");
    expect(stepOf(report, "anchor")).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/not a wallet this registry can record/),
    });
  });
});

// ------------------------------------------------------------------ OB 2.0 hosted on loopback hosts

const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

type Host = { server: Server; port: number; base: string; hits: string[]; documents: Map<string, unknown> };

/** A document host on loopback, named `hostName` in its base (a host name allows all its ports). */
async function startHost(hostName = "127.0.0.1"): Promise<Host> {
  const port = await freePort();
  const hits: string[] = [];
  const documents = new Map<string, unknown>();
  const server = createServer((request, response) => {
    hits.push(request.url ?? "");
    const document = documents.get(request.url ?? ""); // path and query
    const gone = isJsonObject(document) && document.revoked === true;
    response.writeHead(document ? (gone ? 410 : 200) : 404, { "content-type": "application/ld+json" });
    response.end(document ? JSON.stringify(document) : "{}");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { server, port, base: `http://${hostName}:${port}`, hits, documents };
}

describe("OB 2.0 hosted assertions", () => {
  let gateway: Host;
  let attacker: Host;
  let uid: Hex;
  const options = () => ({ publicClient: client, trust: trusted(), allowPrivateHosts: true });

  beforeAll(async () => {
    gateway = await startHost();
    // Another host name: allowedOrigins names hosts, and a host name allows every port of it.
    attacker = await startHost("localhost");
    // The university's on-chain profile names the one host allowed to serve its badges (in the
    // old host:port form, which still counts as its host name).
    await updateIssuerProfile(university.admin as WriteContext, university.issuerId, {
      type: "Profile",
      name: UNIVERSITY,
      verification: { allowedOrigins: [`127.0.0.1:${gateway.port}`] },
    });
    const badge = await prepareBadge(university.award(), university.signingKey);
    await anchorBadge(university.admin, badge, { classId: university.classId });
    uid = badge.uid;
    const located = await locateBadge({ client, registry: chain.registry }, uid);
    const served = (base: string) => buildHostedAssertion({ gatewayBase: base, chainId: 31337, badge: located! });
    gateway.documents.set(new URL(ob2AssertionUrl(gateway.base, 31337, uid)).pathname, served(gateway.base));
    attacker.documents.set(new URL(ob2AssertionUrl(attacker.base, 31337, uid)).pathname, served(attacker.base));
  }, 60_000);

  afterAll(() => {
    gateway?.server.close();
    attacker?.server.close();
  });

  it("verifies the assertion served by the host the issuer's on-chain profile allows", async () => {
    const report = await verifyBadge(ob2AssertionUrl(gateway.base, 31337, uid), options());
    expect(report.verdict).toBe("valid");
    expect(report.format).toBe("ob2-hosted");
    expect(report.trust).toMatchObject({ chainId: 31337, registry: chain.registry });
    expect(report.issuer).toMatchObject({ id: university.issuerId, standing: "accredited" });
    // The wallet as an https url identity (backpacks refuse a did:pkh there).
    expect((report.credential as { recipient?: { identity?: string } }).recipient?.identity).toBe(
      ob2RecipientUrl(gateway.base, 31337, learner()),
    );
  });

  it("refuses a copy on an attacker's host without fetching it: as a URL, baked in a PNG or in an SVG's verify=", async () => {
    const before = attacker.hits.length;
    const url = ob2AssertionUrl(attacker.base, 31337, uid);
    const inputs: [string, unknown][] = [
      ["URL", url],
      ["PNG", bakePng(png(), url, "ob2")],
      ["SVG", new TextEncoder().encode(bakeSvg(svg, url, "ob2"))],
    ];
    for (const [kind, input] of inputs) {
      const report = await verifyBadge(input as string, options());
      expect(report.verdict, kind).toBe("invalid");
      expect(stepOf(report, "proof")?.message, kind).toMatch(new RegExp(`served by localhost:${attacker.port}.*does not allow`));
    }
    expect(attacker.hits.length).toBe(before);
  });

  it("says invalid when the allowed host serves another recipient than the chain records", async () => {
    const path = new URL(ob2AssertionUrl(gateway.base, 31337, uid)).pathname;
    const genuine = gateway.documents.get(path) as Record<string, unknown>;
    const attackerWallet = getAddress(chain.wallets[9].account!.address);
    gateway.documents.set(path, { ...genuine, recipient: { type: "url", hashed: false, identity: recipientDid(31337, attackerWallet) } });
    try {
      const report = await verifyBadge(ob2AssertionUrl(gateway.base, 31337, uid), options());
      expect(report.verdict).toBe("invalid");
      expect(stepOf(report, "proof")?.message).toMatch(/recipient .* not what the chain records/);
      // The holder's JSON copy with the recipient changed, naming the real URL, is refused too.
      const given = await verifyBadge(
        { ...genuine, recipient: { type: "url", hashed: false, identity: recipientDid(31337, attackerWallet) } },
        options(),
      );
      expect(given.verdict).toBe("invalid");
    } finally {
      gateway.documents.set(path, genuine);
    }
  });

  it("finds a batched badge through the batch its URL names (?batch=), and refuses another batch", async () => {
    const { badges, batchId } = await anchorMerkleBatch(university.admin, {
      classId: university.classId,
      signingKey: university.signingKey,
      awards: [university.award(), university.award({ recipient: { email: "grace@example.org" } })],
    });
    const batched = badges[0]!.uid;
    const located = await locateBadge({ client, registry: chain.registry }, batched, { batchId });
    const url = ob2AssertionUrl(gateway.base, 31337, batched, batchId);
    gateway.documents.set(
      url.slice(gateway.base.length),
      buildHostedAssertion({ gatewayBase: gateway.base, chainId: 31337, badge: located!, id: url }),
    );
    const report = await verifyBadge(url, options());
    expect(report.verdict).toBe("valid");
    expect(report.anchor).toMatchObject({ uid: batched, batchId });
    const elsewhere = await verifyBadge(ob2AssertionUrl(gateway.base, 31337, batched, `0x${"cd".repeat(32)}`), options());
    expect(elsewhere.verdict).toBe("invalid");
    expect(stepOf(elsewhere, "anchor")?.message).toMatch(/no registry this verifier trusts there records it/);
  });

  it("says revoked with the issuer's words when the chain records it, and when only the issuer's host answers 410 Gone", async () => {
    const badge = await prepareBadge(university.award(), university.signingKey);
    await anchorBadge(university.admin, badge, { classId: university.classId });
    const url = ob2AssertionUrl(gateway.base, 31337, badge.uid);
    gateway.documents.set(url.slice(gateway.base.length), { id: url, revoked: true, revocationReason: "Withdrawn by the host" });
    const hostOnly = await verifyBadge(url, options());
    expect(hostOnly.verdict).toBe("revoked");
    expect(stepOf(hostOnly, "status")?.message).toMatch(/Withdrawn by the host/);
    await revokeBadge(university.admin, { uid: badge.uid, reason: "Exam retaken", code: "misconduct" });
    const onChain = await verifyBadge(url, options());
    expect(onChain.verdict).toBe("revoked");
    expect(stepOf(onChain, "status")?.message).toMatch(/misconduct.*Exam retaken/);
  });

  it("allows the gateway of a profile built with buildRegisteredIssuerProfile, and the operator's own origins", async () => {
    const deployment = { chainId: 31337, registry: chain.registry };
    const listed = { type: "Profile", name: UNIVERSITY, verification: { allowedOrigins: [`127.0.0.1:${gateway.port}`] } };
    const profile = buildRegisteredIssuerProfile(
      { issuerId: university.issuerId, name: UNIVERSITY, url: "https://univ.example" },
      gateway.base,
      deployment,
    );
    expect(profile.verification).toEqual({ allowedOrigins: ["127.0.0.1"] });
    // An issuer that lists no host at all: only the operator's own gateway may serve its badges.
    await updateIssuerProfile(university.admin, university.issuerId, { type: "Profile", name: UNIVERSITY });
    try {
      const unlisted = await verifyBadge(ob2AssertionUrl(gateway.base, 31337, uid), options());
      expect(unlisted.verdict).toBe("invalid");
      expect(stepOf(unlisted, "proof")?.message).toMatch(/lists no host allowed to serve its badges/);
      const operator = await verifyBadge(ob2AssertionUrl(gateway.base, 31337, uid), { ...options(), trustedOrigins: [gateway.base] });
      expect(operator.verdict).toBe("valid");
      await updateIssuerProfile(university.admin, university.issuerId, profile);
      expect((await verifyBadge(ob2AssertionUrl(gateway.base, 31337, uid), options())).verdict).toBe("valid");
      expect((await verifyBadge(ob2AssertionUrl(attacker.base, 31337, uid), options())).verdict).toBe("invalid");
    } finally {
      await updateIssuerProfile(university.admin, university.issuerId, listed);
    }
  });

  it("opens the credential of a keyed URL and compares the hosted copy with it", async () => {
    const badge = await prepareBadge(
      university.award({ evidence: [{ id: "https://univ.example/exams/42", name: "Practical exam" }] }),
      university.signingKey,
    );
    const anchored = await anchorBadge(university.admin, badge, { classId: university.classId, publish: { appBase: APP } });
    const url = ob2KeyedAssertionUrl(gateway.base, 31337, badge.uid, anchored.key!);
    const path = new URL(url).pathname;
    const faithful = buildHostedAssertionFromCredential(badge.credential, {
      gatewayBase: gateway.base,
      chainId: 31337,
      uid: badge.uid,
      classId: university.classId,
      id: url,
    });
    gateway.documents.set(path, faithful);
    const report = await verifyBadge(url, options());
    expect(report.verdict).toBe("valid");
    expect(report.credential).toEqual(badge.credential);
    expect(stepOf(report, "proof")?.message).toMatch(/eddsa-rdfc-2022/);

    gateway.documents.set(path, { ...faithful, evidence: [{ id: "https://attacker.example/fake", name: "Thesis with honours" }] });
    const altered = await verifyBadge(url, options());
    expect(altered.verdict).toBe("invalid");
    expect(stepOf(altered, "proof")?.message).toMatch(/evidence of the assertion hosted at .* not what the chain records/);
  });
});

describe("trust and origin rules", () => {
  const A = "0x00000000000000000000000000000000000000a1";
  const B = "0x00000000000000000000000000000000000000b2";

  it("reads --trust chainId:address[:label], and refuses anything else with a clear message", () => {
    expect(parseTrustedRegistry(`11155111:${A}`)).toEqual({ chainId: 11155111, registry: getAddress(A) });
    expect(parseTrustedRegistry(` 10 : ${B} : Partner consortium `)).toEqual({
      chainId: 10,
      registry: getAddress(B),
      label: "Partner consortium",
    });
    for (const bad of [
      "",
      A,
      "10:0x1234",
      "zero:0x00000000000000000000000000000000000000a1",
      "0:0x00000000000000000000000000000000000000a1",
    ])
      expect(() => parseTrustedRegistry(bad)).toThrow(/not a registry to trust|positive chain id/);
  });

  it("lists the user's registries as source user, each once", () => {
    const list = trustedRegistries({
      registries: { 10: { address: A as Hex } },
      trust: [
        { chainId: 10, registry: A as Hex, label: "again" },
        { chainId: 8453, registry: B as Hex, label: "Base partner" },
      ],
    });
    const users = list.filter((entry) => entry.source === "user");
    expect(users.map(({ chainId, registry, label }) => ({ chainId, registry, label }))).toEqual([
      { chainId: 10, registry: getAddress(A), label: undefined },
      { chainId: 8453, registry: getAddress(B), label: "Base partner" },
    ]);
  });

  it("compares host names case-insensitively, on any port (an old host:port entry counts as its host)", () => {
    expect(hostAllowed("https://Badges.Example.org/ob2/a", ["badges.example.org"])).toBe(true);
    expect(hostAllowed("https://badges.example.org:8443/ob2/a", ["badges.example.org"])).toBe(true);
    expect(hostAllowed("https://badges.example.org:8443/ob2/a", ["badges.example.org:443"])).toBe(true);
    expect(hostAllowed("https://badges.example.org/ob2/a", ["BADGES.example.org:443"])).toBe(true);
    expect(hostAllowed("http://127.0.0.1:8787/ob2/a", ["127.0.0.1:8788"])).toBe(true);
    expect(hostAllowed("http://localhost:8787/ob2/a", ["127.0.0.1"])).toBe(false);
    expect(hostAllowed("https://badges.example.org/ob2/a", ["https://badges.example.org/ob3/issuers/1"])).toBe(true);
    expect(hostAllowed("https://badges.example.org/ob2/a", ["badges.example.org/path", "user@badges.example.org"])).toBe(false);
    expect(hostAllowed("https://badges.example.org.evil.example/ob2/a", ["badges.example.org"])).toBe(false);
    expect(hostAllowed("not a url", ["badges.example.org"])).toBe(false);
  });

  it("takes the issuer id's host as the default when the on-chain profile has no allowedOrigins, as validator-core does", () => {
    const issuerWith = (profile: unknown) => ({ issuerId: 1, profile }) as unknown as IssuerOnChain;
    expect(allowedOriginsOf(issuerWith({ id: "http://gw.example:8787/ob3/issuers/31337/0xab/1" }))).toEqual(["gw.example"]);
    expect(allowedOriginsOf(issuerWith({ id: "http://gw.example/x", verification: { allowedOrigins: [] } }))).toEqual([]);
    expect(allowedOriginsOf(issuerWith({ verification: { allowedOrigins: ["A.example:8443", "a.example", 7] } }))).toEqual(["a.example"]);
    expect(allowedOriginsOf(issuerWith({ id: "urn:uuid:1" }))).toEqual([]);
  });
});
