// The gateway under hostile traffic, against a real Hardhat node through a JSON-RPC proxy that
// counts every call: O(1) calls for an unknown, malformed or batched uid (the batch named by
// `?batch=`), caches keyed by Accept and key form that random uids cannot flush, a uid anchored
// twice answered for the anchor its URL names, 429 + Retry-After per client IP, and slow clients
// cut off.
import { connect } from "node:net";
import { type AnchoredBadge, anchorBadge, anchorMerkleBatch, type PreparedBadge, prepareBadge } from "@chancery/sdk/award";
import {
  addIssuerKey,
  createBadgeClass,
  deriveIssuerSigningKey,
  registerIssuer,
  revokeBadge,
  type WriteContext,
} from "@chancery/sdk/chain";
import type { AwardInput } from "@chancery/sdk/documents";
import { buildOb3Achievement, buildOb3IssuerProfile } from "@chancery/sdk/documents";
import type { Ed25519SigningKey } from "@chancery/sdk/proofs";
import { type Hex, keccak256, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway, type Gateway } from "../src/app.ts";
import type { GatewayConfig } from "../src/config.ts";
import { type Chain, type RpcProxy, startChain, startRpcProxy } from "./helpers.ts";

const BASE = "https://badges.test";
const APP = "https://app.test";
let chain: Chain;
let proxy: RpcProxy;
let admin: WriteContext;
let issuerId: number;
let classId: number;
let signingKey: Ed25519SigningKey;
let single: AnchoredBadge;
let sealed: AnchoredBadge;
let batch: { badges: (PreparedBadge & { proof: Hex[] })[]; batchId: Hex };
/** A badge of a second batch that was also anchored on its own; its batch copy is revoked. */
let twice: { uid: Hex; batchId: Hex };
const gateways: Gateway[] = [];

const randomUid = () => toHex(crypto.getRandomValues(new Uint8Array(32)));
const url = (uid: string, batchId?: string) => `/ob2/assertions/${chain.chainId}/${uid}${batchId ? `?batch=${batchId}` : ""}`;

function award(recipient: AwardInput["recipient"]): AwardInput {
  return {
    issuer: { issuerId, name: "Hardened University", url: "https://hardened.example" },
    achievement: { name: "Resilience", description: "Stands a flood.", criteria: { narrative: "Survived." } },
    recipient,
    validFrom: new Date(Date.now() - 60_000),
    deployment: { chainId: chain.chainId, registry: chain.registry },
    gatewayBase: BASE,
    classId,
  };
}

/** A gateway reading the chain through the counting proxy; the head block is asked once a minute. */
async function gateway(overrides: Partial<GatewayConfig> = {}): Promise<Gateway> {
  const gw = await buildGateway({
    rpcUrl: proxy.url,
    chainId: chain.chainId,
    registry: chain.registry,
    deployedOnBlock: chain.deployedOnBlock,
    publicBaseUrl: BASE,
    appUrl: APP,
    blockPollMs: 60_000,
    rateLimitPerSecond: 0,
    ...overrides,
  });
  gateways.push(gw);
  return gw;
}

/**
 * Starts the batch index with an old-style URL of an unknown uid (503 "indexing" with Retry-After
 * while the index is being built) and waits until /healthz says it covers the head block.
 */
