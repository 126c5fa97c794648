// `npm run bench:lists`: what a list costs with the indexer and without it, on a chain shaped like a
// public one. A Hardhat node behind a counting JSON-RPC proxy that refuses eth_getLogs over more than
// 10,000 blocks (as public providers do); ~2,000,000 blocks mined after deployment; ≥ 10,000 badges
// (Merkle batches, array batches, single issues), one learner with 500. Prints the indexer's sync
// (time, calls), the learner's and the issuer's lists from the indexer and from the chain, the
// gateway's revocation list and an unknown uid with the indexer, and ends with the line
// `lists: indexer N calls / T ms, chain M calls / U ms`. Exits 1 when a budget is exceeded.
// Each client (the indexer, the readers, the gateway) is counted on its own path of the proxy; a list
// read from the index is read five times and its median given (the machine may be shared).
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { issueBadge, issueBadges, issueMerkleBatch, readNextStatusIndex, revokeBadge } from "@chancery/sdk/chain";
import { chainReader, indexerReader } from "@chancery/sdk/readers";
import { ob2AssertionUrl, ob2RevocationListUrl } from "@chancery/sdk/urls";
import { freePort, ROOT, startTestChain } from "@chancery/testing/chain";
import { setUpIssuer } from "@chancery/testing/issuer";
import { createPublicClient, type Hex, http, keccak256, type PublicClient, toHex } from "viem";
import { startIndexer } from "../lib/runner.ts";

const GETLOGS_CAP = 10_000n;
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 2_000_000);
const MERKLE_BATCHES = Number(process.env.BENCH_MERKLE_BATCHES ?? 10);
const MERKLE_SIZE = 1_000;
const LEARNER_SINGLES = 100;
const LEARNER_ARRAYS = 2; // of 100 each
const LEARNER_IN_MERKLE = 20; // per Merkle batch
const BUDGET_MS = 100;
const READS = 5;

// ------------------------------------------------------------------ the counting, capping proxy
// Each client has its own path on the proxy (/indexer, /reader, /gateway), so the indexer's polling of
// the chain head is never counted against a list read beside it.
// `scans`: eth_getLogs over more than one block (a read at the exact block a record points to is not a scan).
type Client = "indexer" | "reader" | "gateway";
type Counts = { calls: number; getLogs: number; scans: number; byMethod: Map<string, number> };
const counts: Record<Client, Counts> = {
  indexer: { calls: 0, getLogs: 0, scans: 0, byMethod: new Map() },
  reader: { calls: 0, getLogs: 0, scans: 0, byMethod: new Map() },
  gateway: { calls: 0, getLogs: 0, scans: 0, byMethod: new Map() },
};
type Snapshot = { calls: number; getLogs: number; scans: number };
const snapshot = (who: Client): Snapshot => ({ calls: counts[who].calls, getLogs: counts[who].getLogs, scans: counts[who].scans });
const since = (who: Client, before: Snapshot) => ({
  calls: counts[who].calls - before.calls,
  getLogs: counts[who].getLogs - before.getLogs,
  scans: counts[who].scans - before.scans,
});
const isScan = (r: RpcRequest) => {
  const filter = (r.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string };
  return r.method === "eth_getLogs" && (!filter.fromBlock || !filter.toBlock || filter.fromBlock !== filter.toBlock);
};

type RpcRequest = { id: unknown; method: string; params?: unknown[] };
function refusal(request: RpcRequest): object | undefined {
  if (request.method !== "eth_getLogs") return undefined;
  const filter = (request.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string; blockHash?: string };
  if (filter.blockHash || !filter.fromBlock || !filter.toBlock || filter.toBlock === "latest") return undefined;
  const range = BigInt(filter.toBlock) - BigInt(filter.fromBlock) + 1n;
  if (range <= GETLOGS_CAP) return undefined;
  return { jsonrpc: "2.0", id: request.id, error: { code: -32005, message: `query exceeds max block range ${GETLOGS_CAP}` } };
}

