// Figures of the dApp (issue 4), printed, not asserted: the time from dropping a baked PNG on
// /verify to the verdict, in Chromium against a local Hardhat node, and the gzip size of the
// initial JavaScript of /verify and of the whole app. Run: npm run figures -w e2e
// (or `node scripts/figures.ts` in e2e/). Takes about half a minute.
import { availableParallelism } from "node:os";
import { bundleFigures, kB } from "@chancery/frontend/bundle";
import { bakePng } from "@chancery/sdk/baking";
import { type DroppedFile, openApp, timeDropToVerdict, verdictOf } from "../src/app.ts";
import { findChromium } from "../src/chromium.ts";
import { logoPng } from "../src/images.ts";
import { seedIssuer } from "../src/seed.ts";
import { startStack } from "../src/stack.ts";

const DROP_GOAL_MS = 1500;
const VERIFY_JS_GOAL = 350 * 1024;
const VISITS = 9;
const REPEATS = 9;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (n: number) => `${Math.round(n).toLocaleString("en")} ms`;

const started = Date.now();
const stack = await startStack();
const app = await openApp(stack);
try {
  // One badge issued the way the console issues it, baked into a PNG as the learner downloads it.
  const issuer = await seedIssuer(stack, { accountIndex: 1, name: "Université de Lumière", className: "Data Literacy I" });
  const badge = await issuer.issue({ email: "ada.lovelace@example.org", wallet: stack.accounts[3]!, name: "Ada Lovelace" });
  const file: DroppedFile = {
    name: "data-literacy-i.png",
    mimeType: "image/png",
    buffer: Buffer.from(bakePng(new Uint8Array(logoPng(256)), JSON.stringify(badge.credential), "ob3")),
  };
  const { page } = app;
  const open = async () => {
    await page.goto(`${stack.appUrl}/verify`);
    await page.getByRole("heading", { level: 1, name: "Verify a badge" }).waitFor();
  };
  const drop = async () => {
    const result = await timeDropToVerdict(page, file);
    if (result.verdict !== "valid") throw new Error(`the badge verified as ${result.verdict}`);
    return result.ms;
  };

  // 1. The very first visit: nothing cached, the verifier's code loads on the first drop.
  await open();
  const cold = await drop();
  // 2. A visit per drop (the browser's cache is warm, the page is new): what a person sees.
  const visits: number[] = [];
  for (let i = 0; i < VISITS; i++) {
    await open();
    visits.push(await drop());
  }
  // 3. Several files checked one after the other on the same page.
  const repeats: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    await page.getByRole("button", { name: "Verify another badge" }).click();
    repeats.push(await drop());
  }
  await verdictOf(page);

  const bundle = bundleFigures(stack.appDir);
  const verify = bundle.routes.find((r) => r.route === "/verify")!;
  const chromium = await findChromium();

  console.log(
    `\nChancery dApp figures (${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores, Chromium from ${chromium.source}, local Hardhat node)\n`,
  );
  console.log("Verifier: file drop on /verify → verdict banner (baked OB 3.0 PNG, verdict valid, measured in the page)");
  console.table([
    { case: "first visit, empty cache (loads the verifier's code)", median: ms(cold), runs: 1, goal: `< ${ms(DROP_GOAL_MS)}` },
    {
      case: "new visit, warm browser cache",
      median: ms(median(visits)),
      min: ms(Math.min(...visits)),
      max: ms(Math.max(...visits)),
      runs: VISITS,
      goal: `< ${ms(DROP_GOAL_MS)}`,
    },
    {
      case: "another file on the same page",
      median: ms(median(repeats)),
      min: ms(Math.min(...repeats)),
      max: ms(Math.max(...repeats)),
      runs: REPEATS,
      goal: `< ${ms(DROP_GOAL_MS)}`,
    },
  ]);
  console.log("Bundle: initial JavaScript per route, gzip -9 (entry + its static imports + the route's page chunk and its imports)");
  console.table(
    bundle.routes.map((r) => ({
      route: r.route,
      gzip: kB(r.gzip),
      files: r.files,
      ...(r.route === "/verify" ? { goal: `≤ ${kB(VERIFY_JS_GOAL)}` } : {}),
    })),
  );
  console.log(
    `/verify initial JS: ${kB(verify.gzip)} gzip (goal ≤ ${kB(VERIFY_JS_GOAL)}: ${verify.gzip <= VERIFY_JS_GOAL ? "met" : "NOT met"}); + ${kB(bundle.verifierOnFirstCheck)} loaded on the first check (JSON-LD, proof suites)`,
  );
  console.log(
    `Whole app: ${kB(bundle.wholeApp.gzip)} gzip of JavaScript in ${bundle.wholeApp.files} files (every lazy chunk, RainbowKit's locales and wallet icons included); CSS ${kB(bundle.css)} gzip`,
  );
  console.log(`Drop → verdict goal (< ${ms(DROP_GOAL_MS)}, median of new visits): ${median(visits) < DROP_GOAL_MS ? "met" : "NOT met"}`);
  console.log(`(figures took ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
} finally {
  await app.close();
  await stack.stop();
}
