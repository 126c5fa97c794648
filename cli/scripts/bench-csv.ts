// `npm run bench:csv`: times `chancery issue --csv` of 1,000 rows on a local Hardhat node, as an
// issuer would run it (the CLI as a child process: registering, signing every credential, batches
// sized to the gas cap, the journal, the results CSV and 1,000 baked PNGs), then once more after
// an interruption half way (a SIGINT once the first batch is on chain, then the same command).
//
// Options: --rows N (default 1000), --merkle (Merkle batches instead of array batches).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startTestChain } from "@chancery/testing/chain";
import { getAddress } from "viem";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000" }, merkle: { type: "boolean" } } });
const rows = Number(values.rows);
const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, "..", "bin", "chancery.mjs");
const chain = await startTestChain();
const registry = getAddress(chain.registry);
const dir = mkdtempSync(join(tmpdir(), "chancery-bench-csv-"));
const env = { ...process.env, CHANCERY_ACCOUNT_INDEX: "1", CHANCERY_PRIVATE_KEY: "" };
const where = ["--rpc", chain.rpcUrl, "--registry", registry];
const run = (args: string[]) => {
  const result = spawnSync(process.execPath, [CLI, ...args, ...where, "--json"], { cwd: dir, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`chancery ${args.join(" ")}: ${result.stderr}`);
  return JSON.parse(result.stdout);
};

function csv(name: string) {
  const lines = ["email,wallet,name"];
  for (let i = 0; i < rows; i++)
    lines.push(`learner${i}@example.org,${i % 10 === 0 ? `0x${(i + 1).toString(16).padStart(40, "0")}` : ""},Learner ${i}`);
  const file = join(dir, name);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

try {
  const { issuerId } = run(["issuer", "register", "--name", "Bench University", "--url", "https://bench.example"]);
  const { classId } = run([
    "class",
    "create",
    "--issuer",
    String(issuerId),
    "--name",
    "Bulk Issuance",
    "--description",
    "Issued a thousand at a time.",
    "--criteria",
    "Enrolled.",
  ]);
  const mode = values.merkle ? ["--merkle"] : [];

  // 1. One uninterrupted run, timed end to end (process start to exit).
  const file = csv("cohort.csv");
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, "issue", "--class", String(classId), "--csv", file, ...mode, ...where], {
    cwd: dir,
    env,
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(result.stderr);
  const progressLines = result.stderr.split("\n").filter((l) => l.startsWith("issuing")).length;
  const summary = result.stdout.split("\n")[0];

  // 2. The same size, interrupted with Ctrl-C (SIGINT) once a batch is on chain, then resumed.
  const second = csv("interrupted.csv");
  const journal = `${second}.journal.jsonl`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, "issue", "--class", String(classId), "--csv", second, ...mode, ...where], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (c) => (stdout += c));
  const timer = setInterval(() => {
    if (existsSync(journal) && readFileSync(journal, "utf8").includes('"type":"anchored"')) {
      clearInterval(timer);
      child.kill("SIGINT");
    }
  }, 20);
  const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  clearInterval(timer);
  const firstPart = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const resumed = spawnSync(process.execPath, [CLI, "issue", "--class", String(classId), "--csv", second, ...mode, ...where], {
    cwd: dir,
    env,
    encoding: "utf8",
  });
  const resumeSeconds = (performance.now() - t1) / 1000;
  if (resumed.status !== 0) throw new Error(resumed.stderr);

  console.log(
    [
      `chancery issue --csv — ${rows} rows on a local Hardhat node (${values.merkle ? "Merkle batches" : "array batches"}), CLI run as a child process`,
      `  uninterrupted   ${seconds.toFixed(1)} s (${((seconds * 1000) / rows).toFixed(1)} ms a badge) — ${summary.replace(/^Done: /, "")}`,
      `  progress bar    ${progressLines} updates on stderr`,
      `  interrupted     Ctrl-C after ${firstPart.toFixed(1)} s (exit ${code}: ${stdout.split("\n")[0]})`,
      `  resumed         ${resumeSeconds.toFixed(1)} s — ${resumed.stdout.split("\n")[0].replace(/^Done: /, "")}`,
    ].join("\n"),
  );
} finally {
  await chain.stop();
  rmSync(dir, { recursive: true, force: true });
}
