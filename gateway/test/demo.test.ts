// `npm run demo:seed -- --out FILE` on a real node, then the gateway serving what it made: every
// seeded hosted assertion is valid OB 2.0 JSON-LD (410 for the revoked one), every baked PNG
// verifies to the status the manifest gives.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { readIssuer } from "@chancery/sdk/chain";
import { emailMatches, validateOb2 } from "@chancery/sdk/documents";
import { parseShareLink } from "@chancery/sdk/links";
import { verifyBadge } from "@chancery/sdk/verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoManifest } from "../../scripts/demo/seed.ts";
import { buildGateway, type Gateway } from "../src/app.ts";
import { type Chain, ROOT, startChain } from "./helpers.ts";

const GATEWAY = "https://badges.demo.test";
const APP = "https://app.demo.test";
let chain: Chain;
let dir: string;
let manifest: DemoManifest;
let gw: Gateway;
let seedOutput: string;

beforeAll(async () => {
  chain = await startChain();
  dir = mkdtempSync(join(tmpdir(), "chancery-demo-"));
  const result = spawnSync(
    process.execPath,
    [
      "scripts/demo/seed.ts",
      "--out",
      join(dir, "manifest.json"),
      "--files",
      join(dir, "badges"),
      "--rpc",
      chain.rpcUrl,
      "--registry",
      chain.registry,
      "--gateway",
      GATEWAY,
      "--app",
      APP,
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  seedOutput = result.stdout + result.stderr;
  if (result.status !== 0) throw new Error(`the seed failed: ${seedOutput}`);
  manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  gw = await buildGateway({
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    registry: chain.registry,
    deployedOnBlock: chain.deployedOnBlock,
    publicBaseUrl: GATEWAY,
    appUrl: APP,
    blockPollMs: 0,
  });
}, 240_000);

afterAll(async () => {
  await gw?.close();
  await chain?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const path = (url: string) => url.slice(GATEWAY.length);
const file = (p: string) => (isAbsolute(p) ? p : join(ROOT, p));

describe("the demo seed", () => {
  it("writes the manifest of issue 5", () => {
    expect(seedOutput).toMatch(/Seeded 20 badges/);
    // The console's roster names every one of them from the chain alone, the Merkle batch included.
    expect(seedOutput).toMatch(/the console names 20 of 20 badges after one signature/);
    expect(manifest).toMatchObject({
      chainId: 31337,
      rpcUrl: chain.rpcUrl,
      appUrl: APP,
      gatewayUrl: GATEWAY,
      contracts: { BadgeRegistry: { address: chain.registry } },
    });
    expect(manifest.issuers).toEqual([expect.objectContaining({ issuerId: 1, name: "Université de Lumière", status: "accredited" })]);
    expect(manifest.classes.map((c) => c.image)).toEqual(["png", "svg", "png"]);
    expect(manifest.badges).toHaveLength(20);
    for (const b of manifest.badges) {
      expect(Object.keys(b)).toEqual(expect.arrayContaining(["uid", "recipient", "status", "shareLink", "hostedUrl", "files"]));
      expect(b.recipient).toEqual({
        name: expect.any(String),
        email: expect.stringMatching(/@/),
        wallet: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/),
      });
      expect(existsSync(file(b.files.ob3)) && existsSync(file(b.files.png))).toBe(true);
      expect(parseShareLink(b.shareLink).uid).toBe(b.uid);
    }
    const statuses = manifest.badges.map((b) => b.status).sort();
    expect(statuses.filter((s) => s === "valid")).toHaveLength(18);
    expect(statuses).toContain("revoked");
    expect(statuses).toContain("expired");
    expect(manifest.badges.filter((b) => b.batchId)).toHaveLength(7);
    expect(manifest.badges.filter((b) => b.hostedUrlWithKey)).toHaveLength(13);
    expect(manifest.accounts).toHaveLength(9);
  });

  it("accredits the university on chain", async () => {
    expect((await readIssuer({ client: chain.publicClient, registry: chain.registry }, 1)).status).toBe("accredited");
  });

  it("every seeded hosted assertion is valid OB 2.0 JSON-LD from the gateway, the revoked one 410", async () => {
    for (const badge of manifest.badges) {
      const res = await gw.inject({ method: "GET", url: path(badge.hostedUrl) });
      if (badge.status === "revoked") {
        expect(res.statusCode).toBe(410);
        expect(res.json()).toMatchObject({ revoked: true, revocationReason: expect.stringMatching(/Plagiarism/) });
        continue;
      }
      expect(res.statusCode, badge.hostedUrl).toBe(200);
      expect(res.headers["content-type"]).toBe("application/ld+json; charset=utf-8");
      expect(validateOb2(res.json())).toEqual([]);
      if (badge.hostedUrlWithKey) {
        const keyed = (await gw.inject({ method: "GET", url: path(badge.hostedUrlWithKey) })).json();
        expect(emailMatches(badge.recipient.email, keyed.recipient.identity, keyed.recipient.salt)).toBe(true);
      }
    }
  });

  it("every baked PNG verifies to the manifest's status", async () => {
    for (const badge of manifest.badges) {
      const report = await verifyBadge(new Uint8Array(readFileSync(file(badge.files.png))), {
        publicClient: chain.publicClient,
        trust: [{ chainId: 31337, registry: chain.registry }],
      });
      expect(report.verdict, badge.files.png).toBe(badge.status);
    }
  });
});
