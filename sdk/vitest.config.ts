import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests start a Hardhat node and spawn the CLI; CI machines have 2 cores.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Every step the verifier records in any test must carry a step code (sdk/src/verify/codes.ts).
    setupFiles: ["test/setup-step-codes.ts"],
  },
});
