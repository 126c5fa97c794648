import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests start a Hardhat node and spawn the CLI; CI machines have 2 cores.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
