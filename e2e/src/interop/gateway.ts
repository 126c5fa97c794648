// The real gateway, started as it is deployed (`node gateway/src/main.ts`, configured from the
// environment) against the test chain, on a free loopback port, with a public https origin of its
// own written into every document it serves.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { freePort, type TestChain } from "@chancery/testing/chain";
import { ROOT } from "../stack.ts";

export type GatewayProcess = {
  /** Where it listens (http://127.0.0.1:port). */
  origin: string;
  stop: () => Promise<void>;
};

export async function startGatewayProcess(chain: TestChain, publicBaseUrl: string, timeoutMs = 60_000): Promise<GatewayProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "gateway", "src", "main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      RPC_URL: chain.rpcUrl,
      CHAIN_ID: String(chain.chainId),
      REGISTRY_ADDRESS: chain.registry,
      DEPLOYED_BLOCK: String(chain.deployedOnBlock),
      PUBLIC_BASE_URL: publicBaseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      // Three tools fetch the same few documents for every artefact from one client address.
      RATE_LIMIT_BURST: "100000",
      RATE_LIMIT_PER_SECOND: "100000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => output.push(String(chunk)));
  child.stderr?.on("data", (chunk) => output.push(String(chunk)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${origin}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { origin, stop };
    if (child.exitCode !== null) throw new Error(`the gateway exited with code ${child.exitCode} before it was ready:\n${output.join("")}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the gateway on ${origin} was not ready within ${timeoutMs / 1000} s:\n${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
