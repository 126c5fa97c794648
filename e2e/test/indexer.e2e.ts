// The stack with the indexer on, as `npm start` runs it (issue 12): the learner page and the issuer's
// issued list in Chromium find their badges through the indexer — no eth_getLogs over a block range
// leaves the browser for them, counted from every request the pages make — and say so; each status
// is still read from the registry (a revocation shows). With the indexer stopped, the same pages fall
// back to the chain's events, list the same badges and say the indexer did not answer.
import { badgeRegistryAbi } from "@chancery/sdk/abi";
import { anchorMerkleBatch } from "@chancery/sdk/award";
import { revokeBadge } from "@chancery/sdk/chain";
import type { Request } from "playwright-core";
import { type AbiEvent, type Hex, toEventSelector } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, connectWallet, openApp, SHOTS, shotsInEveryLanguage, WIDE } from "../src/app.ts";
import { type SeededIssuer, seedIssuer } from "../src/seed.ts";
import { type Stack, startStack } from "../src/stack.ts";

const REVOCATION = "Awarded twice by mistake";

let stack: Stack;
let lumiere: SeededIssuer;
let learner: `0x${string}`;
let app: App | undefined;

type Counted = {
  rpc: Map<string, number>;
  indexerQueries: number;
  /** Events looked for by eth_getLogs over a block range (a scan: what a list costs without an index). */
  scans: string[];
  /** Events read by eth_getLogs at one block (a record's documents, read where the record says they are). */
  blockReads: string[];
};

const EVENT_OF_TOPIC = new Map(
  badgeRegistryAbi.filter((item) => item.type === "event").map((event) => [toEventSelector(event as AbiEvent), event.name]),
);

/** Every JSON-RPC method the app's pages sent (batched calls counted one by one), and its queries to the indexer. */
function countRequests(target: App, rpcUrl: string, indexerUrl: string): Counted {
  const counted: Counted = { rpc: new Map(), indexerQueries: 0, scans: [], blockReads: [] };
  const rpcOrigin = new URL(rpcUrl).origin;
  const indexerOrigin = new URL(indexerUrl).origin;
  target.context.on("request", (request: Request) => {
    const url = new URL(request.url());
    // Any query to the index (its transport is the sdk's business), a CORS preflight not counted.
    if (url.origin === indexerOrigin && request.method() !== "OPTIONS") counted.indexerQueries++;
    if (url.origin !== rpcOrigin || request.method() !== "POST") return;
    const body = request.postDataJSON() as RpcCall | RpcCall[] | null;
    for (const call of Array.isArray(body) ? body : body ? [body] : []) {
      counted.rpc.set(call.method, (counted.rpc.get(call.method) ?? 0) + 1);
      if (call.method !== "eth_getLogs") continue;
      const filter = call.params?.[0] ?? {};
      const topic0 = Array.isArray(filter.topics?.[0]) ? filter.topics[0] : [filter.topics?.[0]];
      const events = topic0.map((t) => (t ? (EVENT_OF_TOPIC.get(t as Hex) ?? t) : "any event")).join("|");
      const oneBlock = filter.blockHash !== undefined || (filter.fromBlock !== undefined && filter.fromBlock === filter.toBlock);
      (oneBlock ? counted.blockReads : counted.scans).push(events);
    }
  });
  return counted;
}

type RpcCall = {
  method: string;
  params?: { topics?: (string | string[] | null)[]; fromBlock?: string; toBlock?: string; blockHash?: string }[];
};

/** What the issuer console scans for without an index: the wallet's issuers, admin offers to it, the issuer's classes. */
const CONSOLE_LOOKUPS = new Set([
  "IssuerRegistered",
  "IssuerAdminTransferred",
  "IssuerAdminTransferStarted",
  "SignerAdded",
  "BadgeClassCreated",
  "BadgeClassRetired",
]);

const ada = (wallet: `0x${string}`, name: string) => ({ email: `${name.split(" ")[0]!.toLowerCase()}@example.org`, wallet, name });

beforeAll(async () => {
  stack = await startStack({ indexer: true });
  learner = stack.accounts[3]!;
  lumiere = await seedIssuer(stack, { accountIndex: 1, name: "Université de Lumière", className: "Data Literacy I" });
  await lumiere.issue(ada(learner, "Ada Lovelace"));
  const revoked = await lumiere.issue(ada(learner, "Ada Lovelace"));
  await lumiere.issue(ada(learner, "Ada Lovelace"), { expiresAt: new Date(Date.now() + 365 * 86_400_000) });
  await lumiere.issue(ada(stack.accounts[4]!, "Grace Hopper"));
  // A Merkle batch (the bulk default): its badges are found through the index like the others.
  await anchorMerkleBatch(lumiere.admin, {
    classId: lumiere.classId,
    awards: [lumiere.award(ada(learner, "Ada Lovelace")), lumiere.award(ada(stack.accounts[4]!, "Grace Hopper"))],
    signingKey: lumiere.signingKey,
  });
  await revokeBadge(lumiere.admin, { uid: revoked.uid, reason: REVOCATION, code: "issued-in-error" });
  await stack.indexer!.waitForBlock(await lumiere.admin.client.getBlockNumber({ cacheTime: 0 }));
}, 300_000);

afterAll(async () => {
  await app?.close();
  await stack?.stop();
});

