// `chancery list …` against a real Hardhat node and a real Ponder index: the indexer's lists equal
// the chain's (same rows, same order), the indexer answers them with no eth_getLogs (counted by a
// JSON-RPC proxy between the CLI and the node), each standing still read from the registry; the chain
// answers when no indexer is given, when its port is closed and when it hangs; bad flags say why.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { type RunningIndexer, startIndexer } from "@chancery/indexer/runner";
import { type History, scriptHistory } from "@chancery/indexer/test-history";
import { freePort, startTestChain, type TestChain } from "@chancery/testing/chain";
import { type HostileRpc, startHostileRpc } from "@chancery/testing/hostile";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = join(resolve(import.meta.dirname, "..", ".."), "cli", "bin", "chancery.mjs");
let chain: TestChain;
let indexer: RunningIndexer;
let history: History;
let proxy: HostileRpc;
let rpcUrl: string;
/** JSON-RPC calls the CLI made through the proxy, by method; "scan" counts eth_getLogs over a block range. */
const calls = new Map<string, number>();
const count = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
/** An eth_getLogs over more than one block: what a list costs without an index (a Merkle batch's leaves
 * are read at the batch's own block, one call per batch, to rebuild a proof; that is not a scan). */
const isScan = (request: { method: string; params?: unknown[] }) => {
  const filter = (request.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string; blockHash?: string };
  return request.method === "eth_getLogs" && !filter.blockHash && (!filter.fromBlock || filter.fromBlock !== filter.toBlock);
};

type Run = { code: number | null; out: string; err: string };

/** The CLI as a child process (asynchronously: the counting proxy lives in this process). */
function chancery(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args, "--rpc", rpcUrl, "--registry", chain.registry], {
      env: { ...process.env, CHANCERY_PRIVATE_KEY: "", CHANCERY_RPC_URL: "", CHANCERY_INDEXER_URL: "", ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => {
      out += c;
    });
    child.stderr.on("data", (c) => {
      err += c;
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, out, err }));
  });
}

/** One list as JSON, with the calls it cost. */
async function listed(args: string[], env: Record<string, string> = {}) {
  calls.clear();
  const run = await chancery([...args, "--json"], env);
  if (run.code !== 0) throw new Error(`chancery ${args.join(" ")} exited ${run.code}: ${run.err}`);
  return {
    ...(JSON.parse(run.out) as { source: string; indexerUrl?: string; indexerError?: string; rows: Record<string, unknown>[] }),
    stderr: run.err,
    scans: calls.get("scan") ?? 0,
    getLogs: calls.get("eth_getLogs") ?? 0,
    ethCalls: calls.get("eth_call") ?? 0,
  };
}

beforeAll(async () => {
  chain = await startTestChain();
  proxy = await startHostileRpc(chain.rpcUrl);
  rpcUrl = proxy.serve("counted", {
    kind: "lie",
    lie: async (request) => {
      count(request.method);
      if (isScan(request)) count("scan");
      return undefined; // forwarded unchanged: this proxy only counts
    },
  });
  indexer = await startIndexer({
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    registry: chain.registry,
    deployedOnBlock: chain.deployedOnBlock,
    port: await freePort(),
  });
  history = await scriptHistory(chain);
  await indexer.waitForBlock(await chain.publicClient.getBlockNumber({ cacheTime: 0 }));
}, 300_000);

afterAll(async () => {
  await indexer?.stop();
  await proxy?.stop();
  await chain?.stop();
});