async function builtIndex(gw: Gateway): Promise<void> {
  const first = await gw.inject({ method: "GET", url: url(randomUid()) });
  if (first.statusCode === 503) {
    expect(first.json().error).toBe("indexing");
    expect(first.headers["retry-after"]).toBe("5");
  } else expect(first.statusCode).toBe(404);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const health = (await gw.inject({ method: "GET", url: "/healthz" })).json();
    if (health.batchIndex?.scannedTo !== null && health.batchIndex.scannedTo >= health.latestBlock) return;
    if (Date.now() > deadline) throw new Error("the batch index was not built in 2 minutes");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The RPC calls `work` makes through the proxy, by method. */
async function callsOf(work: () => Promise<unknown>): Promise<{ total: number; methods: Record<string, number> }> {
  const before = proxy.methods();
  const total = proxy.requests();
  await work();
  const after = proxy.methods();
  const methods: Record<string, number> = {};
  for (const [m, n] of Object.entries(after)) if (n !== (before[m] ?? 0)) methods[m] = n - (before[m] ?? 0);
  return { total: proxy.requests() - total, methods };
}

beforeAll(async () => {
  chain = await startChain();
  proxy = await startRpcProxy(chain.rpcUrl, { maxLogRange: 2000 });
  admin = { client: chain.publicClient, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock, wallet: chain.wallets[1]! };
  const profile = buildOb3IssuerProfile({ issuerId: 1, name: "Hardened University", url: "https://hardened.example" }, BASE, {
    chainId: chain.chainId,
    registry: chain.registry,
  });
  ({ issuerId } = await registerIssuer(admin, profile));
  ({ classId } = await createBadgeClass(
    admin,
    issuerId,
    buildOb3Achievement(
      { name: "Resilience", description: "Stands a flood.", criteria: { narrative: "Survived." } },
      "https://x.example/c",
    ),
  ));
  ({ key: signingKey } = await deriveIssuerSigningKey(admin, { issuerId, signer: admin.wallet, chainId: chain.chainId }));
  await addIssuerKey(admin, issuerId, signingKey.publicKeyHex);
  const learner = chain.wallets[5]!.account!.address;
  single = await anchorBadge(admin, await prepareBadge(award({ wallet: learner }), signingKey), { classId });
  sealed = await anchorBadge(admin, await prepareBadge(award({ email: "grace@example.org", name: "Grace" }), signingKey), {
    classId,
    publish: { appBase: APP },
  });
  const merkle = await anchorMerkleBatch(admin, {
    classId,
    batchKey: keccak256(toHex("flood cohort")),
    signingKey,
    awards: [award({ wallet: learner }), award({ email: "b@example.org" })],
  });
  batch = { badges: merkle.badges, batchId: merkle.batchId };
  // The same credential recorded twice: in a batch, and again on its own. Its batch copy is revoked.
  const second = await anchorMerkleBatch(admin, {
    classId,
    batchKey: keccak256(toHex("twice")),
    signingKey,
    awards: [award({ email: "twice@example.org" }), award({ email: "other@example.org" })],
  });
  const copy = second.badges[0]!;
  await anchorBadge(admin, copy, { classId });
  await revokeBadge(admin, {
    uid: copy.uid,
    reason: "Issued to the wrong cohort",
    code: "issued-in-error",
    batch: { batchId: second.batchId, proof: copy.proof },
  });
  twice = { uid: copy.uid, batchId: second.batchId };
  // A registry 2,000,000 blocks old: a log scan per request would cost 1,000 calls under a 2,000-block cap.
  await chain.publicClient.request({ method: "hardhat_mine" as never, params: [toHex(2_000_000)] as never });
}, 240_000);

afterAll(async () => {
  for (const gw of gateways) await gw.close();
  await proxy?.close();
  await chain?.stop();
});

describe("RPC calls per request on a registry 2,000,000 blocks old (getLogs capped at 2,000 blocks)", () => {
  it("an unknown uid costs exactly one eth_call, then none at the same block", async () => {
    const gw = await gateway({ batchIndex: false });
    await gw.inject({ method: "GET", url: "/healthz" }); // the chain id check
    await gw.inject({ method: "GET", url: url(single.uid) }); // the head block, once a minute
    const uid = randomUid();
    const first = await callsOf(async () => {
      const res = await gw.inject({ method: "GET", url: url(uid) });
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toMatch(/\?batch=\{batchId\}/);
    });
    expect(first).toEqual({ total: 1, methods: { eth_call: 1 } });
    expect((await callsOf(() => gw.inject({ method: "GET", url: url(uid) }))).total).toBe(0);
    // The HTML variant and the baked image of the same unknown uid share its cached chain read.
    const html = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
    expect((await callsOf(() => gw.inject({ method: "GET", url: url(uid), headers: html }))).total).toBe(0);
    expect((await callsOf(() => gw.inject({ method: "GET", url: `${url(uid)}.png` }))).total).toBe(0);
  });

  it("with the batch index built once, an unknown uid still costs one eth_call (the index is in memory)", async () => {
    const gw = await gateway({ maxLogRange: 2000n });
    await gw.inject({ method: "GET", url: "/healthz" });
    // The first old-style URL of a batched badge starts the index: built once per process, not per request.
    const build = await callsOf(() => builtIndex(gw));
    expect(build.methods.eth_getLogs).toBeGreaterThanOrEqual(1000); // the 2,000,000 blocks, in capped chunks
    expect((await gw.inject({ method: "GET", url: "/healthz" })).json().batchIndex).toMatchObject({ entries: 4, batches: 2 });
    expect((await gw.inject({ method: "GET", url: url(batch.badges[1]!.uid) })).statusCode).toBe(200);
    for (let i = 0; i < 20; i++) {
      const calls = await callsOf(async () => expect((await gw.inject({ method: "GET", url: url(randomUid()) })).statusCode).toBe(404));
      expect(calls).toEqual({ total: 1, methods: { eth_call: 1 } });
    }
    // An old URL of a batched badge: storage (1) + its batch (getBatch, one single-block getLogs, verifyAssertion).
    const old = await callsOf(async () =>
      expect((await gw.inject({ method: "GET", url: url(batch.badges[0]!.uid) })).statusCode).toBe(200),
    );
    expect(old.total).toBeLessThanOrEqual(4);
  });

  it("a malformed uid or batch is refused with 400 and no RPC call", async () => {
    const gw = await gateway();
    await gw.inject({ method: "GET", url: url(single.uid) });
    const bad = [
      `/ob2/assertions/${chain.chainId}/0x1234`,
      `/ob2/assertions/${chain.chainId}/${single.uid.toUpperCase().replace("0X", "0x")}`,
      `/ob2/assertions/${chain.chainId}/0x${"0".repeat(64)}`,
      `/ob2/assertions/${chain.chainId}/${single.uid}?batch=0x12`,
      `/ob2/assertions/${chain.chainId}/${single.uid}.png?batch=${"z".repeat(66)}`,
      `/ob2/assertions/${chain.chainId}/${single.uid}/not-a-key`,
    ];
    for (const path of bad) {
      const calls = await callsOf(async () => {
        const res = await gw.inject({ method: "GET", url: path });
        expect(res.statusCode, path).toBe(400);
        expect(res.json().error).toBe("bad-request");
      });
      expect(calls.total, path).toBe(0);
    }
  });

  it("serves a batched badge at its URL naming the batch, in three calls", async () => {
    const gw = await gateway({ batchIndex: false });
    await gw.inject({ method: "GET", url: url(single.uid) });
    const badge = batch.badges[0]!;
    const calls = await callsOf(async () => {
      const res = await gw.inject({ method: "GET", url: url(badge.uid, batch.batchId) });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      // Hosted verification: the id is the URL it is served at, with its batch.
      expect(body.id).toBe(`${BASE}${url(badge.uid, batch.batchId)}`);
      expect(body.image).toBe(`${BASE}/ob2/assertions/${chain.chainId}/${badge.uid}.png?batch=${batch.batchId}`);
    });
    expect(calls).toEqual({ total: 3, methods: { eth_call: 2, eth_getLogs: 1 } });
    // A uid that is not in the named batch, or a batch that does not exist: 404 in at most two calls.
    const stranger = await callsOf(async () =>
      expect((await gw.inject({ method: "GET", url: url(randomUid(), batch.batchId) })).statusCode).toBe(404),
    );
    expect(stranger.total).toBeLessThanOrEqual(2);
    const noBatch = await callsOf(async () => {
      const res = await gw.inject({ method: "GET", url: url(badge.uid, randomUid()) });
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toMatch(/Merkle batch/);
    });
    expect(noBatch).toEqual({ total: 1, methods: { eth_call: 1 } });
    // Without the index, the old URL of a batched badge says which URL to use.
    const old = await gw.inject({ method: "GET", url: url(badge.uid) });
    expect(old.statusCode).toBe(404);
    expect(old.json().message).toMatch(/\?batch=\{batchId\}/);
    // The batched URL is baked into its image.
    const png = await gw.inject({ method: "GET", url: `/ob2/assertions/${chain.chainId}/${badge.uid}.png?batch=${batch.batchId}` });
    expect(png.statusCode).toBe(200);
    expect(png.rawPayload.includes(Buffer.from(`?batch=${batch.batchId}`))).toBe(true);
  });
});

describe("revocation lists", () => {
  it("scan an issuer's events only for an issuer that exists, once per head block", async () => {
    const gw = await gateway({ maxLogRange: 2000n });
    await gw.inject({ method: "GET", url: url(single.uid) });
    for (const path of [`/ob2/issuers/${chain.chainId}/999999/revocations`, `/ob3/status/${chain.chainId}/${chain.registry}/999999`]) {
      const unknown = await callsOf(async () => expect((await gw.inject({ method: "GET", url: path })).statusCode).toBe(404));
      expect(unknown, path).toEqual({ total: 1, methods: { eth_call: 1 } });
    }
    const stranger = `/ob3/status/${chain.chainId}/${chain.registry}/${issuerId}/${randomUid()}`;
    const noBatch = await callsOf(async () => expect((await gw.inject({ method: "GET", url: stranger })).statusCode).toBe(404));
    // The issuer's record (its profile event at its own block) and the batch that is not there: no scan.
    expect(noBatch.total).toBeLessThanOrEqual(4);
    // The issuer's list: one scan (both event kinds, in capped chunks), then shared by its two documents.
    const list = `/ob2/issuers/${chain.chainId}/${issuerId}/revocations`;
    const scan = await callsOf(async () => expect((await gw.inject({ method: "GET", url: list })).statusCode).toBe(200));
    expect(scan.methods.eth_getLogs).toBeGreaterThanOrEqual(2000);
    const again = await callsOf(async () => {
      expect((await gw.inject({ method: "GET", url: list })).statusCode).toBe(200);
      const status = await gw.inject({ method: "GET", url: `/ob3/status/${chain.chainId}/${chain.registry}/${issuerId}` });
      expect(status.statusCode).toBe(200);
      expect(status.json().revokedCredential.map((r: { uid: string }) => r.uid)).toContain(twice.uid);
    });
    // Only the status document's issuer record (its events at their own blocks): the scan is not repeated.
    expect(again.methods.eth_getLogs ?? 0).toBeLessThanOrEqual(2);
  });
});

describe("caches", () => {
  it("keys answers by Accept: the browser's redirect and the document are both cached, apart", async () => {
    const gw = await gateway({ batchIndex: false });
    const html = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
    const ld = { accept: "application/ld+json" };
    expect((await gw.inject({ method: "GET", url: url(batch.badges[0]!.uid, batch.batchId), headers: ld })).statusCode).toBe(200);
    const first = await gw.inject({ method: "GET", url: url(batch.badges[0]!.uid, batch.batchId), headers: html });
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe(`${APP}/verify/${chain.chainId}/${chain.registry}/${batch.badges[0]!.uid}?batch=${batch.batchId}`);
    const again = await callsOf(async () => {
      expect((await gw.inject({ method: "GET", url: url(batch.badges[0]!.uid, batch.batchId), headers: html })).statusCode).toBe(302);
      const json = await gw.inject({ method: "GET", url: url(batch.badges[0]!.uid, batch.batchId), headers: ld });
      expect(json.statusCode).toBe(200);
      expect(json.headers.vary).toBe("Accept");
    });
    expect(again.total).toBe(0);
  });

  it("a wrong key costs no chain read after the first: the chain part is kept by uid, the decryption is local", async () => {
    const gw = await gateway();
    const wrong = `${"A".repeat(42)}A`;
    const first = await gw.inject({ method: "GET", url: `${url(sealed.uid)}/${wrong}` });
    expect(first.statusCode).toBe(403);
    const repeated = await callsOf(async () => {
      for (let i = 0; i < 10; i++) expect((await gw.inject({ method: "GET", url: `${url(sealed.uid)}/${wrong}` })).statusCode).toBe(403);
      const right = await gw.inject({ method: "GET", url: `${url(sealed.uid)}/${sealed.key}` });
      expect(right.statusCode).toBe(200);
      expect(right.headers["cache-control"]).toBe("private, no-store");
      expect(right.json().recipient.salt).toBeTypeOf("string");
      // The plain form of the same uid: its own cache entry, never the keyed document.
      const plain = await gw.inject({ method: "GET", url: url(sealed.uid) });
      expect(plain.statusCode).toBe(200);
      expect(plain.json().recipient).toBeUndefined();
    });
    expect(repeated.total).toBe(0);
  });

  it("a flood of unknown uids does not evict real answers", async () => {
    const gw = await gateway({ batchIndex: false, cacheEntries: 20, negativeCacheEntries: 10 });
    expect((await gw.inject({ method: "GET", url: url(single.uid) })).statusCode).toBe(200);
    for (let i = 0; i < 200; i++) await gw.inject({ method: "GET", url: url(randomUid()) });
    const health = (await gw.inject({ method: "GET", url: "/healthz" })).json();
    expect(health.cache.unknownIds).toBeLessThanOrEqual(10);
    const calls = await callsOf(async () => expect((await gw.inject({ method: "GET", url: url(single.uid) })).statusCode).toBe(200));
    expect(calls.total).toBe(0);
  });
});

describe("a uid anchored twice (in a batch and on its own)", () => {
  it("answers for the anchor the URL names, and never valid by a URL naming none while one is revoked", async () => {
    const gw = await gateway({ maxLogRange: 2000n });
    await builtIndex(gw);
    const inBatch = await gw.inject({ method: "GET", url: url(twice.uid, twice.batchId) });
    expect(inBatch.statusCode).toBe(410);
    expect(inBatch.json()).toMatchObject({
      id: `${BASE}${url(twice.uid, twice.batchId)}`,
      revoked: true,
      revocationReason: "Issued to the wrong cohort",
    });
    // The old URL names no anchor: the revoked one wins.
    const plain = await gw.inject({ method: "GET", url: url(twice.uid) });
    expect(plain.statusCode).toBe(410);
  });
});

describe("abuse limits", () => {
  it("answers 429 with Retry-After past a client's burst, per client IP (X-Forwarded-For only when trusted)", async () => {
    const gw = await gateway({ rateLimitPerSecond: 1, rateLimitBurst: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await gw.inject({ method: "GET", url: url(single.uid) })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await gw.inject({ method: "GET", url: url(single.uid) });
    expect(limited.headers["retry-after"]).toBe("1");
    expect(limited.headers["cache-control"]).toBe("no-store");
    expect(limited.json()).toMatchObject({ error: "rate-limited", status: 429 });
    // Untrusted X-Forwarded-For is ignored: still the same client.
    const spoofed = await gw.inject({ method: "GET", url: url(single.uid), headers: { "x-forwarded-for": "203.0.113.7" } });
    expect(spoofed.statusCode).toBe(429);

    const behindProxy = await gateway({ rateLimitPerSecond: 1, rateLimitBurst: 1, trustProxy: "127.0.0.1" });
    const as = (ip: string) => behindProxy.inject({ method: "GET", url: url(single.uid), headers: { "x-forwarded-for": ip } });
    expect((await as("203.0.113.7")).statusCode).toBe(200);
    expect((await as("203.0.113.7")).statusCode).toBe(429);
    expect((await as("198.51.100.9")).statusCode).toBe(200);
  });

  it("cuts off a client that sends its headers too slowly, and refuses oversized headers", async () => {
    const gw = await gateway({ headersTimeoutMs: 400, requestTimeoutMs: 1000 });
    await gw.listen({ port: 0, host: "127.0.0.1" });
    const { port } = gw.server.address() as { port: number };
    const started = Date.now();
    const outcome = await new Promise<{ closedAfterMs: number; answer: string }>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let answer = "";
      socket.on("data", (d) => {
        answer += d.toString();
      });
      socket.write(`GET ${url(single.uid)} HTTP/1.1\r\nHost: badges.test\r\n`);
      // One header byte every 100 ms: alive, but never done.
      const drip = setInterval(() => socket.writable && socket.write("X"), 100);
      socket.on("close", () => {
        clearInterval(drip);
        resolve({ closedAfterMs: Date.now() - started, answer });
      });
    });
    expect(outcome.closedAfterMs).toBeLessThan(3000);
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 408/);
    const huge = await fetch(`http://127.0.0.1:${port}${url(single.uid)}`, { headers: { "x-padding": "a".repeat(16 * 1024) } });
    expect(huge.status).toBe(431);
  });
});
