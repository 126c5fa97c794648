// `npm run build` ends with the bundle figures of dist/: initial JavaScript per route, what the
// verifier loads on its first check, the whole app and the CSS.
import { fileURLToPath } from "node:url";
import { bundleFigures, kB } from "./bundle.ts";

const figures = bundleFigures(fileURLToPath(new URL("../dist/", import.meta.url)));
console.log("\nInitial JavaScript per route (gzip -9, entry + static imports + the route's page chunk):");
for (const { route, gzip, files } of figures.routes) console.log(`  ${route.padEnd(24)} ${kB(gzip).padStart(10)}  (${files} files)`);
console.log(`  verifier, loaded on first check: ${kB(figures.verifierOnFirstCheck)} more (JSON-LD, proof suites)`);
console.log(
  `Whole app, every JS chunk: ${kB(figures.wholeApp.gzip)} gzip in ${figures.wholeApp.files} files (includes RainbowKit's lazily loaded locales and wallet icons)`,
);
console.log(`CSS: ${kB(figures.css)} gzip\n`);
