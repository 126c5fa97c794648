// Regenerates the ABI module (wagmi CLI over Hardhat's artifacts) and the addresses module.
import { spawnSync } from "node:child_process";
import { exportDeployments, ROOT } from "./lib/deployments.ts";

const wagmi = spawnSync("npx", ["wagmi", "generate"], { cwd: ROOT, encoding: "utf8" });
if (wagmi.status !== 0) {
  process.stderr.write(wagmi.stdout + wagmi.stderr);
  console.error("wagmi generate failed: run `npx hardhat build` to see the compiler's message");
  process.exit(wagmi.status ?? 1);
}
const deployments = exportDeployments();
const chains = Object.keys(deployments);
console.log(
  `generated sdk/src/generated/abi.ts and deployments.ts (${chains.length ? `chains ${chains.join(", ")}` : "no deployments yet"})`,
);
