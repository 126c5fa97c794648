// The gateway against a real Hardhat node: every route, every error code, caching by block, the
// keyed "100 % on chain" URL (and that its key never reaches the log), RPC down and back.
import { Writable } from "node:stream";
import { type AnchoredBadge, anchorBadge, anchorMerkleBatch, type PreparedBadge, prepareBadge } from "@chancery/sdk/award";
import { extractFromPng, extractFromSvg } from "@chancery/sdk/baking";
import {
  addIssuerKey,
  createBadgeClass,
  deriveIssuerSigningKey,
  eraseBadge,
  readAssertionStatus,
  registerIssuer,
  revokeBadge,
  type WriteContext,
  writeRegistry,
} from "@chancery/sdk/chain";
import type { AwardInput } from "@chancery/sdk/documents";
import { buildOb3Achievement, buildOb3IssuerProfile, emailMatches, validateOb2 } from "@chancery/sdk/documents";
import { badgeArtPng, badgeArtSvg, toDataUri } from "@chancery/sdk/hosted";
import { parseShareLink } from "@chancery/sdk/links";
import type { Ed25519SigningKey } from "@chancery/sdk/proofs";
import { verifyCredentialProof } from "@chancery/sdk/proofs";
import { verifyBadge } from "@chancery/sdk/verify";
import { type Hex, keccak256, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway, type Gateway } from "../src/app.ts";
import { type Chain, gatewayFetch, type RpcProxy, startChain, startRpcProxy } from "./helpers.ts";

const BASE = "https://badges.test";
const APP = "https://app.test";
let chain: Chain;
let admin: WriteContext;
let issuerId: number;
let pngClass: number;
let svgClass: number;
let plainClass: number;
let signingKey: Ed25519SigningKey;
let gw: Gateway;
const classPng = badgeArtPng({ initials: "DL", hue: 210, size: 96 });
const classSvg = badgeArtSvg({ initials: "ML", hue: 20, title: "Machine Learning" });

const badges: Record<string, PreparedBadge & Partial<AnchoredBadge>> = {};
let batch: { badges: (PreparedBadge & { proof: Hex[] })[]; batchId: Hex };
/** The test registry, for badges named by a hosted URL (which names only the chain). */
const registries = () => ({ [chain.chainId]: { address: chain.registry, deployedOnBlock: chain.deployedOnBlock } });

function award(classId: number, recipient: AwardInput["recipient"], overrides: Partial<AwardInput> = {}): AwardInput {
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
    gatewayBase: BASE,
    classId,
    ...overrides,
  };
}

// A Hardhat node mining many blocks in one second gives each the next second: after the set-up its
// clock runs some seconds ahead of the wall clock, and the hosted issuedOn (the block's time) with it.
const AFTER_CHAIN_CLOCK = () => new Date(Date.now() + 5 * 60_000);
const get = (url: string, headers: Record<string, string> = {}) => gw.inject({ method: "GET", url, headers });
const path = (url: string) => url.slice(BASE.length);

