#!/usr/bin/env node
// Dependency-free entry point for `npm start` and `npm test` on a fresh machine.
// 1. If this Node is older than 22.13, provision Node 22 from the npm package `node@22`
//    into .tools/ (git-ignored) and re-run everything with it first on PATH: npm running
//    on Node 20 silently skips Hardhat's native EDR package.
// 2. Run `npm ci` when node_modules is missing or older than the lockfile.
// 3. Run the npm script named on the command line, with the same PATH.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const NODE_PACKAGE = "node@22.23.3";
const MIN_NODE = [22, 13];
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const toolsDir = join(root, ".tools");
const toolsBin = join(toolsDir, "node_modules", ".bin");

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function run(cmd, args, env) {
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  if (result.error) throw new Error(`could not run ${cmd}: ${result.error.message}`);
  return result.status ?? 1;
}

function nodeIsRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

function versionOf(nodeBinary, env) {
  const result = spawnSync(nodeBinary, ["--version"], { env, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

function main() {
  const [action, script, ...rest] = process.argv.slice(2);
  if (action !== "run" || !script) {
    log("usage: node scripts/bootstrap.mjs run <npm-script> [args…]");
    return 2;
  }
  const env = { ...process.env };
  // npm exports npm_config_* and npm_node_execpath from the outer (old) Node: drop them.
  for (const key of Object.keys(env)) {
    if (key === "npm_node_execpath" || key === "NODE") delete env[key];
  }

  if (!nodeIsRecentEnough(process.version)) {
    const provisioned = join(toolsBin, "node");
    if (!existsSync(provisioned) || !versionOf(provisioned, env)) {
      log(`Node ${process.version} is older than ${MIN_NODE.join(".")}: installing ${NODE_PACKAGE} into .tools/`);
      mkdirSync(toolsDir, { recursive: true });
      const status = run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", toolsDir, NODE_PACKAGE], env);
      if (status !== 0 || !versionOf(provisioned, env)) {
        log(`could not provision ${NODE_PACKAGE}; install Node.js >= ${MIN_NODE.join(".")} yourself and retry`);
        return 1;
      }
    }
    env.PATH = `${toolsBin}${delimiter}${env.PATH ?? ""}`;
    log(`using Node ${versionOf(provisioned, env)} from .tools/`);
  }

  // Reinstall when the lockfile or the Node major changed since the last install.
  const lock = readFileSync(join(root, "package-lock.json"));
  const nodeVersion = versionOf("node", env) ?? process.version;
  const stamp = createHash("sha256").update(lock).update(nodeVersion.split(".")[0]).digest("hex");
  const stampFile = join(root, "node_modules", ".chancery-install-stamp");
  const installed = existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
  if (!installed) {
    log("installing dependencies (npm ci)");
    const status = run("npm", ["ci", "--no-audit", "--no-fund"], env);
    if (status !== 0) {
      log("npm ci failed: see the messages above");
      return status;
    }
    writeFileSync(stampFile, stamp);
  }

  return run("npm", ["run", "--silent", script, ...(rest.length ? ["--", ...rest] : [])], env);
}

try {
  process.exitCode = main();
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
