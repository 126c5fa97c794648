// `npm run deploy -- --network <name>`: deploys (or resumes) the Chancery Ignition module and
// exports addresses + typed ABIs for the sdk, app and gateway. Rerunnable: Ignition skips what is
// already deployed; a local journal left over from a chain that was restarted is discarded.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createPublicClient, http } from "viem";
import { DEPLOYMENTS_DIR, ROOT } from "./lib/deployments.ts";

const { values } = parseArgs({
  options: { network: { type: "string", default: "localhost" }, rpc: { type: "string" } },
});
const networkName = values.network!;
const LOCAL_CHAIN_IDS = new Set([31337, 1337]);

function hardhat(args: string[]) {
  const result = spawnSync("npx", ["hardhat", ...args], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (networkName === "localhost") {
  const url = values.rpc ?? process.env.LOCAL_RPC_URL ?? "http://127.0.0.1:8545";
  const client = createPublicClient({ transport: http(url, { retryCount: 0 }) });
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch {
    console.error(`No node answers at ${url}. Start one with \`npx hardhat node\` (or \`npm start\`) and retry.`);
    process.exit(1);
  }
  const journalDir = join(DEPLOYMENTS_DIR, `chain-${chainId}`);
  const addressesFile = join(journalDir, "deployed_addresses.json");
  if (LOCAL_CHAIN_IDS.has(chainId) && existsSync(addressesFile)) {
    const addresses: Record<string, `0x${string}`> = JSON.parse(readFileSync(addressesFile, "utf8"));
    const codes = await Promise.all(Object.values(addresses).map((address) => client.getCode({ address })));
    if (codes.some((code) => !code || code === "0x")) {
      console.log(`The local chain ${chainId} was restarted since the last deploy: discarding its old journal.`);
      rmSync(journalDir, { recursive: true, force: true });
    }
  }
}

hardhat(["build", "--quiet"]);
const parameters = join(ROOT, "deploy", "parameters", `${networkName}.json`);
hardhat([
  "ignition",
  "deploy",
  "deploy/modules/Chancery.ts",
  "--network",
  networkName,
  ...(existsSync(parameters) ? ["--parameters", parameters] : []),
]);
// Regenerate the ABI and addresses modules that the sdk, app and gateway import.
await import("./export-deployments.ts");
