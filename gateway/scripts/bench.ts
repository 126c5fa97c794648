// `npm run bench:gateway`: load tests of the gateway, run as its own process (as in production,
// with its default BLOCK_POLL_MS=1000) against a real Hardhat node, through a JSON-RPC proxy in
// this process that counts every call and refuses eth_getLogs over more than 2,000 blocks (as
// hosted providers do). The registry has 2,000,000 blocks mined after its deployment
// (`hardhat_mine`), so any per-request log scan would show as ~1,000 calls.
//
// 1. cached   GET /ob2/assertions/{chainId}/{uid} of one badge from CONNECTIONS connections for
//             DURATION s after a warm-up: the gateway's own throughput (HTTP parsing, routing,
//             validation, cache lookup, the 1 kB JSON-LD body). Goal ≥ 2,000 req/s, p99 < 50 ms.
// 2. unknown  10,000 distinct random uids, cold (never asked before): each costs the chain one
//             eth_call. Bounds: ≤ 3 RPC calls per request (head polls included), p99 < 1,500 ms,
//             the unknown-id cache at most its bound (2,000 here, so the run overflows it) and the
//             gateway's RSS < 512 MB after the run.
// 3. flood    a second gateway with a limit of 20 req/s (burst 40) per client IP is flooded for
//             2 s: it must answer 429 with Retry-After.
// Client, proxy, node and gateway share the machine's cores. Exit 1 when a bound is not met.
//
// Options: --connections N (default 50), --duration S (default 10), --unknown N (default 10000),
// --url URL (only phase 1, against a running gateway, e.g. the demo's hosted URL of a badge).
import { spawn } from "node:child_process";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { anchorBadge, prepareBadge } from "@chancery/sdk/award";
import { addIssuerKey, createBadgeClass, registerIssuer } from "@chancery/sdk/chain";
import { deriveSigningKey, signingKeyMessage } from "@chancery/sdk/proofs";
import autocannon from "autocannon";
import { toHex } from "viem";
import { buildGateway } from "../src/app.ts";
import { freePort, ROOT, type RpcProxy, startChain, startRpcProxy } from "../test/helpers.ts";

/** Blocks mined after the deployment, and the provider's eth_getLogs cap. */
const AGE_BLOCKS = 2_000_000;
const LOG_CAP = 2000;
/** The bounds of the cold unknown-uid run. */
const MAX_CALLS_PER_UNKNOWN = 3;
// One eth_call per request makes the node the bottleneck: at 50 connections on 2 shared cores,
// Little's law puts the average near 200-350 ms; the budget leaves room for the machine's other load.
const UNKNOWN_P99_BUDGET_MS = 1500;
/** The gateway keeps this many unknown ids (fewer than the run asks): the run must overflow the bound, not grow past it. */
const NEGATIVE_ENTRIES = 2000;
/** The gateway's resident memory after the run (heap figures include garbage not yet collected). */
const RSS_BUDGET_MB = 512;

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "10" },
    unknown: { type: "string", default: "10000" },
    url: { type: "string" },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const unknownCount = Number(values.unknown);

type Target = {
  url: string;
  base?: string;
  chainId?: number;
  registry?: string;
  rpcUrl?: string;
  proxy?: RpcProxy;
  stop: () => Promise<void>;
};

type Health = { memory: { rssMb: number; heapUsedMb: number }; cache: { answers: number; unknownIds: number } };

/** The gateway's memory (MB) and cache sizes, as its /healthz reports them. */
async function healthOf(base: string): Promise<Health> {
  return (await (await fetch(`${base}/healthz`)).json()) as Health;
}

const randomUid = () => toHex(crypto.getRandomValues(new Uint8Array(32)));

