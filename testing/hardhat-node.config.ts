// A bare Hardhat config for the test nodes: no plugins, and an artifacts folder of its own (empty),
// so a node starting while someone rebuilds the project's artifacts never reads half-written files.
import { defineConfig } from "hardhat/config";

export default defineConfig({
  paths: { artifacts: "../cache/test-node-artifacts", cache: "../cache/test-node-cache" },
  networks: { hardhat: { type: "edr-simulated", chainType: "l1" } },
});
