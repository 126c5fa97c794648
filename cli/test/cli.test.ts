// The `chancery verify` command on a badge issued on a real local node: the trust root (--trust),
// the issuer's standing (--require-accredited), and a JSON report whatever happens (--json).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { anchorBadge, prepareBadge } from "@chancery/sdk/award";
import { bakePng } from "@chancery/sdk/baking";
import { accreditIssuer, revokeBadge, type WriteContext } from "@chancery/sdk/chain";
import { startTestChain, type TestChain } from "@chancery/testing/chain";
import { setUpIssuer } from "@chancery/testing/issuer";
import { concat, idat, iend, ihdr, SIGNATURE } from "@chancery/testing/png";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), "..", "bin", "chancery.mjs");
let chain: TestChain;
let dir: string;
let badgeFile: string;
let uid: `0x${string}`;
let admin: WriteContext;
let issuerId: number;
let trust: string;

type Run = { code: number | null; out: string; err: string; ms: number };

/** The real command in a child process (async, so a silent server in this process can still accept). */
function chancery(...args: string[]): Promise<Run> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, CHANCERY_RPC_URL: "" } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => done({ code, out, err, ms: Date.now() - started }));
  });
}

/** The --json output: exactly one JSON document on stdout. */
const json = (run: Run) =>
  JSON.parse(run.out) as { verdict: string; steps: { id: string; status: string; message: string }[] } & Record<string, any>;

beforeAll(async () => {
  chain = await startTestChain();
  trust = `${chain.chainId}:${chain.registry}`;
  dir = mkdtempSync(join(tmpdir(), "chancery-cli-"));
  const issuer = await setUpIssuer(chain, { name: "Institut CLI", className: "Shell Basics" });
  admin = issuer.admin;
  issuerId = issuer.issuerId;
  const badge = await prepareBadge(issuer.award({ recipient: { email: "linus@example.org" } }), issuer.signingKey);
  await anchorBadge(admin, badge, { classId: issuer.classId });
  uid = badge.uid;
  badgeFile = join(dir, "badge.png");
  writeFileSync(badgeFile, bakePng(concat(SIGNATURE, ihdr(), idat(), iend()), JSON.stringify(badge.credential), "ob3"));
}, 120_000);