async function setUp(): Promise<Target> {
  console.error("Starting a Hardhat node and issuing one badge …");
  const chain = await startChain();
  const admin = { client: chain.publicClient, registry: chain.registry, wallet: chain.wallets[1]! };
  const { issuerId } = await registerIssuer(admin, { type: ["Profile"], name: "Bench University", url: "https://bench.example" });
  const { classId } = await createBadgeClass(admin, issuerId, {
    type: ["Achievement"],
    name: "Load Testing",
    description: "Served many times.",
    criteria: { narrative: "Survived." },
  });
  const signature = await chain.wallets[1]!.signMessage({
    account: chain.wallets[1]!.account!,
    message: signingKeyMessage({ chainId: chain.chainId, registry: chain.registry, issuerId }),
  });
  const key = deriveSigningKey(signature);
  await addIssuerKey(admin, issuerId, key.publicKeyHex);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const badge = await prepareBadge(
    {
      issuer: { issuerId, name: "Bench University", url: "https://bench.example" },
      achievement: { name: "Load Testing", description: "Served many times.", criteria: { narrative: "Survived." } },
      recipient: { email: "load@example.org", wallet: chain.wallets[5]!.account!.address },
      validFrom: new Date(Date.now() - 60_000),
      deployment: { chainId: chain.chainId, registry: chain.registry },
      gatewayBase: base,
      classId,
    },
    key,
  );
  await anchorBadge(admin, badge, { classId });
  console.error(
    `Mining ${AGE_BLOCKS.toLocaleString("en")} blocks; RPC through a counting proxy capping eth_getLogs at ${LOG_CAP} blocks …`,
  );
  await chain.publicClient.request({ method: "hardhat_mine" as never, params: [toHex(AGE_BLOCKS)] as never });
  const proxy = await startRpcProxy(chain.rpcUrl, { maxLogRange: LOG_CAP });
  const gateway = spawn(process.execPath, ["gateway/src/main.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      RPC_URL: proxy.url,
      MAX_LOG_RANGE: String(LOG_CAP),
      RATE_LIMIT_PER_SECOND: "0",
      NEGATIVE_CACHE_ENTRIES: String(NEGATIVE_ENTRIES),
      CHAIN_ID: String(chain.chainId),
      REGISTRY_ADDRESS: chain.registry,
      DEPLOYED_BLOCK: String(chain.deployedOnBlock),
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_BASE_URL: base,
      LOG_LEVEL: "silent",
    },
  });
  const url = `${base}/ob2/assertions/${chain.chainId}/${badge.uid}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the gateway did not come up");
    await new Promise((r) => setTimeout(r, 200));
  }
  // The batch index (old URLs of batched badges) is built once, in the background: wait for it.
  for (;;) {
    const health = (await (await fetch(`${base}/healthz`)).json()) as { latestBlock?: number; batchIndex?: { scannedTo: number | null } };
    if (health.batchIndex?.scannedTo != null && health.latestBlock !== undefined && health.batchIndex.scannedTo >= health.latestBlock)
      break;
    if (Date.now() > deadline + 120_000) throw new Error("the gateway's batch index was not built");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    base,
    chainId: chain.chainId,
    registry: chain.registry,
    rpcUrl: chain.rpcUrl,
    proxy,
    stop: async () => {
      gateway.kill("SIGTERM");
      await new Promise((r) => gateway.once("exit", r));
      await proxy.close();
      await chain.stop();
    },
  };
}

const target: Target = values.url ? { url: values.url, stop: async () => {} } : await setUp();
const failures: string[] = [];
const lines: string[] = [];
const cores = cpus().length;
try {
  console.error(`Warming up ${target.url} …`);
  await autocannon({ url: target.url, connections: 10, duration: 2 });
  console.error(`Measuring: ${connections} connections for ${duration} s …`);
  const result = await autocannon({ url: target.url, connections, duration, headers: { accept: "application/ld+json" } });
  const rps = result.requests.average;
  const p99 = result.latency.p99;
  const ok = rps >= 2000 && p99 < 50 && result.errors === 0 && result.non2xx === 0;
  if (!ok) failures.push("cached: below 2,000 requests/s or p99 ≥ 50 ms, or errors");
  lines.push(
    `gateway bench — GET a cached hosted assertion over loopback (${connections} connections, ${duration} s, ${cores} cores shared by client and server)`,
    `  requests/s   ${Math.round(rps).toLocaleString("en")} (average; total ${result.requests.total.toLocaleString("en")})`,
    `  latency      p50 ${result.latency.p50} ms · p99 ${p99} ms · max ${result.latency.max} ms`,
    `  errors       ${result.errors} · non-2xx ${result.non2xx} · timeouts ${result.timeouts}`,
    `  goal         ≥ 2,000 requests/s with p99 < 50 ms: ${ok ? "MET" : "NOT MET"}`,
  );

  if (target.proxy && target.base && target.chainId) {
    const { proxy, base, chainId } = target;
    console.error(`Cold run: ${unknownCount.toLocaleString("en")} distinct unknown uids …`);
    const { memory: memoryBefore } = await healthOf(base);
    const callsBefore = proxy.requests();
    const methodsBefore = proxy.methods();
    const unknown = await autocannon({
      url: base,
      connections,
      amount: unknownCount,
      headers: { accept: "application/ld+json" },
      requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: `/ob2/assertions/${chainId}/${randomUid()}` }) }],
    });
    const calls = proxy.requests() - callsBefore;
    const methods = Object.entries(proxy.methods())
      .map(([m, n]) => [m, n - (methodsBefore[m] ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([m, n]) => `${m} ${n.toLocaleString("en")}`)
      .join(", ");
    const { memory: memoryAfter, cache } = await healthOf(base);
    const perRequest = calls / unknownCount;
    const fourOhFour = unknown["4xx"];
    const callsOk = perRequest <= MAX_CALLS_PER_UNKNOWN;
    const p99Ok = unknown.latency.p99 < UNKNOWN_P99_BUDGET_MS;
    const memoryOk = cache.unknownIds <= NEGATIVE_ENTRIES && memoryAfter.rssMb < RSS_BUDGET_MB;
    const answersOk = fourOhFour === unknownCount && unknown.errors === 0;
    if (!callsOk) failures.push(`unknown: ${perRequest.toFixed(3)} RPC calls per request > ${MAX_CALLS_PER_UNKNOWN}`);
    if (!p99Ok) failures.push(`unknown: p99 ${unknown.latency.p99} ms ≥ ${UNKNOWN_P99_BUDGET_MS} ms`);
    if (!memoryOk) failures.push(`unknown: ${cache.unknownIds} unknown ids kept (bound ${NEGATIVE_ENTRIES}), RSS ${memoryAfter.rssMb} MB`);
    if (!answersOk) failures.push(`unknown: ${fourOhFour} of ${unknownCount} answered 404, ${unknown.errors} errors`);
    lines.push(
      `gateway bench — cold GET of ${unknownCount.toLocaleString("en")} distinct unknown uids, registry ${AGE_BLOCKS.toLocaleString("en")} blocks old, eth_getLogs capped at ${LOG_CAP.toLocaleString("en")} blocks (${connections} connections)`,
      `  requests/s   ${Math.round(unknown.requests.average).toLocaleString("en")} (average; ${fourOhFour.toLocaleString("en")} × 404, ${unknown.errors} errors)`,
      `  latency      p50 ${unknown.latency.p50} ms · p99 ${unknown.latency.p99} ms · max ${unknown.latency.max} ms`,
      `  RPC calls    ${calls.toLocaleString("en")} (${methods || "none"}): ${perRequest.toFixed(3)} per request`,
      `  gateway      RSS ${memoryBefore.rssMb} MB before · ${memoryAfter.rssMb} MB after; heap used ${memoryBefore.heapUsedMb} MB · ${memoryAfter.heapUsedMb} MB; ${cache.unknownIds.toLocaleString("en")} unknown ids kept`,
      `  bounds       ≤ ${MAX_CALLS_PER_UNKNOWN} calls per request, p99 < ${UNKNOWN_P99_BUDGET_MS.toLocaleString("en")} ms, ≤ ${NEGATIVE_ENTRIES.toLocaleString("en")} unknown ids kept, RSS < ${RSS_BUDGET_MB} MB: ${callsOk && p99Ok && memoryOk && answersOk ? "MET" : "NOT MET"}`,
    );

    console.error("Flooding a gateway limited to 20 requests/s per client …");
    const limited = await buildGateway({
      rpcUrl: target.rpcUrl ?? proxy.url,
      chainId,
      registry: target.registry as `0x${string}`,
      publicBaseUrl: base,
      rateLimitPerSecond: 20,
      rateLimitBurst: 40,
      batchIndex: false,
    });
    await limited.listen({ port: 0, host: "127.0.0.1" });
    const port = (limited.server.address() as { port: number }).port;
    const floodUrl = `http://127.0.0.1:${port}${new URL(target.url).pathname}`;
    const flood = await autocannon({ url: floodUrl, connections: 10, duration: 2 });
    const after = await fetch(floodUrl);
    const retryAfter = after.headers.get("retry-after");
    await limited.close();
    const floodOk = flood["4xx"] > 0 && after.status === 429 && retryAfter !== null && Number(retryAfter) >= 1;
    if (!floodOk) failures.push("flood: no 429 with Retry-After");
    lines.push(
      "gateway bench — flood of one client against a limit of 20 requests/s (burst 40), 10 connections, 2 s",
      `  answers      ${flood["2xx"].toLocaleString("en")} × 2xx · ${flood["4xx"].toLocaleString("en")} × 429 · then ${after.status} with Retry-After: ${retryAfter ?? "missing"}`,
      `  goal         429 with Retry-After once the bucket is empty: ${floodOk ? "MET" : "NOT MET"}`,
    );
  }
  console.log(lines.join("\n"));
  if (failures.length > 0) console.error(`FAILED: ${failures.join("; ")}`);
  process.exitCode = failures.length > 0 ? 1 : 0;
} finally {
  await target.stop();
}