describe("chancery list through the indexer", () => {
  it("every badge list equals the chain's, in the same order, with no log scan and the standings from the registry", async () => {
    const queries = [
      ["--recipient", history.learner],
      ...history.issuerIds.map((id) => ["--issuer", String(id)]),
      ...history.classIds.map((id) => ["--class", String(id)]),
      ["--batch", history.batchId],
    ];
    for (const query of queries) {
      const fromIndex = await listed(["list", "badges", ...query, "--indexer", indexer.url]);
      const fromChain = await listed(["list", "badges", ...query]);
      expect(fromIndex.source, query.join(" ")).toBe("indexer");
      expect(fromIndex.scans, query.join(" ")).toBe(0);
      // Only a Merkle badge costs a log read: its batch's leaves, at the batch's block, once per batch.
      const merkle = fromIndex.rows.some((b) => b.way === "merkle");
      expect(fromIndex.getLogs, query.join(" ")).toBe(merkle ? 1 : 0);
      // One verifyAssertion per badge (a Merkle batch's root read once besides): the registry decides.
      expect(fromIndex.ethCalls).toBeGreaterThanOrEqual(fromIndex.rows.length);
      expect(fromChain.source).toBe("chain");
      // Without the index a list is a log scan from the deployment (a batch: its leaves, at its own block).
      expect(query[0] === "--batch" ? fromChain.getLogs : fromChain.scans, query.join(" ")).toBeGreaterThan(0);
      expect(fromIndex.rows.length, query.join(" ")).toBeGreaterThan(0);
      expect(fromIndex.rows).toEqual(fromChain.rows);
    }
    const learner = await listed(["list", "badges", "--recipient", history.learner, "--indexer", indexer.url]);
    expect(learner.rows).toHaveLength(8);
    expect(new Set(learner.rows.map((b) => b.standing))).toEqual(new Set(["active", "revoked", "erased"]));
  }, 180_000); // 17 CLI runs, each a Node start on a shared 2-core machine

  it("revocations and issuers too; CHANCERY_INDEXER_URL stands for --indexer", async () => {
    for (const issuerId of history.issuerIds) {
      const fromIndex = await listed(["list", "revocations", "--issuer", String(issuerId)], { CHANCERY_INDEXER_URL: indexer.url });
      const fromChain = await listed(["list", "revocations", "--issuer", String(issuerId)]);
      expect([fromIndex.source, fromIndex.getLogs]).toEqual(["indexer", 0]);
      expect(fromChain.scans).toBeGreaterThan(0);
      expect(fromIndex.rows.length).toBeGreaterThan(0);
      expect(fromIndex.rows).toEqual(fromChain.rows);
    }
    const issuers = await listed(["list", "issuers", "--indexer", indexer.url]);
    expect([issuers.source, issuers.getLogs]).toEqual(["indexer", 0]);
    expect(issuers.rows.map((i) => i.status)).toEqual(["accredited", "suspended"]);
    expect(issuers.rows).toEqual((await listed(["list", "issuers"])).rows);
  }, 90_000);

  it("prints one line per badge on stdout and which source answered on stderr", async () => {
    calls.clear();
    const run = await chancery(["list", "badges", "--recipient", history.learner, "--indexer", `${indexer.url}/`]);
    expect(run.code).toBe(0);
    const lines = run.out.trim().split("\n");
    expect(lines[0]).toBe(`8 badges of ${history.learner}, newest first.`);
    expect(lines).toHaveLength(9);
    // Erased wins over revoked (three of the learner's revoked badges were also erased).
    expect(lines.filter((l) => / {2}active {2}0x/.test(l))).toHaveLength(4);
    expect(lines.filter((l) => / {2}erased {2}0x/.test(l))).toHaveLength(3);
    expect(lines.filter((l) => / merkle +\d{4}-\d\d-\d\d {2}revoked \(withdrawn\) {2}0x/.test(l))).toHaveLength(1);
    expect(run.err.trim()).toBe(`Found through the indexer at ${indexer.url} (no log scan); each badge's standing read from the registry.`);
    expect(calls.get("scan") ?? 0).toBe(0);
    const revocations = await chancery(["list", "revocations", "--issuer", String(history.issuerIds[0]), "--indexer", indexer.url]);
    expect(revocations.out).toMatch(
      /^2 revocations by issuer #\d+, newest first\.\n {2}0x[0-9a-f]{64} {2}\d{4}-\d\d-\d\d {2}\S+ \(badge erased\)\n/,
    );
    expect(revocations.out).not.toContain("Issued to the wrong cohort"); // erased: the issuer's words are not repeated
    const chainRun = await chancery(["list", "issuers"]);
    expect(chainRun.out).toMatch(/^2 issuers\.\n {2}#\d+ {2}accredited +Université Exemple {2}admin 0x/);
    expect(chainRun.err).toContain("Read from the chain's events (give --indexer URL or CHANCERY_INDEXER_URL");
  }, 60_000);
});

describe("the chain answers when the indexer does not", () => {
  it("a closed port: the same list from the chain, and why on stderr", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const fallback = await listed(["list", "badges", "--recipient", history.learner, "--indexer", closed]);
    expect(fallback.source).toBe("chain");
    expect(fallback.scans).toBeGreaterThan(0);
    expect(fallback.indexerError).toMatch(new RegExp(`^The indexer at ${closed} could not be reached`));
    expect(fallback.stderr).toContain(`The indexer at ${closed} could not be reached`);
    expect(fallback.stderr).toContain("Read from the chain's events instead.");
    const direct = await listed(["list", "badges", "--recipient", history.learner, "--indexer", indexer.url]);
    expect(fallback.rows).toEqual(direct.rows);
  });

  it("an indexer that never answers: the chain answers after the 10 s budget", async () => {
    const hanging = proxy.serve("hanging-indexer", { kind: "slow" });
    const started = Date.now();
    const fallback = await listed(["list", "revocations", "--issuer", String(history.issuerIds[0]), "--indexer", hanging]);
    expect(fallback.source).toBe("chain");
    expect(fallback.rows).toHaveLength(2);
    expect(fallback.stderr).toContain(`The indexer at ${hanging} could not be reached`);
    expect(Date.now() - started).toBeLessThan(25_000);
  }, 40_000);
});

describe("bad flags say what to give", () => {
  const refusals: [string[], RegExp][] = [
    [["list", "badges"], /Give exactly one of --issuer ID, --recipient 0x…, --class ID or --batch 0x…/],
    [["list", "badges", "--issuer", "1", "--class", "1"], /Give exactly one of/],
    [["list", "badges", "--recipient", "0x1234"], /--recipient 0x1234 is not a wallet address \(0x \+ 40 hex\)\./],
    [["list", "badges", "--batch", "0xabc"], /--batch 0xabc is not a batch id \(0x \+ 64 hex\)\./],
    [["list", "badges", "--issuer", "one"], /--issuer must be a positive integer; got "one"\./],
    [["list", "badges", "--issuer", "1", "--indexer", "ftp://index.example"], /--indexer ftp:\/\/index\.example is not an http\(s\) URL/],
    [["list", "revocations"], /--issuer must be a positive integer; got nothing\./],
    [["list", "holders"], /Unknown or incomplete command: chancery list holders/],
  ];
  it.each(refusals)("chancery %j", async (args, message) => {
    const run = await chancery(args);
    expect(run.code).toBe(2);
    expect(run.out).toBe("");
    expect(run.err).toMatch(message);
  });
});