beforeAll(async () => {
  chain = await startChain();
  admin = { client: chain.publicClient, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock, wallet: chain.wallets[1]! };
  const profile = buildOb3IssuerProfile(
    {
      issuerId: 1,
      name: "Université de Lumière",
      url: "https://lumiere.example",
      email: "registrar@lumiere.example",
      description: "A public university.",
      image: toDataUri("image/svg+xml", badgeArtSvg({ initials: "UL", hue: 260 })),
    },
    BASE,
    { chainId: chain.chainId, registry: chain.registry },
  );
  // The issuer allows the gateway's host to serve its hosted badges (OB 2.0 hosted verification).
  ({ issuerId } = await registerIssuer(admin, { ...profile, verification: { allowedOrigins: [new URL(BASE).host] } }));
  const achievement = (name: string, image?: string) =>
    buildOb3Achievement(
      {
        name,
        description: `${name}: the course's final assessment.`,
        criteria: { narrative: "Passed the exam." },
        tags: ["data"],
        ...(image ? { image } : {}),
      },
      "https://placeholder.example/class",
    );
  ({ classId: pngClass } = await createBadgeClass(admin, issuerId, achievement("Data Literacy", toDataUri("image/png", classPng))));
  ({ classId: svgClass } = await createBadgeClass(admin, issuerId, achievement("Machine Learning", toDataUri("image/svg+xml", classSvg))));
  ({ classId: plainClass } = await createBadgeClass(admin, issuerId, achievement("Ethics")));
  ({ key: signingKey } = await deriveIssuerSigningKey(admin, { issuerId, signer: admin.wallet, chainId: chain.chainId }));
  await addIssuerKey(admin, issuerId, signingKey.publicKeyHex);

  const learner = chain.wallets[5]!.account!.address;
  const issue = async (name: string, a: AwardInput, options: { expiresAt?: Date; publish?: boolean } = {}) => {
    const prepared = await prepareBadge(a, signingKey);
    badges[name] = await anchorBadge(admin, prepared, {
      classId: a.classId!,
      expiresAt: options.expiresAt,
      ...(options.publish ? { publish: { appBase: APP } } : {}),
    });
  };
  await issue("wallet", award(pngClass, { email: "ada@example.org", wallet: learner }));
  await issue("sealed", award(pngClass, { email: "grace@example.org", name: "Grace Hopper" }), { publish: true });
  await issue("emailOnly", award(plainClass, { email: "alan@example.org" }));
  await issue("svg", award(svgClass, { wallet: learner }));
  await issue("revoked", award(pngClass, { email: "eve@example.org", wallet: learner }));
  await issue("erased", award(pngClass, { email: "mallory@example.org", name: "Mallory" }), { publish: true });
  const soon = new Date(Date.now() + 30 * 86_400_000);
  await issue("expiring", award(pngClass, { wallet: learner }, { validUntil: soon }), { expiresAt: soon });
  const merkle = await anchorMerkleBatch(admin, {
    classId: svgClass,
    batchKey: keccak256(toHex("cohort 2026")),
    signingKey,
    awards: [
      award(svgClass, { wallet: learner }),
      award(svgClass, { email: "b@example.org" }),
      award(svgClass, { email: "c@example.org" }),
    ],
  });
  const { batchId } = merkle;
  batch = { badges: merkle.badges, batchId };
  await revokeBadge(admin, { uid: badges.revoked!.uid, reason: "Exam retaken: grade annulled", code: "misconduct" });
  await revokeBadge(admin, { uid: badges.erased!.uid, reason: "Mallory copied the thesis of a classmate", code: "misconduct" });
  await eraseBadge(admin, { uid: badges.erased!.uid });
  await revokeBadge(admin, {
    uid: batch.badges[2]!.uid,
    reason: "Issued to the wrong cohort",
    code: "issued-in-error",
    batch: { batchId, proof: batch.badges[2]!.proof },
  });

  gw = await buildGateway({
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    registry: chain.registry,
    deployedOnBlock: chain.deployedOnBlock,
    publicBaseUrl: BASE,
    appUrl: APP,
    blockPollMs: 0,
  });
}, 240_000);

afterAll(async () => {
  await gw?.close();
  await chain?.stop();
});

const assertionUrl = (uid: string) => `/ob2/assertions/${chain.chainId}/${uid}`;

describe("health and index", () => {
  it("GET /healthz reports the chain, its latest block and the registry's code", async () => {
    const res = await get("/healthz");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: "ok",
      chainId: chain.chainId,
      configuredChainId: chain.chainId,
      registry: chain.registry,
      registryHasCode: true,
    });
    expect(body.latestBlock).toBe(Number(await chain.publicClient.getBlockNumber()));
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("GET /healthz says degraded (503) when no contract sits at the registry address", async () => {
    const other = await buildGateway({
      rpcUrl: chain.rpcUrl,
      chainId: chain.chainId,
      registry: "0x000000000000000000000000000000000000dEaD",
      publicBaseUrl: BASE,
    });
    const res = await other.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: "degraded", registryHasCode: false });
    expect(res.json().problem).toMatch(/No contract code/);
    await other.close();
  });

  it("GET / lists the routes", async () => {
    const res = await get("/");
    expect(res.statusCode).toBe(200);
    expect(res.json().routes).toContain("GET /ob2/assertions/{chainId}/{uid}[.png|.svg][?batch={batchId}]");
  });
});

