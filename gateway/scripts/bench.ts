// `npm run bench:gateway`: load test of the gateway serving one cached hosted assertion.
//
// What it measures: a Hardhat node is started and one badge issued; the gateway runs as its own
// process (as in production, with its default BLOCK_POLL_MS=1000), and autocannon, in this
// process, sends GET /ob2/assertions/{chainId}/{uid} over loopback HTTP/1.1 keep-alive from
// CONNECTIONS concurrent connections for DURATION seconds after a warm-up. Once warm, every answer
// comes from the gateway's in-memory cache for the current head block (the head block number is
// asked of the node at most once a second), so the figure is the gateway's own throughput: HTTP
// parsing, routing, validation, cache lookup and the 1 kB JSON-LD body — not the node's.
// Client and server share the machine's cores. Goal: ≥ 2,000 requests/s with p99 < 50 ms.
//
// Options: --connections N (default 50), --duration S (default 10), --url URL (bench a running
// gateway instead, e.g. the demo's hosted URL of a badge).
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { anchorBadge, prepareBadge } from "@chancery/sdk/award";
import { addIssuerKey, createBadgeClass, registerIssuer } from "@chancery/sdk/chain";
import { deriveSigningKey, signingKeyMessage } from "@chancery/sdk/proofs";
import autocannon from "autocannon";
import { freePort, ROOT, startChain } from "../test/helpers.ts";

const { values } = parseArgs({
  options: { connections: { type: "string", default: "50" }, duration: { type: "string", default: "10" }, url: { type: "string" } },
});
const connections = Number(values.connections);
const duration = Number(values.duration);

async function setUp(): Promise<{ url: string; stop: () => Promise<void> }> {
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
  const gateway = spawn(process.execPath, ["gateway/src/main.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      RPC_URL: chain.rpcUrl,
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
  return {
    url,
    stop: async () => {
      gateway.kill("SIGTERM");
      await new Promise((r) => gateway.once("exit", r));
      await chain.stop();
    },
  };
}

const target = values.url ? { url: values.url, stop: async () => {} } : await setUp();
try {
  console.error(`Warming up ${target.url} …`);
  await autocannon({ url: target.url, connections: 10, duration: 2 });
  console.error(`Measuring: ${connections} connections for ${duration} s …`);
  const result = await autocannon({ url: target.url, connections, duration, headers: { accept: "application/ld+json" } });
  const rps = result.requests.average;
  const p99 = result.latency.p99;
  const ok = rps >= 2000 && p99 < 50 && result.errors === 0 && result.non2xx === 0;
  console.log(
    [
      `gateway bench — GET a cached hosted assertion over loopback (${connections} connections, ${duration} s, ${(await import("node:os")).cpus().length} cores shared by client and server)`,
      `  requests/s   ${Math.round(rps).toLocaleString("en")} (average; total ${result.requests.total.toLocaleString("en")})`,
      `  latency      p50 ${result.latency.p50} ms · p99 ${p99} ms · max ${result.latency.max} ms`,
      `  errors       ${result.errors} · non-2xx ${result.non2xx} · timeouts ${result.timeouts}`,
      `  goal         ≥ 2,000 requests/s with p99 < 50 ms: ${ok ? "MET" : "NOT MET"}`,
    ].join("\n"),
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await target.stop();
}
