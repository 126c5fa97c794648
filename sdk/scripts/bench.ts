// sdk figures: time to verify one of our baked PNG badges against a local node after warm-up
// (goal < 300 ms in node), and the gzip size of the browser bundle of the verification path.
// Run: npm run bench:sdk (from the repository root).

import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { startTestChain } from "@chancery/testing/chain";
import { setUpIssuer } from "@chancery/testing/issuer";
import { concat, idat, iend, ihdr, SIGNATURE } from "@chancery/testing/png";
import { build } from "vite";
import { anchorBadge, prepareBadge } from "../src/award/index.ts";
import { bakePng } from "../src/baking/png.ts";
import { verifyBadge } from "../src/verify/index.ts";

const VERIFY_GOAL_MS = 300;
const here = dirname(fileURLToPath(import.meta.url));

async function verificationBundleSize() {
  const output = await build({
    configFile: false,
    logLevel: "silent",
    root: resolve(here, ".."),
    build: {
      write: false,
      minify: true,
      lib: { entry: resolve(here, "../src/verify/index.ts"), formats: ["es"], fileName: "verify" },
      rollupOptions: { output: { codeSplitting: false } as never },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ("output" in o ? o.output : []));
  const code = chunks.map((c) => ("code" in c ? c.code : "")).join("");
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code).length };
}

const chain = await startTestChain();
try {
  const { admin, classId, signingKey, award } = await setUpIssuer(chain, { name: "Bench University", className: "Bench" });
  const badge = await prepareBadge(award(), signingKey);
  await anchorBadge(admin, badge, { classId });
  const png = bakePng(concat(SIGNATURE, ihdr(), idat(), iend()), JSON.stringify(badge.credential), "ob3");

  const options = { publicClient: chain.publicClient };
  for (let i = 0; i < 3; i++) {
    const warm = await verifyBadge(png, options);
    if (warm.verdict !== "valid") throw new Error(`bench badge verified as ${warm.verdict}: ${JSON.stringify(warm.steps)}`);
  }
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await verifyBadge(png, options);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.floor(times.length * 0.95) - 1]!;
  const bundle = await verificationBundleSize();

  console.log("\n@chancery/sdk figures");
  console.table([
    { figure: "verify a baked PNG (local node, warm), median", value: `${median.toFixed(1)} ms`, goal: `< ${VERIFY_GOAL_MS} ms` },
    { figure: "verify a baked PNG (local node, warm), p95", value: `${p95.toFixed(1)} ms`, goal: "" },
    { figure: "browser bundle of verifyBadge, minified", value: `${(bundle.raw / 1024).toFixed(0)} kB`, goal: "" },
    { figure: "browser bundle of verifyBadge, gzip", value: `${(bundle.gzip / 1024).toFixed(0)} kB`, goal: "" },
  ]);
  if (median > VERIFY_GOAL_MS) {
    console.error(`GOAL MISSED: verifying takes ${median.toFixed(1)} ms (goal < ${VERIFY_GOAL_MS} ms)`);
    process.exitCode = 1;
  }
} finally {
  await chain.stop();
}