describe("OB 2.0 hosted Assertion", () => {
  it("serves a wallet badge as valid OB 2.0 JSON-LD with CORS, cache headers and the wallet as an https url identity", async () => {
    const uid = badges.wallet!.uid;
    const res = await get(assertionUrl(uid));
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/ld+json; charset=utf-8");
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["cache-control"]).toBe("public, max-age=10");
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(res.headers["x-chain-block"]).toMatch(/^\d+$/);
    expect(res.headers.vary).toMatch(/Accept/);
    const body = res.json();
    expect(validateOb2(body)).toEqual([]);
    expect(body).toMatchObject({
      "@context": "https://w3id.org/openbadges/v2",
      type: "Assertion",
      id: `${BASE}${assertionUrl(uid)}`,
      uid,
      badge: `${BASE}/ob2/badges/${chain.chainId}/${pngClass}`,
      verification: { type: "hosted" },
      recipient: { type: "url", hashed: false, identity: `${BASE}/ob2/recipients/${chain.chainId}/${chain.wallets[5]!.account!.address}` },
      image: `${BASE}${assertionUrl(uid)}.png`,
    });
    expect(Date.parse(body.issuedOn)).toBeGreaterThan(Date.now() - 3_600_000);
    expect(body.expires).toBeUndefined();
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await get(assertionUrl(badges.wallet!.uid));
    const again = await get(assertionUrl(badges.wallet!.uid), { "if-none-match": first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("carries the on-chain expiry", async () => {
    const body = (await get(assertionUrl(badges.expiring!.uid))).json();
    expect(Date.parse(body.expires)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it("serves a badge known by e-mail only without a recipient: the chain does not know the e-mail", async () => {
    const res = await get(assertionUrl(badges.emailOnly!.uid));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.recipient).toBeUndefined();
    expect(body.badge).toBe(`${BASE}/ob2/badges/${chain.chainId}/${plainClass}`);
    expect(res.body).not.toMatch(/alan/);
  });

  it("finds a badge inside a Merkle batch from its uid alone", async () => {
    const res = await get(assertionUrl(batch.badges[0]!.uid));
    expect(res.statusCode).toBe(200);
    expect(res.json().badge).toBe(`${BASE}/ob2/badges/${chain.chainId}/${svgClass}`);
    const revoked = await get(assertionUrl(batch.badges[2]!.uid));
    expect(revoked.statusCode).toBe(410);
    expect(revoked.json().revocationReason).toBe("Issued to the wrong cohort");
  });

  it("answers a revoked badge with HTTP 410 and the spec's revoked body", async () => {
    const uid = badges.revoked!.uid;
    const res = await get(assertionUrl(uid));
    expect(res.statusCode).toBe(410);
    expect(res.headers["content-type"]).toBe("application/ld+json; charset=utf-8");
    expect(res.json()).toEqual({
      "@context": "https://w3id.org/openbadges/v2",
      id: `${BASE}${assertionUrl(uid)}`,
      revoked: true,
      revocationReason: "Exam retaken: grade annulled",
    });
  });

  it("answers an erased badge with 410 and nothing about the learner, not even the issuer's words", async () => {
    const uid = badges.erased!.uid;
    const res = await get(assertionUrl(uid));
    expect(res.statusCode).toBe(410);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(["@context", "id", "revocationReason", "revoked"]);
    expect(res.body).not.toMatch(/Mallory|thesis|mallory/);
    const keyed = await get(`${assertionUrl(uid)}/${badges.erased!.key}`);
    expect(keyed.statusCode).toBe(410);
    expect(keyed.body).not.toMatch(/Mallory|mallory|thesis/);
    expect(keyed.body).not.toContain(badges.erased!.key!);
  });

  it("passes the sdk verifier's hosted verification for a badge of a Merkle batch, and says revoked for a revoked URL", async () => {
    // badges[0] of the batch has a wallet: the plain hosted assertion then names its recipient.
    const batched = await verifyBadge(`${BASE}${assertionUrl(batch.badges[0]!.uid)}`, {
      publicClient: chain.publicClient,
      fetch: gatewayFetch(gw, BASE),
      registries: registries(),
      now: AFTER_CHAIN_CLOCK(),
    });
    expect(batched.verdict, JSON.stringify(batched.steps)).toBe("valid");
    expect(batched.anchor?.batchId).toBe(batch.batchId);
    const revoked = await verifyBadge(`${BASE}${assertionUrl(badges.revoked!.uid)}`, {
      publicClient: chain.publicClient,
      fetch: gatewayFetch(gw, BASE),
      registries: registries(),
    });
    expect(revoked.verdict).toBe("revoked");
    expect(revoked.steps.find((s) => s.id === "status")?.message).toMatch(/Exam retaken: grade annulled/);
  });

  it("passes the sdk verifier's hosted verification end to end (fetching only from the gateway)", async () => {
    const report = await verifyBadge(`${BASE}${assertionUrl(badges.wallet!.uid)}`, {
      publicClient: chain.publicClient,
      fetch: gatewayFetch(gw, BASE),
      registries: registries(),
      now: AFTER_CHAIN_CLOCK(),
    });
    expect(report.format).toBe("ob2-hosted");
    expect(report.verdict, JSON.stringify(report.steps)).toBe("valid");
    // A backpack's copy of an assertion that has since been revoked: re-fetching its id answers 410.
    const copy = {
      ...(await get(assertionUrl(badges.wallet!.uid))).json(),
      id: `${BASE}${assertionUrl(badges.revoked!.uid)}`,
      uid: badges.revoked!.uid,
      // Kept from before the revocation: the day the chain recorded it.
      issuedOn: new Date((await readAssertionStatus(admin, { uid: badges.revoked!.uid as Hex })).issuedAt * 1000)
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
    };
    const revoked = await verifyBadge(copy, { publicClient: chain.publicClient, fetch: gatewayFetch(gw, BASE), registries: registries() });
    expect(revoked.verdict, JSON.stringify(revoked.steps)).toBe("revoked");
    expect(revoked.steps.find((s) => s.id === "status")?.message).toMatch(/Exam retaken: grade annulled/);
  });

  it("redirects browsers asking for HTML to the app's verify page (with the batch for a batched badge)", async () => {
    const html = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
    const res = await get(assertionUrl(badges.wallet!.uid), html);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`${APP}/verify/${chain.chainId}/${chain.registry}/${badges.wallet!.uid}`);
    const batched = await get(assertionUrl(batch.badges[1]!.uid), html);
    expect(parseShareLink(batched.headers.location as string)).toMatchObject({ uid: batch.badges[1]!.uid, batchId: batch.batchId });
    // curl (*/*) and backpacks (JSON-LD) get the document.
    expect((await get(assertionUrl(badges.wallet!.uid), { accept: "*/*" })).statusCode).toBe(200);
    expect((await get(assertionUrl(badges.wallet!.uid), { accept: "application/ld+json, application/json" })).statusCode).toBe(200);
  });

  it("answers HEAD and CORS preflights", async () => {
    const head = await gw.inject({ method: "HEAD", url: assertionUrl(badges.wallet!.uid) });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
    const preflight = await gw.inject({
      method: "OPTIONS",
      url: assertionUrl(badges.wallet!.uid),
      headers: { origin: "https://backpack.example", "access-control-request-method": "GET" },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("*");
    expect(preflight.headers["access-control-allow-methods"]).toMatch(/GET/);
  });
});

describe("baked images", () => {
  it("bakes the hosted URL into the class's own PNG", async () => {
    const uid = badges.wallet!.uid;
    const res = await get(`${assertionUrl(uid)}.png`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    const png = new Uint8Array(res.rawPayload);
    expect(extractFromPng(png)).toMatchObject({ kind: "ob2", payload: `${BASE}${assertionUrl(uid)}` });
    // The class image's pixels are kept: its IDAT chunk is in the baked file.
    expect(Buffer.from(png).includes(Buffer.from(classPng.subarray(33, 80)))).toBe(true);
    const report = await verifyBadge(png, {
      publicClient: chain.publicClient,
      fetch: gatewayFetch(gw, BASE),
      registries: registries(),
      now: AFTER_CHAIN_CLOCK(),
    });
    expect(report.verdict).toBe("valid");
  });

  it("bakes into the class's own SVG, served so that it runs nothing", async () => {
    const res = await get(`${assertionUrl(badges.svg!.uid)}.svg`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(extractFromSvg(res.body)).toMatchObject({ kind: "ob2" });
    expect(res.body).toContain("<title>Machine Learning</title>");
  });

  it("draws a default image for a class without one, in both formats", async () => {
    const png = await get(`${assertionUrl(badges.emailOnly!.uid)}.png`);
    expect(png.statusCode).toBe(200);
    expect(extractFromPng(new Uint8Array(png.rawPayload)).payload).toBe(`${BASE}${assertionUrl(badges.emailOnly!.uid)}`);
    const svg = await get(`${assertionUrl(badges.emailOnly!.uid)}.svg`);
    // SVG: the hosted assertion's JSON in CDATA (the spec's form), its URL in verify.
    const baked = extractFromSvg(svg.body);
    expect(baked.verify).toBe(`${BASE}${assertionUrl(badges.emailOnly!.uid)}`);
    expect(JSON.parse(baked.payload)).toEqual((await get(assertionUrl(badges.emailOnly!.uid))).json());
  });

  it("answers 410 for the images of revoked and erased badges", async () => {
    expect((await get(`${assertionUrl(badges.revoked!.uid)}.png`)).statusCode).toBe(410);
    expect((await get(`${assertionUrl(badges.erased!.uid)}.svg`)).statusCode).toBe(410);
  });
});

describe("the keyed URL of a badge published encrypted", () => {
  it("serves the complete assertion: the credential's e-mail hash and salt, under the keyed id", async () => {
    const { uid, key } = badges.sealed!;
    const url = `${assertionUrl(uid)}/${key}`;
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("private, no-store");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    const body = res.json();
    expect(validateOb2(body)).toEqual([]);
    expect(body.id).toBe(`${BASE}${url}`);
    expect(body.recipient.type).toBe("email");
    expect(emailMatches("grace@example.org", body.recipient.identity, body.recipient.salt)).toBe(true);
    expect(body.image).toBe(`${BASE}${url}.png`);
    // The OB 3.0 credential's salt and hash are the same.
    const identifier = (badges.sealed!.credential.credentialSubject as { identifier: { identityHash: string; salt: string }[] })
      .identifier[0]!;
    expect(body.recipient).toMatchObject({ identity: identifier.identityHash, salt: identifier.salt });
    const report = await verifyBadge(`${BASE}${url}`, {
      publicClient: chain.publicClient,
      fetch: gatewayFetch(gw, BASE),
      registries: registries(),
      expectedRecipient: { email: "grace@example.org" },
    });
    expect(report.steps.find((s) => s.id === "proof")?.status, JSON.stringify(report.steps)).toBe("passed");
    expect(report.steps.find((s) => s.id === "recipient")?.status).toBe("passed");
    expect(report.steps.find((s) => s.id === "anchor")?.status).toBe("passed");
  });

  it("bakes the keyed URL into PNG and SVG", async () => {
    const { uid, key } = badges.sealed!;
    const png = await get(`${assertionUrl(uid)}/${key}.png`);
    expect(png.statusCode).toBe(200);
    expect(extractFromPng(new Uint8Array(png.rawPayload)).payload).toBe(`${BASE}${assertionUrl(uid)}/${key}`);
    const svg = await get(`${assertionUrl(uid)}/${key}.svg`);
    expect(svg.statusCode).toBe(200);
  });

  it("redirects a browser to the app's share link with the key in the fragment", async () => {
    const { uid, key } = badges.sealed!;
    const res = await get(`${assertionUrl(uid)}/${key}`, { accept: "text/html" });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(badges.sealed!.shareLink!.replace(APP, APP));
  });

  it("refuses a wrong key (403), a malformed key (400) and a badge that was not published (404)", async () => {
    const wrong = await get(`${assertionUrl(badges.sealed!.uid)}/${"A".repeat(43)}`);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toBe("wrong-key");
    expect((await get(`${assertionUrl(badges.sealed!.uid)}/not-a-key`)).statusCode).toBe(400);
    const unpublished = await get(`${assertionUrl(badges.wallet!.uid)}/${badges.sealed!.key}`);
    expect(unpublished.statusCode).toBe(404);
  });

  it("never writes the key to the log", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildGateway(
      {
        rpcUrl: chain.rpcUrl,
        chainId: chain.chainId,
        registry: chain.registry,
        publicBaseUrl: BASE,
        appUrl: APP,
        blockPollMs: 0,
        logLevel: "debug",
      },
      { logStream: stream },
    );
    const { uid, key } = badges.sealed!;
    const urls = [
      `${assertionUrl(uid)}/${key}`,
      `${assertionUrl(uid)}/${key}.png`,
      `${assertionUrl(uid)}/${key}?utm=x`,
      `/OB2/Assertions/${chain.chainId}/${uid}/${key}`,
      `${assertionUrl(uid)}%2F${key}`,
      `${assertionUrl(uid)}/${key}/extra`,
    ];
    const statuses = [];
    for (const url of urls) statuses.push((await logged.inject({ method: "GET", url })).statusCode);
    statuses.push(
      (await logged.inject({ method: "GET", url: `${assertionUrl(uid)}/${key}`, headers: { accept: "text/html" } })).statusCode,
    );
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.at(-1)).toBe(302);
    await logged.close();
    const log = lines.join("");
    expect(lines.length).toBeGreaterThanOrEqual(urls.length + 1);
    expect(log).toContain("[redacted]");
    expect(log).not.toContain(key!);
    expect(log).not.toContain(key!.slice(0, 20));
  });
});

describe("OB 2.0 BadgeClass, Issuer and RevocationList", () => {
  it("serves the BadgeClass with the gateway's class image URL", async () => {
    const res = await get(`/ob2/badges/${chain.chainId}/${pngClass}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(validateOb2(body)).toEqual([]);
    expect(body).toMatchObject({
      type: "BadgeClass",
      id: `${BASE}/ob2/badges/${chain.chainId}/${pngClass}`,
      name: "Data Literacy",
      image: `${BASE}/ob2/badges/${chain.chainId}/${pngClass}/image`,
      issuer: `${BASE}/ob2/issuers/${chain.chainId}/${issuerId}`,
      tags: ["data"],
      criteria: { narrative: "Passed the exam." },
    });
  });

  it("serves class images: the class's PNG as is, its SVG with a safe policy, a drawn one otherwise", async () => {
    const png = await get(`/ob2/badges/${chain.chainId}/${pngClass}/image`);
    expect(png.headers["content-type"]).toBe("image/png");
    expect(Buffer.compare(png.rawPayload, Buffer.from(classPng))).toBe(0);
    const svg = await get(`/ob2/badges/${chain.chainId}/${svgClass}/image`);
    expect(svg.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(svg.body).toBe(classSvg);
    const drawn = await get(`/ob2/badges/${chain.chainId}/${plainClass}/image`);
    expect(drawn.headers["content-type"]).toBe("image/png");
    expect(drawn.rawPayload.subarray(1, 4).toString()).toBe("PNG");
  });

  it("serves the issuer Profile allowing the gateway's origin", async () => {
    const res = await get(`/ob2/issuers/${chain.chainId}/${issuerId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(validateOb2(body)).toEqual([]);
    expect(body).toMatchObject({
      type: "Issuer",
      name: "Université de Lumière",
      url: "https://lumiere.example",
      email: "registrar@lumiere.example",
      verification: { allowedOrigins: ["badges.test"] },
      revocationList: `${BASE}/ob2/issuers/${chain.chainId}/${issuerId}/revocations`,
    });
  });

  it("lists the issuer's revoked badges (erased ones without the issuer's words)", async () => {
    const res = await get(`/ob2/issuers/${chain.chainId}/${issuerId}/revocations`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.type).toBe("RevocationList");
    const byUid = Object.fromEntries(body.revokedAssertions.map((e: { uid: string }) => [e.uid, e]));
    expect(Object.keys(byUid).sort()).toEqual([badges.revoked!.uid, badges.erased!.uid, batch.badges[2]!.uid].sort());
    expect(byUid[badges.revoked!.uid]).toEqual({
      id: `${BASE}${assertionUrl(badges.revoked!.uid)}`,
      uid: badges.revoked!.uid,
      revocationReason: "Exam retaken: grade annulled",
    });
    expect(res.body).not.toMatch(/Mallory|thesis/);
    expect(byUid[badges.erased!.uid].revocationReason).toBe("Revoked by the issuer (misconduct).");
  });
});

describe("OB 3.0 issuer document and status list", () => {
  it("serves the issuer's Profile + controller document listing its on-chain Ed25519 key", async () => {
    const res = await get(`/ob3/issuers/${chain.chainId}/${chain.registry}/${issuerId}`);
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const id = `${BASE}/ob3/issuers/${chain.chainId}/${chain.registry}/${issuerId}`;
    expect(doc.id).toBe(id);
    expect(doc.type).toEqual(["Profile"]);
    expect(doc.name).toBe("Université de Lumière");
    // The key twice: its own document's URL (what proofs name now), and the fragment older badges name.
    const keyUrl = `${BASE}/ob3/keys/${chain.chainId}/${chain.registry}/${issuerId}/${signingKey.publicKeyMultibase}`;
    const method = { type: "Multikey", controller: id, publicKeyMultibase: signingKey.publicKeyMultibase };
    expect(doc.verificationMethod).toEqual([
      expect.objectContaining({ id: keyUrl, ...method }),
      expect.objectContaining({ id: `${id}#${signingKey.publicKeyMultibase}`, ...method }),
    ]);
    expect(doc.assertionMethod).toEqual([keyUrl, `${id}#${signingKey.publicKeyMultibase}`]);
    expect(doc["@context"][0]).toBe("https://www.w3.org/ns/did/v1");
    // A standard Data Integrity verifier resolving the proof's verification method through the gateway.
    const proof = await verifyCredentialProof(badges.wallet!.credential as never, {
      resolveController: async (url: string) => (await get(path(url))).json(),
    });
    expect(proof).toMatchObject({ verified: true, verificationMethod: keyUrl, publicKeyHex: signingKey.publicKeyHex });
  });

  it("serves each registered key as its own Multikey document at the URL proofs name, 404 for any other key", async () => {
    const keyPath = `/ob3/keys/${chain.chainId}/${chain.registry}/${issuerId}/${signingKey.publicKeyMultibase}`;
    const res = await get(keyPath);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/ld\+json/);
    expect(res.headers.etag).toBeTruthy();
    expect(res.json()).toEqual({
      "@context": "https://w3id.org/security/multikey/v1",
      id: `${BASE}${keyPath}`,
      type: "Multikey",
      controller: `${BASE}/ob3/issuers/${chain.chainId}/${chain.registry}/${issuerId}`,
      publicKeyMultibase: signingKey.publicKeyMultibase,
    });
    const proofs = [badges.wallet!, batch.badges[0]!].map(
      (b) => (b.credential.proof as { verificationMethod: string }[])[0]?.verificationMethod,
    );
    expect(proofs).toEqual([`${BASE}${keyPath}`, `${BASE}${keyPath}`]);
    // Another well-formed key, one of an unknown issuer, and a malformed one.
    const stranger = "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
    const unknown = await get(`/ob3/keys/${chain.chainId}/${chain.registry}/${issuerId}/${stranger}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(new RegExp(`Issuer #${issuerId} has never registered the key ${stranger}`));
    expect((await get(`/ob3/keys/${chain.chainId}/${chain.registry}/999/${signingKey.publicKeyMultibase}`)).statusCode).toBe(404);
    expect((await get(`/ob3/keys/${chain.chainId}/${chain.registry}/${issuerId}/z6Mk0OIl`)).statusCode).toBe(400);
  });

  it("serves the 1EdTech revocation list at the credentials' status URL, for the issuer and for one batch", async () => {
    const statusId = (badges.revoked!.credential.credentialStatus as { id: string }).id;
    expect(statusId).toBe(`${BASE}/ob3/status/${chain.chainId}/${chain.registry}/${issuerId}`);
    const res = await get(path(statusId));
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list).toMatchObject({
      id: statusId,
      type: "1EdTechRevocationList",
      issuer: `${BASE}/ob3/issuers/${chain.chainId}/${chain.registry}/${issuerId}`,
    });
    expect(list.revokedCredential.map((e: { uid: string }) => e.uid).sort()).toEqual(
      [badges.revoked!.uid, badges.erased!.uid, batch.badges[2]!.uid].sort(),
    );
    // Standard OB 3.0 verifiers match on the credential's own id, which names its uid.
    expect(list.revokedCredential.map((e: { id: string }) => e.id)).toContain(badges.revoked!.credential.id);
    // A batch's badges name its BitstringStatusList now; its 1EdTech list stays served for older ones.
    const batchStatus = `${statusId}/${batch.batchId}`;
    const inBatch = (await get(path(batchStatus))).json();
    expect(inBatch.revokedCredential).toEqual([
      expect.objectContaining({ uid: batch.badges[2]!.uid, revocationReason: "Issued to the wrong cohort" }),
    ]);
    expect((await get(`${path(statusId)}/${keccak256(toHex("no such batch"))}`)).statusCode).toBe(404);
  });
});

describe("errors", () => {
  const cases: [string, string, number, RegExp][] = [
    ["a short uid", "/ob2/assertions/31337/0x1234", 400, /64 hex digits/],
    ["an upper-case uid", `/ob2/assertions/31337/0x${"AB".repeat(32)}`, 400, /lower-case/],
    ["a zero uid", `/ob2/assertions/31337/0x${"0".repeat(64)}`, 400, /zero/],
    ["a non-numeric chain", "/ob2/assertions/abc/0x12", 400, /chain id/],
    ["another chain", `/ob2/assertions/1/0x${"1".repeat(64)}`, 404, /serves chain 31337 only/],
    ["an unknown uid", `/ob2/assertions/31337/0x${"1".repeat(64)}`, 404, /No badge/],
    ["a class id 0", "/ob2/badges/31337/0", 400, /integer between 1/],
    ["a class id above uint32", "/ob2/badges/31337/4294967296", 400, /integer between 1/],
    ["an unknown class", "/ob2/badges/31337/999", 404, /No badge class #999/],
    ["an unknown class image", "/ob2/badges/31337/999/image", 404, /No badge class #999/],
    ["an issuer id with letters", "/ob2/issuers/31337/x1", 400, /issuer id/],
    ["an unknown issuer", "/ob2/issuers/31337/77", 404, /No issuer #77/],
    ["the revocations of an unknown issuer", "/ob2/issuers/31337/77/revocations", 404, /No issuer #77/],
    ["a malformed batch id", "/ob3/status/31337/REG/1/0x12", 400, /batch id/],
    ["an unknown route", "/ob2/nothing", 404, /Nothing is served/],
  ];
  for (const [name, url, status, message] of cases) {
    it(`answers ${status} with a JSON error for ${name}`, async () => {
      const res = await get(url.replace("REG", chain.registry));
      expect(res.statusCode).toBe(status);
      expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(res.json()).toMatchObject({ status, error: expect.any(String), message: expect.stringMatching(message) });
    });
  }

  it("answers 404 for another registry and 400 for a registry not in EIP-55 form", async () => {
    expect((await get(`/ob3/issuers/31337/0x000000000000000000000000000000000000dEaD/1`)).statusCode).toBe(404);
    const lower = await get(`/ob3/issuers/31337/${chain.registry.toLowerCase()}/1`);
    expect(lower.statusCode).toBe(400);
    expect(lower.json().message).toContain(chain.registry);
    expect((await get(`/ob3/status/31337/0x1234/1`)).statusCode).toBe(400);
  });
});

describe("cache by block", () => {
  it("serves repeated requests from memory while the block stays, and sees a revocation in the next block", async () => {
    const proxy: RpcProxy = await startRpcProxy(chain.rpcUrl);
    const cached = await buildGateway({
      rpcUrl: proxy.url,
      chainId: chain.chainId,
      registry: chain.registry,
      deployedOnBlock: chain.deployedOnBlock,
      publicBaseUrl: BASE,
      blockPollMs: 60_000,
    });
    try {
      const uid = badges.expiring!.uid;
      const first = await cached.inject({ method: "GET", url: assertionUrl(uid) });
      expect(first.statusCode).toBe(200);
      const afterFirst = proxy.requests();
      for (let i = 0; i < 50; i++)
        expect((await cached.inject({ method: "GET", url: assertionUrl(uid) })).headers.etag).toBe(first.headers.etag);
      expect(proxy.requests()).toBe(afterFirst);

      // A gateway that asks for the head block on every request recomputes once the block moves.
      const live = await buildGateway({
        rpcUrl: proxy.url,
        chainId: chain.chainId,
        registry: chain.registry,
        deployedOnBlock: chain.deployedOnBlock,
        publicBaseUrl: BASE,
        blockPollMs: 0,
      });
      const before = await live.inject({ method: "GET", url: assertionUrl(uid) });
      expect(before.statusCode).toBe(200);
      const steady = proxy.requests();
      await live.inject({ method: "GET", url: assertionUrl(uid) });
      expect(proxy.requests() - steady).toBe(1); // the head block only
      await revokeBadge(admin, { uid, reason: "Certificate withdrawn", code: "withdrawn" });
      const after = await live.inject({ method: "GET", url: assertionUrl(uid) });
      expect(after.statusCode).toBe(410);
      expect(Number(after.headers["x-chain-block"])).toBeGreaterThan(Number(before.headers["x-chain-block"]));
      await live.close();
    } finally {
      await cached.close();
      await proxy.close();
    }
  });
});

describe("RPC down", () => {
  it("answers 503 while the RPC is down and serves again once it is back", async () => {
    const proxy = await startRpcProxy(chain.rpcUrl);
    const flaky = await buildGateway({
      rpcUrl: proxy.url,
      chainId: chain.chainId,
      registry: chain.registry,
      deployedOnBlock: chain.deployedOnBlock,
      publicBaseUrl: BASE,
      blockPollMs: 0,
      rpcTimeoutMs: 2000,
    });
    try {
      const url = assertionUrl(badges.wallet!.uid);
      expect((await flaky.inject({ method: "GET", url })).statusCode).toBe(200);
      proxy.setUp(false);
      for (const u of [
        url,
        `/ob2/badges/31337/${pngClass}`,
        `/ob2/issuers/31337/${issuerId}/revocations`,
        `/ob3/issuers/31337/${chain.registry}/${issuerId}`,
        `/ob3/keys/31337/${chain.registry}/${issuerId}/${signingKey.publicKeyMultibase}`,
      ]) {
        const down = await flaky.inject({ method: "GET", url: u });
        expect(down.statusCode).toBe(503);
        expect(down.headers["cache-control"]).toBe("no-store");
        expect(down.json()).toMatchObject({ error: "chain-unavailable", status: 503 });
      }
      const health = await flaky.inject({ method: "GET", url: "/healthz" });
      expect(health.statusCode).toBe(503);
      expect(health.json().status).toBe("down");
      proxy.setUp(true);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await flaky.inject({ method: "GET", url })).statusCode).toBe(200);
      expect((await flaky.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it("answers 503 when the RPC serves another chain than configured", async () => {
    const wrong = await buildGateway({ rpcUrl: chain.rpcUrl, chainId: 8453, registry: chain.registry, publicBaseUrl: BASE });
    const res = await wrong.inject({ method: "GET", url: `/ob2/assertions/8453/${badges.wallet!.uid}` });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toMatch(/serves chain 31337.*configured for chain 8453/);
    await wrong.close();
  });
});

describe("a real listening server", () => {
  it("answers over loopback HTTP like in memory", async () => {
    const server = await buildGateway({
      rpcUrl: chain.rpcUrl,
      chainId: chain.chainId,
      registry: chain.registry,
      publicBaseUrl: BASE,
      port: 0,
    });
    await server.listen({ port: 0, host: "127.0.0.1" });
    try {
      const { port } = server.server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}${assertionUrl(badges.wallet!.uid)}`);
      expect(res.status).toBe(200);
      expect((await res.json()).uid).toBe(badges.wallet!.uid);
      await writeRegistry(admin, "retireBadgeClass", [plainClass]);
      expect((await fetch(`http://127.0.0.1:${port}/ob2/badges/${chain.chainId}/${plainClass}`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
