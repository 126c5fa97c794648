// `npm start` (through scripts/bootstrap.mjs): a local Hardhat node on 127.0.0.1:8545, the
// contracts deployed by the Ignition module, and the exported addresses. Ctrl-C stops everything.
import { spawn, type ChildProcess } from "node:child_process";
import { createPublicClient, http } from "viem";
import { ROOT } from "./lib/deployments.ts";

const HOST = "127.0.0.1";
const PORT = Number(process.env.CHAIN_PORT ?? 8545);
const RPC_URL = `http://${HOST}:${PORT}`;
const children: ChildProcess[] = [];

function stopAll(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

const client = createPublicClient({ transport: http(RPC_URL, { retryCount: 0, timeout: 1_000 }) });
async function chainIsUp() {
  try {
    await client.getChainId();
    return true;
  } catch {
    return false;
  }
}

if (await chainIsUp()) {
  console.error(`Something already answers at ${RPC_URL}. Stop it (or set CHAIN_PORT) and run npm start again.`);
  process.exit(1);
}

console.log(`Starting a Hardhat node on ${RPC_URL} …`);
const node = spawn("npx", ["hardhat", "node", "--hostname", HOST, "--port", String(PORT)], {
  cwd: ROOT,
  stdio: ["ignore", "ignore", "inherit"],
});
children.push(node);
node.on("exit", (code) => {
  console.error(`The Hardhat node stopped (exit ${code}).`);
  stopAll(code ?? 1);
});
const started = Date.now();
while (!(await chainIsUp())) {
  if (Date.now() - started > 60_000) {
    console.error("The Hardhat node did not answer within 60 s.");
    stopAll(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
}

const deploy = spawn("node", ["scripts/deploy.ts", "--network", "localhost", "--rpc", RPC_URL], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, LOCAL_RPC_URL: RPC_URL },
});
children.push(deploy);
const deployCode: number = await new Promise((resolve) => deploy.on("exit", (code) => resolve(code ?? 1)));
if (deployCode !== 0) {
  console.error("Deployment failed: see the messages above.");
  stopAll(deployCode);
}

const { deployments } = await import("../sdk/src/generated/deployments.ts");
const local = (deployments as Record<string, Record<string, { address: string; deployedOnBlock: number }>>)[
  String(await client.getChainId())
];
console.log(`
Chancery is running.
  Chain      ${RPC_URL} (chain id ${await client.getChainId()})
  Registry   ${local?.BadgeRegistry?.address} (deployed in block ${local?.BadgeRegistry?.deployedOnBlock})
  Accounts   Hardhat's default accounts (mnemonic "test test … junk"); account #0 is the
             registry admin and authority.
Press Ctrl-C to stop.`);