afterAll(async () => {
  await chain?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("chancery verify: trust root and issuer standing", () => {
  it("says untrusted-registry (exit 1) for a registry it does not know, naming it and how to trust it", async () => {
    // The test chain's registry is no exported deployment: without --trust it is just a contract someone deployed.
    const human = await chancery("verify", badgeFile, "--rpc", chain.rpcUrl);
    expect(human.code).toBe(1);
    expect(human.out).toMatch(/^untrusted-registry: UNTRUSTED REGISTRY/m);
    expect(human.out).toContain(`--trust ${chain.chainId}:${chain.registry}`);
    const report = json(await chancery("verify", badgeFile, "--rpc", chain.rpcUrl, "--json"));
    expect(report.verdict).toBe("untrusted-registry");
    expect(report.issuer).toBeUndefined();
  });

  it("trusts a registry given with --trust: valid (exit 0), answered by that registry, issuer self-declared in words", async () => {
    const valid = await chancery("verify", badgeFile, "--rpc", chain.rpcUrl, "--trust", trust);
    expect(valid.code).toBe(0);
    for (const step of ["parse", "format", "proof", "anchor", "issuer", "status", "validity", "recipient"])
      expect(valid.out).toMatch(new RegExp(`^. ${step}`, "m"));
    expect(valid.out).toMatch(/^valid: VALID/m);
    expect(valid.out).toContain(`answered by registry ${chain.registry} on chain ${chain.chainId} (trusted by you with --trust)`);
    expect(valid.out).toMatch(new RegExp(`issuer #${issuerId} “Institut CLI”: self-declared — no authority vouches for this issuer`));
    const report = json(await chancery("verify", badgeFile, "--rpc", chain.rpcUrl, "--trust", trust, "--json"));
    expect(report.trust).toMatchObject({ chainId: chain.chainId, registry: chain.registry, source: "user" });
    expect(report.issuer).toMatchObject({ id: issuerId, standing: "self-declared" });
  });

  it("--require-accredited refuses a self-declared issuer (exit 1) and accepts it once accredited", async () => {
    const refused = await chancery("verify", badgeFile, "--rpc", chain.rpcUrl, "--trust", trust, "--require-accredited");
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/^Refused by --require-accredited: the issuer is self-declared/m);

    const authority: WriteContext = { ...admin, wallet: chain.wallets[0] };
    await accreditIssuer(authority, issuerId, "Institut CLI");
    const accepted = await chancery("verify", badgeFile, "--rpc", chain.rpcUrl, "--trust", trust, "--require-accredited");
    expect(accepted.code).toBe(0);
    expect(accepted.out).toMatch(/issuer #\d+ “Institut CLI”: accredited by the registry authority/);

    // Another wallet registers under the same name on the same registry: flagged, and refused by --require-accredited.
    const impostor = await setUpIssuer(chain, { walletIndex: 2, name: "Institut CLI", className: "Shell Basics" });
    const copy = await prepareBadge(impostor.award({ recipient: { email: "mallory@example.org" } }), impostor.signingKey);
    await anchorBadge(impostor.admin, copy, { classId: impostor.classId });
    const impostorFile = join(dir, "impostor.png");
    writeFileSync(impostorFile, bakePng(concat(SIGNATURE, ihdr(), idat(), iend()), JSON.stringify(copy.credential), "ob3"));
    const flagged = await chancery("verify", impostorFile, "--rpc", chain.rpcUrl, "--trust", trust, "--require-accredited");
    expect(flagged.code).toBe(1);
    expect(flagged.out).toContain(`! Another, accredited issuer uses this name: #${issuerId} “Institut CLI”`);
    const report = json(await chancery("verify", impostorFile, "--rpc", chain.rpcUrl, "--trust", trust, "--json"));
    expect(report.issuer).toMatchObject({ id: impostor.issuerId, standing: "self-declared", sameNameAs: { id: issuerId } });
  });

  it("exits 1 with the reason once revoked, and the JSON report says revoked", async () => {
    await revokeBadge(admin, { uid, reason: "Duplicate of an earlier award", code: "issued-in-error" });
    const revoked = await chancery("verify", badgeFile, "--rpc", chain.rpcUrl, "--trust", trust);
    expect(revoked.code).toBe(1);
    expect(revoked.out).toMatch(/✗ status .*Duplicate of an earlier award/);
    expect(revoked.out).toMatch(/^revoked: REVOKED/m);
    const report = json(await chancery("verify", badgeFile, "--rpc", chain.rpcUrl, "--trust", trust, "--json"));
    expect(report.verdict).toBe("revoked");
    expect(report.anchor.uid).toBe(uid);
  });
});

describe("chancery verify --json: always a report", () => {
  it("an RPC that is down: verdict error, exit 2", async () => {
    const human = await chancery("verify", badgeFile, "--rpc", "http://127.0.0.1:9", "--trust", trust);
    expect(human.code).toBe(2);
    expect(human.out).toMatch(/^error: COULD NOT CHECK/m);
    const run = await chancery("verify", badgeFile, "--rpc", "http://127.0.0.1:9", "--trust", trust, "--json");
    expect(run.code).toBe(2);
    expect(json(run).verdict).toBe("error");
  });

  it("a file that does not exist: verdict error naming it, exit 2", async () => {
    const missing = join(dir, "missing.png");
    const run = await chancery("verify", missing, "--json");
    expect(run.code).toBe(2);
    expect(json(run)).toMatchObject({
      verdict: "error",
      steps: [{ status: "failed", message: expect.stringContaining(`No file ${missing}`) }],
    });
  });

  it("a wrong option or a malformed --trust or --timeout: verdict error with the reason, exit 64", async () => {
    for (const args of [["--colour"], ["--trust", "31337:0x1234"], ["--trust", "nope"], ["--timeout", "-5"], []]) {
      const run = await chancery("verify", ...(args.length ? [badgeFile, ...args] : []), "--json");
      expect(run.code, args.join(" ")).toBe(64);
      const report = json(run);
      expect(report.verdict).toBe("error");
      expect(report.steps[0]?.message).toMatch(/^Usage: /);
    }
    expect((await chancery("verify", badgeFile, "--trust", "31337:0x1234")).err).toMatch(/is not CHAIN:ADDRESS/);
  });

  it("a document nested 100,000 levels deep: a report, never a crash", async () => {
    const deep = join(dir, "deep.json");
    writeFileSync(deep, `{"@context":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    const run = await chancery("verify", deep, "--rpc", chain.rpcUrl, "--json");
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(["invalid", "error"]).toContain(json(run).verdict);
  });

  it("an RPC that accepts and never answers: --timeout bounds the run, verdict error, exit 2", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => {
      sockets.push(socket); // read nothing, answer nothing
    });
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as { port: number }).port;
    try {
      const run = await chancery("verify", badgeFile, "--rpc", `http://127.0.0.1:${port}`, "--trust", trust, "--timeout", "1000", "--json");
      expect(run.code).toBe(2);
      expect(json(run).verdict).toBe("error");
      expect(run.ms).toBeLessThan(8_000); // node start + sdk load + 1 s budget (+ the CLI's 1.5 s grace at worst)
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it("a loopback host named by the badge is not fetched unless --allow-private-hosts is given", async () => {
    let requests = 0;
    const host = createHttpServer((_req, res) => {
      requests++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ type: "Assertion", id: "urn:uuid:0" }));
    });
    await new Promise<void>((r) => host.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(host.address() as { port: number }).port}/assertions/1`;
    try {
      const refused = await chancery("verify", url, "--rpc", chain.rpcUrl, "--json");
      expect(refused.code).toBe(2);
      expect(json(refused).verdict).toBe("error");
      expect(requests).toBe(0);
      const allowed = await chancery("verify", url, "--rpc", chain.rpcUrl, "--json", "--allow-private-hosts");
      expect(requests).toBeGreaterThan(0);
      expect(allowed.code).not.toBe(0);
      expect(json(allowed).verdict).not.toBe("valid");
    } finally {
      host.close();
    }
  });

  it("usage without --json: the reason and the usage on stderr, exit 64", async () => {
    expect((await chancery()).code).toBe(64);
    expect((await chancery("frobnicate", "x")).err).toMatch(/Unknown command "frobnicate"/);
    const help = await chancery("verify", "--help");
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/64 {2}usage error/);
  });
});
