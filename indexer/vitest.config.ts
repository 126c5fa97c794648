import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests start Hardhat nodes; CI machines have 2 cores.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
