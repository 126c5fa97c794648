/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { type Plugin, defineConfig } from "vite";

// The sdk's package exports only its entry point; areas not exported yet are reached by path.
const sdkSrc = fileURLToPath(new URL("../sdk/src/", import.meta.url));

const sdkDir = fileURLToPath(new URL("../sdk/", import.meta.url));

/**
 * The sdk's modules have no import-time side effects, but its package does not say so
 * ("sideEffects": false), so its barrel entry would drag JSON-LD and the proof suites into every
 * chunk that imports anything from it. Declaring them side-effect free lets the bundler keep the
 * verifier's heavy path in the lazily loaded chunks.
 */
function sdkWithoutSideEffects(): Plugin {
  return {
    name: "chancery-sdk-side-effect-free",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (source !== "@chancery/sdk" && !source.startsWith("@chancery/sdk/") && !(importer?.startsWith(sdkDir) && source.startsWith("."))) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !resolved.id.startsWith(`${sdkDir}src/`)) return resolved;
      return { ...resolved, moduleSideEffects: false };
    },
  };
}

export default defineConfig({
  plugins: [react(), sdkWithoutSideEffects()],
  resolve: {
    alias: [{ find: /^@chancery\/sdk\/src\//, replacement: sdkSrc }],
  },
  server: { host: "127.0.0.1", port: 5173 },
  preview: { host: "127.0.0.1", port: 4173 },
  build: {
    target: "es2022",
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  test: {
    environment: "happy-dom",
    setupFiles: ["./test/setup.ts"],
    include: ["test/**/*.test.{ts,tsx}"],
    css: false,
    testTimeout: 15_000,
  },
});
