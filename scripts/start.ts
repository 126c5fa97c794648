// `npm start` (through scripts/bootstrap.mjs): the whole product on one machine — a Hardhat node on
// 127.0.0.1:8545, the contracts deployed by the Ignition module, a seeded demo (an accredited
// university, three badge classes, 20 badges), the gateway and the app. Prints the URLs and the
// demo accounts, writes .demo/manifest.json once everything is up. Ctrl-C stops every child.
//
// Ports: CHAIN_PORT (8545), GATEWAY_PORT (8787), APP_PORT (5173), INDEXER_PORT (42069). SKIP_APP=1 leaves the app
// out; SKIP_INDEXER=1 the indexer (lists then come from the chain).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join, relative } from "node:path";
import { createPublicClient, http } from "viem";
import { ROOT } from "./lib/deployments.ts";

const HOST = "127.0.0.1";
const CHAIN_PORT = Number(process.env.CHAIN_PORT ?? 8545);
const GATEWAY_PORT = Number(process.env.GATEWAY_PORT ?? 8787);
const APP_PORT = Number(process.env.APP_PORT ?? 5173);
const INDEXER_PORT = Number(process.env.INDEXER_PORT ?? 42069);
// Award e-mails go to a local catcher (MailDev, the gateway's dev dependency) with a web inbox, unless
// SMTP_URL / SMTP_HOST name a real server (then the gateway uses it, with MAIL_FROM).
const MAIL_SMTP_PORT = Number(process.env.MAIL_SMTP_PORT ?? 1025);
const MAIL_WEB_PORT = Number(process.env.MAIL_WEB_PORT ?? 1080);
const MAIL_URL = `http://${HOST}:${MAIL_WEB_PORT}`;
const realSmtp = !!(process.env.SMTP_URL || process.env.SMTP_HOST);
const RPC_URL = `http://${HOST}:${CHAIN_PORT}`;
const GATEWAY_URL = `http://${HOST}:${GATEWAY_PORT}`;
const APP_URL = `http://${HOST}:${APP_PORT}`;
const INDEXER_URL = `http://${HOST}:${INDEXER_PORT}`;
const DEMO_DIR = join(ROOT, ".demo");
const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    // Each child leads its own process group (detached), so its own children (npx → vite) stop too.
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
  }
  setTimeout(() => process.exit(code), 500);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