async function learnerPage(): Promise<{ counted: Counted; chips: string[] }> {
  app = await openApp(stack, { viewport: WIDE });
  const counted = countRequests(app, stack.rpcUrl, stack.indexer!.url);
  await app.page.goto(`${stack.appUrl}/learner/${learner}`);
  await app.page.getByText("4 badges", { exact: true }).waitFor();
  const cards = app.page.getByRole("main").getByRole("listitem");
  await expect.poll(() => cards.count()).toBe(4);
  const chips = await cards.evaluateAll((items) => items.map((li) => li.querySelector(".chip")?.textContent?.trim() ?? ""));
  return { counted, chips };
}

async function issuedList(): Promise<{ counted: Counted; rows: string[] }> {
  app = await openApp(stack, { account: stack.accounts[1], viewport: WIDE });
  const counted = countRequests(app, stack.rpcUrl, stack.indexer!.url);
  await app.page.goto(`${stack.appUrl}/issue/issued`);
  await connectWallet(app.page);
  const rows = app.page.locator(".issued-list > li");
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(6);
  await app.page.getByText(`Revoked: ${REVOCATION}`).waitFor();
  return { counted, rows: await rows.allInnerTexts() };
}

async function closeApp() {
  await app?.close();
  app = undefined;
}

describe("with the indexer on", () => {
  it("the learner page lists the badges through the indexer, no log scan from the browser, statuses from the registry", async () => {
    const { counted, chips } = await learnerPage();
    await app!.page.locator('[data-list-source="indexer"]').waitFor();
    expect(await app!.page.locator(".list-source").innerText()).toBe("Listed by the indexer; each status read from the registry.");
    expect(chips.sort()).toEqual(["Revoked", "Valid", "Valid", "Valid"]);
    expect(counted.indexerQueries).toBe(1);
    expect(counted.scans).toEqual([]);
    // The class's and issuer's documents and the Merkle batch's leaves (to rebuild its proof), each read
    // at the block that recorded it: one call each, no scan.
    expect(new Set(counted.blockReads)).toEqual(
      new Set(["BadgeClassCreated", "IssuerRegistered", "IssuerProfileUpdated", "AssertionBatched"]),
    );
    // The verdict is the registry's: one verifyAssertion (eth_call) per badge at least.
    expect(counted.rpc.get("eth_call") ?? 0).toBeGreaterThanOrEqual(4);
    console.log(
      `learner page via the indexer: ${counted.indexerQueries} indexer query, ${counted.scans.length} log scans, one-block log reads ${JSON.stringify(counted.blockReads)}, RPC ${JSON.stringify(Object.fromEntries(counted.rpc))}`,
    );
    await shotsInEveryLanguage(app!.page, "indexer-learner");
    await closeApp();
  });

  it("the issuer console and its issued list too: no log scan at all", async () => {
    const { counted, rows } = await issuedList();
    await app!.page.locator('[data-list-source="indexer"]').waitFor();
    expect(rows.filter((r) => r.includes("Revoked"))).toHaveLength(1);
    expect(counted.indexerQueries).toBeGreaterThanOrEqual(1);
    // Neither the badges nor the console's own set-up (the wallet's issuers, admin offers to it, the
    // issuer's classes) is scanned for: all come from the index, each confirmed by the registry.
    expect(counted.scans).toEqual([]);
    expect(counted.rpc.get("eth_call") ?? 0).toBeGreaterThanOrEqual(rows.length);
    console.log(
      `issued list via the indexer: ${counted.indexerQueries} indexer queries, log scans ${JSON.stringify(counted.scans)}, RPC ${JSON.stringify(Object.fromEntries(counted.rpc))}`,
    );
    await shotsInEveryLanguage(app!.page, "indexer-issued");
    await closeApp();
  });
});

describe("with the indexer stopped", () => {
  it("the learner page falls back to the chain's events: the same badges, and it says so", async () => {
    await stack.indexer!.stop();
    const { counted, chips } = await learnerPage();
    await app!.page.locator('[data-list-source="fallback"]').waitFor();
    expect(await app!.page.locator(".list-source").innerText()).toBe("The indexer did not answer: listed from the chain's events instead.");
    expect(chips.sort()).toEqual(["Revoked", "Valid", "Valid", "Valid"]);
    expect(counted.scans.some((events) => events.includes("AssertionIssued"))).toBe(true);
    console.log(`learner page, indexer stopped: ${counted.scans.length} log scans, RPC ${JSON.stringify(Object.fromEntries(counted.rpc))}`);
    await shotsInEveryLanguage(app!.page, "indexer-down-learner");
    await closeApp();
  });

  it("the issued list falls back too", async () => {
    const { counted, rows } = await issuedList();
    await app!.page.locator('[data-list-source="fallback"]').waitFor();
    expect(rows.filter((r) => r.includes("Revoked"))).toHaveLength(1);
    expect(counted.scans.filter((event) => !CONSOLE_LOOKUPS.has(event)).length).toBeGreaterThan(0);
    // The console's set-up falls back to the chain as well: each of its scans is there.
    expect(new Set(counted.scans.filter((event) => CONSOLE_LOOKUPS.has(event)))).toEqual(CONSOLE_LOOKUPS);
    await shotsInEveryLanguage(app!.page, "indexer-down-issued");
    console.log(`screenshots in ${SHOTS}/indexer-*.png`);
    await closeApp();
  });
});
