import { defineConfig } from "@wagmi/cli";
import { hardhat } from "@wagmi/cli/plugins";

// Typed ABIs generated from Hardhat's artifacts (never copied by hand). Addresses per chain
// come from scripts/export-deployments.ts, which writes deployments.ts beside this output.
export default defineConfig({
  out: "sdk/src/generated/abi.ts",
  plugins: [
    hardhat({
      project: ".",
      include: ["BadgeRegistry.json"],
      commands: { build: "npx hardhat build --quiet", rebuild: "npx hardhat build --quiet", clean: false },
    }),
  ],
});
