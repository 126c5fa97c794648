// `npm test` (through scripts/bootstrap.mjs): every suite of the repository, one after the other,
// then one closing line `N passed, N failed` across all of them (CI reads it).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./lib/deployments.ts";

type Counts = { passed: number; failed: number; skipped: number };
type Suite = { name: string; command: string[]; counts: (output: string) => Counts | undefined; after?: string[] };

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const stripAnsi = (text: string) => text.replace(ANSI_COLOUR, "");

/** Hardhat's `test` task ends with "N passing (… mocha, … solidity)" and, if any, "N failing (…)". */
function hardhatCounts(output: string): Counts | undefined {
  const text = stripAnsi(output);
  const passing = /^(\d+) passing/m.exec(text);
  const failing = /^(\d+) failing/m.exec(text);
  const skipped = /^(\d+) skipped/m.exec(text);
  if (!passing && !failing) return undefined;
  return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0), skipped: Number(skipped?.[1] ?? 0) };
}

const reports = mkdtempSync(join(tmpdir(), "chancery-tests-"));
/** Vitest writes a JSON report beside its normal output. */
function vitestSuite(name: string, workspace: string): Suite {
  const report = join(reports, `${workspace}.json`);
  return {
    name,
    command: [
      "npm",
      "exec",
      "-w",
      workspace,
      "--",
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    counts: () => {
      if (!existsSync(report)) return undefined;
      const json = JSON.parse(readFileSync(report, "utf8"));
      return { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
    },
  };
}

const suites: Suite[] = [
  {
    name: "contracts (mocha + Solidity fuzz, with coverage)",
    command: ["npx", "hardhat", "test", "--coverage"],
    counts: hardhatCounts,
    // Coverage leaves instrumented bytecode in artifacts/; the suites after it deploy the real one.
    after: ["npx", "hardhat", "build", "--quiet"],
  },
];
const WORKSPACES = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { workspaces: string[] }).workspaces;
const manifestOf = (workspace: string) =>
  JSON.parse(readFileSync(join(ROOT, workspace, "package.json"), "utf8")) as { scripts?: Record<string, string> };

/** Guardrails run before the suites; each counts as one test, and any error or warning fails it. */
type Check = { name: string; command: string[] };
const checks: Check[] = [
  { name: "lint (Biome, warnings are errors)", command: ["npx", "biome", "ci", "--error-on-warnings", "."] },
  { name: "lint (solhint)", command: ["npx", "solhint", "--max-warnings", "0", "contracts/**/*.sol"] },
  { name: "type check (root: contract tests, scripts, deploy)", command: ["npx", "tsc", "-p", "tsconfig.json"] },
];
for (const workspace of WORKSPACES) {
  if (manifestOf(workspace).scripts?.typecheck) {
    checks.push({ name: `type check (${workspace})`, command: ["npm", "run", "-s", "typecheck", "-w", workspace] });
  }
}

// A workspace joins once it declares a `test` script (vitest).
for (const workspace of WORKSPACES) {
  if (manifestOf(workspace).scripts?.test) {
    suites.push(vitestSuite(workspace, workspace));
  }
}

function run(command: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
    child.on("error", (error) => resolve({ code: 1, output: String(error) }));
  });
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];

console.log("\n=== generate ABI and deployments modules ===");
const generated = await run(["node", "scripts/export-deployments.ts"]);
if (generated.code !== 0) {
  lines.push("generate: FAILED (the contracts did not compile)");
  total.failed += 1;
} else {
  for (const check of checks) {
    console.log(`\n=== ${check.name} ===`);
    const { code } = await run(check.command);
    lines.push(`${check.name}: ${code === 0 ? "passed" : "FAILED"}`);
    if (code === 0) total.passed += 1;
    else total.failed += 1;
  }
  for (const suite of suites) {
    console.log(`\n=== ${suite.name} ===`);
    const { code, output } = await run(suite.command);
    if (suite.after) await run(suite.after);
    const counts = suite.counts(output);
    if (!counts) {
      // A suite that crashed before reporting counts as one failure, never as zero tests.
      lines.push(`${suite.name}: CRASHED (exit ${code}, no test summary)`);
      total.failed += 1;
      continue;
    }
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    lines.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
rmSync(reports, { recursive: true, force: true });

console.log("\n=== summary ===");
for (const line of lines) console.log(line);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exitCode = total.failed > 0 ? 1 : 0;