async function startProxy(target: string): Promise<{ url: string; close: () => void }> {
  const port = await freePort();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    let parsed: RpcRequest | RpcRequest[];
    try {
      parsed = JSON.parse(body);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const requests = Array.isArray(parsed) ? parsed : [parsed];
    const who = counts[(req.url ?? "").split("/")[1] as Client] ?? counts.reader;
    for (const r of requests) {
      who.calls++;
      if (r.method === "eth_getLogs") who.getLogs++;
      if (isScan(r)) who.scans++;
      who.byMethod.set(r.method, (who.byMethod.get(r.method) ?? 0) + 1);
    }
    const refused = requests.map(refusal);
    if (refused.every((r) => r)) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(Array.isArray(parsed) ? refused : refused[0]));
      return;
    }
    if (refused.some((r) => r)) {
      // A mixed batch: answer each request on its own.
      const answers = await Promise.all(
        requests.map(
          async (r, i) =>
            refused[i] ??
            (await (
              await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(r) })
            ).json()),
        ),
      );
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answers));
      return;
    }
    const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
    res.writeHead(upstream.status, { "content-type": "application/json", "access-control-allow-origin": "*" }).end(await upstream.text());
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

// ------------------------------------------------------------------ the history
const hash = (label: string): Hex => keccak256(toHex(label));
const ms = (start: number) => Math.round(performance.now() - start);
const failures: string[] = [];
const budget = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
};