function start(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: boolean } = {},
): ChildProcess {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", options.quiet ? "ignore" : "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => `[${name}] ${line}\n`)
      .join("");
  child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`The ${name} stopped (${signal ?? `exit ${code}`}); stopping everything.`);
    stopAll(code || 1);
  });
  return child;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 90_000) {
  const started = Date.now();
  while (!(await check().catch(() => false))) {
    if (stopping) return;
    if (Date.now() - started > timeoutMs) {
      console.error(`${what} did not come up within ${timeoutMs / 1000} s.`);
      stopAll(1);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const client = createPublicClient({ transport: http(RPC_URL, { retryCount: 0, timeout: 1_000 }) });
const chainIsUp = async () => {
  await client.getChainId();
  return true;
};

if (await chainIsUp().catch(() => false)) {
  console.error(`Something already answers at ${RPC_URL}. Stop it (or set CHAIN_PORT) and run npm start again.`);
  process.exit(1);
}
const skipApp = process.env.SKIP_APP === "1" || !existsSync(join(ROOT, "frontend", "index.html"));
const skipIndexer = process.env.SKIP_INDEXER === "1";
for (const [port, name, variable] of [
  [GATEWAY_PORT, "gateway", "GATEWAY_PORT"],
  ...(realSmtp
    ? []
    : [
        [MAIL_SMTP_PORT, "mail catcher (SMTP)", "MAIL_SMTP_PORT"],
        [MAIL_WEB_PORT, "mail inbox", "MAIL_WEB_PORT"],
      ]),
  ...(skipApp ? [] : [[APP_PORT, "app", "APP_PORT"]]),
  ...(skipIndexer ? [] : [[INDEXER_PORT, "indexer", "INDEXER_PORT"]]),
] as [number, string, string][]) {
  if (!(await portFree(port))) {
    console.error(`Port ${port} (the ${name}) is in use. Stop what uses it, or set ${variable}, and run npm start again.`);
    process.exit(1);
  }
}
// A manifest from an earlier run describes a chain that no longer exists.
rmSync(join(DEMO_DIR, "manifest.json"), { force: true });

console.log(`Starting a Hardhat node on ${RPC_URL} …`);
start("chain", "npx", ["hardhat", "node", "--hostname", HOST, "--port", String(CHAIN_PORT)], { quiet: true });
await waitFor("The Hardhat node", chainIsUp, 60_000);

const deploy = spawn("node", ["scripts/deploy.ts", "--network", "localhost", "--rpc", RPC_URL], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, LOCAL_RPC_URL: RPC_URL },
});
const deployCode: number = await new Promise((resolve) => deploy.on("exit", (code) => resolve(code ?? 1)));
if (deployCode !== 0) {
  console.error("Deployment failed: see the messages above.");
  stopAll(deployCode);
  await new Promise(() => {});
}

const chainId = await client.getChainId();
// Imported after the deploy, which regenerates these modules.
const { deployments } = await import("@chancery/sdk/deployments");
const registry = (deployments as Record<string, Record<string, { address: `0x${string}`; deployedOnBlock: number }>>)[String(chainId)]
  ?.BadgeRegistry;
if (!registry) {
  console.error(`The deployment exported no BadgeRegistry for chain ${chainId}.`);
  stopAll(1);
  await new Promise(() => {});
}

const { seedDemo, summarize } = await import("./demo/seed.ts");
let manifest: Awaited<ReturnType<typeof seedDemo>>;
try {
  manifest = await seedDemo({ rpcUrl: RPC_URL, registry: registry!.address, gatewayUrl: GATEWAY_URL, appUrl: APP_URL });
} catch (error) {
  console.error(`The demo seed failed: ${(error as Error).message}`);
  stopAll(1);
  await new Promise(() => {});
}

// The indexer (Ponder, embedded PGlite under .demo/index) follows the registry from its deployment; the
// gateway's lists come from it; verdicts still come from the registry.
if (!skipIndexer) {
  console.log(`Starting the indexer on ${INDEXER_URL} …`);
  const { indexerCommand } = await import("@chancery/indexer/runner");
  const dataDir = join(DEMO_DIR, "index");
  rmSync(dataDir, { recursive: true, force: true });
  const run = indexerCommand({
    rpcUrl: RPC_URL,
    chainId,
    registry: registry!.address,
    deployedOnBlock: registry!.deployedOnBlock,
    port: INDEXER_PORT,
    host: HOST,
    dataDir,
  });
  start("indexer", run.command, run.args, { cwd: run.cwd, env: run.env, quiet: true });
  await waitFor("The indexer", async () => (await fetch(`${INDEXER_URL}/ready`)).ok, 180_000);
}
const indexerEnv = skipIndexer ? {} : { INDEXER_URL };

if (!realSmtp) {
  console.log(`Starting the mail catcher (SMTP ${HOST}:${MAIL_SMTP_PORT}, inbox ${MAIL_URL}) …`);
  const maildev = createRequire(join(ROOT, "gateway", "package.json")).resolve("maildev/bin/maildev");
  start("mail", process.execPath, [maildev, "--ip", HOST, "--smtp", String(MAIL_SMTP_PORT), "--web", String(MAIL_WEB_PORT), "--silent"], {
    quiet: true,
  });
  await waitFor("The mail catcher", async () => (await fetch(`${MAIL_URL}/healthz`)).ok);
}
const mailEnv = realSmtp
  ? {}
  : { SMTP_HOST: HOST, SMTP_PORT: String(MAIL_SMTP_PORT), MAIL_FROM: process.env.MAIL_FROM ?? "badges@chancery.localhost" };

console.log(`Starting the gateway on ${GATEWAY_URL} …`);
start("gateway", process.execPath, ["gateway/src/main.ts"], {
  env: {
    RPC_URL,
    CHAIN_ID: String(chainId),
    REGISTRY_ADDRESS: registry!.address,
    DEPLOYED_BLOCK: String(registry!.deployedOnBlock),
    PUBLIC_BASE_URL: GATEWAY_URL,
    APP_URL,
    HOST,
    PORT: String(GATEWAY_PORT),
    LOG_LEVEL: process.env.GATEWAY_LOG_LEVEL ?? "warn",
    ...mailEnv,
    ...indexerEnv,
  },
});
await waitFor("The gateway", async () => (await fetch(`${GATEWAY_URL}/healthz`)).ok);

if (skipApp) {
  console.log(
    existsSync(join(ROOT, "frontend", "index.html"))
      ? "SKIP_APP=1: the app is not started."
      : "No frontend/index.html yet: the app is skipped (the chain, the demo and the gateway run).",
  );
} else {
  console.log(`Starting the app on ${APP_URL} …`);
  start("app", "npx", ["vite", "--host", HOST, "--port", String(APP_PORT), "--strictPort"], {
    cwd: join(ROOT, "frontend"),
    env: {
      VITE_CHAIN_ID: String(chainId),
      VITE_RPC_URL: RPC_URL,
      VITE_REGISTRY_ADDRESS: registry!.address,
      VITE_DEPLOYED_BLOCK: String(registry!.deployedOnBlock),
      VITE_GATEWAY_URL: GATEWAY_URL,
      ...(skipIndexer ? {} : { VITE_INDEXER_URL: INDEXER_URL }),
    },
    quiet: true,
  });
  await waitFor("The app", async () => (await fetch(APP_URL)).ok, 120_000);
}
if (stopping) await new Promise(() => {});

// Everything is up: the manifest says what was made and where to find it.
mkdirSync(DEMO_DIR, { recursive: true });
const manifestPath = join(DEMO_DIR, "manifest.json");
writeFileSync(manifestPath, `${JSON.stringify({ ...manifest!, app: skipApp ? "not started" : "running" }, null, 2)}\n`);

const m = manifest!;
const pick = (status: string) => m.badges.find((b) => b.status === status);
const valid = m.badges.find((b) => b.status === "valid" && b.hostedUrlWithKey);
const revokedBadge = pick("revoked");
const expiredBadge = pick("expired");
const merkleBadge = m.badges.find((b) => b.batchId);
const pad = (text: string) => text.padEnd(10);
console.log(`
Chancery is running.
  ${pad("App")}${skipApp ? "(not started)" : `${APP_URL}   (issuer console /issue, learner pages /learner/<address>, verifier /verify)`}
  ${pad("Gateway")}${GATEWAY_URL}   (GET /healthz, Open Badges 2.0 and 3.0 documents)
  ${pad("Mail")}${realSmtp ? `(award e-mails through ${process.env.SMTP_URL ? "SMTP_URL" : process.env.SMTP_HOST})` : `${MAIL_URL}   (web inbox of the award e-mails the gateway sends; SMTP ${HOST}:${MAIL_SMTP_PORT})`}
  ${pad("Indexer")}${skipIndexer ? "(not started: lists read from the chain)" : `${INDEXER_URL}   (lists at /lists/…, lookups at /graphql; verdicts still from the registry)`}
  ${pad("Chain")}${RPC_URL} (chain id ${chainId}), BadgeRegistry ${registry!.address}

Demo: ${m.issuers[0]!.name} (issuer #${m.issuers[0]!.issuerId}, accredited), ${m.classes.length} badge classes, ${m.badges.length} badges (${summarize(m)}).
  Hosted OB 2.0 assertion   ${valid?.hostedUrl}
  …with its key (complete)  ${valid?.hostedUrlWithKey}
  Share link (opens in app) ${valid?.shareLink}
  Revoked (HTTP 410)        ${revokedBadge?.hostedUrl}
  Expired                   ${expiredBadge?.shareLink}
  In a Merkle batch         ${merkleBadge?.hostedUrl}
  Baked badges              ${relative(ROOT, join(DEMO_DIR, "badges"))}/ (one PNG and one signed OB 3.0 JSON per badge)
  Manifest                  ${relative(ROOT, manifestPath)}

Demo accounts (Hardhat's public test keys, mnemonic "test test test test test test test test test test test junk" — local use only):
${m.accounts.map((a) => `  ${a.address}  ${a.privateKey}  ${a.role}`).join("\n")}

Try:  curl ${valid?.hostedUrl}
      npm run chancery -- verify ${(valid ?? m.badges[0]!).files.png}
Press Ctrl-C to stop everything.`);
