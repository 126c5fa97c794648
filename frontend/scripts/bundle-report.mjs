// Prints the gzip size of the JavaScript a first visit loads: the entry chunk and its static
// imports, plus the lazily loaded page chunk for a route; and the whole app. Reads Vite's manifest.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;

function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  keys.forEach(visit);
  return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith(".js"));
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const routes = {
  "/ (home)": [],
  "/verify": ["src/pages/Verify.tsx"],
  "/issue": ["src/pages/issue/IssuePage.tsx"],
  "/learner/:address": ["src/pages/Learner.tsx"],
  "/badge/:chainId/:uid": ["src/pages/BadgeDetail.tsx"],
  "/registry": ["src/pages/Registry.tsx"],
};
const rows = [];
for (const [route, pages] of Object.entries(routes)) {
  const files = new Set(closure([entry, ...pages]));
  rows.push([route, [...files].reduce((sum, f) => sum + gz(f), 0), files.size]);
}
const verifier = manifest["src/sdk/heavy.ts"] ? closure(["src/sdk/heavy.ts"]).filter((f) => !closure([entry, "src/pages/Verify.tsx"]).includes(f)) : [];
const allJs = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js")).map((f) => `assets/${f}`);
const css = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".css")).map((f) => `assets/${f}`);

console.log("\nInitial JavaScript per route (gzip -9, entry + static imports + the route's page chunk):");
for (const [route, size, count] of rows) console.log(`  ${route.padEnd(24)} ${kB(size).padStart(10)}  (${count} files)`);
console.log(`  verifier, loaded on first check: ${kB(verifier.reduce((s, f) => s + gz(f), 0))} more (JSON-LD, proof suites)`);
console.log(`Whole app, every JS chunk: ${kB(allJs.reduce((s, f) => s + gz(f), 0))} gzip in ${allJs.length} files (includes RainbowKit's lazily loaded locales and wallet icons)`);
console.log(`CSS: ${kB(css.reduce((s, f) => s + gz(f), 0))} gzip\n`);