const chain = await startTestChain();
const children: ChildProcess[] = [];
let stopIndexer: (() => Promise<void>) | undefined;
const cleanUp = async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await stopIndexer?.();
  await chain.stop();
};
try {
  const started = performance.now();
  const learner = chain.wallets[5]!.account!.address;
  const a = await setUpIssuer(chain, { walletIndex: 1, name: "Université Exemple" });
  const b = await setUpIssuer(chain, { walletIndex: 2, name: "Institut Second", className: "Welding II" });
  const mine = (blocks: number) => chain.publicClient.request({ method: "hardhat_mine" as never, params: [toHex(blocks)] as never });
  const steps = LEARNER_ARRAYS + MERKLE_BATCHES + 2;
  const gap = Math.floor(BLOCKS / steps);
  let badges = 0;
  let label = 0;

  // The learner's single issues, then spread over the chain's history: array batches and Merkle batches.
  const singles: Hex[] = [];
  for (let i = 0; i < LEARNER_SINGLES; i++) {
    const statusIndex = await readNextStatusIndex(a.admin, a.classId);
    singles.push(
      (await issueBadge(a.admin, { classId: a.classId, statusIndex, credentialHash: hash(`s${label++}`), recipient: learner })).uid,
    );
  }
  badges += LEARNER_SINGLES;
  await mine(gap);
  for (let i = 0; i < LEARNER_ARRAYS; i++) {
    await issueBadges(a.admin, {
      classId: a.classId,
      firstStatusIndex: await readNextStatusIndex(a.admin, a.classId),
      badges: Array.from({ length: 100 }, () => ({ credentialHash: hash(`a${label++}`), recipient: learner })),
    });
    badges += 100;
    await mine(gap);
  }
  for (let i = 0; i < MERKLE_BATCHES; i++) {
    const issuer = i % 2 === 0 ? a : b;
    await issueMerkleBatch(issuer.admin, {
      classId: issuer.classId,
      batchKey: hash(`batch ${i}`),
      badges: Array.from({ length: MERKLE_SIZE }, (_, j) => ({
        credentialHash: hash(`m${label++}`),
        recipient: j < LEARNER_IN_MERKLE ? learner : chain.wallets[6 + (j % 4)]!.account!.address,
      })),
    });
    badges += MERKLE_SIZE;
    await mine(gap);
  }
  // A few revocations for the gateway's list.
  for (const uid of singles.slice(0, 5)) await revokeBadge(a.admin, { uid, reason: "Bench revocation", code: "withdrawn" });
  await mine(gap);
  // hardhat_mine reserves its blocks and materialises them lazily; a chain's tip is made of real
  // blocks, and Ponder checks hashes from its finalized block (head - 30) on: mine the tip one by one.
  for (let i = 0; i < 40; i++) await chain.publicClient.request({ method: "evm_mine" as never });
  const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  const learnerCount = LEARNER_SINGLES + LEARNER_ARRAYS * 100 + MERKLE_BATCHES * LEARNER_IN_MERKLE;
  console.log(
    `history: ${badges.toLocaleString("en")} badges (learner ${learnerCount}), ${head.toLocaleString("en")} blocks after deployment block ${chain.deployedOnBlock}, built in ${(ms(started) / 1000).toFixed(1)} s`,
  );

  // ------------------------------------------------------------------ the indexer's sync, through the proxy
  const proxy = await startProxy(chain.rpcUrl);
  const viaProxy = createPublicClient({ transport: http(`${proxy.url}/reader`, { retryCount: 0, timeout: 120_000 }) }) as PublicClient;
  const ctx = { client: viaProxy, registry: chain.registry, deployedOnBlock: chain.deployedOnBlock, maxLogRange: GETLOGS_CAP };

  const beforeSync = snapshot("indexer");
  const syncStart = performance.now();
  const indexer = await startIndexer({
    rpcUrl: `${proxy.url}/indexer`,
    chainId: chain.chainId,
    registry: chain.registry,
    deployedOnBlock: chain.deployedOnBlock,
    port: await freePort(),
    getLogsRange: Number(GETLOGS_CAP),
    readyTimeoutMs: 900_000,
    ...(process.env.BENCH_VERBOSE ? { logPrefix: "[indexer]" } : {}),
  });
  stopIndexer = indexer.stop;
  await indexer.waitForBlock(head, 600_000);
  const sync = since("indexer", beforeSync);
  const syncMs = ms(syncStart);
  const syncByMethod = [...counts.indexer.byMethod].sort((x, y) => y[1] - x[1]).map(([m, n]) => `${m} ${n}`);
  console.log(`indexer sync calls by method: ${syncByMethod.join(", ")}`);
  console.log(
    `indexer sync: ${(syncMs / 1000).toFixed(1)} s, ${sync.calls} JSON-RPC calls (${sync.getLogs} eth_getLogs of ≤ ${GETLOGS_CAP} blocks) for ${head.toLocaleString("en")} blocks (includes Ponder's start, ~10 s)`,
  );
  await new Promise((r) => setTimeout(r, 2_000)); // let realtime polling settle before counting list calls

  // ------------------------------------------------------------------ lists
  let queries = 0;
  const fromIndex = indexerReader({ url: indexer.url, onQuery: () => queries++ });
  const fromChain = chainReader(ctx);
  type Figure = { rows: number; queries: number; calls: number; getLogs: number; ms: number; slowest?: number };
  async function measure(list: () => Promise<unknown[]>): Promise<Figure> {
    const q = queries;
    const before = snapshot("reader");
    const start = performance.now();
    const rows = await list();
    const elapsed = ms(start);
    const delta = since("reader", before);
    return { rows: rows.length, queries: queries - q, calls: delta.calls, getLogs: delta.getLogs, ms: elapsed };
  }
  /** An indexed list read READS times (the machine is shared: one read can land on a busy moment); its median read. */
  async function measureIndexed(list: () => Promise<unknown[]>): Promise<Figure> {
    const reads: Figure[] = [];
    for (let i = 0; i < READS; i++) reads.push(await measure(list));
    const sorted = [...reads].sort((x, y) => x.ms - y.ms);
    const median = sorted[Math.floor(READS / 2)] as Figure;
    return { ...median, queries: Math.max(...reads.map((r) => r.queries)), slowest: sorted[READS - 1]?.ms };
  }
  await fromIndex.listBadgesOfRecipient(learner); // warm the connection (the app keeps one open)
  queries = 0;
  const learnerIndexed = await measureIndexed(() => fromIndex.listBadgesOfRecipient(learner));
  const issuerIndexed = await measureIndexed(() => fromIndex.listBadgesOfIssuer(a.issuerId));
  const issuersIndexed = await measureIndexed(() => fromIndex.listIssuers());
  console.log("(reading the same lists from the chain …)");
  const learnerChain = await measure(() => fromChain.listBadgesOfRecipient(learner));
  const learnerRowsMatch =
    JSON.stringify(await fromIndex.listBadgesOfRecipient(learner), (_k, v) => (typeof v === "bigint" ? String(v) : v)) ===
    JSON.stringify(await fromChain.listBadgesOfRecipient(learner), (_k, v) => (typeof v === "bigint" ? String(v) : v));
  const issuerChain = await measure(() => fromChain.listBadgesOfIssuer(a.issuerId));
  const issuersChain = await measure(() => fromChain.listIssuers());
  const line = (what: string, f: Figure) =>
    `${what.padEnd(34)} ${String(f.rows).padStart(6)} rows  ${String(f.queries).padStart(2)} indexer quer${f.queries === 1 ? "y  " : "ies"}  ${String(f.calls).padStart(6)} RPC calls (${f.getLogs} eth_getLogs)  ${String(f.ms).padStart(7)} ms${f.slowest === undefined ? "" : ` (median of ${READS}, slowest ${f.slowest} ms)`}`;
  console.log(`machine load (1-minute average, ${cpus().length} cores): ${loadavg()[0]?.toFixed(1)}`);
  console.log(line("learner list, indexer", learnerIndexed));
  console.log(line("learner list, chain fallback", learnerChain));
  console.log(line(`issuer #${a.issuerId} badges, indexer`, issuerIndexed));
  console.log(line(`issuer #${a.issuerId} badges, chain fallback`, issuerChain));
  console.log(line("registry's issuers, indexer", issuersIndexed));
  console.log(line("registry's issuers, chain fallback", issuersChain));
  console.log(`same rows in the same order from both: ${learnerRowsMatch ? "yes" : "NO"}`);
  budget(learnerIndexed.rows === learnerCount, `learner list has ${learnerIndexed.rows} rows, expected ${learnerCount}`);
  budget(learnerRowsMatch, "the indexer's learner list differs from the chain's");
  for (const [what, f] of [
    ["learner list", learnerIndexed],
    ["issuer's badges", issuerIndexed],
    ["registry's issuers", issuersIndexed],
  ] as const) {
    budget(f.queries <= 1, `${what}: ${f.queries} indexer queries (budget 1)`);
    budget(f.getLogs === 0, `${what}: ${f.getLogs} eth_getLogs with the indexer (budget 0)`);
    budget(f.ms < BUDGET_MS, `${what}: ${f.ms} ms with the indexer (budget < ${BUDGET_MS} ms)`);
  }

  // ------------------------------------------------------------------ the gateway, with the indexer
  const gatewayPort = await freePort();
  const gatewayBase = `http://127.0.0.1:${gatewayPort}`;
  const gateway = spawn(process.execPath, [join(ROOT, "gateway", "src", "main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      RPC_URL: `${proxy.url}/gateway`,
      CHAIN_ID: String(chain.chainId),
      REGISTRY_ADDRESS: chain.registry,
      DEPLOYED_BLOCK: String(chain.deployedOnBlock),
      PUBLIC_BASE_URL: gatewayBase,
      HOST: "127.0.0.1",
      PORT: String(gatewayPort),
      MAX_LOG_RANGE: String(GETLOGS_CAP),
      INDEXER_URL: indexer.url,
      RATE_LIMIT_PER_SECOND: "0",
      LOG_LEVEL: "silent",
    },
    stdio: "ignore",
  });
  children.push(gateway);
  for (let i = 0; ; i++) {
    if (
      await fetch(`${gatewayBase}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300) throw new Error("the gateway did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1_000));
  async function gatewayGet(url: string) {
    const before = snapshot("gateway");
    const start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    return { status: response.status, ms: ms(start), ...since("gateway", before) };
  }
  const revocations = await gatewayGet(ob2RevocationListUrl(gatewayBase, chain.chainId, a.issuerId));
  const unknown = await gatewayGet(ob2AssertionUrl(gatewayBase, chain.chainId, hash("no such badge")));
  const batchedLeaf = (await fromIndex.listBadgesOfRecipient(learner)).find((x) => x.batchId)!;
  const oldBatchedUrl = await gatewayGet(ob2AssertionUrl(gatewayBase, chain.chainId, batchedLeaf.uid));
  for (const [what, g] of [
    ["gateway revocation list", revocations],
    ["gateway unknown uid", unknown],
    ["gateway batched uid without ?batch=", oldBatchedUrl],
  ] as const) {
    console.log(
      `${what.padEnd(38)} HTTP ${g.status}  ${String(g.calls).padStart(3)} RPC calls (${g.getLogs} eth_getLogs at one block, ${g.scans} scans)  ${String(g.ms).padStart(5)} ms`,
    );
    budget(g.scans === 0, `${what}: ${g.scans} eth_getLogs over a block range (a log scan) with the indexer`);
  }
  budget(
    revocations.status === 200 && unknown.status === 404 && oldBatchedUrl.status === 200,
    "the gateway answered with unexpected statuses",
  );

  proxy.close();
  console.log(
    `\nlists: indexer ${learnerIndexed.queries + learnerIndexed.calls} calls / ${learnerIndexed.ms} ms, chain ${learnerChain.calls} calls / ${learnerChain.ms} ms`,
  );
} finally {
  await cleanUp();
}
if (failures.length > 0) {
  console.error(`\nBudgets exceeded:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
process.exit(0);
